"""An officer's short questions about the bot's own data: as of which date the figures are
("số liệu cập nhật đến ngày mấy rồi"), how to load the bank's new file ("làm sao nạp file
HSTD mới lên"), a follow-up that names only a place ("còn Thạnh Phú thì sao"), a commune's
outstanding loans or savings ("tổng dư nợ xã Đại Tâm", "DN xã ĐT", "TK xã Đại Tâm",
"outstanding portfolio of Dai Tam") and the tallies' file ("xuất file bảng kê", "export the
tallies"). Pure text reading."""

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

# "dư nợ", its officers' abbreviation "DN", and the English words for a commune's loans.
_PORTFOLIO = re.compile(r"\b(?:du no|dn|outstanding|portfolio|loan book|tong no)\b")
# "tiết kiệm", "TK" alone: not "TK&VV" (the group's kind), "tổ TK", nor "số TK" (an account).
_SAVINGS = re.compile(
    r"\b(?:tiet kiem|tien gui|savings|deposits)\b|(?<!\bso )(?<!\bto )\btk\b(?!\s*&|\s*vv)"
)
# Words that make it a place's total: a commune, the officer's area, "tổng" / "total".
_AREA = re.compile(
    r"\b(?:xa|phuong|thi tran|commune|ward|dia ban|area|tong|total|toan bo|portfolio)\b"
)
# A person named ("của bà Lan", "of Mrs Lan"): one household's figure, never a place's.
_PERSON = re.compile(
    r"\b(?:cua|of)\s+(?:ba|ong|co|chu|bac|di|thim|anh|chi|em|ho|mr|mrs|ms|household)\b"
    r"|\b(?:ba|ong|bac|thim|mr|mrs|ms)\s+[a-z]"
)
_NOT_TOTALS = re.compile(r"\b(?:qua han|tre han|no xau|overdue|bang ke|tally|tallies)\b")
_TALLIES = re.compile(r"\b(?:bang ke|bk|tally|tallies|13/?td)\b")
_EXPORT = re.compile(
    r"\b(?:xuat|trich xuat|tai|tai ve|down|download|export|lay file|in ra|file|tep|excel|xlsx|"
    r"csv)\b"
)


def _folded(text: str) -> str:
    return " ".join(fold(text).replace("?", " ").replace(".", " ").replace("!", " ").split())


def names_totals(text: str) -> str | None:
    """ "tổng dư nợ xã Đại Tâm", "DN xã ĐT", "outstanding portfolio of Dai Tam" →
    "portfolio"; "TK xã Đại Tâm", "tổng tiết kiệm địa bàn" → "savings"; a person's figure
    ("dn của bà Lan") → "person"; else None. Only when the text says where (a commune word,
    the area, a total): "dư nợ bao nhiêu" alone is left to the intent model."""
    folded = _folded(text)
    if _NOT_TOTALS.search(folded):
        return None
    kind = (
        "portfolio" if _PORTFOLIO.search(folded) else "savings" if _SAVINGS.search(folded) else None
    )
    if kind is None:
        return None
    if _PERSON.search(folded):
        return "person"
    return kind if _AREA.search(folded) else None


def names_loans_or_savings(text: str) -> str | None:
    """As `names_totals`, without the place said: "portfolio" or "savings" when the words
    name either (the caller knows a commune is named in the text)."""
    folded = _folded(text)
    if _NOT_TOTALS.search(folded) or _PERSON.search(folded):
        return None
    if _PORTFOLIO.search(folded):
        return "portfolio"
    return "savings" if _SAVINGS.search(folded) else None


# "tổ 0192042", "nhóm Ấp 3", a group's code alone: the question may be about one group
_GROUP = re.compile(r"\b(?:to|nhom|group)\s+\S|\b\d{5,10}\b")


def names_a_group(text: str) -> bool:
    """Whether the words may name a group ("DN tổ 0192042", "TK tổ Ấp 3"), not "tổ trưởng"."""
    folded = _folded(text)
    folded = re.sub(r"\bto (?:truong|pho)\b|\btk ?& ?vv\b|\btkvv\b", " ", folded)
    return bool(_GROUP.search(folded))


# The words around a figure asked alone ("DN hiện tại", "tổng dn bao nhiêu", "dư nợ giờ sao
# rồi", "what is the total outstanding now"): how much, now, show me; nothing else asked.
_FIGURE_WORDS = re.compile(
    r"\b(?:du no|dn|tong no|outstanding|portfolio|loan book|tiet kiem|tien gui|tk|savings|"
    r"deposits)\b"
)
_AROUND_A_FIGURE_WORDS = """
    tong bao nhieu nhieu hien tai hien gio bay gio gio hom nay nay thang nay con la duoc
    sao roi the nao ra sao xem coi cho biet hoi minh toi tui em anh chi a ah vay z nhe nha oi
    cua tat ca het chung ca luon dang dia ban khoan vay
    what whats is the total current now today my all show me how much please pls our in of
"""
_AROUND_A_FIGURE = frozenset(_AROUND_A_FIGURE_WORDS.split())


def names_a_figure_alone(text: str) -> str | None:
    """ "DN hiện tại", "tổng dn", "dn bao nhiêu", "tiết kiệm bao nhiêu rồi" (the figure, no
    place, nothing else asked) → "portfolio" or "savings"; else None. An officer asking so
    means their whole area."""
    folded = _folded(text)
    kind = names_loans_or_savings(text)
    if kind is None:
        return None
    rest = _FIGURE_WORDS.sub(" ", folded).split()
    return kind if len(rest) <= 6 and all(word in _AROUND_A_FIGURE for word in rest) else None


def asks_to_export_tallies(text: str) -> bool:
    """ "xuất file bảng kê tháng này", "tải bảng kê", "export the tallies"."""
    folded = _folded(text)
    return bool(_TALLIES.search(folded) and _EXPORT.search(folded))


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
