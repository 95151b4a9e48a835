"""The notice agreed in resignation and in the name of the person the chat is for (outside
tester, session 13): "thoi dc roi dong y luon" ("oh alright, I agree then") was read as a
refusal and asked whether to unlink; "dong y ma" ("but I agree!") at that question unlinked
her. "ba noi dong y roi" (grandma agrees) was not a yes and was replayed as the question asked
before agreeing; "uhm de con hoi ba cai da" (let me ask grandma first) got the explanation
paragraph, which was repeated at every message not understood."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.rules.consent_words import read_consent
from handlers.typed_answers import pick
from tests.bot_fixtures import SON, Clock, Harness
from tests.tally_fixtures import bot
from tests.test_consent_stories import BORROWER, SHORT, Console, still_linked, to_the_notice

SON_BALANCE = "Tổng dư nợ: 10.000.000 đ"
PLAIN = "Nói đơn giản"
NOTICE_OPTIONS = [("Xác nhận: tôi đồng ý", "consent:yes"), ("Hủy: tôi không đồng ý", "consent:no")]
DECLINE_OPTIONS = [
    ("Xác nhận: không đồng ý, hủy liên kết", "consent:nook"),
    ("Giữ liên kết, để sau", "consent:later"),
]


@pytest.fixture
def clock() -> Clock:
    return Clock()


_FILLERS = st.sampled_from(["", "thôi", "ờ", "vậy", "được rồi", "thôi được rồi", "ờ thì", "ok"])
_WHO = st.sampled_from(["", "bà", "bà nội", "tui", "ba noi", "con"])
_AFTER = st.sampled_from(["", "luôn", "nha", "rồi", "mà", "luôn nha con", "roi do", "ma con"])


@given(
    before=_FILLERS, who=_WHO, yes=st.sampled_from(["đồng ý", "ok đồng ý", "dong y"]), after=_AFTER
)
def test_a_yes_said_with_fillers_agrees(before: str, who: str, yes: str, after: str) -> None:
    said = " ".join(part for part in (before, who, yes, after) if part)
    assert read_consent(said) == "agree", said
    assert pick(said, NOTICE_OPTIONS, numbers=False) == "consent:yes", said
    assert pick(said, DECLINE_OPTIONS, numbers=False) != "consent:nook", said


@given(
    before=_FILLERS,
    who=_WHO,
    no=st.sampled_from(["không đồng ý", "ko chịu", "thôi khỏi", "ko dong y dau", "hong chiu"]),
    after=st.sampled_from(["", "đâu", "nha", "luôn"]),
)
def test_a_real_negation_refuses(before: str, who: str, no: str, after: str) -> None:
    said = " ".join(part for part in (before, who, no, after) if part)
    assert read_consent(said) in ("decline", "later"), said
    assert pick(said, NOTICE_OPTIONS, numbers=False) != "consent:yes", said


@pytest.mark.parametrize("typed", ["thoi dc roi", "thôi ok", "thôi được"])
def test_a_resigned_short_yes_under_the_notice_agrees(typed: str) -> None:
    assert pick(typed, NOTICE_OPTIONS, numbers=False) == "consent:yes", typed


@pytest.mark.parametrize(
    "typed",
    [
        "thoi dc roi dong y luon",
        "thoi dc roi ba noi ok dong y luon nha",
        "ba dong y ma con",
        "ba noi dong y roi",
        "ba noi dc, dong y",
        "ok ba dong y",
    ],
)
async def test_console_a_resigned_yes_agrees_and_is_not_replayed(
    harness: Harness, clock: Clock, typed: str
) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    agreed = await console.says(typed)
    assert "Cảm ơn" in agreed and "hủy liên kết ngay" not in agreed, agreed
    assert "Anh/chị đã hỏi" not in agreed, agreed
    assert SON_BALANCE in await console.says("du no con bao nhieu")


@pytest.mark.parametrize("typed", ["dong y ma", "ba dong y", "ok dong y"])
async def test_console_agreeing_at_the_unlink_question_agrees_and_keeps_the_link(
    harness: Harness, clock: Clock, typed: str
) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    asked = await console.says("khong dong y")
    assert "hủy liên kết ngay" in asked, asked
    agreed = await console.says(typed)
    assert "không còn liên kết" not in agreed and "Cảm ơn" in agreed, agreed
    assert SON_BALANCE in await console.says("du no con bao nhieu")


async def test_telegram_dong_y_ma_at_the_unlink_question_keeps_the_link(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        person = await to_the_notice(h, BORROWER, SON)
        [asked] = await person.says("thoi dc roi ko dong y dau")
        assert "hủy liên kết ngay" in asked, asked
        [agreed] = await person.says("dong y ma")
        assert "Cảm ơn" in agreed, agreed
    assert await still_linked(h, BORROWER)


async def test_console_asking_grandma_first_gets_take_your_time(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    wait = await console.says("uhm de con hoi ba cai da")
    assert "cứ thong thả" in wait and PLAIN not in wait, wait
    assert "Xác nhận: tôi đồng ý" in wait, wait  # the buttons, numbered on the console
    assert "Cảm ơn" in await console.says("ba noi dong y roi")


async def test_console_the_plain_explanation_is_said_once_then_the_short_line(
    harness: Harness, clock: Clock
) -> None:
    console = Console(harness, SON, clock)
    await console.links()
    said = [await console.says(typed) for typed in ("la sao", "con ko hieu", "???", "la sao")]
    assert PLAIN in said[0], said[0]
    for later in said[1:]:
        assert PLAIN not in later and SHORT in later, later
    assert "Cảm ơn" in await console.says("1")
