"""Found by an outside tester playing Trần Minh Tâm, an elderly borrower, and her grandson
writing English (demo date 01/12/2026): a month named ("tháng 1", "tháng giêng", "tháng
chạp") got this month's interest (or the language picker), "this month … in total" in
English got the savings, interest and savings asked together got the note about paying the
leader, a son or the group's overdue got her own balance, "I paid 1 million yesterday, so
how much do I owe" got a leaders-only refusal, "is she behind" got no yes or no, and "turn
them on again" was not understood. Through the real PTB stack, the clock on 01/12/2026."""

from __future__ import annotations

import re

from tests.bot_fixtures import SARI, SON, Harness
from tests.test_borrower_switch_and_figures import december
from tests.test_elderly_borrower_findings import TAM, load_tam
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link

__all__ = ["december"]  # fixture

NEXT_MONTH = "Tháng sau (tháng 01/2027) cần trả:"
THIS_MONTH = "Tháng này (tháng 12/2026) cần trả:"


async def test_a_named_month_gets_what_to_pay_in_it(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 6001, TAM)
    for question in (
        "thang 1 ba phai tra bao nhieu het thay",
        "lai thang 1 bao nhieu",
        "thang gieng ba tra bao nhieu",  # tháng giêng: January (once the language picker)
        "tháng 01/2027 phải đóng bao nhiêu",
    ):
        answer = await ask(h, 6001, question)
        assert NEXT_MONTH in answer, (question, answer)
        assert "Gốc đến hạn Thứ Tư, 27/01/2027: 5.000.000 đ" in answer, (question, answer)
        assert "Lãi tháng này" not in answer, (question, answer)
    answer = await ask(h, 6001, "thang chap ba phai dong bao nhieu")  # the 12th month
    assert THIS_MONTH in answer, answer
    answer = await ask(h, 6001, "thang 11 ba phai tra bao nhieu")
    assert "Tháng 11/2026 đã qua" in answer, answer
    assert THIS_MONTH in answer, answer  # what she pays now, after the plain line
    answer = await ask(h, 6001, "thang 4 ba phai tra bao nhieu")
    assert "Tháng 04/2027 còn xa" in answer and NEXT_MONTH not in answer, answer
    assert not re.search(r"Lãi: .*\d đ", answer), answer
    answer = await ask(h, 6001, "how much does she have to pay in January?")
    assert "To pay next month (01/2027):" in answer, answer


async def test_this_months_total_asked_in_english(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 6002, TAM)
    answer = await ask(h, 6002, "Does she have to pay anything this month, and how much in total?")
    assert "To pay this month (12/2026):" in answer, answer
    assert "Total: 38,000 VND" in answer, answer


async def test_interest_and_savings_asked_together_by_voice(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 6003, TAM)
    answer = await ask(
        h,
        6003,
        "con oi ba muon hoi la thang nay ba phai dong cho to truong bao nhieu tien lai voi "
        "tien tiet kiem luon chu ba quen roi",
    )
    assert "38.000 đ" in answer, answer
    assert "Tiết kiệm gửi hằng tháng (mức tối thiểu của tổ): 100.000 đ" in answer, answer
    assert "sẽ hiện sau" not in answer, answer  # she paid nothing yet


async def test_a_son_or_the_groups_overdue_gets_no_figures(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 6004, TAM)
    for question in ("no cua thang Hai con toi", "trong to ai con no qua han vay con"):
        answer = await ask(h, 6004, question)
        assert "chỉ cho xem được số liệu của hộ anh/chị" in answer, (question, answer)
        assert not re.search(r"\d đ", answer), (question, answer)


async def test_a_payment_said_with_the_balance_asked(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 6005, TAM)
    answer = await ask(h, 6005, "ba moi dong 1 trieu hom qua roi, vay con no bao nhieu")
    assert "Tổng dư nợ: 5.000.000 đ" in answer, answer
    assert "Chỉ tổ trưởng" not in answer, answer
    assert "31/10/2026" in answer, answer  # the figures' date, which a payment comes after


async def test_behind_on_payments_and_turning_them_on_again_in_english(
    december: Harness,
) -> None:
    h = december
    await link(h, 6006, SON)
    answer = await ask(h, 6006, "is she behind on payments?")
    assert answer.split("\n")[1].startswith("Yes:"), answer
    await link(h, 6007, SARI)
    answer = await ask(h, 6007, "is she behind on payments?")
    assert answer.split("\n")[1].startswith("No:"), answer
    assert "Reminders are off" in await ask(h, 6007, "turn off the reminders please")
    answer = await ask(h, 6007, "ok turn them on again")
    assert "Reminders are on" in answer, answer
