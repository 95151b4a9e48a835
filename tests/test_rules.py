"""Business rules as plain functions: transaction sessions, long texts, who is overdue,
what to pay next month (the flood limit's rule: tests/test_flood_limit.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.channels.telegram.updates import split_text
from handlers.rules.id_digits import typed_last4, typed_whole_id
from handlers.rules.overdue import (
    asks_who_is_overdue,
    commune_named,
    first_shown,
    mentions_overdue,
    overdue_members,
)
from handlers.rules.pending_question import to_answer, worth_keeping
from handlers.rules.sessions import next_session
from storage.borrowers import LoanView, MemberLine, OverdueLine
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


def _loan(interest: int, due_on: date | None, amount: int | None, unpaid: int = 0) -> LoanView:
    return LoanView(
        "KU",
        1,
        "Hộ nghèo",
        10_000_000,
        0,
        0,
        5_500,
        interest,
        unpaid,
        due_on,
        amount,
        None,
        False,
        date(2026, 10, 31),
    )


def test_next_month_is_the_interest_plus_the_principal_falling_due_in_it() -> None:
    from handlers.rules.next_month import next_month

    today = date(2026, 11, 26)
    loans = [
        _loan(275_000, date(2026, 12, 15), 5_000_000, unpaid=150_000),
        _loan(150_000, date(2027, 2, 10), 2_000_000),
        _loan(66_000, date(2026, 11, 30), 1_000_000),  # this month's, still ahead: not next
    ]
    due = next_month(loans, today)
    assert due.month == date(2026, 12, 1)
    # figured for December (`test_next_months_interest_is_figured_as_the_bank_accrues_it`):
    # 41.250 (5 triệu repaid on 15/12) + 56.833 + 51.150 (on 9 triệu after 30/11)
    assert due.interest == 149_233 and due.principal == 5_000_000 and due.total == 5_149_233
    assert not due.exact  # it counts the installments as paid on their day
    assert [loan.next_due_on for loan in due.installments] == [date(2026, 12, 15)]
    assert due.later is None and due.unpaid_interest == 150_000
    # Nothing of principal next month: the first one after it is said instead.
    none = next_month(loans[1:], today)
    assert none.installments == () and none.principal == 0 and none.total == 107_983
    assert none.later is not None and none.later.next_due_on == date(2027, 2, 10)
    # December's next month is January; the last day of the month counts.
    january = next_month([_loan(1_000, date(2027, 1, 31), 3_000_000)], date(2026, 12, 31))
    assert january.month == date(2027, 1, 1) and january.principal == 3_000_000
    february = next_month([_loan(1_000, date(2027, 2, 1), 3_000_000)], date(2026, 12, 31))
    assert february.principal == 0


def test_next_months_interest_is_figured_as_the_bank_accrues_it() -> None:
    """The monthly rate ÷ 30 for each day of the month, on each day's balance; exact unless
    the bank's figure may differ, and then why."""
    from dataclasses import replace

    from handlers.rules.next_month import loan_interest, month_interest

    december, february = date(2026, 12, 1), date(2027, 2, 1)
    plain = _loan(55_000, None, None)  # 10 triệu at 0,55%, nothing due, nothing overdue
    assert loan_interest(plain, december).amount == 56_833  # 31 days: 56.833,33 → 56.833
    assert loan_interest(plain, february).amount == 51_333  # 28 days
    assert loan_interest(plain, date(2026, 11, 1)).amount == 55_000  # 30 days: the rate
    assert loan_interest(plain, december).exact
    # An installment before the month (after the data's date) lowers the whole month's
    # balance; one inside it lowers it from its day (15/12: 14 days on 10, 17 on 5 triệu).
    before = loan_interest(_loan(55_000, date(2026, 11, 30), 1_000_000), december)
    assert before.amount == 51_150 and before.paid_on_their_day == (date(2026, 11, 30),)
    inside = loan_interest(_loan(55_000, date(2026, 12, 15), 5_000_000), december)
    assert inside.amount == 41_250 and not inside.exact
    on_the_first = loan_interest(_loan(55_000, date(2026, 12, 1), 5_000_000), december)
    assert on_the_first.amount == 28_417  # 5 triệu for all 31 days: 28.416,67 → 28.417
    after = loan_interest(_loan(55_000, date(2027, 1, 5), 5_000_000), december)
    assert after.amount == 56_833 and after.exact  # next month's installment is later
    stale = loan_interest(_loan(55_000, date(2026, 10, 15), 5_000_000), december)
    assert stale.amount == 56_833 and stale.exact  # before the data's date: already in it
    # Overdue principal earns interest too, and the bank adds overdue interest: about.
    overdue = loan_interest(
        replace(plain, balance_current=8_000_000, balance_overdue=2_000_000), december
    )
    assert overdue.amount == 56_833 and overdue.overdue and not overdue.exact
    # Frozen principal (khoanh) earns none.
    frozen = loan_interest(
        replace(plain, balance_current=6_000_000, balance_frozen=4_000_000), december
    )
    assert frozen.amount == 34_100 and frozen.exact
    # No rate in the file: the bank's figure of this month, about.
    unknown = loan_interest(replace(plain, rate_ppm=None), december)
    assert unknown.amount == 55_000 and unknown.without_rate and not unknown.exact
    # A household: each loan's, added up, with every reason.
    both = month_interest([plain, _loan(55_000, date(2026, 12, 15), 5_000_000)], december)
    assert both.amount == 98_083 and both.paid_on_their_day == (date(2026, 12, 15),)
    # Halves round up, as the bank's forms do: 50 đ at 1% for 30 days is 0,5 đ → 1 đ.
    assert (
        loan_interest(replace(plain, balance_current=50, rate_ppm=10_000), date(2026, 11, 1)).amount
        == 1
    )


