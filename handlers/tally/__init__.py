"""The collection tally (Bảng kê 13/TD): the leader's dialog and the files for the bank."""
