"""The tally with members named as leaders name them ("Thạch Sơn vắng", "c sari lai 200k",
"bà Lan ..."): matched without diacritics, asked back when two members fit, and the
submitted tally holds exactly the amounts typed. Through the real PTB stack."""

from __future__ import annotations

import pytest

from handlers.tally.members import find_named, names_someone
from storage.tally_form import Line
from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, open_tally, open_tam_tally


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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Tam lai 38k", True),
        ("Út vắng", True),
        ("Tâm", True),
        ("bà Năm lãi 100k", True),
        ("Ngoc Tam lai 40k", True),
        ("năm chục", False),  # 50.000 đ, not member Năm
        ("sáu trăm", False),
        ("thu 100k", False),  # a payment word, not member Thu
    ],
)
def test_asked_about_one_member_a_line_names_another_only_by_a_name(text: str, names: bool) -> None:
    lines = [
        member(1, "Bùi Thị Tâm"),
        member(2, "Nguyễn Thị Ngọc Tâm"),
        member(3, "Hồ Văn Năm"),
        member(4, "Lê Thị Út"),
        member(5, "Trần Văn Sáu"),
        member(6, "Đặng Thị Thu"),
    ]
    found = find_named(text, lines)
    assert found is not None and names_someone(text, found) is names


async def test_members_named_in_the_tally_and_the_export_holds_those_amounts(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
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
        leader = await open_tally(h)
        [refused] = await leader.says("2 lãi 150 triệu")
        assert "Tôi đọc được 150.000.000 đ" in refused and "tối đa 100.000.000 đ" in refused
        [echo] = await leader.says("2 lãi trăm hai gửi ko gửi")  # read with doubt: echoed
        assert "Hiểu là 120.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Thạch Sơn" in echo
        [spoken] = await leader.says("ừ")
        assert "Thạch Sơn → nộp lãi 120.000 đ, tiết kiệm 0 đ" in spoken


async def test_only_what_chi_names_was_paid(harness: Harness, clock: Clock) -> None:
    """A stranger's "chỉ đóng tiết kiệm 100 nghìn thôi" counted the interest as paid too:
    "chỉ … thôi" says only the savings were paid, so the interest is 0 (and unpaid)."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("Kim Sa Vat chỉ đóng tiết kiệm 100 nghìn thôi")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted

        [echo] = await leader.says("Bui Thi Tam chi gui tk 100 thoi")  # a bare 100: echoed
        assert "Hiểu là 0 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm cho Bùi Thị Tâm" in echo
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted

        [asked] = await leader.says("Tran Minh Tam")
        assert "Trần Minh Tâm: lãi phải thu 38.000 đ" in asked
        [noted] = await leader.says("chỉ gửi tiết kiệm, lãi chưa đóng")  # the savings as due
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 0 đ, tiết kiệm 200.000 đ" in noted

        [summary] = await leader.says("xong")
        assert "Chưa nộp đủ lãi (3 người): Bùi Thị Tâm, Kim Sa Vát, Trần Minh Tâm" in summary
        await leader.taps("Xác nhận nộp")
    assert await current_lines(h) == [
        ("KH702", 0, 275_000, 100_000, False),
        ("KH701", 150_000, 0, 200_000, False),
        ("KH703", 0, 158_000, 100_000, False),
        ("KH704", 165_000, 0, 200_000, False),
        ("KH705", 0, 38_000, 200_000, False),
    ]


async def test_a_line_naming_another_member_sets_the_echo_aside_and_asks_which_tam(
    harness: Harness, clock: Clock
) -> None:
    """A stranger typed "Tam lai 38k" while "Kim Sa Vát: 158.000 đ, 200.000 đ?" was open, in a
    group with three Tâm; the 38.000 went to Kim Sa Vát. A line naming another member is not
    the echo's answer: the echo is set aside (said so), and the bot asks which Tâm."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("Kim Sa Vat dong 158 gui 200")
        assert "cho Kim Sa Vát, đúng không?" in echo
        [which] = await leader.says("Tam lai 38k")
        assert "Chưa ghi cho Kim Sa Vát" in which and "158.000 đ tiền lãi" in which
        assert "1. Bùi Thị Tâm; 4. Nguyễn Thị Ngọc Tâm; 5. Trần Minh Tâm" in which
        assert "Đã ghi" not in which
        [noted] = await leader.says("4")
        assert "Đã ghi: Nguyễn Thị Ngọc Tâm → nộp lãi 38.000 đ, tiết kiệm 200.000 đ" in noted
        assert "Kim Sa Vát" not in noted  # set aside, never noted

        [which] = await leader.says("tâm vắng")
        assert "5. Trần Minh Tâm" in which and "Chưa ghi" not in which
        [noted] = await leader.says("Minh Tâm")  # more of the name picks one too
        assert "Đã ghi: Trần Minh Tâm → vắng" in noted

        [which] = await leader.says("Tâm")
        [again] = await leader.says("ừ")  # not an answer to "which one?": asked again
        assert "1. Bùi Thị Tâm; 4. Nguyễn Thị Ngọc Tâm; 5. Trần Minh Tâm" in again
        [asked] = await leader.says("1")
        assert "Bùi Thị Tâm: lãi phải thu 275.000 đ" in asked
        [noted] = await leader.says("lãi 200k")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 200.000 đ" in noted

        [echo] = await leader.says("Kim Sa Vat lai 150")
        assert "cho Kim Sa Vát, đúng không?" in echo
        [noted] = await leader.says("Tran Minh Tam lai 30k gui 0")  # a clear name: noted
        assert "Chưa ghi cho Kim Sa Vát" in noted
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 30.000 đ, tiết kiệm 0 đ" in noted

        [again] = await leader.says("xong")  # the echo set aside, asked before the summary
        assert "Hiểu là 150.000 đ tiền lãi" in again and "Kim Sa Vát" in again
        [summary] = await leader.says("ừ")
        assert "Nộp bảng kê này?" in summary
        await leader.taps("Xác nhận nộp")
    assert await current_lines(h) == [
        ("KH702", 200_000, 75_000, 200_000, False),
        ("KH701", 150_000, 0, 200_000, False),
        ("KH703", 150_000, 8_000, 200_000, False),
        ("KH704", 38_000, 127_000, 200_000, False),
        ("KH705", 30_000, 8_000, 0, False),
    ]


async def test_namesakes_are_listed_and_picked_by_their_numbers_in_the_tally(
    harness: Harness, clock: Clock
) -> None:
    """ "Tam vang" with three Tâm listed them 1–3 while the tally numbers them otherwise: a
    "2" then meant the second Tâm here and another member in the list. They are listed with
    their numbers in the tally, and only those numbers pick one."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [which] = await leader.says("Tam vang")
        assert "1. Bùi Thị Tâm; 4. Nguyễn Thị Ngọc Tâm; 5. Trần Minh Tâm" in which
        assert "(1, 4, 5)" in which
        for other in ("2", "3", "9"):  # Danh Sô Phanh, Kim Sa Vát, nobody: asked again
            [again] = await leader.says(other)
            assert "1. Bùi Thị Tâm; 4. Nguyễn Thị Ngọc Tâm; 5. Trần Minh Tâm" in again, other
            assert "Đã ghi" not in again
        [noted] = await leader.says("5")
        assert "Đã ghi: Trần Minh Tâm → vắng" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    lines = await current_lines(h)
    assert [code for code, *_rest, absent in lines if absent] == ["KH705"]


async def test_a_payment_naming_no_member_asks_whose_it_is(harness: Harness, clock: Clock) -> None:
    """ "chỉ đóng tiết kiệm 100 nghìn thôi" with no member named or asked about was taken for
    "thôi" (stop) and asked to delete the draft: it is a payment, so the bot asks whose, and
    the number or name that follows gets it."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [whose] = await leader.says("chỉ đóng tiết kiệm 100 nghìn thôi")
        assert "Xóa" not in whose
        assert "“chỉ đóng tiết kiệm 100 nghìn thôi” cho ai?" in whose
        [noted] = await leader.says("3")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted
        [whose] = await leader.says("lãi 100k gửi 50k")
        assert "cho ai?" in whose
        [noted] = await leader.says("Minh Tâm")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 100.000 đ, tiết kiệm 50.000 đ" in noted
        [answer, _nudge] = await leader.says("lãi tháng này bao nhiêu", replies=2)
        assert "Lãi tháng này" in answer  # a question, not a payment: answered as usual


async def test_no_money_yet_and_amounts_before_their_words_as_leaders_type_them(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
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
