"""Under "200.000 đ là tiền lãi hay gồm cả tiết kiệm?", a line about another member set the
question aside with "Chưa ghi …", and the summary then counted that member as paid in full
(interest due and the usual savings): money nobody said reached the 13/TD form. Now the
question set aside is asked again before the summary, as a set-aside echo is, and the export
holds what the leader chose. Through the real PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally

QUESTION = "200.000 đ là tiền lãi hay gồm cả tiết kiệm?"


async def test_a_split_question_set_aside_is_asked_again_before_the_summary(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("3 dong 2 lit")
        assert QUESTION in asked
        [other] = await leader.says("5 vang")
        assert "Chưa ghi cho Kim Sa Vát: 200.000 đ" in other
        assert "Trần Minh Tâm → vắng" in other
        [again] = await leader.says("xong")
        assert "Kim Sa Vát" in again and QUESTION in again  # before any summary
        assert "Bảng kê" not in again.split("\n")[0]
        [noted] = await leader.says("chi tien lai")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 200.000 đ" in noted
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"][1] == "200000" and exported["KH703"][3] == "0"


async def test_the_submit_button_asks_the_set_aside_split_first(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 dong 2 lit")
        await leader.says("5 vang")
        await leader.says("4 lai 100k gui 0")
        [again] = await leader.says("nộp")
        assert QUESTION in again and "Kim Sa Vát" in again
        [noted] = await leader.says("2")
        assert "tiết kiệm 42.000 đ" in noted
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"][1] == "158000" and exported["KH703"][3] == "42000"


async def test_a_number_past_the_list_is_said_so_and_the_question_waits(
    harness: Harness, clock: Clock
) -> None:
    """ "7 vắng" in a group of 5 while member 3's amount was asked noted member 3 absent."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 dong 2 lit")
        [said] = await leader.says("7 vang")
        assert "Tổ không có thành viên số 7." in said and QUESTION in said
        assert "vắng" not in said.replace("7 vắng", "")
        await leader.says("3")
        [said] = await leader.says("7 lai 100k")
        assert "Tổ không có thành viên số 7." in said and "Kim Sa Vát" in said
        [noted] = await leader.says("150 nghin")
        assert "Kim Sa Vát → nộp lãi 150.000 đ" in noted
