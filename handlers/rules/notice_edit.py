"""An officer's correction typed at a notice's preview: "sửa lại 8g chứ không phải 7g30",
"không phải 7g30 mà là 8g", "sửa 7g30 thành 8g", "sửa chữ "sổ vay vốn" thành "sổ tiết kiệm""
(any quotes, or none) replace the words named in the draft; words not in it are named back
(`Edit.missing`). A short correction naming a place ("sửa lại: nhà văn hóa ấp Tâm Kiên", "đổi
địa điểm thành …") replaces the draft's place (its "tại …" / "ở …" part), or is named back
when the draft has none (`Edit.place`). The same in English: "change 7:30 to 8:00", "replace
X with Y", "make it Friday instead", "Saturday instead of Friday", "it's 9am, not 8am". "sửa
lại", "viết lại nội dung" with nothing to replace ask for the new text (the draft is kept).
"quay lại bản trước", "hoàn tác", "undo" ask for the draft before the last edit
(`asks_to_undo`). Pure text reading, compared folded (without diacritics), the draft's own
spelling kept elsewhere."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
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
    re.compile(r"^(?:thay\s+)?(?P<old>.+?)\s+(?:thanh|->|=>|→|bang)\s+(?P<new>.+)$"),
)
_ASKS_NEW = re.compile(
    r"\b(?:sua|sua lai|viet lai|ghi lai|go lai|doi noi dung|sai roi|nham roi|lon roi)\b"
)
_PARTICLES = re.compile(
    r"(?:\s+(?:nhe|nha|nhen|a|nghe|di|do|ne|thoi|giup|giup em|giup chi|giup anh|giup toi|dum|"
    r"dum em|ho|ho em|voi|please|instead|thanks|thank you|then))+$"
)


@dataclass(frozen=True)
class Edit:
    """The corrected text; or None and why: `missing`, the words to replace (as typed) that
    the draft does not have; `place`, a place named for a draft with no one place ("tại …")
    to put it in; `unclear`, a short correction that says no words, time or place to change;
    none of them: ask for the new text."""

    text: str | None
    missing: str | None = None
    place: str | None = None
    unclear: str | None = None  # a short correction naming no words, place or time: asked


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
    left = len(part_folded) - len(part_folded.lstrip(" ,.;:!" + QUOTES))
    right = len(part_folded.rstrip(" ,.;:!?" + QUOTES))
    return part[left:right], part_folded[left:right]


QUOTES = "\"'“”‘’«»„`"
# "chữ", "từ", "cụm từ", "the word": what names the words to replace, not part of them.
_WORD_NOUN = re.compile(
    r"^(?:chu|tu|cum tu|cau|dong|doan|the words?|words?|the phrase|phrase)\s+(?=\S)"
)


def _bare(part: str, folded: str, *, quoted_only: bool) -> tuple[str, str]:
    """The words without "chữ" / "the word" before them and the quotes around them ("chữ
    "sổ vay vốn"" → "sổ vay vốn"); with `quoted_only`, only when quotes follow the noun."""
    noun = _WORD_NOUN.match(folded)
    if noun is not None and (not quoted_only or folded[noun.end() :][:1] in QUOTES):
        part, folded = part[noun.end() :], folded[noun.end() :]
    left = len(folded) - len(folded.lstrip(" " + QUOTES))
    right = len(folded.rstrip(" " + QUOTES))
    return part[left:right], folded[left:right]


def correction(draft: str, said: str) -> Edit | None:
    """What `said` does to the notice `draft` (see the module); None: it is no correction."""
    original, folded = _same_length_fold(said)
    quoted = _QUOTED.search(folded)
    if quoted is not None and len(folded[: quoted.start()].split()) <= MAX_BEFORE_QUOTES:
        return _pair(draft, original, folded, quoted.span("old"), quoted.span("new"))
    english = _english(draft, original, folded)
    if english is not None:
        return english
    lead = _LEAD.match(folded)
    start = lead.end() if lead is not None else 0
    body = folded[start:]
    several = _several_pairs(draft, original, folded, start)
    if several is not None:  # "đổi ngày 17/12 thành 18/12, thứ 5 thành thứ 6": each pair
        return Edit(several)
    if lead is not None and _EDIT_VERB.search(folded[:start]):
        whole = _new_text(original, folded, start)
        if whole is not None:  # "sửa lại, ghi là: <the notice again>": the new text
            return Edit(whole)
    third = lead is not None or body.startswith("thay ")
    edit = _first_pair(draft, original, folded, start, _PAIRS, third=third)
    if edit is not None:
        return edit
    if lead is not None and body:
        moved = _new_when(draft, original[start:], body)
        if moved is not None:  # "sửa lại ngày 17/12 lúc 7g30": the draft's date and time
            return Edit(moved)
        place = _place_said(original, folded, start)
        if place is not None:  # "sửa lại: nhà văn hóa ấp Tâm Kiên": the draft's place
            return _new_place(draft, place)
        if _EDIT_VERB.search(folded[:start]) and _long_after_colon(original, folded, start):
            return Edit(_trimmed(original, folded, start, len(folded))[0])  # "sửa lại: <new>"
        if _EDIT_VERB.search(folded[:start]) and _says_something(body):
            # "sửa lại: mang theo CCCD": not which words; the draft kept, the officer asked
            return Edit(None, unclear=_trimmed(original, folded, start, len(folded))[0])
    if _ASKS_NEW.search(folded):
        return Edit(None)
    return None


_EDIT_VERB = re.compile(r"\b(?:sua|doi|viet lai|ghi lai|go lai)\b")
# What marks the rest of an edit line as the whole new text: "ghi là:", "viết là:", "nội dung
# mới (là):", "thành:", "như sau:", or the text on a line of its own after "sửa lại".
_NEW_TEXT = re.compile(
    r"^(?:(?:ghi|viet|go|sua|doi)\s+(?:lai\s+)?(?:la|thanh)|"
    r"(?:noi dung|thong bao|tin|cau)(?:\s+moi)?(?:\s+(?:la|thanh|nhu sau))?|"
    r"thanh|la|nhu sau)\s*[:\n]\s*(?=\S)"
)
NEW_TEXT_WORDS = 3  # a new text typed after an edit word says at least this much


def _new_text(original: str, folded: str, start: int) -> str | None:
    """The new text an edit line carries after a mark (`_NEW_TEXT`), as typed; None when it
    carries none."""
    marked = _NEW_TEXT.match(folded[start:])
    if marked is None:
        return None
    at = start + marked.end()
    text, text_folded = original[at:].strip(), folded[at:].strip()
    if len(text_folded.split()) < NEW_TEXT_WORDS:
        return None
    return text


def _long_after_colon(original: str, folded: str, start: int) -> bool:
    """ "sửa lại: <a line longer than any place or time>", or "sửa lại" and the text on the
    next line (no pair, time or place read in it): the notice typed again."""
    words = len(folded[start:].split())
    if "\n" in original[:start]:
        return words >= NEW_TEXT_WORDS
    return ":" in folded[:start] and words > MAX_PLACE_WORDS


# What follows "sửa lại" that says nothing to change: "nội dung", "toàn bộ", "đi", "ý".
_NO_CONTENT = {"noi", "dung", "thong", "bao", "tin", "cau", "chu", "di", "het", "toan", "bo"}
_NO_CONTENT |= {"lai", "nhe", "nha", "a", "giup", "em", "anh", "chi", "y", "voi", "cai", "nay"}
_NO_CONTENT |= {"chut", "xiu", "ti", "mot", "it", "chut xiu", "ty"}  # "sửa lại chút": a bit


def _says_something(body: str) -> bool:
    """A short correction's words name something, not only "nội dung" and particles."""
    words = body.strip(" :,.!-").split()
    return bool(set(words) - _NO_CONTENT) and len(words) <= MAX_PLACE_WORDS


MAX_BEFORE_QUOTES = 3  # "sửa chữ "…" thành "…"": a few words before the quoted ones
_Q = re.escape(QUOTES)
_QUOTED = re.compile(
    rf"[{_Q}]\s*(?P<old>[^{_Q}]+?)\s*[{_Q}]\s*(?:thanh|->|=>|→|bang|with|to|into|by|for)\s+"
    rf"(?:\S+\s+){{0,2}}?[{_Q}]\s*(?P<new>[^{_Q}]+?)\s*[{_Q}]"
)


def _pair(
    draft: str, original: str, folded: str, old_at: tuple[int, int], new_at: tuple[int, int]
) -> Edit | None:
    """The draft with the words at `old_at` in `said` replaced by those at `new_at` (a kind
    of words, "ngày", "địa điểm", names the draft's own); None: no words on either side."""
    new, new_folded = _trimmed(original, folded, *new_at)
    old, old_folded = _trimmed(original, folded, *old_at)
    if not new or not old_folded:
        return None
    old_bare, old_bare_folded = _bare(old, old_folded, quoted_only=False)
    new, new_folded = _bare(new, new_folded, quoted_only=old_bare_folded == old_folded)
    if old_folded in _WHEN_KINDS:  # "đổi ngày thành thứ Sáu 18/12": the draft's when
        moved = _new_when(draft, new, new_folded)
        return Edit(moved) if moved is not None else Edit(None, unclear=new)
    if old_folded in _PLACE_KINDS:  # "đổi địa điểm thành nhà văn hóa": the draft's place
        return _new_place(draft, _without_place_word(new, new_folded))
    if old_folded in _ANY_KIND:  # "change it to Friday", "make it at the school"
        return _when_or_place(draft, new, new_folded)
    if not any(pattern.search(old_folded) for pattern in _WHEN):
        moved = _new_when(draft, new, new_folded)  # "đổi buổi họp thành thứ 6": the when
        if moved is not None and _new_when(draft, old, old_folded) is None:
            return Edit(moved)
    new = _when_alone(old_folded, new, new_folded)  # "giờ là 8h00 chứ không phải 7h30"
    for words in dict.fromkeys((old_folded, old_bare_folded, _without_the(old_bare_folded))):
        replaced = _replace(draft, _without_kept_word(words, new_folded), new)
        if replaced is not None:
            return Edit(replaced)
    return Edit(None, missing=old_bare or old)


def _when_or_place(draft: str, new: str, new_folded: str) -> Edit:
    """ "it" set to `new`: the draft's time, date or weekday when `new` is one, its place
    when `new` names one, else asked back."""
    moved = _new_when(draft, new, new_folded)
    if moved is not None:
        return Edit(moved)
    if _PLACE_SAID.match(new_folded):
        return _new_place(draft, _without_place_word(new, new_folded))
    return Edit(None, unclear=new)


def _without_the(folded: str) -> str:
    return folded[4:] if folded.startswith("the ") else folded


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
        r"(?<![\w/:.])\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|"
        r"(?<![\w/:])\d{1,2}\s*(?:g|h|gio)(?:\s*\d{1,2})?(?:p|phut)?(?![\w/])|(?<![\w:])\d{1,2}:\d{2}(?!\w)"
    ),
    re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/])"),
    re.compile(
        r"\bthu\s+(?:[2-7]|hai|ba|tu|nam|sau|bay)\b|\bchu\s+nhat\b|"
        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    ),
)


