"""While one member's question waits (how one amount divides, an amount echoed back, that
amount asked again after a no), what is typed is read as it would be with nothing open, and
never taken for that member's answer unless it is one. A stranger's stories: "bà Sa Ri lãi
200k" (nobody in the group) was noted for the member asked, "who in my group has not paid
yet" noted the echoed member absent, a bare "2" under the echo's numbered options was
2.000 đ, "không, 1 củ rưỡi" skipped the reading a fresh line gets, "không, nhầm rồi, ông Sóc
đóng đủ" was ignored, and a line for another member dropped the amount said no to without a
word. And an amount far above the interest due is no longer offered as interest alone.
Through the real PTB stack; the export holds what was confirmed."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from tests.bot_fixtures import SARI, Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally
from tests.test_console_and_run import env_for

SPLIT = "là tiền lãi hay gồm cả tiết kiệm?"


async def test_a_name_not_in_the_group_is_nobodys_answer(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("3 dong 3 lit")
        assert SPLIT in asked
        [why, again] = await leader.says("bà Sa Ri lãi 200k", replies=2)
        assert "Không tìm thấy thành viên nào tên “Sa Ri”" in why and "chưa ghi gì" in why
        assert SPLIT in again and "Đã ghi" not in why + again
        [noted] = await leader.says("gồm cả tiết kiệm")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 142.000 đ" in noted

        [echo] = await leader.says("5 lai ba chuc")
        assert "Hiểu là 30.000 đ tiền lãi" in echo and "cho Trần Minh Tâm" in echo
        [why, again] = await leader.says("bà Sa Ri lãi 200k", replies=2)
        assert "tên “Sa Ri”" in why and "Hiểu là 30.000 đ tiền lãi" in again
        [asked] = await leader.says("không")
        assert "Vậy Trần Minh Tâm đã nộp bao nhiêu?" in asked
        [why, again] = await leader.says("ba Nam lai 30k", replies=2)
        assert "Không tìm thấy thành viên nào tên “Nam”" in why
        assert "Vậy Trần Minh Tâm đã nộp bao nhiêu?" in again and "Đã ghi" not in why + again
        [noted] = await leader.says("lãi 35k")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 35.000 đ, tiết kiệm 200.000 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"] == ["158000", "158000", "0", "142000", "0"]
    assert exported["KH705"] == ["38000", "35000", "3000", "200000", "0"]


async def test_a_question_under_an_echo_is_never_its_answer(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("5 dong 30")
        assert "Hiểu là 30.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Trần Minh Tâm" in echo
        [unpaid, again] = await leader.says("who in my group has not paid yet", replies=2)
        assert "no one is noted as not paying yet" in unpaid
        assert "I read 30,000 VND interest, 0 VND savings for Trần Minh Tâm" in again
        assert "Noted" not in unpaid + again
        [answer, nudge] = await leader.says("how much interest is due for the group", replies=2)
        assert "Noted" not in answer + nudge, answer + nudge
        assert "still waiting for a yes or no" in nudge and "30,000 VND interest" in nudge
        [status, nudge] = await leader.says("tình hình tổ", replies=2)
        assert "Đã ghi" not in status + nudge
        [unpaid, again] = await leader.says("còn ai chưa đóng", replies=2)
        assert "không có ai được ghi là chưa nộp" in unpaid or "chưa nộp" in unpaid
        assert "Hiểu là 30.000 đ tiền lãi" in again
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 30.000 đ, tiết kiệm 0 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH705"] == ["38000", "30000", "8000", "0", "0"]


async def test_a_typed_option_number_under_the_echo_picks_that_option(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("5 dong 30")
        assert leader.labels() == ["Xác nhận: 30.000 đ, 0 đ", "Sửa số tiền"]
        [asked] = await leader.says("2")
        assert "Vậy Trần Minh Tâm đã nộp bao nhiêu?" in asked and "2.000 đ" not in asked
        [noted] = await leader.says("lãi 35k")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 35.000 đ, tiết kiệm 0 đ" in noted
        [echo] = await leader.says("3 dong 150")
        assert "Hiểu là 150.000 đ tiền lãi" in echo and "Kim Sa Vát" in echo
        [noted] = await leader.says("1")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 150.000 đ, tiết kiệm 0 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH705"] == ["38000", "35000", "3000", "0", "0"]
    assert exported["KH703"] == ["158000", "150000", "8000", "0", "0"]


async def test_a_correction_after_the_no_is_read_as_a_fresh_line(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("3 đóng trăm hai")
        assert "Hiểu là 120.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Kim Sa Vát" in echo
        [asked] = await leader.says("không, 3 lít")  # as "3 đóng 3 lít" typed fresh
        assert "Kim Sa Vát nộp 300.000 đ" in asked and SPLIT in asked
        [noted] = await leader.says("gồm cả tiết kiệm")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 142.000 đ" in noted

        [echo] = await leader.says("1 đóng trăm hai")
        assert "cho Bùi Thị Tâm, đúng không?" in echo
        [noted] = await leader.says("không, nhầm rồi, bà Bùi Thị Tâm đóng đủ")
        assert "Đã ghi: Bùi Thị Tâm → nộp đủ" in noted

        [echo] = await leader.says("2 đóng trăm hai")
        assert "cho Danh Sô Phanh, đúng không?" in echo
        [asked] = await leader.says("không")
        assert "Vậy Danh Sô Phanh đã nộp bao nhiêu?" in asked
        [asked] = await leader.says("5 hai xi")
        assert (
            "Chưa ghi cho Danh Sô Phanh: anh/chị đã nói 120.000 đ tiền lãi, 0 đ tiền gửi tiết "
            "kiệm là chưa đúng." in asked
        )
        assert "Trần Minh Tâm nộp 200.000 đ" in asked and SPLIT in asked
        [noted] = await leader.says("2")
        assert "Đã ghi: Trần Minh Tâm" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"] == ["158000", "158000", "0", "142000", "0"]
    assert exported["KH702"] == ["275000", "275000", "0", "200000", "0"]
    assert exported["KH701"] == ["150000", "150000", "0", "200000", "0"]
    assert exported["KH705"] == ["38000", "38000", "0", "162000", "0"]


async def test_an_amount_far_above_the_interest_due_is_asked_as_any_amount_above_it(
    harness: Harness, clock: Clock
) -> None:
    """Trần Minh Tâm owes 38.000 đ interest: 1.500.000 đ handed over was split into the
    interest due and savings without asking, while 120.000 đ against 110.000 đ due was asked.
    One rule now: any one amount above the interest due is asked, the split one of the two
    options, and what is chosen is what reaches the 13/TD export."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("5 dong cu ruoi")
        assert f"1.500.000 đ {SPLIT}" in asked and "Hiểu là" not in asked
        assert leader.labels() == [
            "Chỉ tiền lãi: 1.500.000 đ",
            "Gồm cả tiết kiệm: lãi 38.000 đ, tiết kiệm 1.462.000 đ",
        ]
        [noted] = await leader.says("2")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 38.000 đ, tiết kiệm 1.462.000 đ" in noted
        [asked] = await leader.says("3 dong 1500k")
        assert f"1.500.000 đ {SPLIT}" in asked and "Kim Sa Vát" in asked
        [noted] = await leader.says("gồm cả tiết kiệm")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 1.342.000 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH705"] == ["38000", "38000", "0", "1462000", "0"]
    assert exported["KH703"] == ["158000", "158000", "0", "1342000", "0"]


