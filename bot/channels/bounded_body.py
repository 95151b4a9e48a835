"""A webhook request's body, read no further than a limit: a peer that declares or sends
more is refused without the bot holding more than the limit in memory; and the body of a
request whose secret header is right, or the refusal to send back."""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import Response


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


async def checked_body(
    request: Request, header: str, secret: bytes, limit: int
) -> bytes | Response:
    """The body of a request carrying `secret` in `header` (compared in constant time), read
    no further than `limit`; otherwise the response refusing it (403, or 413 when too long)."""
    given = request.headers.get(header, "").encode()
    if not hmac.compare_digest(given, secret):
        return Response(status_code=403)
    body = await body_within(request, limit)
    if body is None:
        return Response(status_code=413)
    return body
