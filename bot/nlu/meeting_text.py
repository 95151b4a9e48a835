"""Reading a group meeting from what a leader types: "họp tổ tối thứ Bảy 19h ở nhà văn hóa
ấp, bình xét cho vay" into a date, a time, a place and a purpose.

Weekdays mean the next such day (the date reader); "tối", "chiều" move a small hour into the
afternoon or evening ("7h tối" is 19:00). Whether a date may be used is a rule
(`handlers.rules.meetings`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, time

from bot.nlu.dates import extract_dates
from locales.textfold import fold

_TIME = re.compile(
    r"\b(\d{1,2})\s*(?:h|g|gio|:)\s*(\d{2})?(?:\s*(?:phut|p))?\s*(sang|trua|chieu|toi|dem)?\b"
    r"|\b(sang|trua|chieu|toi|dem)\s+(?:luc\s+)?(\d{1,2})\s*(?:h|g|gio)\s*(\d{2})?\b"
)
_PART_OF_DAY = re.compile(r"\b(sang|trua|chieu|toi|dem)\b")
_PLACE = re.compile(r"\b(?:o|tai)\s+(.+?)(?=\s*[,.;]|\s+(?:luc|vao|ngay|de|nhe|nha\s+ca)\b|$)")
_OWN_HOME = ("nha toi", "nha minh", "nha em", "nha anh", "nha chi", "nha tui", "nha to truong")
_PURPOSE_INTRO = re.compile(r"\b(?:de|noi dung|ve viec)\s*:?\s+(\S.*)$")
_PURPOSE_WORDS = re.compile(
    r"\b(binh xet|ket nap|thu lai|sinh hoat|bau|trien khai|pho bien|doi chieu|hop ban)\b"
)


@dataclass(frozen=True)
class MeetingDraft:
    day: date | None = None
    at: time | None = None
    place: str | None = None
    purpose: str | None = None

    def merged(self, newer: MeetingDraft) -> MeetingDraft:
        """This draft with whatever the newer message said laid over it."""
        return replace(
            self,
            day=newer.day or self.day,
            at=newer.at or self.at,
            place=newer.place or self.place,
            purpose=newer.purpose or self.purpose,
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
    if part in ("chieu", "toi", "dem") and hour < 12:
        hour += 12
    if part == "trua" and hour < 11:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def read_time(folded: str) -> time | None:
    for m in _TIME.finditer(folded):
        if m.group(1) is not None:
            part = m.group(3)
            if part is None:
                nearby = _PART_OF_DAY.search(folded[max(m.start() - 12, 0) : m.end() + 12])
                part = nearby.group(1) if nearby else None
            found = _hour(int(m.group(1)), int(m.group(2) or 0), part)
        else:
            found = _hour(int(m.group(5)), int(m.group(6) or 0), m.group(4))
        if found is not None:
            return found
    return None


def parse(text: str, today: date, leader_name: str | None = None) -> MeetingDraft:
    """Whatever of date, time, place and purpose the message says."""
    original, folded = _folded_same_length(text)
    dates = extract_dates(original, today)
    place: str | None = None
    m = _PLACE.search(folded)
    if m is not None:
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
                not _TIME.search(segment)
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
    return MeetingDraft(day, read_time(folded), place or None, purpose or None)


def _segments(folded: str) -> list[tuple[int, str]]:
    """The comma-separated parts of the message (start in the text, folded part)."""
    parts = []
    start = 0
    for piece in re.split(r"[,;]", folded):
        parts.append((start, piece))
        start += len(piece) + 1
    return [(s, p) for s, p in parts if p.strip()]
