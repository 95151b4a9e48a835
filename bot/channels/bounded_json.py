"""JSON from a network peer, parsed only when its nesting is bounded.

`json.loads` recurses once per level: a body of 100,000 nested brackets raises
RecursionError (a 500, and a stack walk on every such request). The depth is measured first,
outside strings, with a regular expression and a short walk that stops at the first level
over the limit, so the cost is bounded by the body size (already bounded by the caller).
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # a Telegram update nests about 10 levels (a reply's keyboard, a quote)
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


class TooDeep(ValueError):
    """The JSON nests deeper than allowed."""


def depth_within(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether no bracket outside a string opens deeper than `limit`."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub(b'""', body)):
        if match.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return False
        else:
            depth -= 1
    return True


def loads(body: bytes, limit: int = MAX_DEPTH) -> Any:
    """`json.loads`, refusing (TooDeep, a ValueError) what nests deeper than `limit`."""
    if not depth_within(body, limit):
        raise TooDeep(f"JSON nested deeper than {limit}")
    try:
        return json.loads(body)
    except RecursionError as error:  # a smaller stack than expected: still the peer's fault
        raise TooDeep("JSON nested too deep") from error
