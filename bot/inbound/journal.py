"""Replies as JSON, so the answer to a webhook update can be kept with the changes it made
(storage/inbox.py) and sent again after a crash, exactly as it was first composed."""

from __future__ import annotations

import base64
import json
from typing import Any

from handlers.messages import Button, OutFile, Reply


def encode(replies: list[Reply]) -> str:
    return json.dumps([_reply(r) for r in replies], ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> list[Reply]:
    return [_from(item) for item in json.loads(text)]


def _reply(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "buttons": [[[b.label, b.data] for b in row] for row in reply.buttons],
        "menu": reply.menu,
        "show_menu": reply.show_menu,
        "request_phone": reply.request_phone,
        "document": None
        if reply.document is None
        else [reply.document.name, base64.b64encode(reply.document.content).decode()],
        "remove_menu": reply.remove_menu,
        "reads_numbers": reply.reads_numbers,
    }


def _from(item: dict[str, Any]) -> Reply:
    document = item.get("document")
    return Reply(
        text=item["text"],
        buttons=[[Button(label, data) for label, data in row] for row in item["buttons"]],
        menu=item.get("menu"),
        show_menu=bool(item.get("show_menu")),
        request_phone=item.get("request_phone"),
        document=None if document is None else OutFile(document[0], base64.b64decode(document[1])),
        remove_menu=bool(item.get("remove_menu")),
        reads_numbers=bool(item.get("reads_numbers")),
    )
