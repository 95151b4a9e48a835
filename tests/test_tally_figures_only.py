"""A hurried leader types only figures, in thousands ("3 150 50": member 3, interest 150.000 đ,
savings 50.000 đ): the tally echoes them for a yes before noting anything, and the export
holds exactly those amounts once confirmed. A line with no amount that says the member put it
off ("5 hẹn") is nothing paid. Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally


async def test_a_figure_only_line_is_echoed_and_exported_once_confirmed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)  # member 3 is Kim Sa Vát, 158.000 đ interest due
        [echo] = await leader.says("3 150 50")
        assert (
            "Hiểu là 150.000 đ tiền lãi, 50.000 đ tiền gửi tiết kiệm cho Kim Sa Vát, đúng không?"
            in echo
        )
        assert "Đã ghi" not in echo  # a bare figure is never noted silently
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 150.000 đ, tiết kiệm 50.000 đ" in noted

        [put_off] = await leader.says("5 hẹn")
        assert "Trần Minh Tâm → chưa nộp (hẹn lần sau)" in put_off  # there, not absent

        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T03-20261217-1" in receipt
    rows = {row[0]: row[1:] for row in await exported_money(h)}
    # Lãi phải thu, Lãi thực thu, Lãi còn tồn, Tiền gửi, Thu nợ gốc từ tiền gửi
    assert rows["KH703"] == ["158000", "150000", "8000", "50000", "0"]
    assert rows["KH705"][1] == "0" and rows["KH705"][3] == "0"


async def test_a_members_tag_and_figures_with_no_member_are_read(
    harness: Harness, clock: Clock
) -> None:
    """ "s3 170 50" (member 3 by its tag) got "could not read"; "200 30" with no member named
    got "there is no member number 200": the tag is the member's number, and figures with no
    member are asked whose, then echoed for a yes."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("s3 170 50")
        assert "170.000 đ tiền lãi, 50.000 đ tiền gửi tiết kiệm cho Kim Sa Vát" in echo
        await leader.says("ừ")
        [whose] = await leader.says("200 30")
        assert "Anh/chị ghi “200 30” cho ai?" in whose, whose
        [echo] = await leader.says("2")
        assert "200.000 đ tiền lãi, 30.000 đ tiền gửi tiết kiệm cho Danh Sô Phanh" in echo, echo
        await leader.says("ừ")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    rows = {row[0]: row[1:] for row in await exported_money(h)}
    assert rows["KH703"][1] == "170000" and rows["KH703"][3] == "50000"
    assert rows["KH701"][1] == "200000" and rows["KH701"][3] == "30000"
