"""Folding Vietnamese text for matching: NFC, lower case, đ→d, no diacritics, single spaces."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def strip_diacritics(text: str) -> str:
    """`Dư nợ Đức` → `Du no Duc` (keeps case)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`"Dư nợ\\n  trong hạn"` → `"du no trong han"`: the form used to compare names."""
    return _SPACES.sub(" ", strip_diacritics(unicodedata.normalize("NFC", text)).lower()).strip()
