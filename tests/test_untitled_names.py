"""Found by a stranger: "Le Van Hoa no bao nhieu" (a full name with no title; Lê Văn Hoa is in
another group) gave the asker's own figures, the leader's household and the borrower's. A full
name of two words or more, capitalised, or in lower case when its words are names ("le van hoa"),
names another person: a borrower gets the plain refusal, a leader the member's status when she is
in the group, else that nobody of that name is in it. Ordinary questions with no name are never
read as about another person. Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlu import about_other
from tests.bot_fixtures import SARI, SON, Clock, Harness
from tests.tally_fixtures import Chat, bot, load_tam_group
from tests.test_telegram_stories import link

MONEY = re.compile(r"\d[\d.]* đ")


async def test_a_borrower_asking_a_full_name_is_refused(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, 301, SON)
        borrower = Chat(h, 301)
        for question in (
            "Le Van Hoa no bao nhieu",
            "le van hoa no bao nhieu",
            "Lâm Thị Sa Ri nợ bn",
        ):
            [answer] = await borrower.says(question)
            assert "Hộ Thạch Sơn" not in answer and not MONEY.search(answer), answer
            assert "không xem được của người khác" in answer, answer
        await load_tam_group(h.engine, h.folder)  # Danh Sô Phanh, Kim Sa Vát: Đại Tâm too
        for question in ("danh so phanh no bao nhieu", "kim sa vat con no bn"):  # the bank's
            [answer] = await borrower.says(question)
            assert "Hộ Thạch Sơn" not in answer and not MONEY.search(answer), answer
        [own] = await borrower.says("Thach Son no bao nhieu")  # his own name
        assert own.startswith("Hộ Thạch Sơn:") and MONEY.search(own), own


async def test_a_leader_asking_a_full_name_gets_the_member_or_not_in_the_group(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await load_tam_group(h.engine, h.folder)  # T03 "Tổ ấp 5": Nguyễn Thị Ngọc Tâm
        await link(h, 302, SARI)  # leads T01, where Thạch Sơn is
        leader = Chat(h, 302)
        [other] = await leader.says("Nguyen Thi Ngoc Tam no bao nhieu")
        assert "Hộ Lâm Thị Sa Ri" not in other and not MONEY.search(other), other
        assert "Trong tổ không có thành viên nào tên" in other, other
        [lower] = await leader.says("le van hoa no bao nhieu")
        assert "Hộ Lâm Thị Sa Ri" not in lower and not MONEY.search(lower), lower
        [bank] = await leader.says("kim sa vat con no bn")  # of T03, in the bank's data
        assert "Trong tổ không có thành viên nào tên Kim Sa Vát" in bank, bank
        [member] = await leader.says("Thach Son no bao nhieu")
        assert "Thạch Sơn" in member and "Dư nợ" in member, member


ORDINARY = [
    "du no con bao nhieu",
    "lai thang nay",
    "tien tiet kiem",
    "khi nao den han tra goc",
    "mai di giao dich o dau",
    "neu tra tre thi bi phat ko",
    "so dien thoai can bo",
    "tat nhac nho",
    "co bi qua han khong",
    "tra cham 1 thang co sao ko con",
    "ngan hang chinh sach xa hoi",
    "how much do i owe",
    "when is the next session",
    "lai thang sau bao nhieu",
    "dong lai o dau",
    "tui muon tra bot no goc",
    "con nho me thanh toan lai",
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ORDINARY),
    st.sampled_from(ORDINARY),
    st.sampled_from(["lower", "first", "title"]),
    st.sampled_from(["", "dạ ", "cho hỏi ", "ờ "]),
)
def test_ordinary_questions_name_nobody(first: str, second: str, case: str, lead: str) -> None:
    text = lead + (first if first == second else f"{first}, {second}")
    if case == "first":
        text = text[:1].upper() + text[1:]
    elif case == "title":
        text = text.title()
    assert about_other(text) is None, text


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Le Van Hoa no bao nhieu", "Le Van Hoa"),
        ("le van hoa no bao nhieu", "le van hoa"),
        ("Le Van Hoa o to Tam Kien no bao nhieu", "Le Van Hoa"),
        ("du no cua Nguyen Thi Ngoc Tam", "Nguyen Thi Ngoc Tam"),
        ("Thạch Sơn nợ bn", "Thạch Sơn"),
        ("tran thi lan con no bn", "tran thi lan"),
        ("lai thang nay o xa Dai Tam", None),
        ("du no to Tam Kien bao nhieu", None),
        ("lam thi sao", None),
    ],
)
def test_untitled_full_names(text: str, person: str | None) -> None:
    assert about_other(text) == person
