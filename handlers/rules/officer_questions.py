"""An officer's short questions about the bot's own data: as of which date the figures are
("số liệu cập nhật đến ngày mấy rồi"), how to load the bank's new file ("làm sao nạp file
HSTD mới lên"), and a follow-up that names only a place ("còn Thạnh Phú thì sao"). Pure
text reading."""

from __future__ import annotations

import re

from locales.textfold import fold

_DATA = re.compile(r"\b(?:so lieu|du lieu|data|hstd|file)\b")
_WHEN = re.compile(
    r"\b(?:(?:den|toi|tinh den) ngay (?:nao|may|bao nhieu)|ngay (?:nao|may)|bao gio|khi nao|"
    r"luc nao|hom nao|moi nhat chua|cap nhat chua|cu chua|as of|up to date|how old)\b"
)
_LOAD = re.compile(r"\b(?:nap|tai|gui|up|upload|import|dua|day|cap nhat|load|nhap)\b")
_FILE = re.compile(r"\b(?:file|tep|hstd|excel|xlsx|csv|so lieu|du lieu)\b")
_HOW = re.compile(r"\b(?:lam sao|lam the nao|the nao|cach|huong dan|how|o dau|bang cach nao)\b")
_FOLLOW_UP = re.compile(
    r"^(?:(?:the |vay |con )+)(?P<place>.+?)(?:\s+(?:thi sao|thi the nao|thi|sao|nua|ra sao))*"
    r"(?:\s+(?:a|nhi|vay|z|the))*$"
    r"|^(?P<alone>.+?)\s+(?:thi sao|thi the nao|thi ra sao)(?:\s+(?:a|nhi|vay|z|the))*$"
)
_NOT_A_PLACE = re.compile(r"\b(?:bao nhieu|may|ai|gi|nao|chua|khong|ko)\b")
MAX_PLACE_WORDS = 6


def _folded(text: str) -> str:
    return " ".join(fold(text).replace("?", " ").replace(".", " ").replace("!", " ").split())


def asks_data_date(text: str) -> bool:
    """ "số liệu cập nhật đến ngày mấy rồi", "dữ liệu mới nhất chưa"."""
    folded = _folded(text)
    return bool(_DATA.search(folded) and _WHEN.search(folded))


def asks_how_to_load(text: str) -> bool:
    """ "làm sao nạp file HSTD mới lên", "cách tải số liệu lên"."""
    folded = _folded(text)
    return bool(_LOAD.search(folded) and _FILE.search(folded) and _HOW.search(folded))


def follow_up_place(text: str) -> str | None:
    """The place a follow-up names ("còn Thạnh Phú thì sao" → "thanh phu", folded), or
    None when the text is no such follow-up."""
    found = _FOLLOW_UP.match(_folded(text))
    if found is None:
        return None
    place = found.group("place") or found.group("alone") or ""
    if not place or _NOT_A_PLACE.search(place) or len(place.split()) > MAX_PLACE_WORDS:
        return None
    return place
