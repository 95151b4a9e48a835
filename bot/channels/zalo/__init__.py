"""The Zalo Bot Platform channel (bot-api.zaloplatforms.com): the HTTP client, updates,
rendering for a platform without buttons, and the outbox delivery. See docs/zalo.md.
"""
