"""Where a tally line about several members splits into each member's part: at commas,
semicolons, "và" / "and", and before each member's tag written inside the line ("số 3 1 trăm
20 nghìn tiền lãi số 4 1 trăm 40 nghìn số 5 vắng", "Hộ số 12 nộp …. Hộ số 13 vắng.", "s3
l120 tk50 s4 l140"). Folded text in, folded parts out; pure text reading."""

from __future__ import annotations

import re

from bot.nlu.amounts import read_amounts
from bot.nlu.normalize import fold_for_numbers
from bot.nlu.spoken import NUMBER_WORDS

# Commas, semicolons, "và", "với" (texted "vs"), and a spreadsheet's "|" ("#1 120 | #2 vắng").
APART = re.compile(r"\s*(?:[,;|]|\bva\b|\bvoi\b|\bvs\b|\band\b)\s*")
# A member's tag before their number in the list ("số 3", "s3", "#3", "stt 3", "hộ số 3").
TAGS = r"(?:ho so|so|stt|tv|s|#|member|number)"
# Before a tag and its number inside a line, never inside "hộ số" itself.
_BEFORE_TAG = re.compile(rf"(?<!\bho)[\s.+&]+(?={TAGS}\s*\d{{1,3}}(?![\d.,]*\d)(?!\s*(?:k|tr)\b))")
# A part that opens with a member's tag: the number, and what was said about them.
_TAGGED = re.compile(rf"^\s*{TAGS}\s*(\d{{1,3}})(?:\s*[.:,)\-]\s*|\s+|$)(.*)$")


# A member's tag typed against the figure before it: "s12 120s13 90".
_GLUED_TAG = re.compile(r"(?<=\d)(?=(?:s|#)\d{1,3}\b)")


def parts(folded: str) -> list[str]:
    """The parts of a folded line, split at separators and before members' tags."""
    found: list[str] = []
    if "s" in folded or "#" in folded:
        folded = _GLUED_TAG.sub(" ", folded)
    for part in APART.split(folded):
        found += [x.strip(" .") for x in _BEFORE_TAG.split(part) if x.strip(" .")]
    return found


def tagged(folded: str) -> list[tuple[int, str]] | None:
    """Each member's number and what was said about them, for a line whose every part opens
    with a member's tag and names two members or more; None for any other line."""
    found: list[tuple[int, str]] = []
    for part in parts(folded):
        m = _TAGGED.match(part)
        if m is None:
            return None
        found.append((int(m.group(1)), m.group(2).strip()))
    if len({n for n, _said in found}) < 2:
        return None
    said = ""
    for i in range(len(found) - 1, -1, -1):  # "số 10 số 11 mỗi người 230k": shared
        said = found[i][1] or said
        found[i] = (found[i][0], said)
    return found


# Parts by name, with no tag: "Lan 90 Hoa 100 Mai vắng Đào 120". A part is a capitalised name
# (a title before it or not) and a figure or two, or a state; a name starts a part only after
# a figure or a state.
_FIGURE = re.compile(r"\d[\d.,]*(?:k|tr|đ|d)?,?")
_STATES = {"vang", "du", "chua", "nghi", "khat", "vang,", "du,", "chua,", "nghi,", "khat,"}
_TITLES = {"ba", "ong", "co", "chi", "anh", "chu", "bac", "di", "thim", "em", "o", "me", "a", "c"}
# Capitalised words that are the tally's or closing words, not names: "Lan 120 Ok".
_NOT_NAMES = {"ok", "oke", "tk", "lai", "gui", "nha", "roi", "xong", "thoi", "tong", "goc"}


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.isalpha() and fold_for_numbers(word) not in _NOT_NAMES


def by_name(text: str) -> list[str] | None:
    """The parts, as typed (the capitals tell the names), of a line about two members or
    more by name with no tag, each a name and what was paid ("Lan 90 Hoa 100 Mai vắng": "Lan
    90", "Hoa 100", "Mai vắng"); the first part may have no name, when the line is what
    follows the first member's name ("90 Hoa 100 Mai vắng"). None for any other line."""
    words = text.split()
    found: list[list[str]] = [[]]
    said = False  # a figure or a state said in the part
    i = 0
    while i < len(words):
        word, folded = words[i], fold_for_numbers(words[i])
        titled = folded in _TITLES and i + 1 < len(words) and _name_word(words[i + 1])
        if titled or _name_word(word):
            if said:  # a name after what the last member paid: the next member's part
                found.append([])
                said = False
            found[-1].append(word)
        elif _FIGURE.fullmatch(word) or folded in _STATES:
            if not found[-1] and len(found) > 1:
                return None
            found[-1].append(word.rstrip(","))
            said = True
        else:
            return None
        i += 1
    if len(found) < 2 or not said:
        return None
    if len(found) == 2 and len(found[0]) == 1 and len(found[0][0]) <= 2:
        return None  # "2 Ngọc Tâm vắng": a number and a name, one member (asked which)
    return [" ".join(part) for part in found]


# A part that goes on with the member before it ("số 4 đóng lãi 165 với gửi 200": "gửi 200"
# is split off at "với" but is still member 4's): it opens with a field's word.
_GOES_ON = re.compile(r"^(?:gui|tk|tiet kiem|tien gui|lai|tien lai|goc|tra goc|them)\b")
# What a part may say about a member without an amount: a state.
_STATE = re.compile(r"\b(?:vang|nghi|chua|khong|ko|k|du|khat|hoan|0)\b")


def goes_on(part: str) -> bool:
    """The folded part carries on the member before it ("gửi hai trăm" after "số 4 … lãi")."""
    return _GOES_ON.match(part) is not None


def says_nothing(part: str) -> bool:
    """The folded part says no amount and no state ("xong rồi tới thằng Vát", "còn"): words
    that lead to the next member, not what anyone paid."""
    return not read_amounts(part) and _STATE.search(part) is None


# A member's number in words after the tag, before what they paid: "số ba vắng", "số mười
# hai đóng đủ" (but "số hai trăm" is an amount, "số bà Tâm" no number).
_TAG_IN_WORDS = re.compile(
    r"\b(?:so|stt)\s+(?:(?P<tens>(?:(?:hai|ba|bon|nam|sau|bay|tam|chin)\s+)?muoi\s+)?"
    r"(?P<unit>mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi)"
    r"|(?P<round>hai|ba|bon|nam|sau|bay|tam|chin)\s+muoi)\b"
    r"(?=\s*(?:[:,.-]|\s(?:vang|nghi|chua|khong|ko|du|nop|dong|dua|lai|gui|tk|tiet kiem)\b))"
)


def number_in_words(text: str) -> str:
    """`text` with a member's number said in words after its tag written in digits ("số ba
    vắng" → "số 3 vắng"), the rest as typed."""
    folded = fold_for_numbers(text)
    if ("so " not in folded and "stt " not in folded) or len(folded) != len(text):
        return text
    out, last = [], 0
    for m in _TAG_IN_WORDS.finditer(folded):
        if m.group("round"):  # "số hai mươi": 20
            unit, start = NUMBER_WORDS[m.group("round")] * 10, m.start("round")
            out += [text[last:start], str(unit)]
            last = m.end()
            continue
        tens_said, unit = m.group("tens"), NUMBER_WORDS[m.group("unit")]
        if tens_said:
            words = tens_said.split()
            unit = (NUMBER_WORDS[words[0]] if len(words) == 2 else 1) * 10 + unit % 10
        start = m.start("tens") if tens_said else m.start("unit")
        out += [text[last:start], str(unit)]
        last = m.end()
    return "".join([*out, text[last:]])
