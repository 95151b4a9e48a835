"""Telegram through python-telegram-bot: updates, delivery for the outbox, the webhook."""