_WHEN_KINDS = {"ngay", "gio", "thoi gian", "lich", "ngay gio", "gio giac", "thu"}
_WHEN_KINDS |= {"the time", "time", "the date", "date", "the day", "day", "the hour", "hour"}
_PLACE_KINDS = {"dia diem", "cho hop", "noi hop", "dia chi", "noi to chuc", "cho"}
_PLACE_KINDS |= {"the place", "place", "the venue", "venue", "the location", "location"}
_ANY_KIND = {"it", "that", "this", "the meeting", "the session"}


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
_WHEN_WORDS |= {"on", "at", "it", "to", "the", "instead", "please", "morning", "afternoon"}
_WHEN_WORDS |= {"evening", "make", "move"}


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


# A place named in a short correction: "nhà văn hóa ấp Tâm Kiên", "ở hội trường ấp 3", "tại
# nhà ông Tư", "địa điểm là UBND xã", "at the community hall".
_PLACE_SAID = re.compile(
    r"^[\s:,.-]*(?:(?:dia diem|cho hop|noi hop|noi to chuc|dia chi)\s*(?:la\s+|thanh\s+|:\s*)?)?"
    r"(?:(?:tai|o|at)\s+)?(?P<place>(?:nha van hoa|nvh|hoi truong|uy ban|ubnd|tru so|"
    r"diem giao dich|truong|chua|dinh|nha|san|van phong|ap|khom|thon|"
    r"(?:the\s+)?(?:community hall|hall|school|office|pagoda|temple|house|cultural house))\b.*)$"
)
MAX_PLACE_WORDS = 10  # a correction longer than this is more than a place
_PLACE_WORD = re.compile(r"^(?:(?:la|thanh|tai|o|at)\s+)+")


