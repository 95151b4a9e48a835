"""A leader correcting a line of the tally ("sửa lại: bà Kim Lan lãi 112k gửi 200k", "đổi 6
vắng", "sua Thach Son lai 100k"): the correction word comes off, so the rest is read like any
line; and a line that names no member of the group is answered with why it was not applied
("no member called Hoa"), never dropped."""

from __future__ import annotations

import re
import unicodedata

from bot.nlu import extract_amounts, tally_text
from handlers.messages import Reply
from handlers.tally.members import TALLY_TITLES
from locales.i18n import _
from locales.textfold import fold

# "sửa", "sửa lại", "sửa thành", "đổi lại", "chỉnh lại", "cập nhật", with ":" or "," after
# "à nhầm,", "nhầm rồi," (a slip owned up to) before the member's line: a correction too
_CORRECTING = re.compile(
    r"^(?:(?:(?:a|o|u|ui|e)\s+)?(?:thoi\s+)?(?:sua|doi|chinh|cap nhat|ghi lai|edit)"
    r"(?:\s+(?:lai|thanh|la|cho))?"
    r"|(?:(?:a|o|ay|ui|u|e)\s+)?(?:nham|lon)(?:\s+roi)?"
    r"|(?:oops|sorry)(?:[\s,]+i\s+meant)?|i\s+meant)(?=$|[\s:,.\-])[\s:,.\-]*"
)
# Where what a member paid begins: a field word or a state ("lãi", "gửi", "vắng", "đủ"),
# or "chỉ đóng" ("Bui Hoa chi dong tiet kiem 100k": the name is "Bui Hoa")
_PAYMENT = re.compile(
    r"\b(?:interest|savings|absent|paid|principal|"  # in English
    r"chi (?:dong|nop|gui|dua|tra)|tien lai|lai|tiet kiem|tien gui|gui|tk|tra goc|"
    r"thu goc|goc|vang|du|nop du|"
    r"khong nop|chua nop|khong dong|chua dong)\b"
)
_NOT_A_NAME = frozenset(
    {"da", "nop", "dong", "thu", "co", "con", "thi", "la", "duoc", "roi", "moi", "voi", "tien"}
    | {"khong", "ko", "k", "kh", "hong", "hok", "chua", "a", "o", "u", "ui", "ay", "e"}
)
_MAX_NAME_WORDS = 4


# "không, 7 nộp đủ", "ko phải, số 7 lãi 20 gửi 200", "à khoan, số 2 có đi": a no (or a
# "wait") before a line sets it right
_NO_THEN_LINE = re.compile(  # "không, 7 nộp đủ", "à không, số 9 …" (a slip owned up to)
    r"^(?:(?:a|o|ay|ui|u|e)\s+)?(?:(?:(?:khong|ko|k|kh|hong|hk) (?:phai|dung)|chua dung|sai roi"
    r"|khoan(?: da)?)(?=$|[\s:,.\-])"
    r"|(?:khong|ko|k|hong|no|nope)(?=\s*[:,.\-]))[\s:,.\-]*"
)


def strip_no(text: str) -> tuple[str, bool]:
    """The text without a no that opens it before a line ("không, 7 nộp đủ"), and whether
    there was one: a correction, never a cancel."""
    found = _NO_THEN_LINE.match(fold(text))
    if found is None:
        return text, False
    words = len(re.findall(r"[a-z]+", found.group(0)))
    text = unicodedata.normalize("NFC", text)
    rest = re.sub(rf"^\s*(?:\w+[\s:,.\-]*){{{words}}}", "", text, count=1)
    return rest.strip(), bool(rest.strip())


def strip(text: str) -> tuple[str, bool]:
    """The text without its correction word, and whether there was one. "đợi" folds like
    "đổi": alone it is not taken for one."""
    found = _CORRECTING.match(fold(text))
    if found is None or fold(text) == "doi":
        return text, False
    words = len(re.findall(r"[a-z]+", found.group(0)))
    text = unicodedata.normalize("NFC", text)
    rest = re.sub(rf"^\s*(?:\w+[\s:,.\-]*){{{words}}}", "", text, count=1)
    return rest.strip(), True


def _unknown_name(text: str, correcting: bool) -> str | None:
    """The would-be name before a payment that names nobody ("Hoa" in "bà Hoa lãi 100k"),
    as typed; None when the text does not read as a tally line."""
    words = text.replace(",", " ").replace(":", " ").split()
    if len(words) > 1 and fold(words[0]) in TALLY_TITLES:
        words = words[1:]
    rest = fold(" ".join(words))
    start = _PAYMENT.search(rest)
    if start is None and correcting:
        start = re.search(r"\d", rest)
    if start is None or start.start() == 0:
        return None
    named = rest[: start.start()].split()
    if len(named) > _MAX_NAME_WORDS or all(word in _NOT_A_NAME for word in named):
        return None
    try:
        tally_text.parse_answer(rest[start.start() :])
    except tally_text.OverCap:
        pass  # still a tally line: the amount is refused once the member is known
    except tally_text.NotUnderstood:
        return None
    return " ".join(words[: len(named)])


def not_applied(text: str, correcting: bool) -> list[Reply] | None:
    """Why a line that names no member of the group was not applied; None when the text is
    not a tally line (then the router answers it as usual)."""
    name = _unknown_name(text, correcting)
    if name is not None:
        why = _("There is no member called “{name}” in your group, so nothing was noted.").format(
            name=name
        )
    elif correcting and (_PAYMENT.search(fold(text)) or re.search(r"\d", text)):
        why = _("I could not tell which member to correct, so nothing was noted.")
    else:
        return None
    return [
        Reply(
            why
            + " "
            + _(
                'Type the member\'s number (see "sửa" for the list) and what they paid, '
                'e.g. "{example}".'
            ).format(example=_("2 interest 100k savings 50k"))
        )
    ]


def stranger(text: str) -> list[Reply] | None:
    """Why nothing was noted for a line naming, with a title, someone not in the group ("bà
    Sa Ri lãi 200k") while one member's amount is asked: it is never that member's answer.
    None when the would-be name is part of the amount ("ba chục lãi" is 30.000 đ)."""
    words = text.replace(",", " ").replace(":", " ").split()
    if len(words) < 2 or fold(words[0]) not in TALLY_TITLES:
        return None
    name = _unknown_name(text, False)
    if name is None:
        return None
    after = " ".join(words[1 + len(name.split()) :])
    if extract_amounts(text) != extract_amounts(after):  # the name adds an amount
        return None
    return not_applied(text, False)
