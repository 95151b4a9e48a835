"""An amount read with doubt in the tally ("trăm hai", "hai xị", "năm chục") is echoed back
("Hiểu là 120.000 đ tiền lãi cho …, đúng không?") and noted only once the leader says yes, by
button or by typing ("ừ", "đúng"); "không" asks again and "không, 102 nghìn" is the amount
itself. Through the real PTB stack against the fake Bot API; the submitted tally holds
exactly the confirmed amounts."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import SARI, Clock, Harness
from tests.test_tally_stories import LEADER, Chat, bot, current_lines
from tests.test_telegram_stories import link


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_doubtful_amounts_are_noted_only_once_confirmed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")

        [echo] = await leader.says("2 lãi trăm hai")
        assert "Hiểu là 120.000 đ tiền lãi cho Thạch Sơn, đúng không?" in echo
        assert "Đã ghi" not in echo
        assert leader.labels() == ["Xác nhận: 120.000 đ", "Sửa số tiền"]
        [noted] = await leader.taps("Xác nhận: 120.000 đ")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ" in noted

        [echo] = await leader.says("1 lãi một trăm hai")
        assert "Hiểu là 120.000 đ tiền lãi cho Lâm Thị Sa Ri" in echo
        [noted] = await leader.says("không, 102 nghìn")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 102.000 đ" in noted

        [echo] = await leader.says("2 gửi hai xị")
        assert "Hiểu là 200.000 đ tiền gửi tiết kiệm cho Thạch Sơn" in echo
        [again] = await leader.says("không")
        assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in again
        [noted] = await leader.says("gửi 150k")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ, tiết kiệm 150.000 đ" in noted

        [echo] = await leader.says("1 gửi năm chục")
        assert "Hiểu là 50.000 đ tiền gửi tiết kiệm" in echo
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 102.000 đ, tiết kiệm 50.000 đ" in noted

        [echo] = await leader.says("2 lãi ba lít")  # never confirmed: never noted
        assert "Hiểu là 300.000 đ tiền lãi cho Thạch Sơn" in echo
        [summary] = await leader.says("xong")
        assert "Lãi thực thu: 222.000 đ" in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    assert await current_lines(h) == [
        ("KH001", 102_000, 473_000, 50_000, False),
        ("KH002", 120_000, 12_000, 150_000, False),
    ]


async def test_a_typed_yes_confirms_and_a_slip_leaves_the_echo_waiting(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        [echo] = await leader.says("Thạch Sơn đóng trăm hai")
        assert "Hiểu là 120.000 đ tiền lãi cho Thạch Sơn" in echo
        [answer, nudge] = await leader.says("dư nợ bao nhiêu", replies=2)  # a question between
        assert "Tổng dư nợ" in answer and "tiếp tục bảng kê" in nudge
        [noted] = await leader.says("đúng")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ" in noted
        await leader.says("xong")  # the summary: only it asks to submit
        await leader.taps("Xác nhận nộp")
    assert (await current_lines(h))[1][:2] == ("KH002", 120_000)


async def test_the_echo_is_answered_as_leaders_type_yes_and_no(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        [echo] = await leader.says("2 lãi trăm hai")
        assert "Hiểu là 120.000 đ tiền lãi cho Thạch Sơn, đúng không?" in echo
        [again] = await leader.says("hổng có")
        assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in again
        [echo] = await leader.says("trăm ba")
        assert "Hiểu là 130.000 đ tiền lãi cho Thạch Sơn" in echo
        [noted] = await leader.says("chính xác")
        assert "Đã ghi: Thạch Sơn → nộp lãi 130.000 đ" in noted