def _place_said(original: str, folded: str, start: int) -> str | None:
    """The place a short correction names (as typed, without "tại" / "ở" before it), or
    None."""
    found = _PLACE_SAID.match(folded[start:])
    if found is None:
        return None
    place, _place_folded = _trimmed(
        original, folded, start + found.start("place"), start + found.end("place")
    )
    return place if place and len(place.split()) <= MAX_PLACE_WORDS else None


def _without_place_word(new: str, new_folded: str) -> str:
    """ "tại nhà văn hóa" said for the place: the draft keeps its own "tại"."""
    found = _PLACE_WORD.match(new_folded)
    return new[found.end() :] if found is not None else new


# The draft's place: what follows "tại" / "ở" (or "at" not before a time), up to a comma, a
# time, date or weekday, or words that start another part ("lúc", "vào", "ngày").
_DRAFT_PLACE = re.compile(r"(?<!\w)(?<!hien )(?P<word>tai|o|at)\s+(?!(?:sao|day)\b|\d)")
_PLACE_ENDS = re.compile(
    r"\s*[,;!?\n]|\.(?:\s|$)|\s+(?:luc|vao|ngay|tu|den|de|va|nhe|nha|on|from|and|to|by)\b"
)


def _new_place(draft: str, place: str) -> Edit:
    """The draft with its one place ("tại UBND xã") replaced by `place`; when it has none (or
    several), Edit(None, place=…): the officer is asked what to change."""
    text, folded = _same_length_fold(draft)
    found = list(_DRAFT_PLACE.finditer(folded))
    at = [m for m in found if m.group("word") == "tai"] or found
    if not place or len(at) != 1:
        return Edit(None, place=place or None)
    begin = at[0].end()
    end = len(folded)
    stop = _PLACE_ENDS.search(folded, begin)
    if stop is not None:
        end = stop.start()
    for pattern in _WHEN:
        when = pattern.search(folded, begin)
        if when is not None and when.start() < end:
            end = when.start()
    end = begin + len(folded[begin:end].rstrip())
    if end <= begin:
        return Edit(None, place=place)
    return Edit(text[:begin] + _without_place_word(place, fold(place)) + text[end:])


