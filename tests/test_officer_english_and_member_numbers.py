"""Found by outside testers. An officer's English notice audiences ("send to commune Dai Tam:
…", "broadcast to group T01: …", "notify all borrowers in Dai Tam that …", "send to
everyone: …") were read as a leader's meeting or not at all: they are read as "gửi xã …",
"gửi tổ …", "gửi tất cả …" are, in a Vietnamese session and in an English one. An officer's
"tally status" / "which groups submitted" was read as a leader's tally submit: it is the
commune view of the tallies, as "tình hình bảng kê" is. A leader asking about a member by
the number in the group's list ("số 2 còn nợ bao nhiêu", "stt 2 đóng chưa", "member 2
overdue?") got their own figures or the whole group: that member's status, as asking by
name gives; a borrower asking the same gets the plain refusal, with no figures. Through the
real python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import re

import pytest

from tests.bot_fixtures import SARI, SON, Harness
from tests.test_officer_notice_findings import labels, one_reply, queued_texts
from tests.test_officer_stories import OFFICER_CHAT, link_officer, says
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
LEADER, MEMBER = 101, 102
MONEY = re.compile(r"\d[\d.,]* (?:đ|VND)")
SESSION_LANGUAGE = {"vi": ("tiếng việt", "Xem trước thông báo gửi"), "en": ("english", "Preview")}


async def officer_in(h: Harness, language: str) -> str:
    """Two households of T01 (Đại Tâm) linked, the officer linked, the session's language
    chosen; the start of a preview in that language."""
    for chat, who in ((LEADER, SARI), (MEMBER, SON)):
        await link(h, chat, who)
    await link_officer(h)
    chosen, preview = SESSION_LANGUAGE[language]
    await says(h, OFFICER_CHAT, chosen)
    return preview


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "notice", "audience"),
    [
        ("send to commune Dai Tam: meeting on Friday", "meeting on Friday", "Đại Tâm"),
        ("broadcast to group T01: meeting on Friday at 8", "meeting on Friday at 8", "T01"),
        (
            "notify all borrowers in Dai Tam that the session moves to Friday",
            "the session moves to Friday",
            "Đại Tâm",
        ),
        ("send to everyone: meeting on Friday", "meeting on Friday", None),
        ("please send a notice to the leaders of Dai Tam: meeting at 2pm", "meeting at 2pm", None),
    ],
)
async def test_an_english_audience_is_read_as_the_vietnamese_one(
    running: Harness, language: str, typed: str, notice: str, audience: str | None
) -> None:
    h = running
    preview_starts = await officer_in(h, language)
    preview = await one_reply(h, typed)
    assert preview.startswith(preview_starts), preview
    assert notice in preview.splitlines()[3], preview  # the text, after the sender's line
    assert audience is None or audience in preview.splitlines()[0], preview
    assert "meeting" not in preview.splitlines()[0].lower(), preview
    assert len(labels(h)) == 2 and labels(h)[0] in ("Xác nhận gửi", "Confirm sending")
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, "xác nhận")
    await h.fake.replies(OFFICER_CHAT, 2, after=seen, within=60)
    assert any(notice in text for text in await queued_texts(h))


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_an_english_notice_outside_the_area_is_refused(
    running: Harness, language: str
) -> None:
    h = running
    await officer_in(h, language)
    answer = await one_reply(h, "send to commune Phu My: meeting on Friday")
    assert "Phú Mỹ" not in answer or "ngoài địa bàn" in answer or "outside" in answer, answer
    assert "group leader" not in answer and "tổ trưởng" not in answer, answer


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "typed",
    ["tally status", "tallies this month", "which groups submitted", "which groups submitted?"],
)
async def test_an_officers_english_tally_question_is_the_commune_view(
    running: Harness, language: str, typed: str
) -> None:
    h = running
    await officer_in(h, language)
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, typed)
    [status] = await h.fake.replies(OFFICER_CHAT, 1, after=seen, within=60)
    submitted = "tổ đã nộp bảng kê" if language == "vi" else "groups submitted"
    assert "Đại Tâm" in status and submitted in status, status
    assert "T01" in status, status  # the groups not submitted are named


@pytest.mark.parametrize(
    ("typed", "balance"),
    [
        ("số 2 còn nợ bao nhiêu", "Dư nợ:"),
        ("so 2 con no bn", "Dư nợ:"),
        ("stt 2 đóng chưa", "Dư nợ:"),
        ("member 2 overdue?", "Balance:"),
    ],
)
async def test_a_leader_asks_about_a_member_by_number(
    running: Harness, typed: str, balance: str
) -> None:
    h = running
    await link(h, LEADER, SARI)  # leads T01: 1. Lâm Thị Sa Ri, 2. Thạch Sơn
    answer = await says(h, LEADER, typed)
    assert answer.startswith("Thạch Sơn:"), answer
    assert balance in answer and "Lâm Thị Sa Ri" not in answer, answer
    assert "Nộp bảng kê" not in answer and "bảng kê cho phiên" not in answer, answer


async def test_a_member_number_not_in_the_group_is_said(running: Harness) -> None:
    h = running
    await link(h, LEADER, SARI)
    answer = await says(h, LEADER, "số 9 còn nợ bao nhiêu")
    assert "Tổ không có thành viên số 9" in answer and not MONEY.search(answer), answer


@pytest.mark.parametrize("typed", ["số 1 còn nợ bao nhiêu", "stt 1 đóng chưa", "member 1 overdue?"])
async def test_a_borrower_asking_by_number_is_refused_without_figures(
    running: Harness, typed: str
) -> None:
    h = running
    await link(h, MEMBER, SON)  # T01's member 1 is Lâm Thị Sa Ri, the leader
    answer = await says(h, MEMBER, typed)
    refused = ("chỉ cho xem được số liệu của hộ anh/chị", "only your own household")
    assert any(words in answer for words in refused), answer
    assert "Lâm Thị Sa Ri" not in answer and not MONEY.search(answer), answer
