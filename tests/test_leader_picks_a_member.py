"""Under "Trong tổ có nhiều người tên Tâm… 1. Bùi Thị Tâm …" (an outside tester, playing a
demo leader), "ba Tam Bui Thi Tam do" got "Dạ không có chi!" and "con Tam nho, Tran Minh
Tam" was not understood. A typed answer holding one option's full name, or the words that
tell it from the others, picks it, whatever fillers surround it. Through the real PTB
stack."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from sqlalchemy import select

import tests.test_leader_names_a_member as names_module
from storage.importer import import_file
from storage.schema import meetings
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LOAN_HEADER, Clock, Harness
from tests.tally_fixtures import Chat, bot, linked_leader
from tests.test_leader_names_a_member import PHANH, PLACE, T08, load_t08, phanh


@pytest.mark.parametrize(
    ("typed", "whose", "due"),
    [
        ("ba Tam Bui Thi Tam do", "Bùi Thị Tâm", "275.000 đ"),
        ("con Tam nho, Tran Minh Tam", "Trần Minh Tâm", "38.000 đ"),
        ("chị Nguyễn Thị Ngọc Tâm đó em", "Nguyễn Thị Ngọc Tâm", "165.000 đ"),
        ("co Ngoc a", "Nguyễn Thị Ngọc Tâm", "165.000 đ"),
    ],
)
async def test_a_typed_answer_with_one_members_name_picks_her(
    harness: Harness, clock: Clock, typed: str, whose: str, due: str
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await phanh(h)
        [asked] = await leader.says("ba Tam con no lai bao nhieu")
        assert "nhiều người tên Tâm" in asked, asked
        [answer] = await leader.says(typed)
        assert answer.startswith(f"{whose}:"), (typed, answer)
        assert f"Lãi phải nộp tháng này: {due}" in answer, answer


def test_words_two_of_them_share_pick_nobody() -> None:
    from handlers.buttons import MemberButton
    from handlers.typed_answers import pick

    options = [
        (name, MemberButton(customer=n).pack())
        for n, name in enumerate(("Bùi Thị Tâm", "Nguyễn Thị Ngọc Tâm", "Trần Minh Tâm"), 1)
    ]
    assert pick("ba Thi Tam do", options, numbers=True) is None  # two have "Thị"
    assert pick("ba Tam Bui Thi Tam do", options, numbers=True) == options[0][1]
    assert pick("con Tam nho, Tran Minh Tam", options, numbers=True) == options[2][1]
    assert pick("Tran Minh Tam hay Bui Thi Tam", options, numbers=True) is None


async def with_soc(h: Harness) -> Chat:
    """Group T08 with a second member whose name has "Sóc": Sơn Văn Sóc (KH807)."""
    names = [*T08, ("KH807", "Sơn Văn Sóc", "", "", 495_000)]
    with patch.object(names_module, "T08", names):
        await load_t08(h.engine, h.folder)
    return await linked_leader(h, 180, PHANH)


async def test_a_word_in_two_members_names_asks_which(harness: Harness, clock: Clock) -> None:
    """ "chu Soc con no bao nhieu" gave Sơn Văn Sóc's figures, though Sơn Sóc Khơl has "Sóc"
    in his name too."""
    h = harness
    async with bot(h, clock):
        leader = await with_soc(h)
        [asked] = await leader.says("chu Soc con no bao nhieu")
        assert "nhiều người tên Sóc" in asked, asked
        assert sorted(leader.labels()) == ["Sơn Sóc Khơl", "Sơn Văn Sóc"], leader.labels()
        [answer] = await leader.says("Son Van Soc")
        assert answer.startswith("Sơn Văn Sóc:"), answer
        [asked] = await leader.says("ong Son con no bao nhieu")  # a family name: no change
        assert not asked.startswith("Sơn"), asked


async def test_a_member_named_sau_typed_without_marks(harness: Harness, clock: Clock) -> None:
    """ "thang Sau dong chua" gave the whole group's list, though Hồ Hoàng Sáu is a member."""
    h = harness
    async with bot(h, clock):
        leader = await phanh(h)
        [answer] = await leader.says("thang Sau dong chua")
        assert answer.startswith("Hồ Hoàng Sáu:"), answer
        [answer] = await leader.says("anh Sau no bao nhieu")
        assert answer.startswith("Hồ Hoàng Sáu:"), answer


@pytest.mark.parametrize(
    ("typed", "numbers"),
    [
        ("so ba dong chua", [3]),
        ("số bảy còn nợ bao nhiêu", [7]),
        ("thanh vien so hai qua han khong", [2]),
        ("so 3 va so bon no bn", [3, 4]),
        ("so ba vang", []),  # a tally's line: nothing asked
        ("so hai trieu con no bn", []),  # an amount
        ("so tam dong chua", [8]),
        ("so tu con no bao nhieu", [4]),
        ("so nam nay dong bao nhieu", []),
    ],
)
def test_a_members_number_in_words(typed: str, numbers: list[int]) -> None:
    from handlers.rules.member_number import numbers_asked

    assert numbers_asked(typed) == numbers


async def with_savings(h: Harness) -> Chat:
    """Group T08, its members' savings balances as the bank's file has them."""
    header = [*LOAN_HEADER[:12], "Lãi DT trong tháng", "Số dư tiền gửi"]
    rows = [
        [code, name, f"KU{code[2:]}", 1, 6_000_000, 0, AS_OF, *PLACE, phone, cccd, due, 1_200_000]
        for code, name, phone, cccd, due in T08
    ]
    for path in (
        write_csv(h.folder / "t08s.csv", header, rows),
        write_csv(
            h.folder / "t08s_leader.csv",
            ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"],
            [["T08", "KH801", "200.000"]],
        ),
    ):
        report = await import_file(h.engine, path)
        assert report.error is None, report.error
    return await linked_leader(h, 180, PHANH)


async def test_a_leader_asking_a_members_savings_gets_them(harness: Harness, clock: Clock) -> None:
    """ "thang Khol no con tien tiet kiem bao nhieu" gave his balance and interest, without the
    savings asked about and without a word. The leader sees the members' savings on the tally
    (Bảng kê 13/TD), so they are shown."""
    h = harness
    async with bot(h, clock):
        leader = await with_savings(h)
        [answer] = await leader.says("thang Khol no con tien tiet kiem bao nhieu")
        assert answer.startswith("Sơn Sóc Khơl:"), answer
        assert "Tiết kiệm: 1.200.000 đ" in answer, answer
        [answer] = await leader.says("thang Khol dong chua")  # no savings asked: none shown
        assert "Tiết kiệm" not in answer, answer


async def test_a_member_asked_about_at_a_meetings_summary(harness: Harness, clock: Clock) -> None:
    """At a meeting's summary, "thang Sau dong chua" moved the meeting to next month ("tháng
    sau"), though Hồ Hoàng Sáu is a member: his status is answered, the draft waits as it
    was."""
    h = harness
    async with bot(h, clock):
        leader = await phanh(h)
        [summary] = await leader.says("hop to thu bay 7h toi o nha van hoa")
        assert "Lịch họp tổ" in summary, summary
        [answer] = await leader.says("thang Sau dong chua")
        assert answer.startswith("Hồ Hoàng Sáu:"), answer
        [done] = await leader.says("gui luon di")
        assert "Đã gửi cho" in done, done
        async with h.engine.begin() as conn:
            [starts] = (await conn.execute(select(meetings.c.starts_at))).scalars().all()
        day = next(line for line in summary.splitlines() if line.startswith("Ngày:"))
        assert starts.strftime("%d/%m/%Y") in day, (starts, day)