# English: "oh sorry, …" before the correction; "change X to Y", "X instead of Y", "it's X,
# not Y", "make it X (instead)", "rewrite it".
_EN_LEAD = re.compile(
    r"^(?:(?:oh|oops|sorry|wait|actually|no|please|ok|okay|hmm|correction|my bad)\b[\s,.!:;-]*)+"
)
_EN_PAIRS = (
    re.compile(
        r"^(?:change|replace|swap|switch|correct|fix|update|edit|turn)\s+(?P<old>.+?)\s+"
        r"(?:to|into|with|by|for|->|=>)\s+(?P<new>.+)$"
    ),
    re.compile(
        r"^(?:(?:it(?:'|’| )?s|it is|it should be|should be|make it|i meant|i mean)\s+)?"
        r"(?P<new>.+?)\s+instead of\s+(?P<old>.+)$"
    ),
    re.compile(
        r"^(?:it(?:'|’| )?s|it is|it should be|should be|i meant|i mean)\s+(?P<new>.+?),?\s+"
        r"not\s+(?P<old>.+)$"
    ),
)
_EN_MAKE = re.compile(
    r"^(?:make|move|set|put|switch|push|shift|reschedule|have)\s+"
    r"(?:it|that|this|the meeting|the session)\s+(?:to\s+|for\s+|on\s+|till\s+)?(?P<new>.+)$"
)
_EN_ASKS_NEW = re.compile(
    r"^(?:rewrite|retype|redo)\b|^(?:edit|change|fix|correct)\s+(?:the|my)\s+"
    r"(?:text|notice|message|wording)$|"
    r"^(?:let me\s+)?(?:write|type)\s+(?:it|the text|the notice)\s+again"
)


