"""A webhook request's body, read no further than a limit: a peer that declares or sends
more is refused without the bot holding more than the limit in memory."""

from __future__ import annotations

from starlette.requests import Request


async def body_within(request: Request, limit: int) -> bytes | None:
    """The request body, read no further than `limit` bytes (None when it is longer)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
