"""What a stranger found filling in the tally as a group leader, each through the real PTB
stack: a correction that names the member ("sửa lại: bà Kim Lan lãi 112k gửi 200k") applies
like a numbered one and a line that cannot be applied says why; a new version starts from the
previous version's lines; typed totals that disagree with the members' lines are said to
disagree (never "everyone paid"); the group status after a tally shows the tally; an
exception shows the running list and only the summary asks to submit; the form's time is
local."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.nlu.tally_text import TypedTotals
from handlers.rules import tally
from handlers.tally import corrections
from storage.schema import tallies
from storage.tally_form import Line
from tests.bot_fixtures import SARI, Clock, Harness
from tests.tally_fixtures import LEADER, Chat, bot, current_lines, open_tally
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_telegram_stories import link


@pytest.mark.parametrize(
    ("said", "rest", "correcting"),
    [
        ("sửa lại: bà Kim Lan lãi 112k gửi 200k", "bà Kim Lan lãi 112k gửi 200k", True),
        ("sua lai: ba Kim Lan lai 112k", "ba Kim Lan lai 112k", True),
        ("Sửa 6 lãi 112k", "6 lãi 112k", True),
        ("đổi ông Sơn vắng", "ông Sơn vắng", True),
        ("sửa thành: 2 vắng", "2 vắng", True),
        ("sửa lại", "", True),
        ("Sơn vắng", "Sơn vắng", False),
        ("suối lãi 100k", "suối lãi 100k", False),  # not a correction word
        ("đợi", "đợi", False),  # "wait", folded like "đổi"
    ],
)
def test_the_correction_word_comes_off(said: str, rest: str, correcting: bool) -> None:
    assert corrections.strip(said) == (rest, correcting)


def test_the_gap_between_typed_totals_and_the_lines() -> None:
    lines = [Line(1, "A", "KH1", "", None, 0, 1_949_000, 2_800_000, 1_949_000, 2_800_000)]
    found = tally.gap(lines, TypedTotals(1_900_000, 2_800_000))
    assert (found.interest, found.savings, found.stated_cash) == (-49_000, 0, 4_700_000)
    assert found.any and tally.totals(lines).cash_to_hand_over == 4_749_000
    assert tally.gap(lines, TypedTotals(1_900_000, None)).stated_cash is None
    assert not tally.gap(lines, TypedTotals(1_949_000, None)).any


async def tallies_stored(h: Harness) -> int:
    async with h.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(tallies)) or 0)


async def test_a_correction_naming_the_member_applies_like_a_numbered_one(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 lai 1tr2 gui 0")
        [fixed] = await leader.says("sua lai: ong Thach Son lai 112k gui 200k")
        assert "Đã ghi: Thạch Sơn → nộp lãi 112.000 đ, tiết kiệm 200.000 đ" in fixed
        [fixed] = await leader.says("sửa bà Sa Ri lãi 500k")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 500.000 đ" in fixed
        [fixed] = await leader.says("đổi chị sa ri lãi 550k gửi 100k")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 550.000 đ, tiết kiệm 100.000 đ" in fixed
        [fixed] = await leader.says("sửa lại 2 lãi 100k gửi 100k")
        assert "Đã ghi: Thạch Sơn → nộp lãi 100.000 đ, tiết kiệm 100.000 đ" in fixed
        [summary] = await leader.says("xong")
        assert "Lãi thực thu: 650.000 đ" in summary
        await leader.taps("Xác nhận nộp")
    assert await current_lines(h) == [
        ("KH001", 550_000, 25_000, 100_000, False),
        ("KH002", 100_000, 32_000, 100_000, False),
    ]


@pytest.mark.parametrize(
    ("said", "why"),
    [
        ("sửa lại: bà Hoa lãi 100k", "“Hoa”"),  # nobody of that name
        ("sua lai: Thach Sonn lai 100k", "“Thach Sonn”"),  # a slip in the name
        ("doi Kim Lan lai 112k gui 200k", "“Kim Lan”"),  # in another group
    ],
)
async def test_a_correction_that_cannot_be_applied_says_so_and_why(
    harness: Harness, clock: Clock, said: str, why: str
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [refused] = await leader.says(said)
        assert "Không tìm thấy thành viên" in refused and why in refused
        assert "chưa ghi" in refused and "6 lãi 112k gửi 200k" not in refused
        [unreadable] = await leader.says("sửa bà Sa Ri lãi nhiều lắm")
        assert "Tôi chưa đọc được số tiền" in unreadable
        [listing] = await leader.says("sửa lại")  # the word alone: the list to correct
        assert "2. Thạch Sơn: lãi 132.000 đ" in listing
        [summary] = await leader.says("xong")
        assert "Lãi thực thu: 707.000 đ" in summary  # nothing was applied


async def test_a_new_version_starts_from_the_previous_versions_lines(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 vắng")
        await leader.says("1 lãi 500k")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        [opening] = await leader.says("nộp bảng kê")
        assert "phiên bản mới (2)" in opening and "phiên bản 1" in opening
        assert "2. Thạch Sơn: lãi 132.000 đ → vắng, chưa nộp" in opening
        assert "1. Lâm Thị Sa Ri: lãi 575.000 đ → nộp lãi 500.000 đ" in opening
        await leader.says("1 lãi 575k")  # fixing one line, the other one stays
        [summary] = await leader.says("xong")
        assert "Chưa nộp đủ lãi (1 người): Thạch Sơn" in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-2" in receipt
    assert await current_lines(h) == [
        ("KH001", 575_000, 0, 100_000, False),
        ("KH002", 0, 132_000, 0, True),
    ]


async def test_typed_totals_that_disagree_are_said_to_disagree(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [summary] = await leader.says("thu lai 650k, tiet kiem 200k")
        assert "Mọi người đã nộp đủ lãi" not in summary
        assert (
            "lãi: anh/chị nói 650.000 đ, cộng từng người ra 707.000 đ: anh/chị nói ít hơn "
            "57.000 đ, vậy có người nộp ít hơn số đang ghi" in summary
        )
        assert "Ai nộp khác số đang ghi?" in summary
        assert "anh/chị nói đang giữ 850.000 đ" in summary  # the cash he said he holds
        assert "907.000 đ" in summary  # and what the lines make it, side by side
        [noted] = await leader.says("2 lai 75k")
        assert "khớp với tổng anh/chị gõ" in noted
        [settled] = await leader.says("xong")
        assert "không khớp" not in settled and "Chưa nộp đủ lãi (1 người): Thạch Sơn" in settled
        assert "Tiền mặt nộp tại điểm giao dịch: 850.000 đ" in settled


async def test_the_group_status_after_the_tally_shows_the_tally(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 vắng")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        [status] = await leader.says("ai chua dong lai")
    assert "Thạch Sơn 132.000 đ" in status  # the header: who still owes
    assert "1. Lâm Thị Sa Ri: đã nộp lãi 575.000 đ" in status
    assert "2. Thạch Sơn: còn nợ lãi 132.000 đ (vắng)" in status
    assert "Lâm Thị Sa Ri: lãi 575.000 đ" not in status  # not shown as still to collect


async def test_an_exception_shows_the_running_list_and_only_the_summary_asks_to_submit(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [noted] = await leader.says("2 vắng")
        assert "Đã ghi: Thạch Sơn → vắng, chưa nộp" in noted
        assert "2. Thạch Sơn → vắng, chưa nộp" in noted  # the running list
        assert "xong" in noted and "Nộp bảng kê này?" not in noted
        assert "Mọi người đã nộp đủ lãi" not in noted
        assert leader.labels() == ["Xem tổng kết", "Hủy bảng kê"]
        [hurried] = await leader.says("ok")  # does not submit
        assert await tallies_stored(h) == 0
        assert "Nộp bảng kê này?" in hurried and "Chưa nộp đủ lãi (1 người)" in hurried
        assert leader.labels() == ["Xác nhận nộp", "Sửa", "Hủy bảng kê"]
        await leader.says("1 lãi 500k")
        [summary] = await leader.taps("Xem tổng kết")
        assert "Chưa nộp đủ lãi (2 người)" in summary
        [receipt] = await leader.says("ok")  # the summary asked
        assert "BK-T01-20261217-1" in receipt


async def test_the_form_says_the_local_time(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):  # NOW is 03:00 UTC, 10:00 in Sóc Trăng
        await link(h, LEADER, SARI)
        await link_officer(h)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        await leader.taps("Xác nhận: tất cả đã nộp đủ")
        await leader.taps("Xác nhận nộp")
        await Chat(h, OFFICER_CHAT).says("tình hình bảng kê", replies=2)
    [document] = h.fake.sent(OFFICER_CHAT, "sendDocument")
    sheet = load_workbook(io.BytesIO(document.params["document"]["content"])).active
    assert sheet is not None
    header = str(sheet.cell(5, 1).value)
    assert "26/11/2026 10:00" in header and "UTC" not in header


async def test_submitting_apart_from_the_typed_totals_says_both_cash_figures(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("thu lai 650k, tiet kiem 200k")
        [receipt] = await leader.taps("Xác nhận nộp")
    assert "Tiền mặt nộp tại điểm giao dịch: 907.000 đ" in receipt  # what the tally records
    assert "anh/chị nói đang giữ 850.000 đ (chênh 57.000 đ)" in receipt
