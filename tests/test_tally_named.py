"""The tally with members named as leaders name them ("Thạch Sơn vắng", "c sari lai 200k",
"bà Lan ..."): matched without diacritics, asked back when two members fit, and the
submitted tally holds exactly the amounts typed. Through the real PTB stack."""

from __future__ import annotations

import pytest

from handlers.tally.members import find_named
from storage.tally_form import Line
from tests.bot_fixtures import SARI, Clock, Harness
from tests.test_tally_stories import LEADER, Chat, bot, current_lines
from tests.test_telegram_stories import link


@pytest.fixture
def clock() -> Clock:
    return Clock()


def member(customer_id: int, name: str) -> Line:
    return Line(customer_id, name, "KH", "", None, 0, 100_000, 50_000, 100_000, 50_000)


@pytest.mark.parametrize(
    ("text", "names", "rest"),
    [
        ("bà Kim Lan vắng", ["Kim Lan"], "vang"),
        ("c sari lai 275k", ["Lâm Thị Sa Ri"], "lai 275k"),
        ("Thạch Sơn đủ", ["Thạch Sơn"], "du"),
        ("lan vang", ["Nguyễn Thị Lan", "Kim Lan"], "vang"),
        ("đủ", None, None),
        ("5 lai 100k", None, None),
    ],
)
def test_a_member_is_found_by_the_end_of_their_name(
    text: str, names: list[str] | None, rest: str | None
) -> None:
    lines = [
        member(1, "Lâm Thị Sa Ri"),
        member(2, "Thạch Sơn"),
        member(3, "Nguyễn Thị Lan"),
        member(4, "Kim Lan"),
    ]
    found = find_named(text, lines)
    if names is None:
        assert found is None
    else:
        assert found is not None
        assert [x.name for x in found.members] == names and found.rest == rest


async def test_members_named_in_the_tally_and_the_export_holds_those_amounts(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        [noted] = await leader.says("Thạch Sơn vắng")
        assert "Đã ghi: Thạch Sơn → vắng" in noted
        [noted] = await leader.says("c sari lai 200k gui 0")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 200.000 đ, tiết kiệm 0 đ" in noted
        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    assert await current_lines(h) == [
        ("KH001", 200_000, 375_000, 0, False),
        ("KH002", 0, 132_000, 0, True),
    ]


async def test_an_amount_over_the_cap_is_named_as_such(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        [refused] = await leader.says("2 lãi 150 triệu")
        assert "Tôi đọc được 150.000.000 đ" in refused and "tối đa 100.000.000 đ" in refused
        [echo] = await leader.says("2 lãi trăm hai gửi ko gửi")  # read with doubt: echoed
        assert "Hiểu là 120.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Thạch Sơn" in echo
        [spoken] = await leader.says("ừ")
        assert "Thạch Sơn → nộp lãi 120.000 đ, tiết kiệm 0 đ" in spoken


async def test_no_money_yet_and_amounts_before_their_words_as_leaders_type_them(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        [noted] = await leader.says("Thạch Sơn chưa có tiền")
        assert "Đã ghi: Thạch Sơn → vắng" in noted
        [noted] = await leader.says("c sari 200k lãi, 50k tk")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 200.000 đ, tiết kiệm 50.000 đ" in noted
        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    assert await current_lines(h) == [
        ("KH001", 200_000, 375_000, 50_000, False),
        ("KH002", 0, 132_000, 0, True),
    ]
