"""Reading a group meeting from what a leader types: "họp tổ tối thứ Bảy 19h ở nhà văn hóa
ấp, bình xét cho vay" into a date, a time, a place and a purpose.

Weekdays mean the next such day (the date reader); "tối", "chiều" move a small hour into the
afternoon or evening ("7h tối" is 19:00). Whether a date may be used is a rule
(`handlers.rules.meetings`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time

from bot.nlu.dates import extract_dates
from locales.textfold import fold

# An hour as typed: "7h", "7g30", "7:30", "7 giờ 30 phút", "7h rưỡi", "7 rưỡi", "19h".
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:\s*(?:gio|h|g|:)\s*(?:(?P<m>\d{2})(?![/.-]?\d)(?:\s*(?:phut|p)\b)?"
    r"|(?P<half>ruoi)\b)?|\s+(?P<half2>ruoi)\b)(?![a-z]|[/.-]?\d)"
)
_PART_OF_DAY = re.compile(r"\b(sang|trua|chieu|toi|dem)\b")
# What says a part of the day, written with its marks; the same letters without them are
# other words ("tôi", "tới", "sang", "đem").
_MARKED_PARTS = {"sáng": "sang", "trưa": "trua", "chiều": "chieu", "tối": "toi", "đêm": "dem"}
_DAY_WORD = (
    r"(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|t[2-7]|chu[a]?\s+nh[au]t|cn|mai|nay|hom\s+nay"
    r"|mot|ngay\s+\d|mung\s+\d|\d{1,2}[/.-]\d{1,2})\b"
)
_BEFORE_A_DAY = re.compile(r"\s+" + _DAY_WORD)  # "tối thứ Bảy", "sáng mai", "tối nay"
_AFTER_A_DAY = re.compile(r"\b" + _DAY_WORD + r"\s+$")  # "thứ Bảy tối" (or "tới")
_RIGHT_AFTER_THE_HOUR = re.compile(r"\s*(?:nay\s+)?(sang|trua|chieu|toi|dem)\b")  # "7h tối"
_RIGHT_BEFORE_THE_HOUR = re.compile(  # "tối 7h", "tối nay lúc 7 giờ"
    r"\b(sang|trua|chieu|toi|dem)\s+(?:(?:nay|mai)\s+)?(?:(?:vao\s+)?luc\s+|vao\s+)?$"
)
_NOT_THE_EVENING = re.compile(r"\b(?:tuan|thang)\s+$")  # "tuần tới", "tháng tới"
_MOVE_VERB = re.compile(
    r"\b(?:doi|lui|hoan|chuyen|dua|keo|day)(?:\s+(?:hop|lich|buoi hop|cuoc hop))?\s+$"
)
_MINE = re.compile(r"\bnha\s+$")  # "nhà tôi": the leader's home
# "ở nhà văn hóa", "tại UBND xã", in English "at the community hall" ("at 7pm" is the hour).
_PLACE = re.compile(
    r"\b(?:o|tai|at(?!\s+\d))\s+(.+?)"
    r"(?=\s*[,.;]|\s+(?:luc|vao|ngay|de|nhe|nha\s+ca|on|at)\b|$)"
)
# "địa điểm nhà tôi", "đổi địa điểm sang nhà văn hóa", "sửa chỗ họp: trụ sở ấp": the place
# named as one.
_PLACE_NAMED = re.compile(
    r"\b(?:dia diem(?:\s+(?:hop|moi))?|(?:cho|noi) hop(?:\s+moi)?(?=\s*:|\s+(?:la|thanh|sang|qua"
    r"|ve|den)\b))(?:\s+(?:la|thanh|sang|qua|ve|den))*\s*:?\s+"
    r"(.+?)(?=\s*[,.;]|\s+(?:luc|vao|ngay|de|nhe|nha\s+ca|on|at)\b|$)"
)
_NO_PLACE = frozenset(
    {"nhe", "nha", "di", "a", "gium", "giup", "dum", "lai", "voi", "nghe", "luon"}
)
_OWN_HOME = ("nha toi", "nha minh", "nha em", "nha anh", "nha chi", "nha tui", "nha to truong")
# "nội dung: …", "nội dung là …", "về việc …": the agenda follows (without the "là").
_PURPOSE_INTRO = re.compile(
    r"\b(?:de|noi dung(?:\s+(?:la|se la|chinh la|gom|gom co|hop))?\s*:?|ve viec)\s+(\S.*)$"
)
# A part that starts an agenda after the meeting's day, hour and place: "bàn chuyện bảng
# kê", "nội dung thu lãi", "về việc bình xét" (a "bạn ơi" is no agenda).
_AGENDA_START = re.compile(
    r"^(?:va\s+|de\s+)?(?:ban(?!\s+(?:oi|a|nhe|nha|oii)\b)|noi dung|ve viec|noi chuyen|noi ve"
    r"|trao doi|thao luan|binh xet|ket nap|thu lai|sinh hoat|bau|trien khai|pho bien|doi chieu"
    r"|hop ban)\b"
)
# A part asking to send the meeting to the group: "gửi cho tổ đi", "báo cả tổ giùm", "nhắn
# cho mọi người" (a "báo cáo" is agenda).
_SEND_REQUEST = re.compile(
    r"^(?:va\s+|roi\s+|r\s+|thi\s+)?(?:gui|bao(?!\s+cao)|nhan|thong bao|nt|send)"
    r"(?:\s+(?:tin|lich|lich hop|thong bao|di|luon|gium|giup|dum|cho|toi|den|ca|het|moi|nguoi"
    r"|to|thanh vien|ba con|nha|nhe|nghe|a|em|chi|anh|con|tui|toi|minh|biet|the members|it|out))*$"
)


def starts_agenda(part: str) -> bool:
    """Whether a part of a message calling a meeting is its agenda ("bàn chuyện bảng kê")."""
    return _AGENDA_START.search(fold(part).strip(" ,.;")) is not None


def asks_to_send(text: str) -> bool:
    """Whether a part of the message asks to send the meeting to the group ("gửi cho tổ
    đi", "báo cả tổ giùm"), which is no agenda."""
    return any(_SEND_REQUEST.match(piece.strip()) for piece in re.split(r"[,;.!?]", fold(text)))


_PURPOSE_WORDS = re.compile(
    r"\b(binh xet|ket nap|thu lai|sinh hoat|bau|trien khai|pho bien|doi chieu|hop ban)\b"
)


@dataclass(frozen=True)
class MeetingDraft:
    day: date | None = None
    at: time | None = None
    place: str | None = None
    purpose: str | None = None
    either: time | None = None  # an hour said, morning or evening not known (`Clock`)

    def merged(self, newer: MeetingDraft) -> MeetingDraft:
        """This draft with whatever the newer message said laid over it."""
        at, either = self.at, self.either
        if newer.at is not None or newer.either is not None:
            at, either = newer.at, newer.either
        return MeetingDraft(
            newer.day or self.day,
            at,
            newer.place or self.place,
            newer.purpose or self.purpose,
            either,
        )

    @property
    def missing(self) -> list[str]:
        return [name for name in ("day", "at", "place") if getattr(self, name) is None]


def _folded_same_length(text: str) -> tuple[str, str]:
    """(the text in NFC, its fold with one character per character), so a match in the fold
    can be cut out of the text with its diacritics."""
    nfc = unicodedata.normalize("NFC", text)
    return nfc, "".join((fold(ch) or " ")[:1] for ch in nfc)


def _hour(hour: int, minute: int, part: str | None) -> time | None:
    """The clock time of an hour said with a part of the day: "chiều" and "tối" move 1 to 11
    into the afternoon and evening, "trưa" 1 to 4 ("1h trưa" is 13:00), "đêm" 6 to 11 (and
    12 is midnight); "sáng", or no part, keeps the hour."""
    if (part in ("chieu", "toi") and 1 <= hour <= 11) or (part == "trua" and 1 <= hour <= 4):
        hour += 12
    elif part == "dem" and 6 <= hour <= 12:
        hour = (hour + 12) % 24
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


@dataclass(frozen=True)
class Clock:
    """The time a message says: `at`, or, when "toi" may be "tôi" (my) as well as "tối"
    (evening) and nothing settles it, `either`: the morning reading of the hour, asked about
    ("7 giờ sáng hay 7 giờ tối?")."""

    at: time | None = None
    either: time | None = None


def _word_means(original: str, folded: str, start: int, end: int, beside_hour: bool) -> str:
    """What a "sang"/"trua"/"chieu"/"toi"/"dem" at folded[start:end] says: "part" (a part
    of the day), "maybe" (it may be "tôi" or "tới" as well as "tối") or "not"."""
    word = folded[start:end]
    written = original[start:end].lower()
    if written != word:  # written with its marks: they settle it
        return "part" if _MARKED_PARTS.get(written) == word else "not"
    before, after = folded[:start], folded[end:]
    if _NOT_THE_EVENING.search(before):
        return "not"
    if word == "sang":
        return "not" if _MOVE_VERB.search(before) else "part"  # "dời sang 7h": the move
    if word in ("chieu", "trua"):
        return "part"
    before_a_day = _BEFORE_A_DAY.match(after) is not None
    if word == "dem":  # else "đem" (bring): only beside the hour or before a day
        return "part" if beside_hour or before_a_day else "not"
    if before_a_day:  # "toi thu 7": the evening
        return "part"
    if beside_hour:
        return "maybe" if _MINE.search(before) else "part"  # "nha toi luc 7h": unclear
    if _MINE.search(before):
        return "not"  # "ở nhà tôi"
    return "maybe"  # "họp tổ tôi", "thứ 7 tới"


# An hour in English: "7pm", "7 pm", "7:30 p.m.", "9am".
_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?")


def _english_clock(folded: str) -> time | None:
    m = _EN_TIME.search(folded)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if m.group(3) == "p" else 0)
    return _hour(hour, minute, None)


