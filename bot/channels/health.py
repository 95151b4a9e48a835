"""`GET /healthz` for `serve`: the process is up and the database answers (200), or not (503).

One route for every channel: the Telegram webhook app carries it, and `serve` without
Telegram (Zalo only) serves it alone.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)


def health_route(engine: AsyncEngine) -> Route:
    async def healthz(request: Request) -> Response:
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unavailable")
            return JSONResponse({"ok": False}, status_code=503)
        return JSONResponse({"ok": True})

    return Route("/healthz", healthz, methods=["GET"])
