"""Which member a leader means in the tally when they name them ("bà Kim Lan vắng", "c sari
lai 275k", "Thạch Sơn đủ") instead of giving the number: the name is matched without
diacritics against the end of the members' names (given names come last) or against the
family name and the given name without the middle ones ("Bùi Tâm"), a title such as
bà, ông, chị may come first, and the longest match wins; two members who fit are both
returned so the bot can ask which one. Asked what one member paid, a line names another member
only when the name is not part of what was paid ("năm chục" is 50.000 đ, not member Năm)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.nlu import tally_text
from locales.textfold import fold
from storage.tally_form import Line

TITLES = frozenset(
    {"ba", "ong", "chi", "anh", "co", "chu", "bac", "di", "em", "thim", "b", "o", "c", "a"}
)
# In English: "Mrs Tu paid fifty thousand", "Mr. Hai paid 1.2 million principal".
_ENGLISH_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mister", "madam", "mdm", "aunt", "uncle"})
# In the tally "con" before a name is a title too ("con Út đóng lãi đủ"), as a leader calls a
# younger member; not elsewhere, where "con" is as often "còn" (still).
TALLY_TITLES = (
    TITLES | {"con", "cn"} | _ENGLISH_TITLES | {"thang", "thg", "be", "mo", "me", "cau", "cu"}
)
# "thằng Hiền đóng 90k" (a familiar title), but "tháng sau đóng" (next month) folds alike.
_MONTH_AFTER = frozenset({"sau", "toi", "nay", "truoc", "ke", "nua", "roi", "gieng", "chap"})


def _titled(words: list[str], capitalised: bool = False) -> bool:
    """The first word is a title before a name ("bà Lan", "thằng Hiền"; not "tháng sau",
    unless the word after is written as a name: "thằng Sáu", "thang Sau")."""
    if len(words) < 2 or words[0] not in TALLY_TITLES:
        return False
    return capitalised or not (words[0] in {"thang", "thg"} and words[1] in _MONTH_AFTER)


@dataclass(frozen=True)
class Named:
    members: list[Line]  # one when the name is clear, several when it fits more than one
    rest: str  # what the leader said about them ("vang", "lai 100k gui 0"), folded
    titled: bool  # a title came first ("bà Lan"): the words are surely a name
    covered: int  # how many words of the member's name were matched


def _match(words: list[str], name: list[str]) -> tuple[int, int]:
    """(name words covered, text words consumed) of the longest end of `name` that `words`
    starts with, written apart ("sa ri") or as one ("sari"); (0, 0) when none."""
    for k in range(len(name), 0, -1):
        tail = name[-k:]
        if words[:k] == tail:
            return k, k
        if k > 1 and words[:1] == ["".join(tail)]:
            return k, 1
        if k == 2 and len(name) > 2 and words[:2] == [name[0], name[-1]]:
            return 2, 2  # "Bùi Tâm": the family name and the given name, as people say it
    return 0, 0


def find_named(text: str, lines: list[Line]) -> Named | None:
    """The member(s) named at the start of `text`, or None when it names nobody."""
    words = fold(text).replace(",", " ").replace(":", " ").split()
    if words and words[0].rstrip(".") in _ENGLISH_TITLES:
        words[0] = words[0].rstrip(".")  # "Mr. Hai"
    typed = text.replace(",", " ").replace(":", " ").split()
    while len(words) > 2 and words[0] in _LEADING and _titled(words[1:]):
        words, typed = words[1:], typed[1:]  # "còn bà Hiền vắng", "và ông Tư 100k"
    titled = _titled(words, len(typed) > 1 and typed[1][:1].isupper())
    if titled:
        words = words[1:]
    best, consumed, found = 0, 0, []
    for line in lines:
        covered, used = _match(words, fold(line.name).split())
        if covered and covered > best:
            best, consumed, found = covered, used, [line]
        elif covered and covered == best:
            found.append(line)
    if not found:
        return None
    return Named(found, " ".join(words[consumed:]), titled, best)


# Words that open a part about the next member: "còn bà Hiền vắng", "rồi ông Tư đóng 2 chục"
_LEADING = frozenset({"con", "va", "roi", "them", "voi", "and", "also"})


# Words of a payment that may also end a member's name ("Thu", "Lợi"): asked what a member
# paid, a line starting with one is the answer, not another member.
_PAYMENT_WORDS = frozenset(
    {"lai", "gui", "tk", "thu", "nop", "dong", "dua", "du", "chi", "moi", "tien", "tra", "goc"}
)


def names_someone(text: str, named: Named) -> bool:
    """Asked what one member paid, whether the text names a member ("Tam lai 38k", "Út
    vắng") rather than saying an amount whose first word is also a name ("năm chục" is
    50.000 đ, not member Năm; "thu 100k" is not member Thu)."""
    if named.titled or named.covered >= 2:
        return True
    words = fold(text).split()
    if not words or words[0] in _PAYMENT_WORDS:
        return False
    if not named.rest:
        return not _reads(text)
    try:
        alone = tally_text.parse_answer(named.rest)
    except tally_text.NotUnderstood:
        return False
    try:
        return tally_text.parse_answer(text) == alone  # the name adds nothing to the amount
    except tally_text.NotUnderstood:
        return True


def _reads(text: str) -> bool:
    try:
        tally_text.parse_answer(text)
    except tally_text.NotUnderstood:
        return False
    return True
