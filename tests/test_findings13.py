"""Findings of outside testers (round 13), each as the person met it, through the console or
the real PTB stack: the commune's transaction day asked before agreeing to the notice; linking
again asked for in words after unlinking; names said back with their diacritics; an officer's
English questions answered in English; an officer's balance without a place."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.rules.names_known import as_stored
from handlers.rules.officer_questions import names_a_figure_alone
from handlers.rules.relink_words import asks_to_start_over
from tests.bot_fixtures import SARI, SON, Clock, Harness
from tests.tally_fixtures import Chat
from tests.test_consent_stories import NOTICE, SHORT, Console
from tests.test_officer_stories import OFFICER_CHAT, link_officer


@pytest.fixture
def clock() -> Clock:
    return Clock()


SESSION = "Phiên giao dịch tới của xã Đại Tâm"


@pytest.mark.parametrize("asked", ["bao gio xa giao dich", "ngay giao dich xa minh"])
async def test_the_communes_transaction_day_is_said_before_agreeing(
    harness: Harness, clock: Clock, asked: str
) -> None:
    """The commune's session day is posted at its transaction point: said before the notice
    is agreed, then the notice recalled; nothing of the household's with it."""
    console = Console(harness, SARI, clock)
    await console.links()
    answer = await console.says(asked)
    assert SESSION in answer, answer
    assert SHORT in answer and "1. Xác nhận: tôi đồng ý" in answer, answer
    assert "Hộ " not in answer and "Tổng dư nợ" not in answer and "Số liệu" not in answer
    assert "họp" not in answer, answer  # the group's meetings wait for the agreement
    # The next day, the whole notice under it, once.
    clock.now += timedelta(days=1)
    answer = await console.says(asked)
    assert SESSION in answer and answer.count(NOTICE) == 1, answer
    # A figure still waits for the agreement; agreeing answers it, not the day again.
    assert SESSION not in await console.says("dư nợ")
    agreed = await console.says("đồng ý")
    assert "Cảm ơn" in agreed and "Tổng dư nợ" in agreed and SESSION not in agreed, agreed


@pytest.mark.parametrize("asked", ["dư nợ và ngày giao dịch", "ngày giao dịch và dư nợ"])
async def test_the_day_and_a_figure_before_agreeing_say_the_agree_line_once(
    harness: Harness, clock: Clock, asked: str
) -> None:
    """Two questions, the day and a figure: the day said, the agree line once, its options
    under it (they were lost when the two answers were put together)."""
    console = Console(harness, SARI, clock)
    await console.links()
    answer = await console.says(asked)
    assert SESSION in answer and answer.count(SHORT) == 1, answer
    assert "1. Xác nhận: tôi đồng ý" in answer and "Tổng dư nợ" not in answer, answer
    agreed = await console.says("1")
    assert "Cảm ơn" in agreed and "Tổng dư nợ" in agreed and SESSION in agreed, agreed


# ---- 2. starting over in words, once unlinked ----

GREETING = "Tôi có thể cho anh/chị biết dư nợ"  # what /start says to an unlinked chat


@pytest.mark.parametrize(
    "again",
    ["làm lại cho tui", "lien ket lai", "đăng ký lại", "cho tui làm lại", "bắt đầu lại đi"],
)
async def test_starting_over_in_words_after_unlinking_starts_linking(
    harness: Harness, clock: Clock, again: str
) -> None:
    console = Console(harness, SARI, clock)
    await console.links()
    await console.says("đồng ý")
    assert "Hủy liên kết" in await console.says("/huy")
    assert "Đã hủy liên kết" in await console.says("1")
    answer = await console.says(again)
    assert GREETING in answer and "Chia sẻ số điện thoại" in answer, answer
    assert "trả lời câu hỏi này" not in answer, answer  # not kept as a question to answer
    await console.links()  # and linking goes on from there
    assert "Cảm ơn" in await console.says("đồng ý")


@pytest.mark.parametrize(
    ("text", "again"),
    [
        ("làm lại cho tui", True),
        ("lam lai", True),
        ("liên kết lại giùm", True),
        ("tui muốn đăng ký lại", True),
        ("start over", True),
        ("link me again", True),
        ("làm lại bảng kê", False),
        ("tính lại lãi", False),
        ("dư nợ bao nhiêu", False),
        ("hỏi lại", False),
    ],
)
def test_words_of_starting_over(text: str, again: bool) -> None:
    assert asks_to_start_over(text) is again


