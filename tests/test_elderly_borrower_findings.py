"""Found by a stranger trying the console as an elderly Mekong borrower (demo date
01/12/2026): "never mind, keep reminding me", a neighbour's interest asked by nickname, two
questions in one message, "I paid the leader, why does it still show", goodbyes, a menu
number typed with nothing open, and a few words of the answers. Through the real PTB stack
(Zalo's fake for the numbered menu), the clock on 01/12/2026."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest_asyncio

from bot.channels.telegram.updates import polling
from bot.inbound.router import Router
from bot.nlu import warm_up
from storage.importer import import_file
from tests.bankfiles import write_xlsx
from tests.bot_fixtures import AS_OF, LOAN_HEADER, SARI, SON, TZ, Harness
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link
from tests.zalo_fixtures import ZaloRig, zalo_bot, zalo_rig

__all__ = ["zalo_bot", "zalo_rig"]  # fixtures

SARI_CHAT = "5a10000000000000000a"
DECEMBER = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 10:00 in Sóc Trăng, the demo's day


@pytest_asyncio.fixture
async def december(harness: Harness) -> AsyncIterator[Harness]:
    warm_up()  # the model is fitted before the first question's 10 seconds start
    router = Router(harness.engine, TZ, clock=lambda: DECEMBER)
    async with polling(harness.settings, router, poll_timeout=0.5):
        yield harness


async def test_never_mind_keep_reminding_me_turns_reminders_on(december: Harness) -> None:
    h = december
    await link(h, 4001, SARI)
    assert "Đã tắt nhắc nhở" in await ask(h, 4001, "tat nhac nho")
    answer = await ask(h, 4001, "ma thoi con oi cu nhac lai di, tui hay quen lam")
    assert "Đã bật nhắc nhở" in answer, answer
    assert "Đã tắt nhắc nhở" not in answer, answer
    # Both directions still work after a "thôi".
    assert "Đã tắt nhắc nhở" in await ask(h, 4001, "thoi dung nhac nua nghen con")
    assert "Đã bật nhắc nhở" in await ask(h, 4001, "thôi được rồi, vẫn nhắc tui nha")


async def test_a_neighbour_asked_by_nickname_gets_no_figures(december: Harness) -> None:
    """Thạch Sơn asks about "thằng Út Sơn ở kế bên": the shared "Sơn" does not make it him."""
    h = december
    await link(h, 4002, SON)
    for question in (
        "con coi gium tui thang Ut Son o ke ben dong lai chua",
        "bà Sơn hàng xóm còn nợ nhiêu vậy con",
        "con coi gium lai cua nha ben dong chua",
        "ong bay ke nha con no nhieu ko",
        "nha con ut hoa ke ben no nhieu ko con",  # "nhà" is the neighbour's house
    ):
        answer = await ask(h, 4002, question)
        assert "chỉ cho xem được số liệu của hộ anh/chị" in answer, answer
        assert not re.search(r"\d đ", answer) and "Hộ Thạch Sơn" not in answer, answer
    answer = await ask(h, 4002, "ong bay ke nha con no nhieu ko")
    assert "không xem được của người khác" in answer and "bay ke" not in answer, answer
    # His own name in full is his own question; "tui" beside a neighbour is answered too.
    assert "Tổng dư nợ: 10.000.000 đ" in await ask(h, 4002, "dư nợ của Thạch Sơn còn bao nhiêu")


async def test_two_questions_in_one_message_are_both_answered(december: Harness) -> None:
    h = december
    await link(h, 4003, SARI)
    answer = await ask(h, 4003, "no con nhieu ko, toi thang sau phai dong bn tien")
    assert "Tổng dư nợ: 70.000.000 đ" in answer, answer  # "nợ còn nhiêu": the balance
    assert "Tháng sau (tháng 01/2027) cần trả:" in answer, answer
    # "khoan, con bật…": "còn" here is no "còn nợ"; only the reminders are asked.
    answer = await ask(h, 4003, "khoan, con bat nhac lai cho tui nghen")
    assert "Đã bật nhắc nhở" in answer and "Tổng dư nợ" not in answer, answer


async def test_paid_the_leader_why_does_it_still_show(december: Harness) -> None:
    h = december
    await link(h, 4004, SARI)
    answer = await ask(h, 4004, "tui dong lai cho to truong roi ma sao con hien 425 ngan")
    assert answer.startswith("Hộ Lâm Thị Sa Ri:"), answer
    assert "số liệu của ngân hàng đến ngày 31/10/2026" in answer, answer
    assert "phiên giao dịch của xã, Thứ Năm, 17/12/2026" in answer, answer
    assert "sẽ hiện sau" in answer, answer
    assert "Lãi tháng này: 425.000 đ" not in answer, answer  # not the same card again


async def test_a_goodbye_gets_a_short_goodbye(december: Harness) -> None:
    h = december
    await link(h, 4005, SARI)
    for goodbye in ("thoi tui nghi nghen, bai bai con", "tam biet con", "bye", "chào nha con"):
        line = await ask(h, 4005, goodbye)
        assert line == "Dạ, chào anh/chị! Khi cần anh/chị cứ nhắn tôi nhé.", (goodbye, line)
        assert not has_menu(h, 4005)
    assert "Tổng dư nợ" in await ask(h, 4005, "bye, mà dư nợ còn bao nhiêu")


def has_menu(h: Harness, chat: int) -> bool:
    raw = h.fake.sent(chat)[-1].params.get("reply_markup")
    return bool(raw) and "keyboard" in str(raw)


async def test_a_main_menu_number_with_nothing_open_picks_it_on_zalo(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    [line] = await z.says(SARI_CHAT, "ok")  # a short line: no options are open now
    assert "1." not in line, line
    [answer] = await z.says(SARI_CHAT, "5")  # "5. Ngày giao dịch" on the main menu
    assert "Phiên giao dịch tới của xã Đại Tâm: Thứ Năm, 17/12/2026" in answer, answer
    [line] = await z.says(SARI_CHAT, "ok")
    [answer] = await z.says(SARI_CHAT, "9")  # no such option: said so, with the menu
    assert "Hiện không có câu hỏi nào" in answer, answer


TAM = {"code": "KH009", "phone": "0970351650", "last4": "2004", "name": "Trần Minh Tâm"}


async def load_tam(h: Harness) -> None:
    """Trần Minh Tâm of T01: 5.000.000 đ left, all of it due on 27/01/2027, the loan's final
    due date 01/03/2027 (as in the demo)."""
    row = [
        TAM["code"],
        TAM["name"],
        "KU009",
        10,
        5_000_000,
        0,
        AS_OF,
        "T01",
        "Tổ ấp 3",
        "Đại Tâm",
        TAM["phone"],
        "079000002004",
        0.75,
        0,
        38_000,
        date(2027, 1, 27),
        5_000_000,
        date(2027, 3, 1),
        None,
        0,
    ]
    report = await import_file(h.engine, write_xlsx(h.folder / "tam.xlsx", LOAN_HEADER, [row]))
    assert report.error is None, report.error


async def test_the_last_installment_is_said_to_be_the_last(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 4007, TAM)
    due = await ask(h, 4007, "khi nao den han")
    assert (
        "Đây là kỳ trả gốc cuối cùng của khoản vay Sản xuất kinh doanh vùng khó khăn: trả "
        "5.000.000 đ ngày 27/01/2027 là hết nợ gốc. Hạn cuối của khoản vay là 01/03/2027"
    ) in due, due
    month = await ask(h, 4007, "thang sau phai dong bn tien")
    assert "5.000.000 đ (Sản xuất kinh doanh vùng khó khăn), kỳ cuối cùng" in month, month
    # Not the last one: nothing is added.
    await link(h, 4008, SARI)
    assert "cuối cùng" not in await ask(h, 4008, "khi nao den han")


async def test_a_programmes_note_on_its_rate_sits_with_the_rate(december: Harness) -> None:
    h = december
    await link(h, 4009, SARI)
    answer = await ask(h, 4009, "vay ho ngheo lai suat bao nhieu")
    assert "• lãi suất 0,55%/tháng (0,275%/tháng ở các huyện nghèo 30a)" in answer, answer
    assert "• 0,275" not in answer and " %" not in answer, answer
