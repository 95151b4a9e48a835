"""An officer's correction typed at a notice's preview: "sửa lại 8g chứ không phải 7g30",
"không phải 7g30 mà là 8g", "sửa 7g30 thành 8g" replace the words named in the draft; "sửa
lại", "viết lại nội dung" with nothing to replace ask for the new text (the draft is kept).
Pure text reading, compared folded (without diacritics), the draft's own spelling kept
elsewhere."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from locales.textfold import fold

_LEAD = re.compile(
    r"^(?:(?:a|a thoi|thoi|khoan|khoan da|da|oi|chet|nham|nham roi|lon|lon roi|xin loi|sorry|"
    r"em|anh|chi|sai|sai roi|ghi sai|viet sai|go sai|sua lai|sua|doi lai|doi|ghi lai|"
    r"viet lai|go lai)\b[\s,.!:;-]*)+"
)
_PAIRS = (
    # "8g chứ không phải 7g30", "8g chứ ko phải là 7g30"
    re.compile(
        r"^(?P<new>.+?)\s+(?:chu|chu khong phai|chu ko phai)?\s*(?:khong|ko|k|hong)\s+phai"
        r"(?:\s+la)?\s+(?P<old>.+)$"
    ),
    # "không phải 7g30 mà là 8g"
    re.compile(
        r"^(?:khong|ko|k|hong)\s+phai(?:\s+la)?\s+(?P<old>.+?)\s+ma(?:\s+la)?\s+(?P<new>.+)$"
    ),
    # "7g30 thành 8g", "7g30 -> 8g", "thay 7g30 bằng 8g"
    re.compile(r"^(?:thay\s+)?(?P<old>.+?)\s+(?:thanh|->|=>|bang)\s+(?P<new>.+)$"),
)
_ASKS_NEW = re.compile(
    r"\b(?:sua|sua lai|viet lai|ghi lai|go lai|doi noi dung|sai roi|nham roi|lon roi)\b"
)
_PARTICLES = re.compile(
    r"(?:\s+(?:nhe|nha|nhen|a|nghe|di|do|ne|thoi|giup|giup em|giup chi|giup anh|giup toi|dum|"
    r"dum em|ho|ho em|voi))+$"
)


@dataclass(frozen=True)
class Edit:
    """The corrected text, or None: ask for the new text (nothing to replace was found)."""

    text: str | None


def _same_length_fold(text: str) -> tuple[str, str]:
    nfc = unicodedata.normalize("NFC", text)
    return nfc, "".join((fold(ch) or " ")[:1] for ch in nfc)


def _trimmed(original: str, folded: str, start: int, end: int) -> tuple[str, str]:
    """The part [start:end] as typed and folded, without particles and punctuation around."""
    part_folded = folded[start:end]
    tail = _PARTICLES.search(part_folded)
    if tail is not None:
        end = start + tail.start()
    part, part_folded = original[start:end], folded[start:end]
    left = len(part_folded) - len(part_folded.lstrip(" ,.;:!\"'“”"))
    right = len(part_folded.rstrip(" ,.;:!?\"'“”"))
    return part[left:right], part_folded[left:right]


def correction(draft: str, said: str) -> Edit | None:
    """What `said` does to the notice `draft` (see the module); None: it is no correction."""
    original, folded = _same_length_fold(said)
    lead = _LEAD.match(folded)
    start = lead.end() if lead is not None else 0
    body = folded[start:]
    several = _several_pairs(draft, original, folded, start)
    if several is not None:  # "đổi ngày 17/12 thành 18/12, thứ 5 thành thứ 6": each pair
        return Edit(several)
    for index, pattern in enumerate(_PAIRS):
        found = pattern.match(body)
        if found is None or (index == 2 and lead is None and not body.startswith("thay ")):
            continue
        new, _new_folded = _trimmed(
            original, folded, start + found.start("new"), start + found.end("new")
        )
        _old, old_folded = _trimmed(
            original, folded, start + found.start("old"), start + found.end("old")
        )
        if not new or not old_folded:
            continue
        if old_folded in _WHEN_KINDS:  # "đổi ngày thành thứ Sáu 18/12": the draft's when
            return Edit(_new_when(draft, new, _new_folded))
        new = _when_alone(old_folded, new, _new_folded)  # "giờ là 8h00 chứ không phải 7h30"
        replaced = _replace(draft, _without_kept_word(old_folded, _new_folded), new)
        return Edit(replaced)
    if lead is not None and body:
        moved = _new_when(draft, original[start:], body)
        if moved is not None:  # "sửa lại ngày 17/12 lúc 7g30": the draft's date and time
            return Edit(moved)
    if _ASKS_NEW.search(folded):
        return Edit(None)
    return None


_KEPT_WORDS = ("ngay ", "luc ", "vao ", "tai ")


def _without_kept_word(old_folded: str, new_folded: str) -> str:
    """ "ngày 18/12" set to "19/12": only the figure changes, "ngày" stays."""
    for word in _KEPT_WORDS:
        if old_folded.startswith(word) and not new_folded.startswith(word):
            return old_folded[len(word) :]
    return old_folded


def _several_pairs(draft: str, original: str, folded: str, start: int) -> str | None:
    """The draft with each "old thành new" pair of a line of several (split at commas and
    semicolons) applied in turn; None unless there are two or more and each applies."""
    pieces = [m for m in re.finditer(r"[^,;]+", folded[start:]) if m.group(0).strip()]
    if len(pieces) < 2:
        return None
    text = draft
    for piece in pieces:
        found = _PAIRS[2].match(piece.group(0).strip())
        if found is None:
            return None
        at = start + piece.start() + len(piece.group(0)) - len(piece.group(0).lstrip())
        new, _new_folded = _trimmed(
            original, folded, at + found.start("new"), at + found.end("new")
        )
        _old, old_folded = _trimmed(
            original, folded, at + found.start("old"), at + found.end("old")
        )
        old_folded = _without_kept_word(old_folded, _new_folded)
        replaced = _replace(text, old_folded, new) if new and old_folded else None
        if replaced is None:
            return None
        text = replaced
    return text


# When a notice says it happens: a time ("7g30", "8h", "14 giờ", "7:30"), a date ("17/12"),
# a weekday ("thứ 5", "chủ nhật"); compared folded.
_WHEN = (
    re.compile(
        r"(?<![\w/:])\d{1,2}\s*(?:g|h|gio)(?:\s*\d{1,2})?(?:p|phut)?(?![\w/])|(?<![\w:])\d{1,2}:\d{2}(?!\w)"
    ),
    re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/])"),
    re.compile(r"\bthu\s+(?:[2-7]|hai|ba|tu|nam|sau|bay)\b|\bchu\s+nhat\b"),
)


_WHEN_KINDS = {"ngay", "gio", "thoi gian", "lich", "ngay gio", "gio giac", "thu"}


def _when_alone(old_folded: str, new: str, new_folded: str) -> str:
    """The new time, date or weekday alone when the old one is one ("giờ là 8h00" for
    "7h30" gives "8h00"); otherwise `new` as said."""
    for pattern in _WHEN:
        if pattern.fullmatch(old_folded):
            found = list(pattern.finditer(new_folded))
            if len(found) == 1:
                return new[found[0].start() : found[0].end()]
    return new


def _new_when(draft: str, said: str, said_folded: str) -> str | None:
    """The draft with its time, date or weekday replaced by the ones `said` names ("ngày
    17/12 lúc 7g30"); None unless each one said replaces the one of its kind in the draft,
    and the line says nothing else but when."""
    text, folded = _same_length_fold(draft)
    said, said_folded = _same_length_fold(said)
    spans: list[tuple[int, int, str]] = []
    rest = said_folded
    for pattern in _WHEN:
        found = list(pattern.finditer(said_folded))
        if not found:
            continue
        in_draft = list(pattern.finditer(folded))
        if len(found) != 1 or len(in_draft) != 1:
            return None
        spans.append((*in_draft[0].span(), said[found[0].start() : found[0].end()]))
        rest = rest.replace(found[0].group(0), " ")
    if not spans or set(rest.split()) - _WHEN_WORDS:
        return None
    out, at = [], 0
    for begin, end, new in sorted(spans):
        out += [text[at:begin], new]
        at = end
    out.append(text[at:])
    return "".join(out)


_WHEN_WORDS = {
    "ngay",
    "luc",
    "vao",
    "la",
    "thanh",
    "nhe",
    "nha",
    "a",
    "di",
    ",",
    ".",
    "gio",
    "sang",
}
_WHEN_WORDS |= {"chieu", "toi", "trua", "hom", "buoi", "cho", "ve"}


_EDIT_WORDS = re.compile(
    r"^(?:(?:a|a thoi|thoi|khoan|khoan da|oi|chet|nham|xin loi|sorry|em|anh|chi)\b[\s,.!:;-]*)*"
    r"(?:sua|sua lai|viet lai|ghi lai|go lai|doi lai|ghi sai|viet sai|go sai)\b|"
    r"\bchu (?:khong|ko|k|hong) phai\b|^(?:khong|ko|k|hong) phai .+ ma (?:la )?\S"
)


def asks_to_edit(said: str) -> bool:
    """ "sửa lại 14h chứ không phải 8h", "8h chứ không phải 7h", "viết lại nội dung": a
    correction of a notice, whether or not one is open to correct."""
    return bool(_EDIT_WORDS.search(fold(said).strip()))


def _replace(draft: str, old_folded: str, new: str) -> str | None:
    """The draft with every `old` (folded, whole words) replaced by `new`; None: not in it."""
    text, folded = _same_length_fold(draft)
    spans = [m.span() for m in re.finditer(rf"(?<![\w]){re.escape(old_folded)}(?![\w])", folded)]
    if not spans:
        return None
    out, at = [], 0
    for begin, end in spans:
        out += [text[at:begin], new]
        at = end
    out.append(text[at:])
    return "".join(out)