def test_next_month_is_read_in_the_words_people_use_and_not_in_every_month() -> None:
    from handlers.rules.next_month import asks_next_month

    for asked in (
        "tháng sau trả bao nhiêu",
        "thang toi phai dong bao nhieu",
        "thág sau trả bn",
        "thang ke tiep dong bao nhieu",
        "how much do I pay next month",
    ):
        assert asks_next_month(asked), asked
    for other in (
        "lãi tháng này",
        "mỗi tháng tôi trả bao nhiêu",
        "moi thang toi tra bao nhieu",
        "thang sau nua tra bao nhieu",
        "khi nao den han",
    ):
        assert not asks_next_month(other), other


def test_the_language_answered_in_follows_the_writing_unless_one_was_chosen() -> None:
    from handlers.rules.language import Answering, answering_in

    # Never chose: English is followed (with the hint, once), Vietnamese brings it back.
    assert answering_in("vi", False, False, "en") == Answering("en", True)
    assert answering_in("vi", False, True, "en") == Answering("en", False)
    assert answering_in("en", False, True, "vi") == Answering("vi", False)
    # A word, a number, a code: the language stays as it was.
    assert answering_in("en", False, True, None) == Answering("en", False)
    assert answering_in("vi", False, False, None) == Answering("vi", False)
    # Chosen: it always wins, and no hint.
    assert answering_in("vi", True, False, "en") == Answering("vi", False)
    assert answering_in("en", True, False, "vi") == Answering("en", False)


def test_this_month_is_the_interest_plus_the_principal_still_due_in_it() -> None:
    from handlers.rules.next_month import asks_this_months_total, this_month

    today = date(2026, 12, 1)
    loans = [
        _loan(275_000, date(2026, 12, 27), 5_000_000, unpaid=150_000),
        _loan(150_000, date(2027, 2, 10), 2_000_000),
    ]
    due = this_month(loans, today)
    assert due.month == date(2026, 12, 1) and due.principal == 5_000_000
    assert due.total == 5_425_000 and due.unpaid_interest == 150_000
    assert this_month(loans[1:], today).later is not None
    for asked in (
        "thang nay tui phai dong tong cong bao nhieu tien",
        "thang nay dong bn tien",
        "tháng này trả tổng cộng bao nhiêu",
        "how much do I pay this month",
    ):
        assert asks_this_months_total(asked), asked
    for other in ("lãi tháng này", "lai thang nay bao nhieu", "thang nay dong lai bao nhieu"):
        assert not asks_this_months_total(other), other


def test_reminders_are_switched_only_when_the_message_names_them() -> None:
    from handlers.rules.reminder_words import names_reminders

    for asked in (
        "tat nhac nho",
        "đừng gửi tin nhắc nữa",
        "bật thông báo lại",
        "báo trước cho tui nha",
        "turn off notifications",
        "mute",
        "stop sending",
        "dem khuya no keu hoai, tat giup tui",
    ):
        assert names_reminders(asked), asked
    for other in (
        "hom nay tui quen dong lai thi sao",
        "tui quen mat ngay dong lai roi",
        "lãi bao nhiêu",
    ):
        assert not names_reminders(other), other


def test_paying_interest_late_is_read() -> None:
    from handlers.rules.paying_late import asks_about_paying_late

    assert asks_about_paying_late("hom nay tui quen dong lai thi sao")
    assert asks_about_paying_late("what if I pay the interest late")
    assert not asks_about_paying_late("lãi tháng này bao nhiêu")


