"""A line about several members by their tags, with no comma between them ("số 3 lãi 100k
gửi 0 số 4 vắng") was read as one member's: member 3 noted absent (the "vắng" was 4's) and
4 dropped. A part read with doubt ("s2 l120 tk 30") was left for the leader to type again on
a line of its own; now it is echoed for a yes (the first at once, the others before the
summary), and the 13/TD export holds exactly what was confirmed. Through the real PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally


async def test_members_by_tag_without_commas_are_each_noted(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("so 3 lai 100k gui 0 so 4 vang")
        assert "Kim Sa Vát → nộp lãi 100.000 đ" in noted, noted
        assert "Nguyễn Thị Ngọc Tâm → vắng" in noted, noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"][1] == "100000" and exported["KH703"][3] == "0"
    assert exported["KH704"][1] == "0"


async def test_parts_read_with_doubt_are_echoed_not_dropped(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("s2 l120 tk 30, s3 l95 tk20, s5 vang")
        assert "Trần Minh Tâm → vắng" in asked, asked
        assert "Danh Sô Phanh" in asked and "đúng không" in asked, asked
        assert "Kim Sa Vát" in asked and "hỏi lại trước khi xem tổng kết" in asked, asked
        [noted] = await leader.says("dung")
        assert "Danh Sô Phanh → nộp lãi 120.000 đ, tiết kiệm 30.000 đ" in noted, noted
        [again] = await leader.says("xong")
        assert "Kim Sa Vát" in again and "95.000 đ" in again and "đúng không" in again, again
        [summary] = await leader.says("dung")
        assert "Kim Sa Vát → nộp lãi 95.000 đ, tiết kiệm 20.000 đ" in summary, summary
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH701"][1] == "120000" and exported["KH701"][3] == "30000"
    assert exported["KH703"][1] == "95000" and exported["KH703"][3] == "20000"
    assert exported["KH705"][1] == "0"


async def test_households_by_number_in_sentences(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("Hộ số 2 nộp lãi 150 nghìn đồng. Hộ số 5 vắng.")
        assert "Danh Sô Phanh → nộp đủ: lãi 150.000 đ" in asked, asked
        assert "Trần Minh Tâm → vắng" in asked, asked
