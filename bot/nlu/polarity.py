"""Negation and polarity: whether a message asks for an action or for its opposite.

Two kinds of word turn an action around. Prohibitives say "not": đừng, khỏi, không cần,
không muốn, không … nữa, thôi (alone), don't, no more, never. Undoing verbs are the opposite
action themselves: tắt, ngưng, dừng, hủy, bỏ, xóa, dẹp, ngắt, stop, cancel, turn off, delete.
One of either flips the action ("đừng nhắc nữa", "tắt nhắc": reminders off); both together
keep it ("đừng hủy", "đừng tắt nhắc"). Several prohibitives are one ("thôi đừng nhắc nữa"),
and "thôi" before an undoing verb is only "well then" ("thôi bỏ bảng kê này": cancel it).

`drop_contrast` removes the part of a message that says what it is not about ("không phải hỏi
lãi đâu, tôi hỏi tiền gốc"), so neither the rules nor the model read the denied topic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.nlu.normalize import fold_letters

_PROHIBITIVE = {"dung", "khoi", "dont", "never"}
_PROHIBITIVE_PAIRS = {
    ("khong", "can"),
    ("chang", "can"),
    ("khong", "muon"),
    ("chang", "muon"),
    ("no", "more"),
    ("do", "not"),
    ("not", "want"),
    ("no", "need"),
}
_UNDOING = {"tat", "ngung", "huy", "xoa", "dep", "ngat", "stop", "cancel", "delete", "disable"}
_UNDOING |= {"remove", "quit", "unlink", "unsubscribe", "bo", "mute"}
_UNDOING_PAIRS = {("turn", "off"), ("switch", "off"), ("go", "bo"), ("opt", "out")}
_SWITCH_ON = {"bat", "enable", "resume", "unmute"}
_SWITCH_ON_PAIRS = {("turn", "on"), ("switch", "on"), ("mo", "lai"), ("mo", "nhac"), ("bat", "lai")}
# Between a prohibitive and the verb it denies: "đừng có hủy", "không cần phải xóa".
# Between "turn"/"switch" and its "off"/"on": "switch the reminders off", "turn them on".
_SWITCHED = {"the", "my", "all", "them", "it", "those", "these", "that", "this", "your", "of"}
_SWITCHED |= {"reminders", "reminder", "reminding", "notifications", "notification", "alerts"}
_SWITCHED |= {"alert", "messages", "message", "bot", "chat", "pings", "please"}
_SPLIT_VERBS = {"turn", "switch"}
# "no reminders please": "no" before what is not wanted (alone, "no" is an answer).
_NOT_WANTED = {"reminders", "reminder", "notifications", "notification", "alerts", "messages"}
_FILLERS = {"co", "can", "phai", "muon", "de", "cho", "toi", "tui", "minh", "em", "giup", "gium"}
_FILLERS |= {"dum", "lam", "vay", "nha", "to"}
# After a folded "dung" that is "đừng"/"dừng", not "dùng" (to use): the verbs it stops.
_STOPPED = {"nhac", "gui", "nhan", "xoa", "huy", "tat", "bao", "co", "lai", "ket", "lien", "nop"}
_STOPPED |= {"doi", "thong", "tin", "hop", "moi", "nua", "het", "luon", "di", "ngay"}
_PARTICLES = {"nha", "nhe", "luon", "gium", "giup", "dum", "em", "con", "a", "ha", "nghe", "roi"}
_PARTICLES |= {"het", "cho", "nghen", "di", "tui", "toi", "ban", "bot", "ad", "lun", "nhen"}
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_SPELLINGS = {
    "đừg": "dung",
    "dug": "dung",
    "ko": "khong",
    "k": "khong",
    "hk": "khong",
    "hong": "khong",
    "hok": "khong",
    "kh": "khong",
    "khg": "khong",
    "nx": "nua",
    "lun": "luon",
}


# Folded words that are polarity words only when typed so: "bộ", "tắc", "dụng" are not.
_TYPED = {
    "bo": {"bỏ"},
    "dung": {"đừng", "dừng", "dùng"},
    "tat": {"tắt"},
    "huy": {"hủy", "huỷ"},
    "xoa": {"xóa", "xoá"},
    "ngung": {"ngưng", "ngừng"},
    "khoi": {"khỏi"},
    "dep": {"dẹp"},
    "ngat": {"ngắt"},
    "bat": {"bật"},
    "mo": {"mở"},
    "thoi": {"thôi"},
    "nua": {"nữa"},
    "khong": {"không"},
    "can": {"cần"},
    "muon": {"muốn"},
    "cu": {"cứ"},
    "van": {"vẫn"},
    "tiep": {"tiếp"},
}


@dataclass(frozen=True)
class Polarity:
    """`negated`: the action is turned around (off, undone, not wanted).
    `keeps`: an undoing word is itself denied ("đừng hủy", "không xóa", "đừng tắt nhắc").
    `switched_on`: the last switch said turns something on ("bật", "mở lại", "turn on").
    `switched_off`: negated by a switch ("tắt", "ngưng", "turn off"), not only by "don't".
    `goes_on`: the last switch asks for reminders to go on ("cứ nhắc", "vẫn nhắc", "nhắc
    tiếp"), whatever "thôi" opened the sentence.
    `rest`: the words that are not about polarity, when there were any polarity words.
    """

    negated: bool = False
    keeps: bool = False
    switched_on: bool = False
    switched_off: bool = False
    rest: str | None = None
    goes_on: bool = False


_DONT = re.compile(r"\b(?:don'?t|do not)\b")


def _words(text: str) -> list[tuple[str, str]]:
    """(as typed in lower case, folded) for each word; "don't" is one word."""
    text = unicodedata.normalize("NFC", text.lower()).replace("’", "'")
    text = _DONT.sub("dont", text)
    whole = fold_letters(text)
    aligned = len(whole) == len(text)
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        folded = whole[m.start() : m.end()] if aligned else fold_letters(word)
        if folded != word and folded in _TYPED and word not in _TYPED[folded]:
            folded += "~"  # a word of its own: "bộ" is not "bỏ"
        out.append((word, _SPELLINGS.get(word) or _SPELLINGS.get(folded) or folded))
    return out


def _is_stop_word(typed: str, folded: list[str], i: int) -> str | None:
    """What a folded "dung" is here: "prohibitive" (đừng), "undoing" (dừng) or None (dùng)."""
    following = folded[i + 1] if i + 1 < len(folded) else ""
    if typed == "dùng" or (i > 0 and folded[i - 1] == "su"):  # dùng, sử dụng: to use
        return None
    if typed == "dừng":
        return "undoing"
    if typed == "đừng":
        return "prohibitive"
    after = folded[i + 2] if i + 2 < len(folded) else ""
    if following in _KEEP_ON and after in _REMINDING:
        return "prohibitive"  # đừng cứ nhắc hoài
    if following and following not in _STOPPED and following not in _UNDOING:
        return None
    return "prohibitive" if following in _UNDOING else "undoing"


_OFF_SWITCHES = {"tat", "ngung", "disable", "off", "unsubscribe", "mute"}
# Asking for the reminders to go on: "cứ nhắc", "vẫn nhắc", "nhắc lại đi", "nhắc tiếp nha".
# A "thôi" before it is "never mind" about an earlier wish, not "stop".
_KEEP_ON = {"cu", "van"}
_REMINDING = {"nhac", "gui", "bao", "nhan"}
_AGAIN = {"lai", "tiep"}
_ASKING = {"di", "nha", "nhe", "nghen", "nhen", "gium", "giup", "dum", "cho", "voi", "luon"}


def _keeps_on(folded: list[str], i: int) -> str | None:
    """Whether the reminding verb at `i` is asked to go on: "keep" (cứ nhắc, vẫn nhắc, tiếp
    tục nhắc, nhắc tiếp: nothing else it could mean), "again" (nhắc lại đi, which may also
    be "say it again"), else None."""
    before = folded[i - 1] if i > 0 else ""
    if before in _KEEP_ON or (i > 1 and folded[i - 2 : i] == ["tiep", "tuc"]):
        return "keep"
    following = folded[i + 1 : i + 3]
    if following[:1] == ["tiep"]:
        return "keep"
    asked = (
        bool(following)
        and following[0] in _AGAIN
        and (len(following) == 1 or following[1] in _ASKING or following[1] in ("tui", "toi", "em"))
    )
    return "again" if asked else None


def _split_particle(folded: list[str], i: int) -> int | None:
    """Where the "off"/"on" of a "turn"/"switch" at `i` is when words stand between them
    ("switch the reminders off", "turn them on"), or None."""
    for j in range(i + 2, min(i + 6, len(folded))):
        if folded[j] in ("off", "on"):
            return j
        if folded[j] not in _SWITCHED:
            return None
    return None


# Every word the loop of `events` acts on (or on with the word after it, for "no"): a
# message with none of them has no polarity word, and the loop is skipped.
_TRIGGERS = _REMINDING | _SPLIT_VERBS | _PROHIBITIVE | _SWITCH_ON | _UNDOING
_TRIGGERS |= {"dung", "thoi", "khong"}
_TRIGGERS |= {pair[0] for pair in _PROHIBITIVE_PAIRS | _SWITCH_ON_PAIRS | _UNDOING_PAIRS}
_TRIGGERS -= {"no"}  # "nợ" folds to it: "no" acts only before these
_AFTER_NO = _NOT_WANTED | {second for first, second in _PROHIBITIVE_PAIRS if first == "no"}


def _no_triggers(folded: list[str]) -> bool:
    """A "no" before a word it says no to ("no reminders", "no more")."""
    return "no" in folded and any(
        word == "no" and i + 1 < len(folded) and folded[i + 1] in _AFTER_NO
        for i, word in enumerate(folded)
    )


def events(text: str) -> tuple[list[str], set[int], list[tuple[str, str]]]:
    """The polarity words of a message in order: "neg" (a prohibitive or an undoing verb in
    force), "pos" (a switch turned on), "keep" (a prohibitive denying an undoing verb), "off"
    (an undoing verb that is a switch: tắt, ngưng, turn off), "go on" (after a "pos": the
    reminders asked to go on, "cứ nhắc"); with the positions of the words
    that said them, and the words."""
    words = _words(text)
    folded = [f for _w, f in words]
    if _TRIGGERS.isdisjoint(folded) and not _no_triggers(folded):
        return [], set(), words  # no word below says anything: most messages with "nợ"
    found: list[str] = []
    marked: set[int] = set()
    weak: int | None = None
    denied_at = -1  # the last word that said "not" or undid something
    for i, (typed, word) in enumerate(words):
        if i in marked:
            continue
        following = folded[i + 1] if i + 1 < len(folded) else ""
        pair = (word, following)
        kind: str | None = None
        governed = denied_at >= 0 and all(
            w in _FILLERS or w in _KEEP_ON for w in folded[denied_at + 1 : i]
        )
        going_on = _keeps_on(folded, i) if word in _REMINDING and not governed else None
        if going_on is not None:
            found.append("pos")  # "thôi con ơi, cứ nhắc lại đi"
            if going_on == "keep":
                found.append("go on")
            continue
        split = _split_particle(folded, i) if word in _SPLIT_VERBS else None
        if split is not None:
            pair = (word, folded[split])  # "switch the reminders off": "switch off"
            marked.add(split)
            if pair in _SWITCH_ON_PAIRS:
                found.append("pos")
                marked.add(i)
                continue
        if word == "dung":
            kind = _is_stop_word(typed, folded, i)
        elif word == "thoi":
            weak = i
        elif word == "khong" and "nua" in folded[i + 2 :]:
            kind = "prohibitive"  # không … nữa
            marked.add(i + 2 + folded[i + 2 :].index("nua"))
        elif word == "no" and following in _NOT_WANTED:
            kind = "prohibitive"  # no reminders please
        elif word in _PROHIBITIVE or pair in _PROHIBITIVE_PAIRS:
            kind = "prohibitive"
        elif word == "khong" and following in _UNDOING:
            kind = "prohibitive"  # không hủy, không xóa
        elif pair in _SWITCH_ON_PAIRS or (word in _SWITCH_ON and following != "dau"):
            found.append("pos")
            marked.add(i)
            if pair in _SWITCH_ON_PAIRS:
                marked.add(i + 1)
        elif word in _UNDOING or pair in _UNDOING_PAIRS:
            after = folded[i + 2] if i + 2 < len(folded) else ""
            if word == "bo" and following == "di" and after and after not in _PARTICLES:
                continue  # bỏ đi làm ăn xa: moved away ("bỏ đi" alone: drop it)
            if word == "bo" and following in ("lam", "ve", "nha", "xu", "tro", "quen"):
                continue  # bỏ làm, bỏ về, bỏ nhà: left
            kind = "undoing"
            if pair in _UNDOING_PAIRS and split is None:
                marked.add(i + 1)
        if kind is None:
            continue
        marked.add(i)
        denied_at = i
        if kind == "undoing":
            found.append("neg")
            if word in _OFF_SWITCHES or pair in _UNDOING_PAIRS:
                found.append("off")
            continue
        j = i + 1
        if pair in _PROHIBITIVE_PAIRS:
            marked.add(i + 1)
            j += 1
        while j < len(folded) and j < i + 5 and folded[j] in _FILLERS:
            j += 1
        denied = j < len(folded) and (
            folded[j] in _UNDOING
            or (folded[j] == "dung" and _is_stop_word(words[j][0], folded, j) is not None)
        )
        if denied:
            found.append("keep")
            marked.add(j)
        else:
            found.append("neg")
    if weak is not None and not found:
        found.append("neg")  # "thôi", "thôi nhắc làm gì"
    if weak is not None:
        marked.add(weak)
    for i, word in enumerate(folded):
        if word == "nua" and found:
            marked.add(i)
    return found, marked, words


def polarity(text: str) -> Polarity:
    """The polarity of the action a message asks for: the last switch or negation said wins
    ("hồi trước tôi tắt nhắc, giờ mở lại" is on). `rest` is the message without its
    polarity words, for the model to read the action itself."""
    said, marked, words = events(text)
    switches = [e for e in said if e in ("neg", "pos")]
    negated = bool(switches) and switches[-1] == "neg"
    switched_on = bool(switches) and switches[-1] == "pos"
    rest = " ".join(typed for i, (typed, _f) in enumerate(words) if i not in marked)
    return Polarity(
        negated,
        keeps="keep" in said and not negated,
        switched_on=switched_on,
        switched_off=negated and "off" in said,
        rest=rest,
        goes_on=switched_on and said[-1] == "go on",
    )


_CONTRAST = re.compile(
    r"\b(?:khong|ko|k|hk|hong|chu khong)\s+(?:phai|can|hoi)\b[^,.;!?]*?[,.;!?]+\s*"
    r"(?:(?:ma|chi|ma la|la)\s+)?"
)
_CONTRAST_TAIL = re.compile(
    r"[,.;]?\s*\b(?:chu|chu khong phai|chu khong)\s+(?:khong\s+)?(?:phai|hoi)\b.*$"
)
_NOT_THE = re.compile(
    r"\bnot\s+(?:the|about|asking about|my)\b[^,.;!?]*[,.;!?]+\s*(?:just|but|only)?\s*"
)


def drop_contrast_text(text: str) -> str:
    """`drop_contrast` on text as typed (diacritics kept), matched on its folded twin."""
    text = unicodedata.normalize("NFC", text)
    folded = fold_letters(text)
    if len(folded) != len(text):
        return text
    kept = drop_contrast(folded)
    if kept == folded:
        return text
    start = folded.find(kept)
    if start >= 0:
        return text[start : start + len(kept)]
    head, tail = _split(folded, kept)
    return text[:head] + text[len(folded) - tail :]


def _split(whole: str, kept: str) -> tuple[int, int]:
    """How much of `kept` is a prefix of `whole`, and the rest its suffix."""
    head = 0
    while head < len(kept) and head < len(whole) and whole[head] == kept[head]:
        head += 1
    return head, len(kept) - head


def drop_contrast(folded: str) -> str:
    """`khong phai hoi lai dau, toi hoi tien goc` → `toi hoi tien goc`; `toi hoi tien loi chu
    khong phai tien goc` → `toi hoi tien loi`; `not the interest, just the loan` → `the loan`.
    The text is folded (no diacritics, lower case); punctuation marks the clauses."""
    if not any(word in folded for word in ("phai", "can", "hoi", "not")):
        return folded  # none of the patterns below can match: the common case
    for pattern in (_CONTRAST, _NOT_THE):
        m = pattern.search(folded)
        if m and len(folded[m.end() :].split()) >= 2:
            folded = folded[: m.start()] + folded[m.end() :]
    m = _CONTRAST_TAIL.search(folded)
    if m and len(folded[: m.start()].split()) >= 2:
        folded = folded[: m.start()]
    return folded
