"""Whether a leader's words ask to look at the tally already submitted ("cho xem bảng kê đã
nộp", "coi lại bảng kê vừa nộp", "bảng kê nộp rồi đâu", "show the submitted tally"), as
against filling in a new version ("sửa bảng kê", "nộp lại bảng kê"). Pure text reading."""

from __future__ import annotations

import re

from locales.textfold import fold

_SUBMITTED = re.compile(
    r"\b(?:(?:da|vua|moi|luc nay|hom qua)\s+(?:nop|gui)|nop\s+roi|gui\s+roi|submitted|sent"
    r"|(?:bang ke|bk)\s+(?:da\s+)?(?:nop|gui)(?:\s+xong)?\s+chua)\b"
)
_LOOK = re.compile(r"\b(?:xem|coi|kiem tra|check|show|see|view|look|doc|in ra)\b")
_CHANGE = re.compile(
    r"\b(?:sua|doi|chinh|lam lai|nop lai|gui lai|phien ban moi|ban moi|edit|change|correct"
    r"|resubmit|new version)\b"
)

# Asked whether it went in: "bảng kê nộp rồi phải ko", "đã nộp chưa vậy", "nộp rồi hả em"
_ASKED = re.compile(
    r"(?:\?|\b(?:chua|dau|nao|(?:phai|dung)\s+(?:khong|ko|k|hong|hok|hem|kg|chua)"
    r"|ha|ho|hen|hong|nhi|a|ah|khong|ko|k|hok|chu|vay|the|ne|right|yet))"
    r"(?:\s+(?:em|chi|anh|ban|ad|vay|a|ha|nhi|the|co|bac|chau|con))*\s*\??\s*$"
)


def asks_to_see_submitted(text: str) -> bool:
    """The words ask to see the submitted tally, and to change nothing."""
    folded = fold(text)
    if _CHANGE.search(folded) or not _SUBMITTED.search(folded):
        return False
    return bool(_LOOK.search(folded)) or _ASKED.search(folded) is not None


# Earlier today or yesterday: "hồi nãy", "lúc nãy", "vừa rồi", "hôm qua"
_EARLIER = re.compile(
    r"\b(?:hoi nay|luc nay|ban nay|khi nay|vua roi|vua moi|vua|hoi sang|hoi chieu|sang nay"
    r"|chieu nay|toi qua|hom qua|da)\s+(?:\w+\s+){0,3}?(?:nop|gui)\b"
)
_HOW_MUCH = re.compile(r"\b(?:bao nhieu|bn|bnhieu|may tien|het bao nhieu|how much)\b")


def asks_what_was_submitted(text: str) -> bool:
    """A leader asking how much went in earlier ("hồi nãy nộp bao nhiêu", "lúc nãy tổ mình
    gửi hết bao nhiêu tiền"): the tally submitted, as against their own loan."""
    folded = fold(text)
    if _CHANGE.search(folded):
        return False
    return asks_to_see_submitted(text) or (
        _EARLIER.search(folded) is not None and _HOW_MUCH.search(folded) is not None
    )
