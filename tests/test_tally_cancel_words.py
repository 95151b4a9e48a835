"""Typed words that cancel the tally draft cancel it (asking first, as the Hủy button does),
also in a new console session. A stranger's story: "huy bang ke" typed in a new session with
a draft open showed the member list again, then "xac nhan" got "Bỏ các ghi chú đó và coi như
tất cả đã nộp đủ?": a cancel request turned into an offer to mark everyone paid in full.
Through the console, as `./dev chat --phone …` prints it; nothing is submitted."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import SARI, Clock, Harness
from tests.tally_fixtures import current_lines
from tests.test_consent_stories import Console

QUESTION = "Xóa bảng kê đang soạn? Chưa có gì được nộp."


async def _new_session(harness: Harness, clock: Clock) -> Console:
    """The console started again on the same phone: the phone shared, the chat as it was."""
    console = Console(harness, SARI, clock)
    first = await console.chat.first_message()
    assert first is not None
    await console.chat.handle(first)
    return console


@pytest.mark.parametrize("words", ["huy bang ke", "hủy bảng kê", "bo bang ke nay"])
async def test_cancel_words_in_a_new_session_ask_to_delete_the_draft(
    harness: Harness, clock: Clock, words: str
) -> None:
    console = Console(harness, SARI, clock)
    await console.links()
    await console.says("đồng ý")
    opened = await console.says("nộp bảng kê")
    assert "Bảng kê" in opened
    await console.says("2 vang")

    console = await _new_session(harness, clock)
    asked = await console.says(words)
    assert QUESTION in asked, asked
    gone = await console.says("xac nhan")
    assert "tất cả đã nộp đủ" not in gone
    assert "Đã xóa bảng kê đang soạn; chưa nộp gì." in gone, gone
    assert await current_lines(harness) == []
