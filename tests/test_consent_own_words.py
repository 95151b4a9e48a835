"""The personal-data notice answered in a person's own words, as an elderly borrower met it
(outside tester, session 13): "ba dong y", "o ma thoi ba dong y" agree; with the notice
scrolled past, "duoc", "ok", "oke con" still answer it (the one question pending); CCCD
digits typed when none is asked for get a plain line and are never replayed as the question
asked before agreeing; digits typed with spaces are taken; "English please" at the CCCD
question asks for the digits again in English; replies say the words to type, not slash
commands, and the Zalo notice does not mention CCCD digits Zalo never asks for."""

from __future__ import annotations

import pytest

from handlers.consent import answers_the_notice
from handlers.rules.id_digits import typed_last4
from handlers.typed_answers import pick
from tests.bot_fixtures import SARI, SON, Clock, Harness
from tests.tally_fixtures import Chat, bot
from tests.test_consent_stories import BORROWER, NOTICE, SHORT, Console, to_the_notice
from tests.test_zalo_stories import SON_CHAT, options_of
from tests.zalo_fixtures import ZaloRig, zalo_bot, zalo_rig

__all__ = ["zalo_bot", "zalo_rig"]  # fixtures

SON_BALANCE = "Tổng dư nợ: 10.000.000 đ"
ASKED = "Anh/chị đã hỏi"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.mark.parametrize(
    "typed",
    [
        "ba dong y",
        "dong y roi",
        "o ma thoi ba dong y",
        "toi dong y",
        "Bà đồng ý nha con",
        "ờ thì bác cũng đồng ý luôn",
        "ok ba dong y roi do",
    ],
)
async def test_console_a_yes_in_her_own_words_agrees_and_is_not_replayed(
    harness: Harness, clock: Clock, typed: str
) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    agreed = await console.says(typed)
    assert "Cảm ơn" in agreed and SHORT not in agreed, agreed
    assert ASKED not in agreed and "Chỉ tổ trưởng" not in agreed, agreed


@pytest.mark.parametrize("typed", ["ba dong y", "o ma thoi ba dong y"])
async def test_console_own_words_with_the_notice_scrolled_past_agree(
    harness: Harness, clock: Clock, typed: str
) -> None:
    """After a question got the short line, and another message the menu, her yes agrees and
    the real question asked before it is the one answered."""
    console = Console(harness, SON, clock)
    await console.links()
    assert SHORT in await console.says("du no con bao nhieu")
    await console.says("trợ giúp")
    agreed = await console.says(typed)
    assert "Cảm ơn" in agreed and "“du no con bao nhieu”" in agreed, agreed
    assert agreed.count(SON_BALANCE) == 1, agreed


@pytest.mark.parametrize("who", [SON, SARI])  # a borrower, a group leader
async def test_console_her_yes_once_agreed_is_nothing_to_confirm(
    harness: Harness, clock: Clock, who: dict[str, str]
) -> None:
    """ "ba dong y" typed again after agreeing was read as the tally: "only leaders…" for a
    borrower, a new tally's draft for a leader."""
    console = Console(harness, who, clock)
    await console.links()
    assert "Cảm ơn" in await console.says("ba dong y")
    again = await console.says("bà đồng ý nha con")
    assert "Hiện không có việc gì đang chờ anh/chị xác nhận." in again, again
    assert "Chỉ tổ trưởng" not in again and "Bảng kê" not in again, again


def test_her_own_yes_under_a_question_picks_its_confirm() -> None:
    unlink = [("Xác nhận hủy liên kết", "unlink:yes"), ("Giữ liên kết", "unlink:no")]
    assert pick("bà đồng ý", unlink, numbers=False) == "unlink:yes"
    assert pick("tui không đồng ý đâu", unlink, numbers=False) == "unlink:no"


async def test_telegram_a_title_before_the_yes_agrees(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SON)
        [thanks] = await person.says("bà đồng ý")
        assert "Cảm ơn" in thanks and ASKED not in thanks, thanks
        [balance] = await person.says("dư nợ")
        assert SON_BALANCE in balance


@pytest.mark.parametrize("typed", ["duoc", "u", "oke con", "ok", "dạ được", "ừ"])
async def test_console_a_short_yes_with_the_notice_scrolled_past_agrees(
    harness: Harness, clock: Clock, typed: str
) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    assert SHORT in await console.says("lãi tháng này")
    thanks = await console.says("cảm ơn con")  # another message: the notice is out of view
    assert "Xác nhận: tôi đồng ý" not in thanks, thanks
    agreed = await console.says(typed)
    assert "Cảm ơn" in agreed, agreed
    assert "cần gì cứ nhắn" not in agreed and "không có chi" not in agreed, agreed
    assert "“lãi tháng này”" in agreed and "Lãi tháng này" in agreed.split("”", 1)[1]


@pytest.mark.parametrize("typed", ["duoc", "oke con"])
async def test_zalo_a_short_yes_after_a_reminder_agrees(zalo_bot: ZaloRig, typed: str) -> None:
    z = zalo_bot
    code = await z.code_for(SON["code"])
    await z.says(SON_CHAT, f"LIENKET {code}", 2)
    await z.says(SON_CHAT, "nhắc tôi nha")  # the reminders wait: the short line
    [welcome] = await z.says(SON_CHAT, "cảm ơn con")  # the notice's options are gone
    assert options_of(welcome) == [], welcome
    [thanks] = await z.says(SON_CHAT, typed)
    assert "Cảm ơn" in thanks, thanks


