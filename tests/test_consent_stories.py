"""The personal-data notice and the unlink question as a stranger met them, through the real
python-telegram-bot stack against the fake Bot API: "thôi" at the unlink question keeps the
link; "ko" at the notice asks before unlinking; "nhắc tôi nha" before agreeing says when
reminders start; the notice is shown in full once a day (or on "xem lại"), a short line
after."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.channels.console import ConsoleChat
from bot.inbound.router import Router
from storage.schema import chat_links
from tests.bot_fixtures import SARI, SON, TZ, Clock, Harness
from tests.tally_fixtures import Chat, bot
from tests.test_telegram_stories import link
from tests.test_zalo_stories import SARI_CHAT, SON_CHAT, options_of
from tests.zalo_fixtures import ZaloRig, zalo_bot, zalo_rig

__all__ = ["zalo_bot", "zalo_rig"]  # fixtures

BORROWER = 4101
NOTICE = "Nghị định 13/2023"  # in the full notice only
SHORT = "Anh/chị cần đồng ý"  # the short line shown instead, afterwards


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def to_the_notice(h: Harness, chat: int, who: dict[str, str]) -> Chat:
    """Linked by phone and CCCD digits, the notice just shown, not agreed yet."""
    person = Chat(h, chat)
    await person.says("/start", 2)
    seen = len(h.fake.sent(chat))
    h.fake.user_shares_contact(chat, who["phone"])
    await h.fake.replies(chat, 1, after=seen)
    confirmed, notice = await person.says(who["last4"], 2)
    assert confirmed == "Đã xác minh." and NOTICE in notice
    return person


async def still_linked(h: Harness, chat: int) -> bool:
    async with h.engine.connect() as conn:
        customer = await conn.scalar(
            select(chat_links.c.customer_id).where(chat_links.c.chat_id == str(chat))
        )
    return customer is not None


@pytest.mark.parametrize("typed", ["thôi", "thoi", "thôi khỏi hủy", "khong huy nua", "de nguyen"])
async def test_never_mind_at_the_unlink_question_keeps_the_link(
    harness: Harness, clock: Clock, typed: str
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, BORROWER, SARI)
        person = Chat(h, BORROWER)
        [asked] = await person.says("hủy liên kết")
        assert "Hủy liên kết cuộc trò chuyện này?" in asked
        [kept] = await person.says(typed)
        assert kept == "Liên kết vẫn giữ nguyên."
        [balance] = await person.says("dư nợ")
        assert "Tổng dư nợ: 70.000.000 đ" in balance
    assert await still_linked(h, BORROWER)


async def test_no_at_the_notice_asks_first_and_never_mind_keeps_the_link(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SARI)
        [asked] = await person.says("ko")
        assert "không thể" in asked and "số liệu" in asked and "hủy liên kết" in asked
        assert person.labels() == ["Xác nhận: không đồng ý, hủy liên kết", "Giữ liên kết, để sau"]
        assert await still_linked(h, BORROWER)

        [kept] = await person.says("thôi")
        assert "vẫn giữ" in kept and "đồng ý" in kept
        assert "Xác nhận: tôi đồng ý" in person.labels()
        assert await still_linked(h, BORROWER)

        await person.says("không")  # asked again
        [kept] = await person.says("để sau")
        assert "vẫn giữ" in kept
        assert await still_linked(h, BORROWER)

        # Agreeing later works, and then the figures are there.
        [thanks] = await person.says("đồng ý")
        assert "Cảm ơn" in thanks
        [balance] = await person.says("dư nợ")
        assert "Tổng dư nợ: 70.000.000 đ" in balance


async def test_declining_confirmed_unlinks(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SON)
        [asked] = await person.taps("Hủy: tôi không đồng ý")
        assert "hủy liên kết" in asked
        # "đồng ý" right under "unlink?" is not taken for a yes to unlinking, nor for consent.
        [kept] = await person.says("đồng ý")
        assert "vẫn giữ" in kept
        assert await still_linked(h, BORROWER)
        await person.says("ko đồng ý")
        [gone] = await person.taps("Xác nhận: không đồng ý")
        assert "không còn liên kết" in gone
    assert not await still_linked(h, BORROWER)


async def test_remind_me_before_agreeing_says_reminders_start_once_agreed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SARI)
        [answer] = await person.says("nhắc tôi nha")
        assert "Đã bật nhắc nhở" not in answer
        assert "khi anh/chị đồng ý" in answer and SHORT in answer and NOTICE not in answer
        assert person.labels()[:2] == ["Xác nhận: tôi đồng ý", "Hủy: tôi không đồng ý"]
        [thanks] = await person.says("đồng ý")
        assert "Cảm ơn" in thanks


async def test_the_notice_in_full_once_a_day_then_a_short_line(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SARI)
        for question in ("dư nợ", "lãi tháng này", "khi nào đến hạn"):
            [short] = await person.says(question)
            assert SHORT in short and "gõ “đồng ý”" in short and NOTICE not in short
            assert person.labels()[:2] == ["Xác nhận: tôi đồng ý", "Hủy: tôi không đồng ý"]
        [again] = await person.says("xem lại")
        assert NOTICE in again
        [short] = await person.says("tiền tiết kiệm")
        assert SHORT in short and NOTICE not in short

        [once] = await person.says("dư nợ và lãi tháng này")  # two questions, one answer
        assert once.count(SHORT) == 1 and "Xác nhận: tôi đồng ý" in person.labels()

        clock.now += timedelta(days=1)  # the next day: the whole notice once more
        [full] = await person.says("dư nợ và lãi tháng này")
        assert full.count(NOTICE) == 1 and "Xác nhận: tôi đồng ý" in person.labels()
        [short] = await person.says("dư nợ")
        assert SHORT in short and NOTICE not in short
        # With the notice out of view, "xem lại" and "đồng ý" still do what they say.
        await person.says("trợ giúp")
        [again] = await person.says("xem lại")
        assert NOTICE in again
        await person.says("ngôn ngữ")
        # Agreed at last: the question asked before it ("dư nợ") is answered now.
        thanks, balance = await person.says("tôi đồng ý", 2)
        assert "Cảm ơn" in thanks and "Tổng dư nợ: 70.000.000 đ" in balance


# ---- found by a stranger trying the console and Zalo: the step before agreeing ----

BALANCE = "Tổng dư nợ: 70.000.000 đ"  # Sa Ri's balance
NOTICE_EN = "Decree 13/2023"
SHORT_EN = "You need to agree to the personal-data notice first"


class Console:
    """`./dev chat --phone …` in the test process: what the terminal prints for each line."""

    def __init__(self, h: Harness, who: dict[str, str], clock: Clock) -> None:
        self.out = io.StringIO()
        router = Router(h.engine, TZ, clock=clock)
        self.chat = ConsoleChat(router, self.out, io.StringIO(), who["phone"])
        self.who = who

    async def says(self, text: str) -> str:
        seen = len(self.out.getvalue())
        message = await self.chat.typed(text)
        assert message is not None
        await self.chat.handle(message)
        return self.out.getvalue()[seen:]

    async def links(self) -> str:
        """The phone shared, the CCCD digits typed: the notice, not agreed yet."""
        shared = await self.chat.share_phone()
        assert shared is not None
        await self.chat.handle(shared)
        notice = await self.says(self.who["last4"])
        assert "Đã xác minh." in notice and NOTICE in notice
        return notice


@pytest.mark.parametrize("agreeing", ["đồng ý", "dong y", "1"])
async def test_console_a_question_before_agreeing_is_answered_once_agreed(
    harness: Harness, clock: Clock, agreeing: str
) -> None:
    """ "du no con bao nhieu" right after linking got the notice; agreeing (typed, or the
    option's number) answered nothing, and the person had to ask again."""
    console = Console(harness, SARI, clock)
    await console.links()
    asked = await console.says("du no con bao nhieu")
    assert SHORT in asked and BALANCE not in asked
    agreed = await console.says(agreeing)
    assert "Cảm ơn" in agreed and "du no con bao nhieu" in agreed
    assert agreed.count(BALANCE) == 1, agreed
    assert "Dư nợ" in agreed.rsplit(BALANCE, 1)[1]  # the menu, under the answer
    # Once: nothing asked is answered again.
    assert BALANCE not in await console.says("cảm ơn")
    assert BALANCE not in await console.says("đồng ý")


async def test_console_only_a_question_of_this_same_step_is_answered(
    harness: Harness, clock: Clock
) -> None:
    """A question asked before declining (the chat unlinked), or a day before agreeing, is
    not answered when the person agrees later."""
    console = Console(harness, SARI, clock)
    await console.links()
    await console.says("du no con bao nhieu")
    await console.says("ko đồng ý")
    assert "không còn liên kết" in await console.says("1")  # declining confirmed: unlinked
    await console.links()
    agreed = await console.says("đồng ý")
    assert "Cảm ơn" in agreed and BALANCE not in agreed

    late = Console(harness, SON, clock)
    await late.links()
    await late.says("lãi tháng này")
    clock.now += timedelta(days=1, hours=1)
    agreed = await late.says("đồng ý")
    assert "Cảm ơn" in agreed and "Lãi tháng này:" not in agreed


async def test_telegram_a_question_before_agreeing_is_answered_when_the_button_is_pressed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SARI)
        [short] = await person.says("dư nợ còn bao nhiêu")
        assert SHORT in short
        thanks, balance = await person.taps("Xác nhận: tôi đồng ý", 2)
        assert "Cảm ơn" in thanks and "dư nợ còn bao nhiêu" in thanks
        assert BALANCE in balance
        # The old notice's button once more: agreed already, the question is not repeated.
        [again] = await person.presses("consent:yes")
        assert BALANCE not in again