# An hour from 1 to this with no part of the day is the afternoon's ("họp lúc 2h" is 14:00).
_SMALL_HOURS = 5


def read_clock(text: str) -> Clock:
    """The meeting's time in `text` (see `Clock`). A part of the day written right after
    the hour ("7g30 tối", "7 rưỡi tối") or right before it ("tối 7h", "tối nay lúc 7 giờ")
    is the hour's; else one before a day ("tối thứ Bảy", "sáng mai") or anywhere else; with
    none, an hour up to `_SMALL_HOURS` is the afternoon's."""
    original, folded = _folded_same_length(text)
    english = _english_clock(folded)
    if english is not None:
        return Clock(english)
    for m in _TIME.finditer(folded):
        hour = int(m.group("h"))
        minute = 30 if m.group("half") or m.group("half2") else int(m.group("m") or 0)
        if _hour(hour, minute, None) is None:
            continue
        part: str | None = None
        unclear = False
        after = _RIGHT_AFTER_THE_HOUR.match(folded, m.end())
        before = _RIGHT_BEFORE_THE_HOUR.search(folded[: m.start()])
        for beside in (after, before):
            if beside is None or part is not None:
                continue
            means = _word_means(original, folded, beside.start(1), beside.end(1), True)
            if means == "part":
                part = beside.group(1)
            unclear = unclear or means == "maybe"
        if part is None:
            for word in _PART_OF_DAY.finditer(folded):
                means = _word_means(original, folded, word.start(), word.end(), False)
                if means == "part":
                    part = word.group(1)
                    break
                unclear = unclear or means == "maybe"
        if part is None and 1 <= hour <= _SMALL_HOURS:
            part = "chieu"  # "2h" alone: nobody calls a meeting at 2 a.m.
        if part is None and unclear and 1 <= hour <= 11:
            return Clock(either=time(hour, minute))
        return Clock(_hour(hour, minute, part))
    return Clock()