# "rewrite it: <the new text>", "change the text to: <…>": the notice typed again.
_EN_NEW_TEXT = re.compile(
    r"^(?:(?:rewrite|retype|redo)(?:\s+(?:it|the\s+(?:text|notice|message)))?|"
    r"(?:change|edit|replace)\s+(?:the|my)\s+(?:text|notice|message|wording))"
    r"(?:\s+(?:as|to|with))?\s*:\s*(?P<new>\S.*)$",
    re.DOTALL,
)


def _first_pair(
    draft: str,
    original: str,
    folded: str,
    start: int,
    patterns: Sequence[re.Pattern[str]],
    *,
    third: bool,
    body: str | None = None,
) -> Edit | None:
    """The first of `patterns` ("A thành B", "thay A bằng B", …) matching the text after
    `start` that names words of the draft; the third pattern only when `third` (a lead word
    or its own opening said it is an edit)."""
    text = folded[start:] if body is None else body
    for index, pattern in enumerate(patterns):
        found = pattern.match(text)
        if found is None or (index == 2 and not third):
            continue
        old = (start + found.start("old"), start + found.end("old"))
        edit = _pair(
            draft, original, folded, old, (start + found.start("new"), start + found.end("new"))
        )
        if edit is not None:
            return edit
    return None


def _english(draft: str, original: str, folded: str) -> Edit | None:
    """An English correction (see the module), or None: not one."""
    lead = _EN_LEAD.match(folded)
    start = lead.end() if lead is not None else 0
    body = folded[start:].rstrip(" .!")
    third = lead is not None or body.startswith("it")
    edit = _first_pair(draft, original, folded, start, _EN_PAIRS, third=third, body=body)
    if edit is not None:
        return edit
    made = _EN_MAKE.match(body)
    if made is not None:  # "make it Saturday instead", "move it to the school"
        new, new_folded = _trimmed(
            original, folded, start + made.start("new"), start + made.end("new")
        )
        return _when_or_place(draft, new, new_folded) if new else Edit(None)
    whole = _EN_NEW_TEXT.match(folded[start:])
    if whole is not None and len(whole.group("new").split()) >= NEW_TEXT_WORDS:
        return Edit(original[start + whole.start("new") :].strip())  # "rewrite it: <new>"
    if _EN_ASKS_NEW.match(body):
        return Edit(None)
    return None


# "quay lại bản trước", "lấy lại bản cũ", "để như cũ", "hoàn tác", "undo", "go back to the
# previous version": the draft as it was before the last edit.
_UNDO = re.compile(
    r"^(?:(?:thoi|a|oi|khoan|em|anh|chi|cho|ok|oh|sorry|please)\b[\s,.!]*)*"
    r"(?:hoan tac|undo(?:\s+(?:that|it|this|the (?:last )?(?:change|edit)))?|"
    r"revert(?:\s+(?:it|that|the (?:last )?(?:change|edit)))?|"
    r"(?:quay|tro|lay|doi|sua|de|giu|dung|khoi phuc|phuc hoi)(?:\s+(?:lai|ve))?\s+"
    r"(?:(?:ban|noi dung|cau|cai|thong bao|tin)\s+(?:truoc|cu|luc nay|hoi nay|ban dau|dau)|"
    r"nhu (?:cu|luc nay|ban dau))|"
    r"(?:ban|noi dung)\s+(?:truoc|cu|luc nay|hoi nay|ban dau)|"
    r"(?:go|switch|change it|put it)\s+back(?:\s+to\s+(?:the\s+)?(?:previous|last|old|earlier|"
    r"original)(?:\s+(?:version|text|one|draft))?)?|"
    r"(?:the\s+)?(?:previous|old|earlier|original)\s+(?:version|text|one|draft))"
    r"(?:\s+(?:di|nhe|nha|a|giup|giup em|giup chi|giup anh|voi|please|thanks|thank you))*$"
)


def asks_to_undo(said: str) -> bool:
    """ "quay lại bản trước", "hoàn tác", "bản cũ", "undo": the draft before the last edit
    (see `_UNDO`); "quay lại sau", "bà con mang theo bản cũ" are not."""
    return bool(_UNDO.match(" ".join(fold(said).strip(" .!?").replace(",", " ").split())))
