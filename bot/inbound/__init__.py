"""The inbound side: picking the handler for one message, and the per-chat flood limit."""