_PART_ALONE = re.compile(
    r"(?:buoi\s+)?(sang|chieu|toi|dem)(?:\s+(?:nha|nhe|nhen|nghe|a|do|luon|ne|roi))*"
)


def evening_alone(text: str) -> bool | None:
    """The answer to "7 giờ sáng hay 7 giờ tối?" typed as a part of the day alone: True for
    "tối" ("chiều", "đêm", "buổi tối nha"), False for "sáng", None for anything else."""
    found = _PART_ALONE.fullmatch(re.sub(r"[^0-9a-z]+", " ", fold(text)).strip())
    return None if found is None else found.group(1) != "sang"


def read_time(text: str) -> time | None:
    """The time in `text` when it is clear (see `read_clock`)."""
    return read_clock(text).at


def parse(text: str, today: date, leader_name: str | None = None) -> MeetingDraft:
    """Whatever of date, time, place and purpose the message says."""
    original, folded = _folded_same_length(text)
    dates = extract_dates(original, today)
    place: str | None = None
    m = _PLACE.search(folded) or _PLACE_NAMED.search(folded)
    if m is not None and fold(m.group(1)).strip() not in _NO_PLACE:
        place = original[m.start(1) : m.end(1)].strip()
        if fold(place) in _OWN_HOME and leader_name:
            place = f"nhà tổ trưởng {leader_name}"
    purpose: str | None = None
    said = _PURPOSE_INTRO.search(folded) or _PURPOSE_WORDS.search(folded)
    if said is not None:
        start = said.start(1) if said.re is _PURPOSE_INTRO else said.start()
        end = folded.find(",", start)
        purpose = original[start : end if end >= 0 else len(original)].strip(" ,.;")
    else:
        for segment_start, segment in _segments(folded)[1:]:
            whole = original[segment_start : segment_start + len(segment)]
            if (
                not _SEND_REQUEST.match(segment.strip())
                and not _TIME.search(segment)
                and not _PLACE.search(segment)
                and not extract_dates(whole, today)
            ):
                purpose = whole.strip(" ,.;")
                break
    day = dates[0] if dates else None
    if day is not None and (day - today).days > 180 and day.year > today.year:
        # "20/11" typed on 26/11 means the 20th just gone, not next year's: a past date.
        try:
            this_year = day.replace(year=today.year)
        except ValueError:
            this_year = day
        if this_year < today:
            day = this_year
    clock = read_clock(original)
    return MeetingDraft(day, clock.at, place or None, purpose or None, clock.either)


def _segments(folded: str) -> list[tuple[int, str]]:
    """The comma-separated parts of the message (start in the text, folded part)."""
    parts = []
    start = 0
    for piece in re.split(r"[,;]", folded):
        parts.append((start, piece))
        start += len(piece) + 1
    return [(s, p) for s, p in parts if p.strip()]
