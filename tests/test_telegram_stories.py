"""Conversations through the real python-telegram-bot stack against the fake Bot API:
what a person types, what the bot answers, in Vietnamese, with and without diacritics.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re

import pytest
from sqlalchemy import select, text

from bot.inbound.ratelimit import FLOOD_LIMIT
from bot.logs import configure_logging
from locales.i18n import use_locale
from storage import link_codes, links
from storage.schema import audit_log, chat_links
from tests.bot_fixtures import LAN, NOW, SARI, SON, Harness

pytestmark = pytest.mark.usefixtures("running")
MONEY = re.compile(r"\d[\d.]* đ")


async def link(h: Harness, chat: int, who: dict[str, str]) -> None:
    """The whole linking story for one person, consent included."""
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, who["phone"])
    await h.fake.replies(chat, 1, after=2)
    h.fake.user_says(chat, who["last4"])
    await h.fake.replies(chat, 2, after=3)
    h.fake.user_presses(chat, "consent:yes")
    await h.fake.replies(chat, 1, after=5)


def markup(h: Harness, chat: int, index: int = -1) -> dict[str, object]:
    raw = h.fake.sent(chat)[index].params.get("reply_markup")
    return json.loads(raw) if raw else {}


async def test_new_user_links_and_asks_in_their_own_words(running: Harness) -> None:
    h, chat = running, 1001
    h.fake.user_says(chat, "/start")
    greeting, ask = await h.fake.replies(chat, 2)
    assert "Xin chào" in greeting and "Chia sẻ số điện thoại" in ask
    keyboard = markup(h, chat)
    assert keyboard["keyboard"][0][0]["request_contact"] is True  # type: ignore[index]

    h.fake.user_shares_contact(chat, "+84 912 345 678")
    [asked] = await h.fake.replies(chat, 1, after=2)
    assert "4 số cuối" in asked and "Lâm" not in asked  # no name before proof

    h.fake.user_says(chat, "6789")
    confirmed, consent = await h.fake.replies(chat, 2, after=3)
    assert confirmed == "Đã xác minh." and "Nghị định 13/2023" in consent
    labels = [b["text"] for b in markup(h, chat)["inline_keyboard"][0]]  # type: ignore[index]
    assert labels[0].startswith("Xác nhận") and labels[1].startswith("Hủy")

    h.fake.user_presses(chat, "consent:yes")
    [welcome] = await h.fake.replies(chat, 1, after=5)
    assert "Cảm ơn" in welcome
    assert markup(h, chat)["keyboard"][0][0]["text"] == "Dư nợ"  # type: ignore[index]

    h.fake.user_says(chat, "duw nowj con bn z")
    [balance] = await h.fake.replies(chat, 1, after=6)
    assert "Tổng dư nợ: 70.000.000 đ" in balance
    assert "Hộ nghèo: 50.000.000 đ" in balance
    assert "Nước sạch và vệ sinh môi trường nông thôn: 20.000.000 đ" in balance
    assert balance.endswith("Số liệu đến ngày 31/10/2026.")

    h.fake.user_says(chat, "Khoản vay nước sạch còn bao nhiêu?")
    [narrowed] = await h.fake.replies(chat, 1, after=7)
    assert "Tổng dư nợ: 20.000.000 đ" in narrowed and "Hộ nghèo" not in narrowed

    h.fake.user_says(chat, "lải thág nay nhiu")
    [interest] = await h.fake.replies(chat, 1, after=8)
    assert "Lãi tháng này: 425.000 đ" in interest
    assert "0,55%/tháng" in interest and "Lãi còn nợ các tháng trước: 150.000 đ" in interest
    assert "Tổng cần nộp: 575.000 đ" in interest
    assert "Thứ Năm, 17/12/2026" in interest  # paid to the leader before the session

    h.fake.user_says(chat, "Khi nào đến hạn trả nợ?")
    [due] = await h.fake.replies(chat, 1, after=9)
    assert "Kỳ trả gốc tới: Thứ Ba, 15/12/2026 (còn 19 ngày), số tiền 5.000.000 đ" in due
    assert "không nộp qua tổ trưởng" in due

    h.fake.user_says(chat, "tien tk dc nhiu r")
    [savings] = await h.fake.replies(chat, 1, after=10)
    assert "1.200.000 đ" in savings and "tối thiểu hằng tháng của tổ: 100.000 đ" in savings

    h.fake.user_says(chat, "ngay gd xa la ngay my")
    [session] = await h.fake.replies(chat, 1, after=11)
    assert "Thứ Năm, 17/12/2026" in session and "07:30" in session and "UBND xã Đại Tâm" in session

    h.fake.user_says(chat, "tt to t la ai sdt")
    [contacts] = await h.fake.replies(chat, 1, after=12)
    assert "Tổ trưởng: Lâm Thị Sa Ri, 0912 345 678" in contacts
    assert "Trần Văn Bình, 0901 234 567" in contacts

    async with h.engine.connect() as conn:
        actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
    assert {"link", "consent", "balance", "interest", "due_date", "savings"} <= set(actions)


async def test_overdue_warning_and_moved_session(running: Harness) -> None:
    h = running
    await link(h, 1002, SON)
    h.fake.user_says(1002, "co bi qua hn chua")
    [due] = await h.fake.replies(1002, 1, after=6)
    assert "⚠ Khoản vay Hộ cận nghèo đã quá hạn cuối (30/09/2026): còn nợ 10.000.000 đ" in due
    await link(h, 1003, LAN)
    h.fake.user_says(1003, "Phiên giao dịch tới là hôm nào?")
    [session] = await h.fake.replies(1003, 1, after=6)
    assert "Thứ Sáu, 18/12/2026" in session and "đã được dời" in session


async def test_programme_questions_need_no_link_and_show_no_personal_figures(
    running: Harness,
) -> None:
    h = running
    h.fake.user_says(1010, "ho can ngheo duoc vay toi da bao nhieu")
    [answer] = await h.fake.replies(1010, 1)
    assert "0,66%/tháng" in answer and "100.000.000 đ" in answer
    # "vay nghèo" is the poor households' loan (it listed every programme's rate)
    h.fake.user_says(1010, "vay ngheo dc bao nhieu tien vay")
    [answer] = await h.fake.replies(1010, 1, after=1)
    assert "Hộ nghèo:" in answer and "100.000.000 đ" in answer, answer
    assert "cận nghèo" not in answer and "các chương trình" not in answer


async def test_no_figures_before_linking(running: Harness) -> None:
    h = running
    for n, question in enumerate(["dư nợ còn bao nhiêu", "lai thang nay", "tiet kiem"]):
        h.fake.user_says(1020, question)
        [answer] = await h.fake.replies(1020, 1, after=n)
        assert "Chia sẻ số điện thoại" in answer and not MONEY.search(answer)


async def test_someone_elses_contact_is_refused(running: Harness) -> None:
    h = running
    h.fake.user_shares_contact(1030, SARI["phone"], owner=999)
    [answer] = await h.fake.replies(1030, 1)
    assert "của chính anh/chị" in answer
    async with h.engine.connect() as conn:
        row = (await conn.execute(select(chat_links).where(chat_links.c.chat_id == "1030"))).one()
    assert row.customer_id is None


async def test_wrong_digits_lock_the_chat_and_the_customer(running: Harness) -> None:
    h, chat = running, 1040
    h.fake.user_shares_contact(chat, SARI["phone"])
    await h.fake.replies(chat, 1)
    for attempt in range(4):
        h.fake.user_says(chat, "0000")
        [answer] = await h.fake.replies(chat, 1, after=1 + attempt)
        assert f"còn {4 - attempt} lần" in answer
    h.fake.user_says(chat, "0000")
    [locked] = await h.fake.replies(chat, 1, after=5)
    assert "bị khóa đến 10:00 ngày 27/11/2026" in locked
    h.fake.user_says(chat, SARI["last4"])  # even the right digits are refused now
    [still] = await h.fake.replies(chat, 1, after=6)
    assert "Đã xác minh" not in still

    h.fake.user_shares_contact(1041, SARI["phone"])  # a second chat, same customer
    [other] = await h.fake.replies(1041, 1)
    assert "bị khóa" in other


async def test_link_code_unlink_and_households_kept_apart(running: Harness) -> None:
    h = running
    async with h.engine.begin() as conn:
        customer = await links.customer_by_code(conn, LAN["code"])
        code = await link_codes.create_link_code(conn, NOW, customer_id=customer)
    h.fake.user_says(1050, f"/start {code}")
    confirmed, _consent = await h.fake.replies(1050, 2)
    assert confirmed == "Đã xác minh."
    h.fake.user_presses(1050, "consent:yes")
    await h.fake.replies(1050, 1, after=2)
    h.fake.user_says(1050, "du no")
    [balance] = await h.fake.replies(1050, 1, after=3)
    assert "30.000.000 đ" in balance and "70.000.000" not in balance  # Lan's, not Sa Ri's

    h.fake.user_says(1051, f"LIENKET {code}")  # the code was spent
    [spent] = await h.fake.replies(1051, 1)
    assert "không đúng, đã dùng hoặc đã hết hạn" in spent

    h.fake.user_says(1050, "/huy")
    [asked] = await h.fake.replies(1050, 1, after=4)
    assert "Hủy liên kết cuộc trò chuyện này?" in asked  # unlinking asks first
    h.fake.user_taps(1050, "Xác nhận hủy liên kết")
    [gone] = await h.fake.replies(1050, 1, after=5)
    assert "Đã hủy liên kết" in gone
    h.fake.user_says(1050, "du no")
    [after] = await h.fake.replies(1050, 1, after=6)
    assert "30.000.000" not in after and "Chia sẻ số điện thoại" in after


async def test_borrower_cannot_reach_leader_or_officer_features(running: Harness) -> None:
    h = running
    await link(h, 1060, SON)
    h.fake.user_says(1060, "nop bang ke thu lai 4tr25 tk 1tr8")
    [tally] = await h.fake.replies(1060, 1, after=6)
    assert "Chỉ tổ trưởng" in tally
    h.fake.user_says(1060, "thông báo các tổ xã Đại Tâm nghỉ giao dịch")
    [notice] = await h.fake.replies(1060, 1, after=7)
    assert "Chỉ cán bộ tín dụng" in notice


async def test_an_unlinked_chat_asking_for_a_leader_or_officer_feature_is_told_to_link_first(
    running: Harness,
) -> None:
    """Nobody is told "only leaders" before the bot knows who they are: link first."""
    h, chat = running, 1061
    for n, question in enumerate(
        [
            "họp tổ tối thứ Bảy 19h ở nhà văn hóa",
            "nop bang ke",
            "to con ai chua dong lai",
            "gửi thông báo cho tổ trưởng xã Đại Tâm: mai họp",
            "/thongbao",
        ]
    ):
        h.fake.user_says(chat, question)
        [answer] = await h.fake.replies(chat, 1, after=n)
        assert "chưa biết anh/chị là ai" in answer, (question, answer)
        assert "Chia sẻ số điện thoại" in answer and "LIENKET" in answer, (question, answer)
        assert "Chỉ tổ trưởng" not in answer and "Chỉ cán bộ" not in answer, (question, answer)
        keyboard = markup(h, chat)
        assert keyboard["keyboard"][0][0]["request_contact"] is True  # type: ignore[index]


async def test_media_long_text_language_and_reminders(running: Harness) -> None:
    h, chat = running, 1070
    await link(h, chat, SARI)
    h.fake.user_sends(
        chat,
        sticker={
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        },
    )
    [sticker] = await h.fake.replies(chat, 1, after=6)
    assert "chỉ đọc được tin nhắn chữ" in sticker
    h.fake.user_says(chat, "dư nợ " * 300)
    [long] = await h.fake.replies(chat, 1, after=7)
    assert "dài quá" in long
    h.fake.user_says(chat, "/nhacnho")
    [off] = await h.fake.replies(chat, 1, after=8)
    assert "Đã tắt nhắc nhở" in off
    h.fake.user_says(chat, "/ngonngu")
    await h.fake.replies(chat, 1, after=9)
    h.fake.user_presses(chat, "lang:en")
    [english] = await h.fake.replies(chat, 1, after=10)
    assert english == "Language set to English."
    h.fake.user_says(chat, "du no")
    [balance] = await h.fake.replies(chat, 1, after=11)
    assert "Outstanding balance: 70,000,000 VND" in balance and "Figures as of" in balance


async def test_reminders_switched_off_in_english_and_teen_code(running: Harness) -> None:
    h, chat = running, 1071
    await link(h, chat, SARI)
    h.fake.user_says(chat, "pls switch off the reminders")  # "switch" read as typed
    [off] = await h.fake.replies(chat, 1, after=6)
    assert "Reminders are off" in off  # an English sentence, answered in English
    h.fake.user_says(chat, "nhak e thág sau nha")  # nhắc em tháng sau
    [on] = await h.fake.replies(chat, 1, after=7)
    assert "Đã bật" in on


async def test_an_english_sentence_is_answered_in_english_unless_a_language_was_chosen(
    running: Harness,
) -> None:
    """Nobody chose a language: a clear English sentence gets English (with a one-time hint
    how to choose), a Vietnamese one Vietnamese. A language chosen with /ngonngu always wins."""
    h, chat = running, 1081
    h.fake.user_says(chat, "Hello, how can I check my mother's loan balance?")
    [answer] = await h.fake.replies(chat, 1)
    assert "please confirm who you are first" in answer and "Share my phone number" in answer
    assert "because you wrote in English" in answer and "/ngonngu" in answer  # the hint
    assert markup(h, chat)["keyboard"][0][0]["text"] == "📱 Share my phone number"  # type: ignore[index]
    h.fake.user_says(chat, "When is the next transaction day in our commune?")
    [again] = await h.fake.replies(chat, 1, after=1)
    assert "please confirm who you are first" in again and "/ngonngu" not in again  # once
    h.fake.user_says(chat, "dư nợ còn bao nhiêu")  # Vietnamese again: Vietnamese
    [vietnamese] = await h.fake.replies(chat, 1, after=2)
    assert "Để xem dư nợ, lãi và tiết kiệm" in vietnamese

    chose, mixed = 1082, 1083
    await link(h, chose, SARI)
    h.fake.user_says(chose, "/ngonngu")
    await h.fake.replies(chose, 1, after=6)
    h.fake.user_presses(chose, "lang:vi")  # Vietnamese chosen: it stays, whatever is written
    await h.fake.replies(chose, 1, after=7)
    h.fake.user_says(chose, "How much interest do I have to pay this month?")
    [kept] = await h.fake.replies(chose, 1, after=8)
    assert "Lãi tháng này: 425.000 đ" in kept and "English" not in kept
    await link(h, mixed, SON)
    h.fake.user_says(mixed, "/ngonngu")
    await h.fake.replies(mixed, 1, after=6)
    h.fake.user_presses(mixed, "lang:en")  # English chosen: a Vietnamese line stays English
    await h.fake.replies(mixed, 1, after=7)
    h.fake.user_says(mixed, "lãi tháng này bao nhiêu")
    [english] = await h.fake.replies(mixed, 1, after=8)
    assert "Interest this month: 66,000 VND" in english


async def test_a_failure_inside_reaches_the_person_as_busy_and_logs_no_personal_data(
    running: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h, chat = running, 1080
    configure_logging()  # as `run` and `serve` do
    caplog.set_level(logging.INFO)
    await link(h, chat, SARI)
    async with h.engine.begin() as conn:
        await conn.execute(text("DROP TABLE tally_lines"))
        await conn.execute(text("DROP TABLE loans"))
    h.fake.user_says(chat, "dư nợ")
    [busy] = await h.fake.replies(chat, 1, after=6)
    assert busy.startswith("Xin lỗi, hệ thống đang bận")
    logged = caplog.text
    assert "handling a text message failed" in logged
    for secret in (
        "TEST-token",
        SARI["phone"],
        "912345678",
        "079123456789",
        "6789",
        "50.000.000",
        "50000000",
    ):
        assert secret not in logged


async def test_command_menu_follows_the_role(running: Harness) -> None:
    h = running
    await link(h, 1090, SARI)
    scoped = [
        c
        for c in h.fake.calls
        if c.method == "setMyCommands" and "1090" in str(c.params.get("scope"))
    ]
    assert scoped and "huy" in str(scoped[-1].params["commands"])
    with use_locale("vi"):
        assert any(
            c.method == "setMyCommands" and "default" in str(c.params.get("scope"))
            for c in h.fake.calls
        )


async def test_flood_gets_one_warning_then_silence(running: Harness) -> None:
    h, chat = running, 1100
    for _ in range(FLOOD_LIMIT + 2):
        h.fake.user_says(chat, "xin chào")
    answers = await h.fake.replies(chat, FLOOD_LIMIT + 1, within=20, settle=0.5)
    assert sum("nhanh quá" in a for a in answers) == 1


async def test_a_429_on_a_reply_is_waited_out_and_a_403_is_survived(running: Harness) -> None:
    h = running
    h.fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=1110)
    started = asyncio.get_running_loop().time()
    h.fake.user_says(1110, "xin chào")
    [answer] = await h.fake.replies(1110, 1)
    assert "Anh/chị có thể hỏi" in answer
    assert asyncio.get_running_loop().time() - started >= 1.0  # waited as Telegram asked
    h.fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=1111)
    h.fake.user_says(1111, "xin chào")
    await asyncio.sleep(0.5)
    h.fake.user_says(1112, "xin chào")  # the bot carries on for everyone else
    await h.fake.replies(1112, 1)


async def test_leader_sees_the_group_and_only_their_group(running: Harness) -> None:
    h = running
    await link(h, 1120, SARI)  # leader of T01 (leaders file)
    h.fake.user_says(1120, "to con ai chua dong lai z")
    [status] = await h.fake.replies(1120, 1, after=6)
    assert "Tổ ấp 3: 2 tổ viên" in status
    assert "Lãi cần thu: 707.000 đ (trong đó lãi tồn: 216.000 đ)" in status
    assert "Tiết kiệm tối thiểu: 2 × 100.000 đ = 200.000 đ" in status
    assert "1. Lâm Thị Sa Ri: lãi 575.000 đ (tồn 150.000 đ)" in status
    assert "2. Thạch Sơn: lãi 132.000 đ (tồn 66.000 đ) ⚠ quá hạn 2.000.000 đ" in status
    assert status.endswith("Số liệu đến ngày 31/10/2026.")

    await link(h, 1121, LAN)  # leader of T02 sees her own group, never T01's members
    h.fake.user_says(1121, "Tình hình tổ tháng này thế nào?")
    [other] = await h.fake.replies(1121, 1, after=6)
    assert "Tổ Phú Hòa: 1 tổ viên" in other and "Thạch Sơn" not in other

    await link(h, 1122, SON)  # a plain member cannot see the group
    h.fake.user_says(1122, "to con ai chua dong lai")
    [refused] = await h.fake.replies(1122, 1, after=6)
    assert "Chỉ tổ trưởng" in refused and "Sa Ri" not in refused


async def test_a_long_group_list_is_paged_with_buttons(running: Harness) -> None:
    from storage.importer import import_file
    from tests.bankfiles import write_xlsx
    from tests.bot_fixtures import AS_OF, LOAN_HEADER, LOAN_ROWS

    h = running
    lan_row = LOAN_ROWS[3]
    extra = [
        [
            f"KH9{i:02d}",
            f"Hộ viên số {i:02d}",
            f"KU9{i:02d}",
            1,
            10_000_000,
            0,
            AS_OF,
            "T02",
            "Tổ Phú Hòa",
            "Thạnh Phú",
            "",
            "",
            0.55,
            0,
            55_000,
            None,
            None,
            None,
            None,
            0,
        ]
        for i in range(24)
    ]
    report = await import_file(
        h.engine, write_xlsx(h.folder / "t02.xlsx", LOAN_HEADER, [lan_row, *extra])
    )
    assert report.error is None
    await link(h, 1130, LAN)
    h.fake.user_says(1130, "Tình hình tổ")
    [first] = await h.fake.replies(1130, 1, after=6)
    assert "Tổ Phú Hòa: 25 tổ viên" in first and "Trang 1/2" in first
    assert "20. " in first and "21. " not in first
    buttons = markup(h, 1130)["inline_keyboard"][0]  # type: ignore[index]
    assert [b["text"] for b in buttons] == ["Sau ▶"]
    h.fake.user_presses(1130, buttons[0]["callback_data"])
    [second] = await h.fake.replies(1130, 1, after=7)
    assert "21. " in second and "25. " in second and "Trang 2/2" in second
    assert [b["text"] for b in markup(h, 1130)["inline_keyboard"][0]] == ["◀ Trước"]  # type: ignore[index]


async def test_a_guest_who_types_their_number_is_shown_the_button(running: Harness) -> None:
    h, chat = running, 1077
    h.fake.user_says(chat, "0912 345 678")
    [answer] = await h.fake.replies(chat, 1)
    assert "Gõ số điện thoại chưa đủ" in answer and "Lâm" not in answer
    keyboard = markup(h, chat)
    assert keyboard["keyboard"][0][0]["request_contact"] is True  # type: ignore[index]


async def test_a_button_with_a_twenty_digit_id_is_answered_not_crashed(running: Harness) -> None:
    h, chat = running, 1130
    await link(h, chat, SARI)  # a group leader: meeting and group-page buttons are hers
    forged = ["mt:yes:12345678901234567890", "group:99999999999999999999", "bc:group:1" + "0" * 19]
    for n, data in enumerate(forged):
        h.fake.user_presses(chat, data)
        [answer] = await h.fake.replies(chat, 1, after=6 + n)
        assert not answer.startswith("Xin lỗi, hệ thống đang bận"), data


async def test_a_command_for_another_bot_is_left_alone(running: Harness) -> None:
    h, chat = running, 1140
    h.fake.user_says(chat, "/start@another_bot")
    h.fake.user_says(chat, "/huy@SomeOtherBot")
    await asyncio.sleep(0.5)
    assert h.fake.sent(chat) == []
    h.fake.user_says(chat, "/start@Tro_Ly_Bot")  # this bot, whatever the letter case
    greeting, _ask = await h.fake.replies(chat, 2)
    assert "Xin chào" in greeting


async def test_an_edited_message_is_answered_once_asking_to_send_it_again(
    running: Harness,
) -> None:
    h, chat = running, 1150
    await link(h, chat, SARI)
    h.fake.user_edits(chat, "du no con bao nhieu")
    [answer] = await h.fake.replies(chat, 1, after=6, settle=0.5)
    assert "gửi lại" in answer and not MONEY.search(answer)
    h.fake.user_edits(chat, "du no con bao nhieu?")  # a second edit: one answer again
    await h.fake.replies(chat, 1, after=7, settle=0.5)
