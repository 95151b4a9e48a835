"""Conversations on Zalo through the real stack: the Zalo channel long polling the fake Zalo
API over httpx into the real router, the outbox sender delivering through the Zalo delivery.
Zalo has no buttons and shares no verified phone: options are numbered and typed back,
linking is by one-time code only."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from bot.channels.zalo.render import MAX_TEXT, length
from bot.outbound.scheduler import plan_and_queue
from storage import link_codes, links
from storage.schema import audit_log, chat_links, chat_options, outbox, tallies
from tests.bot_fixtures import LAN, NOW, SARI, SON, TZ, Clock
from tests.zalo_fixtures import HOTLINE, ZaloRig, zalo_bot, zalo_rig, zalo_running

__all__ = ["zalo_bot", "zalo_rig"]  # fixtures

SARI_CHAT = "5a10000000000000000a"
SON_CHAT = "5a20000000000000000b"
LAN_CHAT = "5a30000000000000000c"
STRANGER = "5a40000000000000000d"
OFFICER_CHAT = "5a90000000000000000f"
OPTION = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)


def options_of(text: str) -> list[str]:
    """The numbered options at the end of a message, as the person reads them."""
    return [label for _n, label in OPTION.findall(text.rsplit("\n\n", 1)[-1])]


async def test_an_unlinked_person_is_told_how_to_get_a_code(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    [ask] = await z.says(STRANGER, "dư nợ còn bao nhiêu")
    assert "mã liên kết" in ask and "LIENKET" in ask and "CCCD" in ask
    assert "Chia sẻ số điện thoại" not in ask  # Zalo cannot share a verified phone
    greeting, how = await z.says(STRANGER, "/start", 2)
    assert "Xin chào" in greeting and "LIENKET" in how
    # A typed phone number proves nothing and links nobody.
    refused, how = await z.says(STRANGER, SARI["phone"], 2)
    assert "không chứng minh" in refused and "LIENKET" in how
    async with z.h.engine.connect() as conn:
        linked = await conn.scalar(
            select(func.count()).where(
                chat_links.c.chat_id == STRANGER, chat_links.c.customer_id.is_not(None)
            )
        )
    assert linked == 0


async def test_an_unlinked_chat_asking_for_a_leader_or_officer_feature_is_told_to_link_first(
    zalo_bot: ZaloRig,
) -> None:
    """The bot does not know who an unlinked chat is: not "only leaders call meetings" (they
    may be the leader), but how to link on Zalo, with the code."""
    z = zalo_bot
    for question in (
        "hop to ngay mai",
        "nộp bảng kê",
        "tổ còn ai chưa đóng lãi",
        "gửi thông báo cho cả xã",
        "tình hình bảng kê các tổ",
        "/thongbao",
    ):
        [answer] = await z.says(STRANGER, question)
        assert "chưa biết anh/chị là ai" in answer, (question, answer)
        assert "LIENKET" in answer and "mã liên kết" in answer, (question, answer)
        assert "Chỉ tổ trưởng" not in answer and "Chỉ cán bộ" not in answer, (question, answer)
        assert "Chia sẻ số điện thoại" not in answer  # Zalo cannot share a verified phone


async def test_an_english_question_from_an_unlinked_chat_is_answered_in_english(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    greeting, how = await z.says(STRANGER, "How do I link my account to see my loan?", 2)
    assert greeting.startswith("Hello!") and "mã liên kết" not in how
    assert "LIENKET" in how and "link code" in how
    assert "because you wrote in English" in how and "type “language”." in how
    assert "/ngonngu" not in how  # Zalo has no commands: the words to type


async def test_a_code_links_and_consent_is_typed_as_its_number_or_its_words(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    code = await z.code_for(SARI["code"])
    confirmed, consent = await z.says(SARI_CHAT, f"lienket {code.lower()}", 2)
    assert confirmed == "Đã xác minh." and "Nghị định 13/2023" in consent
    assert options_of(consent) == ["Xác nhận: tôi đồng ý", "Hủy: tôi không đồng ý"]
    [thanks] = await z.says(SARI_CHAT, "1")
    assert "Cảm ơn" in thanks
    # "the menu below" is there: the ready-made questions, numbered.
    assert options_of(thanks)[:2] == ["Dư nợ", "Hạn trả nợ"]

    # The code alone, when that is all the message holds; consent in words, no diacritics.
    other = await z.code_for(SON["code"])
    confirmed, consent = await z.says(SON_CHAT, other, 2)
    assert confirmed == "Đã xác minh."
    [thanks] = await z.says(SON_CHAT, "xac nhan toi dong y")
    assert "Cảm ơn" in thanks
    async with z.h.engine.connect() as conn:
        actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
    assert actions.count("link") == 2 and actions.count("consent") == 2


async def test_every_borrower_answer(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    [balance] = await z.says(SARI_CHAT, "duw nowj con bn z")
    assert "Tổng dư nợ: 70.000.000 đ" in balance and "Số liệu đến ngày 31/10/2026." in balance
    [interest] = await z.says(SARI_CHAT, "lãi tháng này")
    assert "Lãi tháng này: 425.000 đ" in interest and "Tổng cần nộp: 575.000 đ" in interest
    [due] = await z.says(SARI_CHAT, "Khi nào đến hạn trả nợ?")
    assert "Kỳ trả gốc tới: Thứ Ba, 15/12/2026 (còn 19 ngày), số tiền 5.000.000 đ" in due
    [savings] = await z.says(SARI_CHAT, "tien tk dc nhiu r")
    assert "1.200.000 đ" in savings
    [session] = await z.says(SARI_CHAT, "ngay gd xa la ngay my")
    assert "Thứ Năm, 17/12/2026" in session and "UBND xã Đại Tâm" in session
    [contacts] = await z.says(SARI_CHAT, "tt to t la ai sdt")
    assert "Tổ trưởng: Lâm Thị Sa Ri, 0912 345 678" in contacts
    [programme] = await z.says(SARI_CHAT, "vay nuoc sach toi da bn")
    assert "25.000.000 đ" in programme
    # Not understood: the fallback's choices are numbered; "3" asks the third one.
    [fallback] = await z.says(SARI_CHAT, "giá heo hơi hôm nay")
    assert options_of(fallback)[2] == "Lãi tháng này"
    [chosen] = await z.says(SARI_CHAT, "3")
    assert "Lãi tháng này: 425.000 đ" in chosen
    for text in z.fake.sent_to(SARI_CHAT):
        assert "*" not in text and "_" not in text  # plain text, no Markdown
        assert 1 <= length(text) <= MAX_TEXT


async def test_a_used_code_is_refused_in_a_second_chat(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    code = await z.code_for(LAN["code"])
    await z.says(LAN_CHAT, f"LIENKET {code}", 2)
    [refused] = await z.says(STRANGER, f"LIENKET {code}")
    assert "không đúng, đã dùng hoặc đã hết hạn" in refused
    [ask] = await z.says(STRANGER, "dư nợ")
    assert "LIENKET" in ask  # still a guest


async def test_stickers_images_voice_and_withheld_messages_get_a_neutral_line(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    seen = len(z.fake.sent_to(SARI_CHAT))
    await z.fake.push(z.fake.update(SARI_CHAT, "sticker", sticker="bfe458bf64fa8da4d4eb"))
    [line] = await z.fake.replies(SARI_CHAT, 1, after=seen)
    assert "chỉ đọc được tin nhắn chữ" in line and HOTLINE in line
    await z.fake.push(z.fake.update(SARI_CHAT, "voice", voice_url="https://x.zadn.vn/a.aac"))
    await z.fake.push(z.fake.update(SARI_CHAT, "image", photo="https://x.zadn.vn/a.jpg"))
    await z.fake.replies(SARI_CHAT, 2, after=seen + 1)
    # An image's caption is read as the question.
    captioned = z.fake.update(SARI_CHAT, "image", photo="https://x.zadn.vn/b.jpg", caption="dư nợ")
    await z.fake.push(captioned)
    [balance] = await z.fake.replies(SARI_CHAT, 1, after=seen + 3)
    assert "Tổng dư nợ: 70.000.000 đ" in balance
    # Zalo's compliance event: the content withheld; no figures, the bank's hotline.
    await z.fake.push(z.fake.update(STRANGER, "unsupported"))
    [withheld] = await z.fake.replies(STRANGER, 1)
    assert "không đọc được tin nhắn này" in withheld and HOTLINE in withheld


async def test_a_group_is_asked_to_write_privately_and_never_answered_figures(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    group = "9g00000000000000000e"
    update = z.fake.text_update(group, "dư nợ còn bao nhiêu", chat_type="GROUP")
    update["message"]["from"]["id"] = SARI_CHAT  # a linked person, writing in a group
    await z.fake.push(update)
    [line] = await z.fake.replies(group, 1)
    assert "nhắn riêng" in line and "70.000.000" not in line
    async with z.h.engine.connect() as conn:
        rows = await conn.scalar(select(func.count()).where(chat_links.c.chat_id == group))
    assert rows == 0  # never routed: the group is not even a guest


async def test_options_survive_a_restart(zalo_rig: ZaloRig) -> None:
    z = zalo_rig
    async with zalo_running(z):
        code = await z.code_for(SARI["code"])
        await z.says(SARI_CHAT, f"LIENKET {code}", 2)
    async with z.h.engine.connect() as conn:
        kept = await conn.scalar(select(chat_options.c.options))
    assert "consent:yes" in str(kept)
    await z.fake.no_poll_open()  # the old process's last long poll would take the next update
    async with zalo_running(z):  # a new process: nothing in memory
        [thanks] = await z.says(SARI_CHAT, "số 1")
    assert "Cảm ơn" in thanks


async def test_a_long_answer_is_split_under_zalo_limit(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    seen = len(z.fake.sent_to(SARI_CHAT))
    [help_text] = await z.says(SARI_CHAT, "trợ giúp")
    assert len(z.fake.sent_to(SARI_CHAT)) == seen + 1 and length(help_text) <= MAX_TEXT


async def link_officer(z: ZaloRig) -> None:
    async with z.h.engine.begin() as conn:
        officer_id = await links.officer_by_phone(conn, "0901234567")
        assert officer_id is not None
        code = await link_codes.create_link_code(conn, NOW, officer_id=officer_id)
    [linked] = await z.says(OFFICER_CHAT, f"LIENKET {code}")
    assert "cán bộ tín dụng" in linked
    assert options_of(linked) == ["Tình hình bảng kê", "Gửi thông báo", "Hướng dẫn"]


async def test_an_officer_broadcasts_in_numbered_steps_and_gets_one_final_report(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    await z.link(SON_CHAT, SON)
    await link_officer(z)
    [ask] = await z.says(OFFICER_CHAT, "2")  # "Gửi thông báo" from the menu
    assert "Gửi thông báo cho ai" in ask and options_of(ask)[0] == "Cả xã Đại Tâm"
    assert options_of(ask)[-1] == "Hủy"
    [prompt] = await z.says(OFFICER_CHAT, "1")
    assert "cả xã Đại Tâm" in prompt
    notice = "Phiên giao dịch tháng 12 dời sang ngày 18/12, 7 giờ sáng."
    [preview] = await z.says(OFFICER_CHAT, notice)
    assert "Số người nhận: 2" in preview and options_of(preview) == ["Xác nhận gửi", "Hủy"]
    seen = {chat: len(z.fake.sent_to(chat)) for chat in (SARI_CHAT, SON_CHAT)}
    queued, status, report = await z.says(OFFICER_CHAT, "xac nhan gui", 3, within=20)
    assert "#1" in queued and "Thông báo #1: cần gửi cho 2 người" in status
    assert "đã gửi xong: 2/2 người đã nhận" in report  # a new message: Zalo cannot edit
    for chat in (SARI_CHAT, SON_CHAT):
        assert await z.fake.replies(chat, 1, after=seen[chat]) == [
            f"📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:\n{notice}"
        ]
    await asyncio.sleep(2.5)  # the sender reports progress every 2 s: nothing more comes
    assert len(z.fake.sent_to(OFFICER_CHAT)) == 4 + 3


async def test_a_reminder_arrives_and_its_option_starts_the_tally(zalo_rig: ZaloRig) -> None:
    z = zalo_rig
    clock = Clock(datetime(2026, 12, 16, 3, 0, tzinfo=UTC))  # 10:00 the day before the session
    async with zalo_running(z, clock):
        await z.link(SARI_CHAT, SARI, at=clock())
        seen = len(z.fake.sent_to(SARI_CHAT))
        queued = await plan_and_queue(z.h.engine, date(2026, 12, 16), TZ, clock())
        assert queued == 2  # the household's reminder and the leader's
        assert z.sender is not None
        z.sender.wake()
        reminders = await z.fake.replies(SARI_CHAT, 2, after=seen, within=15)
        household = next(r for r in reminders if r.startswith("Nhắc lịch: ngày mai"))
        assert "575.000 đ" in household
        leader = next(r for r in reminders if "cần thu 707.000 đ" in r)
        assert options_of(leader) == ["Lập bảng kê"]
        [opening] = await z.says(SARI_CHAT, "1")
        assert "Bảng kê 13/TD của tổ T01" in opening


async def test_a_leader_submits_the_tally_in_numbered_steps(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    [opening] = await z.says(SARI_CHAT, "nộp bảng kê")
    assert "1. Lâm Thị Sa Ri: lãi 575.000 đ" in opening
    # The members are numbered here, so the options are not: they are answered by words.
    assert options_of(opening) == []
    assert opening.endswith("• Xác nhận: tất cả đã nộp đủ\n• Hủy bảng kê")
    [member] = await z.says(SARI_CHAT, "2 vắng")  # a member's number with the answer
    assert "Thạch Sơn" in member
    [summary] = await z.says(SARI_CHAT, "xong")
    assert "Lãi phải thu: 707.000 đ" in summary and "Lãi thực thu: 575.000 đ" in summary
    # A member's number may follow the summary too ("1", then "vắng"): its options are
    # answered by their words, never by a number.
    assert options_of(summary) == []
    assert summary.endswith("• Xác nhận nộp\n• Sửa\n• Hủy bảng kê")
    [receipt] = await z.says(SARI_CHAT, "xác nhận nộp")
    assert "Số biên nhận: BK-T01-20261217-1 (phiên bản 1)" in receipt
    async with z.h.engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(tallies)) == 1
        notices = await conn.scalar(select(func.count()).where(outbox.c.kind == "tally_notice"))
    assert notices == 0  # no officer linked yet: nobody to tell


async def test_a_doubtful_amount_is_echoed_and_confirmed_by_number_or_words(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    await z.says(SARI_CHAT, "nộp bảng kê")
    [echo] = await z.says(SARI_CHAT, "2 lãi trăm hai")
    assert (
        "Hiểu là 120.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm (giữ nguyên) cho Thạch Sơn, "
        "đúng không?" in echo
    )
    assert options_of(echo) == ["Xác nhận: 120.000 đ, 100.000 đ", "Sửa số tiền"]
    [noted] = await z.says(SARI_CHAT, "1")
    assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ" in noted
    [echo] = await z.says(SARI_CHAT, "1 lãi một trăm hai")
    assert "Hiểu là 120.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm (giữ nguyên)" in echo
    [noted] = await z.says(SARI_CHAT, "không, 102 nghìn")
    assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 102.000 đ" in noted
    [summary] = await z.says(SARI_CHAT, "xong")
    assert "Lãi thực thu: 222.000 đ" in summary


async def test_in_the_tally_a_bare_number_is_a_member_an_amount_or_an_option_as_asked(
    zalo_bot: ZaloRig,
) -> None:
    """Where the text lists members, "2" is member 2 (not the second option, "Cancel the
    tally"); asked what a member paid, "150" is 150.000 đ; where the options are numbered
    (one amount's reading), "1" is the first option; at the summary "1" is member 1."""
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    [opening] = await z.says(SARI_CHAT, "nộp bảng kê")
    assert "2. Thạch Sơn" in opening
    [asked] = await z.says(SARI_CHAT, "2")
    assert asked.startswith("Thạch Sơn: lãi phải thu") and "Đã nộp bao nhiêu?" in asked
    # A bare number is one amount in all; over the 132.000 đ interest due: which it was?
    [asked] = await z.says(SARI_CHAT, "150")
    assert "150.000 đ là tiền lãi hay gồm cả tiết kiệm?" in asked
    assert options_of(asked) == [
        "Chỉ tiền lãi: 150.000 đ",
        "Gồm cả tiết kiệm: lãi 132.000 đ, tiết kiệm 18.000 đ",
    ]
    [noted] = await z.says(SARI_CHAT, "1")  # the option's number
    assert "Đã ghi: Thạch Sơn → nộp lãi 150.000 đ, tiết kiệm 0 đ" in noted
    [summary] = await z.says(SARI_CHAT, "xong")
    assert options_of(summary) == []
    [asked] = await z.says(SARI_CHAT, "1")
    assert asked.startswith("Lâm Thị Sa Ri: lãi phải thu")
    [noted] = await z.says(SARI_CHAT, "đủ")
    assert "Đã ghi: Lâm Thị Sa Ri → nộp đủ" in noted
    await z.says(SARI_CHAT, "xong")
    [receipt] = await z.says(SARI_CHAT, "nộp")
    assert "Số biên nhận: BK-T01-20261217-1 (phiên bản 1)" in receipt
    async with z.h.engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(tallies)) == 1
