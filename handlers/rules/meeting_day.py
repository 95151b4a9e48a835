"""Which day a leader means for a group meeting, from what they typed.

An explicit date ("12/12", "ngày 12", "ngày 12 tháng 12", "mai", "tuần sau") wins over a
weekday word ("thứ Bảy", "T7", "chủ nhật"). When both are said and they disagree ("thứ Sáu
12/12" when 12/12 is a Saturday) the day is not guessed: the reading carries both (the
weekday as the day of that name in the date's own week, 11/12 here, when still ahead) so the
bot asks which is meant. A weekday with "tuần sau" / "tuần tới" is that weekday of next week
(weeks start on Monday); "thứ Bảy này" or a weekday alone is the next such day, today
included. Moving a meeting "sang tuần sau" with no weekday and no date keeps its weekday:
a week after the meeting's day. Moving it to a weekday alone ("dời/lùi sang chủ nhật") counts
from the meeting's own day: the first such weekday after it; brought forward ("dời lên",
"sớm lên", "đưa lên thứ Năm") the last such weekday before it, which may have passed (then
it is refused as past, never moved elsewhere). With "tuần sau" or "này" the weekday counts
from today, as when calling a meeting. A day and month without a year that fell in the last half
year ("20/11" typed on 26/11) is that past date, so it is refused as past rather than moved
to next year. After a move word ("qua", "sang", "lên", "về") the day is the one it brings in,
not a weekday in the reason around it ("dời qua chúa nhật, thứ 7 nhà tui có đám giỗ" is
Sunday); "chúa nhật", "chủ nhựt" and "CN" are Sunday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.nlu.dates import DATE_PATTERN, WEEKDAYS, extract_dates
from bot.nlu.normalize import fold_for_numbers

_WEEKDAY = re.compile(
    r"\b(?:thu\s+(?P<wk>hai|ba|tu|nam|sau|bay|[2-7])|t(?P<tk>[2-7])|(?P<sun>chua? nh[au]t|cn))\b"
    r"(?:\s+(?P<which>tuan\s+(?:sau|toi|nay)|nay))?"
)
_NEXT_WEEK = re.compile(r"\btuan\s+(?:sau|toi)\b")
# Bringing a meeting forward: "dời lên", "sớm lên", "sớm hơn", "đưa lên", "họp sớm".
_FORWARD = re.compile(
    r"\blen\b|\bsom\s+(?:len|hon|lai)\b|\b(?:doi|dua|keo|day|chuyen|hop)\s+(?:hop\s+)?som\b"
)


# The words that bring in a new day: "dời qua", "sang", "lên", "về", "đổi thành" (not the
# "qua" of "hôm qua", "bữa qua").
_MOVE_TO = re.compile(r"(?<!hom )(?<!bua )\b(?:qua|sang|len|ve|thanh)\b")
# What may stand between a weekday and its date ("chủ nhật, 19h ngày 6/12").
_BETWEEN = re.compile(
    r"(?:[\s,]|\b(?:luc|vao|ngay|sang|trua|chieu|toi|dem)\b|\b\d{1,2}\s*(?:gio|h|g)(?:\s*\d{2})?\b)*"
)


def the_new_day(folded: str) -> str:
    """The part of a folded message that says the day after its move word ("dời họp qua chúa
    nhật nghen, thứ 7 nhà tui có đám giỗ": "chua nhat"): the first day written after it, with
    a date or weekday of the other kind right beside it ("chủ nhật 6/12"), never a second
    weekday or date in the reason that follows. The whole message when no day follows a move
    word."""
    move = _MOVE_TO.search(folded)
    if move is None:
        return folded
    spans = sorted(
        [(m.start(), m.end(), "weekday") for m in _WEEKDAY.finditer(folded)]
        + [
            (m.start(), m.end(), "weekday" if m.group("weekday") else "date")
            for m in DATE_PATTERN.finditer(folded)
        ]
    )
    after = [span for span in spans if span[0] >= move.end()]
    if not after:
        return folded
    start, end, kind = after[0]
    kinds = {kind}
    for s, e, k in after[1:]:
        if s < end:  # the same words ("thứ Bảy" is both)
            end = max(end, e)
            continue
        if k in kinds or not _BETWEEN.fullmatch(folded[end:s]):
            break
        kinds.add(k)
        end = e
    return folded[start:end]


@dataclass(frozen=True)
class DayReading:
    """`day`: the day meant (None when none is said or when it is unclear); `clash`: the
    weekday's day and the date's day when the message says both and they disagree."""

    day: date | None = None
    clash: tuple[date, date] | None = None


def _weekday_day(today: date, weekday: int, next_week: bool) -> date:
    if next_week:
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return monday + timedelta(days=weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _from_the_meeting(moving: date, weekday: int, forward: bool) -> date:
    """The first such weekday after the meeting's day, or (forward) the last one before it."""
    if forward:
        return moving - timedelta(days=(moving.weekday() - weekday - 1) % 7 + 1)
    return moving + timedelta(days=(weekday - moving.weekday() - 1) % 7 + 1)


def _not_next_year(day: date, today: date) -> date:
    """ "20/11" typed on 26/11 means the 20th just gone (then refused), not next year's."""
    if (day - today).days > 180 and day.year > today.year:
        try:
            this_year = day.replace(year=today.year)
        except ValueError:
            return day
        if this_year < today:
            return this_year
    return day


def read_day(text: str, today: date, moving: date | None = None) -> DayReading:
    """The meeting day in `text` (see the module docstring); `moving`: the day of the
    meeting being moved, if it is a move."""
    whole = fold_for_numbers(text)
    folded = the_new_day(whole)
    weekday: int | None = None
    next_week = False
    rest = folded
    found = _WEEKDAY.search(folded)
    if found is not None:
        key = found.group("wk") or found.group("tk")
        weekday = 6 if key is None else WEEKDAYS[key]
        which = found.group("which") or ""
        next_week = which in ("tuan sau", "tuan toi")
        rest = folded[: found.start()] + " " + folded[found.end() :]
        if _NEXT_WEEK.search(rest):
            next_week = True
            rest = _NEXT_WEEK.sub(" ", rest)
    said = extract_dates(rest, today)
    explicit = _not_next_year(said[0], today) if said else None
    if weekday is None:
        if moving is not None and len(said) == 1 and _NEXT_WEEK.search(rest):
            return DayReading(moving + timedelta(days=7))  # "hoãn sang tuần sau"
        return DayReading(explicit)
    by_weekday = _weekday_day(today, weekday, next_week)
    if explicit is None:
        this_week = found is not None and "nay" in (found.group("which") or "")
        if moving is not None and not next_week and not this_week:
            return DayReading(_from_the_meeting(moving, weekday, bool(_FORWARD.search(whole))))
        return DayReading(by_weekday)
    if explicit.weekday() != weekday:
        # The weekday of the date's own week is the likelier slip ("thứ Sáu 12/12": 11/12).
        same_week = explicit - timedelta(days=explicit.weekday() - weekday)
        return DayReading(None, (same_week if same_week >= today else by_weekday, explicit))
    return DayReading(explicit)
