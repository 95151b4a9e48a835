"""What credit officers do in the chat: notices, the tally status, the bank's files."""
