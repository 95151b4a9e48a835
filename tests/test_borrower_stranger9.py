"""Found by a stranger trying the demo borrowers (Kim Dũng, Trần Minh Tâm): a last
installment due months before the loan's final due date read as two deadlines; "does my
savings earn interest" got the balance only; "I lost my ID card" was not understood; and
after a turn in English the menu stayed in English in a Vietnamese conversation. Through
the real PTB stack against the fake Bot API."""

from __future__ import annotations

import json
from datetime import date

import pytest

from storage.importer import import_file
from tests.bankfiles import write_xlsx
from tests.bot_fixtures import AS_OF, LOAN_HEADER, SARI, Harness
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")

KIM = {"code": "KH077", "phone": "0974940010", "last4": "7414", "name": "Nguyễn Thị Kim Dũng"}


def _row(contract: str, code: int, balance: int, due: date, amount: int, end: date) -> list[object]:
    return [
        KIM["code"],
        KIM["name"],
        contract,
        code,
        balance,
        0,
        AS_OF,
        "T01",
        "Tổ ấp 3",
        "Đại Tâm",
        KIM["phone"],
        "079000007414",
        0.55,
        0,
        55_000,
        due,
        amount,
        end,
        None,
        500_000,
    ]


async def load_kim(h: Harness) -> None:
    """Her poor-household loan: the 10.000.000 đ left all due on 04/01/2027, the contract's
    final due date 01/05/2027; a near-poor loan running to 2029 beside it."""
    rows = [
        _row("KU077", 1, 10_000_000, date(2027, 1, 4), 10_000_000, date(2027, 5, 1)),
        _row("KU078", 19, 30_000_000, date(2027, 6, 10), 3_000_000, date(2029, 11, 1)),
    ]
    report = await import_file(h.engine, write_xlsx(h.folder / "kim.xlsx", LOAN_HEADER, rows))
    assert report.error is None, report.error


async def test_a_last_installment_before_the_final_due_date_is_said_in_one_voice(
    running: Harness,
) -> None:
    h = running
    await load_kim(h)
    await link(h, 9101, KIM)
    due = await ask(h, 9101, "khi nao den han tra no")
    assert "Kỳ trả gốc tới: Thứ Hai, 04/01/2027" in due, due
    # One sentence says which is the last installment, when the loan ends and what is owed.
    assert (
        "Đây là kỳ trả gốc cuối cùng của khoản vay Hộ nghèo: trả 10.000.000 đ ngày 04/01/2027 "
        "là hết nợ gốc. Hạn cuối của khoản vay là 01/05/2027; trả xong kỳ này thì đến ngày đó "
        "không còn phải trả gốc nữa."
    ) in due, due
    # The poor-household loan's final due date is not said a second time, on its own line.
    assert "Hạn cuối khoản vay Hộ nghèo" not in due, due
    assert "Hạn cuối khoản vay Hộ cận nghèo: 01/11/2029" in due, due
    assert due.count("01/05/2027") == 1, due


async def test_the_last_installment_on_the_final_due_date_is_one_date(running: Harness) -> None:
    h = running
    rows = [_row("KU079", 1, 10_000_000, date(2027, 1, 4), 10_000_000, date(2027, 1, 4))]
    report = await import_file(h.engine, write_xlsx(h.folder / "kim.xlsx", LOAN_HEADER, rows))
    assert report.error is None, report.error
    await link(h, 9102, KIM)
    due = await ask(h, 9102, "khi nao den han tra no")
    assert (
        "Đây là kỳ trả gốc cuối cùng của khoản vay Hộ nghèo, đúng ngày hạn cuối của khoản vay "
        "(04/01/2027): trả 10.000.000 đ là hết nợ gốc."
    ) in due, due
    assert "Hạn cuối khoản vay Hộ nghèo" not in due, due


async def test_asking_whether_savings_earn_interest_is_answered_before_the_balance(
    running: Harness,
) -> None:
    h = running
    await link(h, 9103, SARI)
    for question in ("tiền gửi của tui có lãi không", "tien tiet kiem co duoc tinh lai ko"):
        answer = await ask(h, 9103, question)
        rate = answer.index("anh/chị hỏi cán bộ tín dụng hoặc điểm giao dịch xã")
        assert "tài khoản tiền gửi không kỳ hạn" in answer, answer
        assert "Trần Văn Bình, 0901 234 567" in answer, answer
        assert rate < answer.index("Số dư tiền gửi tiết kiệm: 1.200.000 đ"), answer
    plain = await ask(h, 9103, "tien tiet kiem cua toi")
    assert "không kỳ hạn" not in plain and "Số dư tiền gửi tiết kiệm" in plain, plain
    english = await ask(h, 9103, "does my savings earn interest")
    assert "non-term deposit account" in english, english
    assert "your credit officer or the commune transaction point" in english, english


async def test_a_lost_id_card_points_to_the_officer_and_keeps_the_link(running: Harness) -> None:
    h = running
    await link(h, 9104, SARI)
    for question in ("tui bi mat cccd roi lam sao", "tôi bị mất căn cước thì làm sao"):
        answer = await ask(h, 9104, question)
        assert "chưa hiểu" not in answer, answer
        assert "Cán bộ tín dụng phụ trách xã Đại Tâm: Trần Văn Bình, 0901 234 567" in answer, answer
        assert "điểm giao dịch xã" in answer, answer
        assert "vẫn giữ liên kết" in answer and "chỉ hỏi khi liên kết" in answer, answer
    # Not linked yet: the officer gives a link code instead of the digits.
    h.fake.user_says(9105, "/start")
    await h.fake.replies(9105, 2)
    stranger = await ask(h, 9105, "tui bi mat cccd roi lam sao")
    assert "mã liên kết" in stranger and "chưa hiểu" not in stranger, stranger


def _labels(h: Harness, chat: int) -> list[str]:
    """The reply keyboard the chat shows now: the last one sent."""
    for message in reversed(h.fake.sent(chat)):
        raw = message.params.get("reply_markup")
        markup = json.loads(raw) if raw else {}
        if "keyboard" in markup:
            return [button["text"] for row in markup["keyboard"] for button in row]
    return []


async def test_back_in_vietnamese_the_menu_is_in_vietnamese_again(running: Harness) -> None:
    h = running
    await link(h, 9106, SARI)
    await ask(h, 9106, "what can you do for me")
    assert "Balance" in _labels(h, 9106)
    answer = await ask(h, 9106, "dư nợ còn bao nhiêu")
    assert "Tổng dư nợ" in answer, answer
    labels = _labels(h, 9106)
    assert "Dư nợ" in labels and "Balance" not in labels, labels
