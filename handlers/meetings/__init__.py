"""Group meetings: the leader's dialog and what members are told."""
