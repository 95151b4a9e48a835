"""A payment put off to a later session is kept as such when the tally is submitted: a new
version starts with the member still "chưa nộp (hẹn lần sau)" (it showed her as paying
nothing with no word why), the leader's view of the submitted tally says so, and a second
version submitted unchanged keeps it. Through the real PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, money_by_code, open_tam_tally


async def test_a_put_off_payment_is_still_put_off_in_the_next_version(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("Kim Sa Vat hen tuan sau moi dong")
        assert "Kim Sa Vát → chưa nộp (hẹn lần sau)" in noted
        await leader.says("1 vang")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        [status] = await leader.says("Kim Sa Vat dong chua")
        assert "hẹn lần sau" in status and "vắng" not in status, status
        [unpaid] = await leader.says("ai chua dong")
        assert "Kim Sa Vát: còn nợ lãi 158.000 đ (hẹn lần sau)" in unpaid, unpaid
        [opening] = await leader.says("nộp bảng kê")  # a new version
        assert "phiên bản mới (2)" in opening
        assert "Kim Sa Vát: lãi 158.000 đ → chưa nộp (hẹn lần sau)" in opening, opening
        assert "Bùi Thị Tâm: lãi 275.000 đ → vắng" in opening, opening
        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T03-" in receipt and "-2" in receipt
        [opening] = await leader.says("nộp bảng kê")  # version 3 still knows
        assert "Kim Sa Vát: lãi 158.000 đ → chưa nộp (hẹn lần sau)" in opening, opening
    lines = await current_lines(h)
    assert ("KH703", 0, 158_000, 0, False) in lines  # there, not absent
    money = await money_by_code(h)
    assert money["KH703"] == ["158000", "0", "158000", "0", "0"]