def test_a_bare_acknowledgement_and_a_greeting_are_told_apart() -> None:
    from handlers.rules.small_talk import acknowledgement, is_greeting

    for word in ("dung", "thôi", "ừ", "vâng", "Đúng rồi!", "chưa", "chua", "Chưa ạ", "dạ chưa"):
        assert acknowledgement(word) == "vi", word
    for word in ("ok", "OK.", "👍", "👍👍"):
        assert acknowledgement(word) == "", word
    for other in ("thôi bỏ bảng kê", "dư nợ", "1", "ai chưa đóng lãi", "chưa đóng"):
        assert acknowledgement(other) is None, other
    for greeting in ("chao con", "Xin chào ạ", "hello", "alo"):
        assert is_greeting(greeting), greeting
    for other in ("chao con, du no bn", "1234", "hủy"):
        assert not is_greeting(other), other


def test_a_named_language_is_chosen_directly() -> None:
    from handlers.rules.language import named_language

    assert named_language("noi tieng viet di con") == "vi"
    assert named_language("speak english pls") == "en"
    assert named_language("đổi ngôn ngữ") is None


def test_a_question_about_oneself_and_a_neighbour_asks_both() -> None:
    from bot.nlu import asks_own_too

    assert asks_own_too("no cua tui bn, con ba Tu ke ben bn")
    assert not asks_own_too("dư nợ của bà Sa Ri tổ tôi còn bao nhiêu")
    assert not asks_own_too("du no ba lan")
    # "nhà" alone is the neighbour's house, not the asker's (a stranger's elderly borrower)
    assert not asks_own_too("nha con ut hoa ke ben no nhieu ko con")
    assert asks_own_too("nhà tôi nợ bao nhiêu, còn nhà bà Tư kế bên")


def test_the_question_asked_before_agreeing_is_answered_while_fresh() -> None:
    asked = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    assert to_answer("du no con bao nhieu", asked, asked + timedelta(minutes=5)) == (
        "du no con bao nhieu"
    )
    assert to_answer("du no", asked, asked + timedelta(hours=23, minutes=59)) == "du no"
    assert to_answer("du no", asked, asked + timedelta(hours=24, minutes=1)) is None
    assert to_answer("du no", asked, asked - timedelta(minutes=1)) is None  # a clock gone back
    assert to_answer(None, asked, asked) is None
    assert to_answer("du no", None, asked) is None
    assert worth_keeping("lãi tháng này", is_command=False)
    assert not worth_keeping("/start", is_command=True)
    assert not worth_keeping("  ", is_command=False)


@pytest.mark.parametrize(
    "text", ["thoi ba nghi nghen, bai bai", "ông nghỉ nha con", "thôi má đi nghen, bye con"]
)
def test_a_goodbye_said_by_a_grandmother_of_herself_is_a_goodbye(text: str) -> None:
    # Seen trying the final clone's console: "bà" names the speaker as "tui" does.
    from handlers.rules.small_talk import is_goodbye

    assert is_goodbye(text)
    assert not is_goodbye("thoi ba nghi nghen, du no ba con bao nhieu")


@pytest.mark.parametrize(
    ("typed", "last4"),
    [
        ("7414", "7414"),
        ("4 số cuối là 7414", "7414"),
        # The whole 12-digit citizen ID, as elderly people type it: its last 4 digits.
        ("079188007414", "7414"),
        ("so cccd cua tui la 079188007414", "7414"),
        ("cccd tui 079188007414 do", "7414"),
        ("Số CCCD: 079188007414.", "7414"),
    ],
)
def test_the_last_four_cccd_digits_are_read_from_what_was_typed(typed: str, last4: str) -> None:
    assert typed_last4(typed) == last4


@pytest.mark.parametrize(
    "typed",
    [
        "0970351650",  # a phone number
        "sdt tui 0970351650",
        "+84970351650",
        "+840970351650",  # a phone number with +84, 12 digits after the plus
        "079188007414 0970351650",  # two runs
        "7414 079188007414",
        "7414 2004",
        "07918800741",  # 11 digits
        "0791880074145",  # 13 digits
        "không nhớ",
    ],
)
def test_a_phone_number_or_two_numbers_are_no_cccd_digits(typed: str) -> None:
    assert typed_last4(typed) is None


def test_only_a_whole_12_digit_id_is_said_to_be_whole() -> None:
    assert typed_whole_id("cccd tui 079188007414 do")
    assert not typed_whole_id("7414")
    assert not typed_whole_id("+840970351650")