@pytest.mark.parametrize("channel", ["console", "zalo"])
async def test_the_option_numbers_under_the_echo_in_the_console_and_on_zalo(
    harness: Harness, channel: str
) -> None:
    """Where the echo's options are shown numbered ("1. Xác nhận: …", "2. Sửa số tiền"),
    the numbers pick them, as "1" picks the consent there."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "bot", "chat", "--channel", channel, "--phone", SARI["phone"]),
        cwd=harness.folder,
        # this checkout's code (the shared virtualenv may point at another)
        env=env_for(harness.settings.database_url, PYTHONPATH=str(Path(__file__).parents[1])),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    last4 = f"{SARI['last4']}\n" if channel == "console" else ""
    # the echo again under "tiếp tục bảng kê", where the list's numbers are members'
    script = f"{last4}1\nnộp bảng kê\n2 lãi trăm hai\ntiếp tục bảng kê\n2\ntrăm ba\n1\n"
    out, err = await asyncio.wait_for(proc.communicate(script.encode()), 90)
    text = out.decode()
    assert proc.returncode == 0, err.decode()
    assert "2. Sửa số tiền" in [line.strip() for line in text.splitlines()]
    assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in text and "Hiểu là 2.000 đ" not in text
    assert "Đã ghi: Thạch Sơn → nộp lãi 130.000 đ" in text
