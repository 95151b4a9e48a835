"""Chat channels other than Telegram, one package each."""
