"""Conversations on Zalo through the real stack: the Zalo channel long polling the fake Zalo
API over httpx into the real router, the outbox sender delivering through the Zalo delivery.
Zalo has no buttons and shares no verified phone: options are numbered and typed back,
linking is by one-time code only."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.channels.zalo.render import MAX_TEXT, length
from storage.schema import audit_log, chat_links, chat_options
from tests.bot_fixtures import LAN, SARI, SON
from tests.zalo_fixtures import HOTLINE, ZaloRig, zalo_bot, zalo_rig, zalo_running

__all__ = ["zalo_bot", "zalo_rig"]  # fixtures
pytestmark = pytest.mark.usefixtures("zalo_bot")

SARI_CHAT = "5a10000000000000000a"
SON_CHAT = "5a20000000000000000b"
LAN_CHAT = "5a30000000000000000c"
STRANGER = "5a40000000000000000d"
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
    [fallback] = await z.says(SARI_CHAT, "con mèo của tôi")
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
    assert "consent:yes" in kept
    async with zalo_running(z):  # a new process: nothing in memory
        [thanks] = await z.says(SARI_CHAT, "số 1")
    assert "Cảm ơn" in thanks


async def test_a_long_answer_is_split_under_zalo_limit(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    await z.link(SARI_CHAT, SARI)
    seen = len(z.fake.sent_to(SARI_CHAT))
    [help_text] = await z.says(SARI_CHAT, "trợ giúp")
    assert len(z.fake.sent_to(SARI_CHAT)) == seen + 1 and length(help_text) <= MAX_TEXT
