"""Found by a stranger as an officer: a notice's preview for Đại Tâm, then "thôi đổi ý, gửi cho
tổ trưởng xã Thạnh Phú", where nobody has linked the chat, threw the Đại Tâm draft away; "ok gửi
đi" then got "Dạ không có chi!" and "xác nhận" "Chào mừng anh/chị quay lại!", as if sent. The
draft is kept with its audience and said so; a go-ahead with no notice open says plainly that
none is waiting and nothing was sent. A misspelt commune ("Dai Tan") is offered the closest of
the officer's own ("Đại Tâm?"). Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import SARI, SON, Harness
from tests.test_officer_notice_findings import (
    SENDING,
    confirm,
    labels,
    officer_of_two_communes,
    one_reply,
    queued_texts,
)
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
NOTICE = "thu 5 tuan sau co phien giao dich"


async def test_an_audience_nobody_can_receive_keeps_the_draft_for_the_first(
    running: Harness,
) -> None:
    h = running
    for chat, who in ((101, SARI), (102, SON)):
        await link(h, chat, who)
    await officer_of_two_communes(h)
    preview = await one_reply(h, f"gui thong bao cho xa Dai Tam: {NOTICE}")
    assert preview.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), preview
    moved = await one_reply(h, "thoi doi y, gui cho to truong xa Thanh Phu")
    assert "Chưa gửi gì" in moved and "Thạnh Phú" in moved, moved
    assert "vẫn giữ thông báo gửi cả xã Đại Tâm" in moved and "xác nhận" in moved, moved
    assert labels(h) == SENDING
    queued = await confirm(h, "ok gui di")
    assert "#1" in queued and "2 người" in queued, queued
    assert any(NOTICE in text for text in await queued_texts(h))


async def test_a_go_ahead_with_no_notice_open_says_nothing_was_sent(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)
    await officer_of_two_communes(h)
    for typed in ("ok gui di", "xac nhan", "xác nhận gửi"):
        answer = await one_reply(h, typed)
        assert "không có chi" not in answer.lower() and "Chào mừng" not in answer, answer
        assert "Không có thông báo nào đang chờ gửi" in answer, answer
        assert "chưa gửi gì" in answer.lower(), answer
    assert await queued_texts(h) == []


async def test_a_misspelt_commune_is_offered_the_closest_of_the_officers(
    running: Harness,
) -> None:
    h = running
    await link(h, 101, SARI)
    await officer_of_two_communes(h)
    answer = await one_reply(h, f"gui thong bao cho xa Dai Tan: {NOTICE}")
    assert 'Không tìm thấy xã "Dai Tan"' in answer, answer
    assert "Có phải xã Đại Tâm?" in answer, answer
    far = await one_reply(h, "huy")
    assert "hủy" in far.lower(), far
    nothing = await one_reply(h, f"gui thong bao cho xa Hoa Binh: {NOTICE}")
    assert "Có phải" not in nothing, nothing
