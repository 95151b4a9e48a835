"""Logging set-up: no token, phone, ID number or balance ever reaches the logs.

httpx logs every request URL at INFO, and the Bot API URL contains the token, so it (and
httpcore) are raised to WARNING. Our own log lines name kinds of events, never people.
"""

from __future__ import annotations

import logging


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
