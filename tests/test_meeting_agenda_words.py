"""A meeting whose agenda names other business (an outside tester, playing a demo leader):
"hop to toi thu bay 7h o nha co, ban chuyen bang ke" opened a new tally draft beside the
meeting, and the meeting's summary came without its Xác nhận/Sửa/Hủy options; the agenda
typed as "noi dung la ban chuyen bang ke" was stored with its "là"; and "gửi cho tổ đi"
after "cái lịch họp hồi nãy sao rồi" replaced the agenda instead of sending the meeting.
The words after a meeting's day, hour and place are its agenda, never a request of their
own; "nội dung là …" is the agenda after the "là"; a request to send is the go-ahead.
Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu import meeting_text, split_intents
from tests.bot_fixtures import Harness
from tests.test_meeting_conversations import scheduled
from tests.test_meeting_stories import LEADER, setup

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text",
    [
        "hop to toi thu bay 7h o nha co, ban chuyen bang ke",
        "họp tổ thứ Bảy 19h ở nhà văn hóa, bàn nộp bảng kê và tiết kiệm",
        "hop to chu nhat 8h sang o nha van hoa, noi dung thu lai va kiem tra du no",
    ],
)
def test_a_meeting_with_its_agenda_is_one_request(text: str) -> None:
    assert [u.intent for u in split_intents(text, TODAY)] == ["meeting_schedule"]


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("noi dung la ban chuyen bang ke thang nay", "ban chuyen bang ke thang nay"),
        ("nội dung là bình xét cho vay", "bình xét cho vay"),
        ("nội dung: bình xét cho vay", "bình xét cho vay"),
        ("con cai lich hop hoi nay sao roi, gui cho to di", None),
        ("họp 19h thứ Bảy ở nhà văn hóa, báo cho cả tổ giùm", None),
    ],
)
def test_the_agenda_said(text: str, purpose: str | None) -> None:
    assert meeting_text.parse(text, TODAY).purpose == purpose


@pytest.mark.usefixtures("running")
async def test_a_meeting_about_the_tally_is_only_the_meeting(running: Harness) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [summary] = await leader.says("hop to toi thu bay 7h o nha co, ban chuyen bang ke")
    assert "Nội dung: ban chuyen bang ke" in summary, summary
    assert "Bảng kê 13/TD" not in summary, summary
    assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
    sent = len(h.fake.sent(LEADER))

    await leader.taps("Sửa")
    [summary] = await leader.says("noi dung la ban chuyen bang ke thang nay")
    assert "Nội dung: ban chuyen bang ke thang nay" in summary, summary
    assert "Bảng kê 13/TD" not in summary and leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]

    [done] = await leader.says("con cai lich hop hoi nay sao roi, gui cho to di")
    assert "Đã gửi cho" in done, done
    assert await scheduled(h) == [("nha co", "ban chuyen bang ke thang nay")]
    texts = [c.params.get("text", "") for c in h.fake.sent(LEADER)[sent:]]
    assert not any("Bảng kê 13/TD" in t for t in texts), texts
