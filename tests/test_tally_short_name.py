"""A member called by the everyday short name, family name and given name without the
middle one ("Bùi Tâm" for Bùi Thị Tâm, also typed without diacritics): "Bui Tam chi dong
tiet kiem 100k thoi" was answered "Không tìm thấy thành viên nào tên “Bui Tam chi dong”",
the name not matched and "chỉ đóng" swallowed into it. Two members who fit are still asked
about. Through the real PTB stack, on group T03 (several members named Tâm)."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally


async def test_family_and_given_name_find_the_member(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("Bui Tam chi dong tiet kiem 100k thoi")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted
        [noted] = await leader.says("Tran Tam vang")  # Trần Minh Tâm
        assert "Trần Minh Tâm" in noted and "vắng" in noted
        [unknown] = await leader.says("Bui Hoa chi dong tiet kiem 100k")
        assert "Không tìm thấy thành viên nào tên “Bui Hoa”" in unknown
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH702"] == ["275000", "0", "275000", "100000", "0"]  # savings only
