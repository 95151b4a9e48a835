"""What the bot does, by person: common, borrower, leader, officer. No platform imports."""
