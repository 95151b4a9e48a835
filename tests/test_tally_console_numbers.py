"""The tally on the console, where the options are numbered lines (as on Zalo): a member's
number typed at the summary or under the running list is that member's, and
"vắng" (or "vang" without marks, which folds like "vâng") is an absence, never the yes that
submits or deletes the draft (a stranger's leader lost her draft and submitted it so)."""

from __future__ import annotations

from tests.bot_fixtures import SARI, Clock, Harness
from tests.tally_fixtures import current_lines
from tests.test_consent_stories import Console

# T01: 1 Lâm Thị Sa Ri (the leader, interest due 575.000 đ), 2 Thạch Sơn (132.000 đ).


async def test_numbers_and_vang_in_the_tally_are_members_not_options(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    console = Console(h, SARI, clock)
    await console.links()
    await console.says("đồng ý")
    await console.says("nộp bảng kê")
    noted = await console.says("2 lai 100k gui 0")
    assert "Đã ghi: Thạch Sơn" in noted and "2. Hủy bảng kê" not in noted
    summary = await console.says("xong")
    assert "Nộp bảng kê này?" in summary and "1. Xác nhận nộp" not in summary
    asked = await console.says("1")  # member 1, not "Xác nhận nộp"
    assert "Lâm Thị Sa Ri" in asked and "Đã nộp bảng kê" not in asked
    noted = await console.says("vang")
    assert "Đã ghi: Lâm Thị Sa Ri → vắng" in noted and "Đã nộp bảng kê" not in noted
    again = await console.says("2")  # member 2, not "Hủy bảng kê"
    assert "Xóa bảng kê" not in again and "Thạch Sơn" in again
    noted = await console.says("vắng")
    assert "Đã ghi: Thạch Sơn → vắng" in noted and "Đã xóa" not in noted
    asked = await console.says("huy bang ke")
    assert "Xóa bảng kê đang soạn?" in asked and "2. Giữ bảng kê" in asked
    for typed in ("vang", "vắng"):
        answer = await console.says(typed)
        assert "Đã xóa" not in answer and "Ai vắng?" in answer, typed
    summary = await console.says("xong")
    assert "Chưa nộp đủ lãi (2 người)" in summary
    receipt = await console.says("xác nhận nộp")
    assert "Đã nộp bảng kê" in receipt
    assert [line[1:] for line in await current_lines(h)] == [
        (0, 575_000, 0, True),
        (0, 132_000, 0, True),
    ]
