"""The outbound side: the outbox sender, the reminder scheduler and plan, broadcast progress."""