async def test_zalo_cccd_digits_at_the_notice_get_a_plain_line_and_are_not_replayed(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    code = await z.code_for(SON["code"])
    _confirmed, notice = await z.says(SON_CHAT, f"LIENKET {code}", 2)
    assert "4 số cuối CCCD" not in notice, notice  # Zalo never asks for them
    assert "/huy" not in notice and "hủy liên kết" in notice, notice
    [digits] = await z.says(SON_CHAT, SON["last4"])
    assert "không cần" in digits.lower(), digits
    assert options_of(digits)[0] == "Xác nhận: tôi đồng ý", digits  # the notice still waits
    [thanks] = await z.says(SON_CHAT, "1")
    assert "Cảm ơn" in thanks and ASKED not in thanks and SON["last4"] not in thanks, thanks
    [again] = await z.says(SON_CHAT, "7414")  # linked and agreed: nothing to type
    assert "không cần" in again.lower() and "Chỉ tổ trưởng" not in again, again


async def test_telegram_cccd_digits_after_unlinking_say_how_to_link(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SON)
        await person.says("đồng ý")
        await person.says("/huy")
        [gone] = await person.taps("Xác nhận hủy liên kết")
        assert "hủy liên kết" in gone
        [how] = await person.says(SON["last4"])
        assert "tổ trưởng" not in how, how
        assert "Chia sẻ số điện thoại" in how, how


async def test_console_cccd_digits_with_spaces_are_taken(harness: Harness, clock: Clock) -> None:
    console = Console(harness, SON, clock)
    shared = await console.chat.share_phone()
    assert shared is not None
    await console.chat.handle(shared)
    spaced = " ".join(SON["last4"])
    linked = await console.says(f"so cuoi cccd cua ba la {spaced}")
    assert "Đã xác minh." in linked and NOTICE in linked, linked


@pytest.mark.parametrize("typed", ["ba dong y", "o ma thoi ba dong y", "oke con"])
async def test_console_her_yes_at_the_cccd_question_asks_for_the_digits(
    harness: Harness, clock: Clock, typed: str
) -> None:
    """ "ba dong y" before the digits was read as the tally: "I do not know yet whether you
    lead a group…"."""
    console = Console(harness, SON, clock)
    shared = await console.chat.share_phone()
    assert shared is not None
    await console.chat.handle(shared)
    again = await console.says(typed)
    assert "4 số cuối CCCD" in again and "tổ trưởng" not in again, again
    assert "Đã xác minh." in await console.says(SON["last4"])


def test_spaced_digits_read_as_the_last_four() -> None:
    assert typed_last4("2 0 0 4") == "2004"
    assert typed_last4("so cuoi cccd cua ba la 2 0 0 4") == "2004"
    assert typed_last4("20 04") == "2004"
    assert typed_last4("079 188 007 414") == "7414"
    assert typed_last4("0912 345 678") is None  # a phone number is no answer
    assert typed_last4("1 2 3") is None


async def test_console_english_please_at_the_cccd_question_asks_for_the_digits_in_english(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SON, clock)
    shared = await console.chat.share_phone()
    assert shared is not None
    await console.chat.handle(shared)
    english = await console.says("English please")
    assert "Language set to English." in english, english
    assert "last 4 digits" in english and "CCCD" in english, english
    assert "Balance" not in english, english  # not the menu of figures, not linked yet
    linked = await console.says(SON["last4"])
    assert "Confirmed." in linked


@pytest.mark.parametrize(
    "typed",
    [
        *("ba dong y", "ok", "u", "oke con", "không", "ko dong y", "thôi"),
        *("7414", "2 0 0 4", "so cuoi cccd cua ba la 2004", "chào con", "cảm ơn con"),
    ],
)
def test_answers_to_the_notice_are_not_questions(typed: str) -> None:
    assert answers_the_notice(typed), typed


@pytest.mark.parametrize(
    "typed", ["du no con bao nhieu", "lãi tháng này", "ngày giao dịch", "ba đóng 2 triệu"]
)
def test_questions_are_questions(typed: str) -> None:
    assert not answers_the_notice(typed), typed


async def test_console_replies_say_the_words_not_slash_commands(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SON, clock)
    notice = await console.links()
    assert "/huy" not in notice and "“hủy liên kết”" in notice, notice
    await console.says("đồng ý")
    off = await console.says("tắt nhắc nhở")
    assert "/nhacnho" not in off and "“bật nhắc nhở”" in off, off
    on = await console.says("bật nhắc nhở")  # the words said really work
    assert "Đã bật nhắc nhở" in on, on
    asked = await console.says("hủy liên kết")
    assert "Hủy liên kết cuộc trò chuyện này?" in asked, asked


async def test_the_english_hint_says_the_words_and_telegram_its_command_too(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SON, clock)
    hint = await console.says("what is my balance")
    assert "type “language”." in hint and "/ngonngu" not in hint, hint
    h = harness
    async with bot(h, clock):
        person = Chat(h, BORROWER)
        [reply] = await person.says("what is my balance")
        assert "type “language” (/ngonngu)." in reply, reply
