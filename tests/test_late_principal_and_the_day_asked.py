"""Found by a stranger as a borrower: "nếu trả trễ thì bị phạt ko", "trả chậm 1 tháng có sao ko
con", "nếu không trả được nợ thì sao" got only the next principal due date; they now hear, after
it, what happens to principal paid late (docs/domain.md: it becomes overdue debt with interest
at 130% of the loan rate; the group leader and the credit officer follow it up; an extension or
rescheduling may be asked before the due date), with no penalty made up. "mai đi giao dịch ở
đâu" gave the session in 15 days without saying there is none tomorrow: a day named that is
not the session day is said to have none, first. Through the real PTB stack."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import SARI, Harness
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")


@pytest.mark.parametrize(
    "question",
    [
        "neu tra tre thi bi phat ko",
        "tra cham 1 thang co sao ko con",
        "neu khong tra duoc no thi sao",
    ],
)
async def test_paying_principal_late_says_what_follows(running: Harness, question: str) -> None:
    h = running
    await link(h, 2101, SARI)
    answer = await ask(h, 2101, question)
    lines = answer.splitlines()
    due = next(i for i, line in enumerate(lines) if line.startswith("Kỳ trả gốc tới"))
    late = next(i for i, line in enumerate(lines) if "quá hạn" in line)
    assert due < late, answer
    assert "130%" in lines[late] and "gia hạn" in answer, answer
    assert "phạt" not in answer or "không có tiền phạt" in answer, answer


async def test_the_due_date_alone_says_nothing_of_paying_late(running: Harness) -> None:
    h = running
    await link(h, 2102, SARI)
    answer = await ask(h, 2102, "khi nao den han tra goc")
    assert "130%" not in answer, answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("mai di giao dich o dau", "Ngày mai (Thứ Sáu, 27/11/2026) không có phiên giao dịch."),
        ("hom nay co giao dich khong", "Hôm nay (Thứ Năm, 26/11/2026) không có phiên giao dịch."),
        ("ngay 5 co phien giao dich ko", "Không có phiên giao dịch vào Thứ Bảy, 05/12/2026."),
        ("thứ Bảy có giao dịch không", "Không có phiên giao dịch vào Thứ Bảy, 28/11/2026."),
    ],
)
async def test_a_day_named_with_no_session_is_said_so_first(
    running: Harness, question: str, said: str
) -> None:
    h = running
    await link(h, 2103, SARI)
    answer = await ask(h, 2103, question)
    first, second = answer.splitlines()[:2]
    assert first == said, answer
    assert second.startswith("Phiên giao dịch tới") and "17/12/2026" in second, answer


async def test_the_session_day_itself_is_not_said_to_have_none(running: Harness) -> None:
    h = running
    await link(h, 2104, SARI)
    answer = await ask(h, 2104, "ngay 17 thang 12 co giao dich ko")
    assert "không có phiên" not in answer.lower() and "17/12/2026" in answer, answer
    for plain in ("khi nao giao dich", "thang sau giao dich ngay nao"):
        said = await ask(h, 2104, plain)
        assert "không có phiên" not in said.lower(), said