# ---- 3. a name said back as the bank writes it ----


@pytest.mark.parametrize("asked", ["ba Sa Ri con no bao nhieu", "du no cua ba Sa Ri"])
async def test_a_neighbours_name_typed_without_marks_is_said_back_with_them(
    harness: Harness, clock: Clock, asked: str
) -> None:
    """Thạch Sơn asks about Lâm Thị Sa Ri of his group, typed without marks: the refusal
    names her as the bank writes her, with the title marked ("bà Lâm Thị Sa Ri")."""
    console = Console(harness, SON, clock)
    await console.links()
    await console.says("đồng ý")
    answer = await console.says(asked)
    assert "không xem được của bà Lâm Thị Sa Ri" in answer, answer
    assert "Tổng dư nợ" not in answer, answer


async def test_a_name_nobody_has_is_said_back_as_typed(harness: Harness, clock: Clock) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    await console.says("đồng ý")
    answer = await console.says("ba Xuan con no bao nhieu")
    assert "không xem được của ba Xuan" in answer, answer


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("ba Sau", "bà Hồ Hoàng Sáu"),
        ("Sau", "Hồ Hoàng Sáu"),
        ("ong Hoang Sau", "ông Hồ Hoàng Sáu"),
        ("ba Tam", "bà Tâm"),  # several end so: those words as stored
        ("ba Ngoc Tam", "bà Nguyễn Thị Ngọc Tâm"),
        ("bá Sau", "bá Hồ Hoàng Sáu"),  # a title typed with marks is kept
        ("ba Xuan", "ba Xuan"),  # nobody: as typed
    ],
)
def test_a_name_as_stored(typed: str, shown: str) -> None:
    names = ["Hồ Hoàng Sáu", "Bùi Thị Tâm", "Nguyễn Thị Ngọc Tâm", "Trần Minh Tâm"]
    assert as_stored(typed, names) == shown


# ---- 4. and 5. an officer's English questions, and a balance with no place ----


async def test_an_officer_writing_english_is_answered_in_english(running: Harness) -> None:
    """The officer never chose a language: "outstanding portfolio of Dai Tam" (banking
    English the language reader did not know) was answered in Vietnamese, while the next
    English question got English. Each clearly English question gets English."""
    h = running
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [answer] = await officer.says("outstanding portfolio of Dai Tam")
    assert answer.startswith("Đại Tâm: outstanding "), answer
    assert "households" in answer and "because you wrote in English" in answer, answer
    [overdue] = await officer.says("how many households are overdue in Dai Tam")
    assert "overdue" in overdue and "quá hạn" not in overdue, overdue
    [savings] = await officer.says("savings of Dai Tam commune")
    assert savings.startswith("Đại Tâm: savings "), savings
    [back] = await officer.says("dư nợ xã Đại Tâm bao nhiêu")  # Vietnamese again
    assert back.startswith("Đại Tâm: dư nợ "), back


@pytest.mark.parametrize(
    "asked", ["DN hien tai", "dn bao nhiêu", "tong dn", "DN hiện tại là bao nhiêu"]
)
async def test_an_officers_balance_with_no_place_is_their_whole_area(
    running: Harness, asked: str
) -> None:
    h = running
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [area] = await officer.says("dư nợ xã mình")
    assert area.startswith("Địa bàn của anh/chị: dư nợ "), area
    [answer] = await officer.says(asked)
    assert answer == area, answer


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("DN hien tai", "portfolio"),
        ("tổng dư nợ", "portfolio"),
        ("what is the total outstanding now", "portfolio"),
        ("tiết kiệm bao nhiêu", "savings"),
        ("dư nợ là gì", None),  # what the word means: not the figure
        ("dư nợ của bà Lan", None),
        ("dư nợ quá hạn", None),
        ("số TK", None),
    ],
)
def test_a_figure_asked_alone(text: str, kind: str | None) -> None:
    assert names_a_figure_alone(text) == kind
