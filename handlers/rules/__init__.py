"""The bank rules as plain functions: sessions, quiet hours, tally arithmetic, meeting dates."""
