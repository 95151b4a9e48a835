"""Business rules as plain functions: transaction sessions, flood limits, long texts, who is
overdue."""

from __future__ import annotations

from datetime import date

import pytest

from bot.channels.telegram.updates import split_text
from bot.inbound.ratelimit import ChatRateLimiter
from handlers.rules.overdue import (
    asks_who_is_overdue,
    commune_named,
    first_shown,
    mentions_overdue,
    overdue_members,
)
from handlers.rules.sessions import next_session
from storage.borrowers import MemberLine, OverdueLine
from storage.schedules import ScheduleRule

MONTHLY_17 = ScheduleRule(17, None, "07:30", "UBND xã")


def day_of(rules: list[ScheduleRule], today: date) -> date | None:
    session = next_session(rules, today)
    return None if session is None else session.day


def test_session_this_month_or_next() -> None:
    assert day_of([MONTHLY_17], date(2026, 11, 10)) == date(2026, 11, 17)
    assert day_of([MONTHLY_17], date(2026, 11, 17)) == date(2026, 11, 17)
    assert day_of([MONTHLY_17], date(2026, 11, 18)) == date(2026, 12, 17)
    assert day_of([MONTHLY_17], date(2026, 12, 20)) == date(2027, 1, 17)


def test_day_31_falls_on_the_last_day_of_a_short_month() -> None:
    rule = ScheduleRule(31, None, None, None)
    assert day_of([rule], date(2027, 2, 1)) == date(2027, 2, 28)
    assert day_of([rule], date(2028, 2, 1)) == date(2028, 2, 29)


def test_a_moved_session_replaces_the_regular_one_of_its_month() -> None:
    moved = ScheduleRule(None, date(2026, 12, 18), "07:00", "Nhà văn hóa")
    session = next_session([MONTHLY_17, moved], date(2026, 12, 1))
    assert session is not None and session.day == date(2026, 12, 18) and session.moved
    after = next_session([MONTHLY_17, moved], date(2026, 12, 19))
    assert after is not None and after.day == date(2027, 1, 17) and not after.moved


def test_weekends_are_kept() -> None:
    saturday = next_session([ScheduleRule(5, None, None, None)], date(2026, 12, 1))
    assert saturday is not None and saturday.day == date(2026, 12, 5)  # a Saturday


def test_no_schedule() -> None:
    assert next_session([], date(2026, 12, 1)) is None


def test_flood_limit_warns_once_then_drops_until_the_minute_passes() -> None:
    limiter = ChatRateLimiter(limit=20, window=60)
    verdicts = [limiter.check("chat", 0.0 + i * 0.1) for i in range(23)]
    assert verdicts[:20] == ["ok"] * 20 and verdicts[20] == "warn" and verdicts[21:] == ["drop"] * 2
    assert limiter.check("other", 3.0) == "ok"
    assert limiter.check("chat", 61.0) == "ok"


def test_long_text_is_split_at_line_breaks() -> None:
    text = "\n".join(f"dòng {i} " + "x" * 90 for i in range(100))
    parts = split_text(text)
    assert all(len(p) <= 4096 for p in parts) and len(parts) == 3
    assert "\n".join(parts) == text


def test_the_session_to_pay_an_installment_at_is_the_last_one_before_it() -> None:
    from handlers.rules.sessions import session_to_pay_at

    def pay_at(today: date, due_on: date) -> date | None:
        session = session_to_pay_at([MONTHLY_17], today, due_on)
        return None if session is None else session.day

    assert pay_at(date(2026, 12, 1), date(2026, 12, 27)) == date(2026, 12, 17)  # Sunday 27/12
    assert pay_at(date(2026, 12, 1), date(2026, 12, 17)) == date(2026, 12, 17)  # on the day
    assert pay_at(date(2026, 12, 1), date(2027, 2, 3)) is None  # 17/01 is later and in time
    assert pay_at(date(2026, 12, 1), date(2026, 12, 10)) is None  # due before any session
    assert session_to_pay_at([], date(2026, 12, 1), date(2026, 12, 27)) is None


@pytest.mark.parametrize(
    ("text", "who", "commune"),
    [
        ("ho nao qua han o xa Dai Tam", True, "Dai Tam"),
        ("hộ nào quá hạn ở xã Đại Tâm vậy?", True, "Đại Tâm"),
        ("danh sách nợ quá hạn xã Thạnh Phú", True, "Thạnh Phú"),
        ("ai quá hạn", True, None),
        ("có bao nhiêu hộ trễ hạn", True, None),
        ("nhà tôi có bị quá hạn không", False, None),  # one's own household
        ("hộ quá hạn thị trấn Mỹ Xuyên", False, "Mỹ Xuyên"),
    ],
)
def test_who_is_overdue_and_where(text: str, who: bool, commune: str | None) -> None:
    assert mentions_overdue(text)
    assert asks_who_is_overdue(text) is who
    assert commune_named(text) == commune


def test_the_overdue_are_those_with_overdue_principal() -> None:
    members = [MemberLine(1, "A", 0, 0, 0, 10), MemberLine(2, "B", 0, 0, 5, 10)]
    assert [m.name for m in overdue_members(members)] == ["B"]


def test_the_overdue_list_is_bounded_and_kept_by_group() -> None:
    lines = [OverdueLine("Đại Tâm", "T01", "Tổ 1", f"Hộ {n}", 1000, None) for n in range(3)]
    lines += [OverdueLine("Đại Tâm", "T02", "Tổ 2", f"Hộ {n}", 2000, None) for n in range(25)]
    shown = first_shown(lines)
    assert shown.total == 28 and shown.amount == 53_000 and shown.rest == 8
    assert [(g.code, g.count, len(g.lines)) for g in shown.groups] == [
        ("T01", 3, 3),
        ("T02", 25, 17),
    ]
    assert first_shown(lines, limit=2).groups[0].count == 3
    assert len(first_shown(lines, limit=2).groups) == 1  # a group with none shown is left out
