"""A meeting whose agenda speaks of reminding (an outside tester, playing a demo leader):
"moi ca to hop chu nhat tuan sau 8h sang tai nha toi, noi dung binh xet ho vay moi va nhac
dong lai" gave the meeting's summary and "Đã bật nhắc nhở", her reminders switched on
though she never asked. Words inside a meeting's agenda ("nhắc đóng lãi", "nhắc nhở ba con
đóng lãi đúng hạn") are the agenda, never a reminders on/off request; a switch said in so
many words ("tắt nhắc nhở giùm") stays one. Through the real PTB stack."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu import split_intents
from tests.bot_fixtures import Harness
from tests.test_meeting_conversations import scheduled
from tests.test_meeting_stories import LEADER, setup

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text",
    [
        "moi ca to hop chu nhat tuan sau 8h sang tai nha toi, noi dung binh xet ho vay moi"
        " va nhac dong lai",
        "moi ca to hop chu nhat tuan sau 8h sang tai nha toi, noi dung binh xet ho vay moi"
        " va nhac ba con dong lai dung han",
        "hop to thu bay 7h o nha van hoa, nhắc đóng lãi",
        "hop to thu bay 7h o nha van hoa, nhac nho dong lai",
        "họp tổ thứ Bảy 19h ở nhà văn hóa, bàn bình xét, nhắc nhở tiết kiệm",
    ],
)
def test_reminding_in_an_agenda_is_the_agenda(text: str) -> None:
    assert [u.intent for u in split_intents(text, TODAY)] == ["meeting_schedule"]


def test_a_switch_said_beside_a_meeting_stays_one() -> None:
    intents = [
        u.intent
        for u in split_intents("họp tổ thứ Bảy 19h ở nhà văn hóa, tắt nhắc nhở giùm", TODAY)
    ]
    assert intents == ["meeting_schedule", "reminders_off"]


@pytest.mark.parametrize(
    "text",
    [
        "họp tổ thứ Bảy 19h ở nhà văn hóa, nhắc tôi trước một ngày",
        "hop to chu nhat 8h o nha van hoa va nhac em truoc 2 tieng",
    ],
)
def test_a_reminder_the_leader_asks_for_herself_stays_one(text: str) -> None:
    assert [u.intent for u in split_intents(text, TODAY)] == ["meeting_schedule", "reminders_on"]


@pytest.mark.usefixtures("running")
async def test_a_meeting_about_reminding_leaves_the_reminders_alone(running: Harness) -> None:
    h = running
    leader, _member, _other = await setup(h)
    sent = len(h.fake.sent(LEADER))
    [summary] = await leader.says(
        "moi ca to hop chu nhat tuan sau 8h sang tai nha toi, noi dung binh xet ho vay moi"
        " va nhac dong lai"
    )
    assert "Nội dung: binh xet ho vay moi va nhac dong lai" in summary, summary
    assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
    texts = [c.params.get("text", "") for c in h.fake.sent(LEADER)[sent:]]
    assert not any("nhắc nhở" in t for t in texts), texts


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("sua lai dia diem nha toi", "nhà tổ trưởng Sa Ri"),
        ("đổi địa điểm sang nhà văn hóa", "nhà văn hóa"),
        ("dia diem la nha to truong", "nhà tổ trưởng Sa Ri"),
        ("sửa chỗ họp: trụ sở ấp", "trụ sở ấp"),
        ("doi dia diem nhe", None),
        ("doi cho hop sang nha van hoa", "nha van hoa"),
        ("nhắc cả tổ, cho họp tổ thứ bảy", None),  # "cho họp": no place named
        ("noi hop to thu bay nhe", None),
    ],
)
def test_the_place_named_as_a_place(text: str, place: str | None) -> None:
    from bot.nlu import meeting_text

    assert meeting_text.parse(text, TODAY, "Sa Ri").place == place


@pytest.mark.usefixtures("running")
async def test_the_place_changed_at_the_summary(running: Harness) -> None:
    """ "sua lai dia diem nha toi" at the summary was not understood, and "gửi luôn đi con"
    sent the meeting with its old place."""
    h = running
    leader, _member, _other = await setup(h)
    [summary] = await leader.says("hop to thu bay 7h toi o nha van hoa, binh xet ho vay moi")
    assert "Địa điểm: nha van hoa" in summary, summary
    [summary] = await leader.says("sua lai dia diem nha toi")
    assert "Địa điểm: nhà tổ trưởng" in summary and "nha van hoa" not in summary, summary
    assert "Nội dung: binh xet ho vay moi" in summary, summary
    assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
    [done] = await leader.says("gui luon di con")
    assert "Đã gửi cho" in done, done
    [(place, _purpose)] = await scheduled(h)
    assert place.startswith("nhà tổ trưởng"), place


@pytest.mark.usefixtures("running")
async def test_the_caller_is_not_asked_to_answer_her_own_meeting(running: Harness) -> None:
    """ "hom nao giao dich" from the leader who called the meeting showed "Tôi sẽ đến /
    Không đến được" to herself; a member asking still gets them."""
    h = running
    leader, member, _other = await setup(h)
    await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp, bình xét cho vay")
    await leader.taps("Xác nhận gửi")
    for question in ("hom nao giao dich", "khi nao hop to"):
        replies = await leader.says(question)
        assert any("họp" in r for r in replies), (question, replies)
        assert "Tôi sẽ đến" not in leader.labels(), (question, leader.labels())
    await member.says("hom nao giao dich")
    assert member.labels() == ["Tôi sẽ đến", "Không đến được"], member.labels()