async def test_zalo_a_question_before_agreeing_is_answered_once_agreed(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    code = await z.code_for(SARI["code"])
    await z.says(SARI_CHAT, f"LIENKET {code}", 2)
    [short] = await z.says(SARI_CHAT, "du no con bao nhieu")
    assert SHORT in short and options_of(short)[0] == "Xác nhận: tôi đồng ý"
    thanks, balance = await z.says(SARI_CHAT, "1", 2)
    assert "Cảm ơn" in thanks and BALANCE in balance
    assert options_of(balance)[:2] == ["Dư nợ", "Hạn trả nợ"]  # the menu, under the answer


async def test_zalo_a_wrong_number_at_the_notice_shows_the_valid_numbers_and_the_options(
    zalo_bot: ZaloRig,
) -> None:
    """ "7" with two options lost them: the answer showed the main menu instead."""
    z = zalo_bot
    code = await z.code_for(SARI["code"])
    await z.says(SARI_CHAT, f"LIENKET {code}", 2)
    [wrong] = await z.says(SARI_CHAT, "7")
    assert "1 hoặc 2" in wrong, wrong
    assert options_of(wrong) == ["Xác nhận: tôi đồng ý", "Hủy: tôi không đồng ý"], wrong
    assert "Dư nợ" not in wrong
    [thanks] = await z.says(SARI_CHAT, "1")  # the options still answer
    assert "Cảm ơn" in thanks
    # The menu's options after agreeing (a leader's eight): a wrong number names them.
    [wrong] = await z.says(SARI_CHAT, "9")
    assert "từ 1 đến 8" in wrong and options_of(wrong)[:2] == ["Dư nợ", "Hạn trả nợ"], wrong


async def test_console_a_wrong_number_at_the_notice_shows_the_valid_numbers_and_the_options(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SARI, clock)
    await console.links()
    wrong = await console.says("7")
    assert "1 hoặc 2" in wrong, wrong
    assert "  1. Xác nhận: tôi đồng ý\n  2. Hủy: tôi không đồng ý" in wrong, wrong
    assert "Cảm ơn" in await console.says("1")


async def test_console_a_bare_not_yet_right_after_agreeing_gets_a_friendly_line(
    harness: Harness, clock: Clock
) -> None:
    """ "chưa" after the thanks was read as a leader's feature: "only leaders…"."""
    console = Console(harness, SON, clock)  # a borrower, not a leader
    await console.links()
    await console.says("đồng ý")
    for typed in ("chưa", "chua"):
        line = await console.says(typed)
        assert "Dạ, anh/chị cần gì cứ nhắn tôi nhé." in line, line
        assert "Chỉ tổ trưởng" not in line, line


async def test_zalo_a_bare_not_yet_right_after_agreeing_gets_a_friendly_line(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    await z.link(SON_CHAT, SON)  # a borrower; the menu's options are in effect now
    for typed in ("chưa", "chua"):
        [line] = await z.says(SON_CHAT, typed)
        assert line == "Dạ, anh/chị cần gì cứ nhắn tôi nhé.", line


async def test_console_changing_the_language_before_agreeing_shows_the_notice_again(
    harness: Harness, clock: Clock
) -> None:
    """ "english please" before agreeing showed the main menu: the person had not agreed."""
    console = Console(harness, SARI, clock)
    await console.links()
    english = await console.says("english please")
    assert "Language set to English." in english and NOTICE_EN in english, english
    assert "  1. Confirm: I agree\n  2. Cancel: I do not agree" in english, english
    assert "menu:" not in english and "Balance" not in english, english
    assert "because you wrote in English" not in english  # they have just chosen it
    # In full once for the new language: a question after it gets the short line.
    short = await console.says("what is my balance")
    assert SHORT_EN in short and NOTICE_EN not in short, short

    chosen = await console.says("/language")
    assert "  2. English" in chosen
    again = await console.says("2")
    assert NOTICE_EN in again and "Confirm: I agree" in again, again

    vietnamese = await console.says("nói tiếng Việt đi")
    assert "Đã chuyển sang tiếng Việt." in vietnamese and NOTICE in vietnamese, vietnamese
    assert "gợi ý:" not in vietnamese and "Xác nhận: tôi đồng ý" in vietnamese
    short = await console.says("dư nợ")
    assert SHORT in short and NOTICE not in short
    assert "Cảm ơn" in await console.says("đồng ý")


async def test_zalo_changing_the_language_before_agreeing_shows_the_notice_again(
    zalo_bot: ZaloRig,
) -> None:
    z = zalo_bot
    code = await z.code_for(SARI["code"])
    await z.says(SARI_CHAT, f"LIENKET {code}", 2)
    done, notice = await z.says(SARI_CHAT, "english please", 2)
    assert "Language set to English." in done and NOTICE_EN in notice
    assert options_of(notice) == ["Confirm: I agree", "Cancel: I do not agree"]
    [thanks] = await z.says(SARI_CHAT, "1")
    assert "Thank you" in thanks


# ---- a question asked before linking (a stranger, session 6) ----


async def test_console_a_question_before_linking_is_answered_once_linked_and_agreed(
    harness: Harness, clock: Clock
) -> None:
    """ "du no cua ba con bao nhieu vay" before the phone was shared got the way to link;
    after linking and agreeing the person had to ask again."""
    console = Console(harness, SARI, clock)
    asked = await console.says("du no cua ba con bao nhieu vay")
    assert BALANCE not in asked and "số điện thoại" in asked
    assert "trả lời câu hỏi này" in asked  # told it is kept, not lost
    await console.links()
    agreed = await console.says("đồng ý")
    assert "du no cua ba con bao nhieu vay" in agreed and agreed.count(BALANCE) == 1, agreed


async def test_telegram_a_question_at_the_cccd_step_is_answered_once_linked_and_agreed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = Chat(h, BORROWER)
        await person.says("/start", 2)
        seen = len(h.fake.sent(BORROWER))
        h.fake.user_shares_contact(BORROWER, SARI["phone"])
        await h.fake.replies(BORROWER, 1, after=seen)
        [wait] = await person.says("lãi tháng này bao nhiêu")
        assert "4 số cuối" in wait and "trả lời câu hỏi này" in wait
        confirmed, notice = await person.says(SARI["last4"], 2)
        assert confirmed == "Đã xác minh." and NOTICE in notice
        thanks, interest = await person.taps("Xác nhận: tôi đồng ý", 2)
        assert "lãi tháng này bao nhiêu" in thanks and "Lãi tháng này" in interest


async def test_a_question_before_linking_is_not_answered_a_day_later(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SARI, clock)
    await console.says("du no con bao nhieu")
    clock.now += timedelta(days=1, hours=1)
    await console.links()
    agreed = await console.says("đồng ý")
    assert "Cảm ơn" in agreed and BALANCE not in agreed


@pytest.mark.parametrize("typed", ["khong dong y", "thoi de sau", "thoi dong y", "ok"])
async def test_a_yes_or_no_at_the_cccd_step_asks_for_the_digits_again(
    harness: Harness, clock: Clock, typed: str
) -> None:
    """Typed before the CCCD digits, these got "I did not understand" and a menu of figures
    the person could not use yet (a stranger, session 7): the question is asked again, with
    how to stop; nothing is lost."""
    console = Console(harness, SARI, clock)
    shared = await console.chat.share_phone()
    assert shared is not None
    await console.chat.handle(shared)
    answer = await console.says(typed)
    assert "4 số cuối CCCD" in answer and "hủy" in answer, answer
    assert "chưa hiểu" not in answer and "Dư nợ" not in answer
    linked = await console.says(SARI["last4"])
    assert "Đã xác minh." in linked


@pytest.mark.parametrize("typed", ["giu", "giữ", "thôi giữ lại", "giu lien ket"])
async def test_keep_typed_at_the_decline_question_keeps_the_link(
    harness: Harness, clock: Clock, typed: str
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SARI)
        await person.says("ko")
        assert "Giữ liên kết, để sau" in person.labels()
        [kept] = await person.says(typed)
        assert "vẫn giữ" in kept, typed
        assert "Xác nhận: tôi đồng ý" in person.labels()
    assert await still_linked(h, BORROWER)


@pytest.mark.parametrize(
    "typed",
    ["la sao, toi ko hieu", "cái này là gì vậy con", "???", "cai nay la sao con, co mat tien ko"],
)
async def test_not_following_the_notice_gets_it_said_plainly(
    harness: Harness, clock: Clock, typed: str
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SARI)
        [plain] = await person.says(typed)
        assert "Nói đơn giản" in plain and "4 số cuối CCCD" in plain, typed
        assert "không thu tiền" in plain  # "có mất tiền không": it costs nothing
        assert "Dư nợ" not in person.labels()  # not the menu of questions, which leads back
        assert person.labels()[0] == "Xác nhận: tôi đồng ý"
        [thanks] = await person.says("đồng ý")
        assert "Cảm ơn" in thanks
    assert await still_linked(h, BORROWER)


@pytest.mark.parametrize("typed", ["thoi de vay di con, dung xoa", "để nguyên nha", "ko huy dau"])
async def test_keep_said_in_a_longer_answer_at_the_unlink_question_keeps_the_link(
    harness: Harness, clock: Clock, typed: str
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, BORROWER, SARI)
        person = Chat(h, BORROWER)
        [asked] = await person.says("hủy liên kết")
        assert "Hủy liên kết cuộc trò chuyện này?" in asked
        [kept] = await person.says(typed)
        assert kept == "Liên kết vẫn giữ nguyên.", typed
    assert await still_linked(h, BORROWER)
