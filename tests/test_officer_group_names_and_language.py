"""Found by outside testers as a credit officer: a notice to a group named by its NAME rather
than its code ("gửi tổ Tâm Kiên: mai họp lúc 8h" got the leaders-only meeting refusal,
"broadcast to group Tam Kien: …" the audience menu) goes to that group, previewed first;
two groups of that name are asked back, both named; a name matching nothing says so and
offers the closest. An English audience naming a commune with no "commune" word ("send to
Dai Tam: …", "notify Dai Tam that …") is that commune. "/language en", "/language vi",
"/lang en" set the language at once ("/language" alone still shows the choice). "tally
status" typed while a notice waits is answered, the notice kept waiting. Through the real
python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import pytest

from storage.importer import import_file
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LOAN_HEADER, SARI, SON, Harness
from tests.test_officer_notice_findings import (
    SENDING,
    confirm,
    labels,
    officer_of_two_communes,
    one_reply,
    queued_texts,
)
from tests.test_officer_stories import OFFICER_CHAT
from tests.test_telegram_stories import link, markup

pytestmark = pytest.mark.usefixtures("running")
KIEN = {"code": "KH301", "phone": "0911000301", "last4": "0301", "name": "Trần Văn Kiên"}


async def more_groups(h: Harness) -> None:
    """T03 "Tổ TK&VV ấp Tâm Kiên" (Đại Tâm, one household) and T04 "Tổ ấp 3" in Thạnh Phú,
    named as T01 of Đại Tâm is."""
    header = [*LOAN_HEADER[:12]]
    rows = [
        [
            KIEN["code"],
            KIEN["name"],
            "KU301",
            1,
            10_000_000,
            0,
            AS_OF,
            "T03",
            "Tổ TK&VV ấp Tâm Kiên",
            "Đại Tâm",
            KIEN["phone"],
            "079000000301",
        ],
        [
            "KH401",
            "Lý Thị Bốn",
            "KU401",
            1,
            10_000_000,
            0,
            AS_OF,
            "T04",
            "Tổ ấp 3",
            "Thạnh Phú",
            "0911000401",
            "079000000401",
        ],
    ]
    report = await import_file(h.engine, write_csv(h.folder / "more_groups.csv", header, rows))
    assert report.error is None, report.error


async def officer_with_groups(h: Harness) -> None:
    await more_groups(h)
    for chat, who in ((101, SARI), (102, SON), (103, KIEN)):
        await link(h, chat, who)
    await officer_of_two_communes(h)


@pytest.mark.parametrize(
    ("typed", "notice", "starts"),
    [
        ("gửi tổ Tâm Kiên: mai họp lúc 8h", "mai họp lúc 8h", "Xem trước thông báo gửi tổ T03"),
        ("gui thong bao cho to ap tam kien: mai hop", "mai hop", "Xem trước thông báo gửi tổ T03"),
        ("nhắn tổ TÂM KIÊN mai họp lúc 8h", "mai họp lúc 8h", "Xem trước thông báo gửi tổ T03"),
        ("broadcast to group Tam Kien: meeting at 8", "meeting at 8", "Preview of the notice"),
    ],
)
async def test_a_group_named_by_its_name_is_the_audience(
    running: Harness, typed: str, notice: str, starts: str
) -> None:
    h = running
    await officer_with_groups(h)
    preview = await one_reply(h, typed)
    assert preview.startswith(starts), preview
    assert "T03" in preview.splitlines()[0], preview
    assert preview.splitlines()[3] == notice, preview
    assert "Chỉ tổ trưởng" not in preview and "group leader" not in preview, preview
    assert labels(h) in (SENDING, ["Confirm sending", "Cancel"])
    queued = await confirm(h, "xác nhận")
    assert "#1" in queued, queued
    assert [text for text in await queued_texts(h) if notice in text] != []


async def test_two_groups_of_that_name_are_asked_back_both_named(running: Harness) -> None:
    h = running
    await officer_with_groups(h)
    asked = await one_reply(h, "gửi tổ ấp 3: mai họp lúc 8h")
    assert "T01" in asked and "T04" in asked and "Đại Tâm" in asked, asked
    assert "Thạnh Phú" in asked, asked
    shown = labels(h)
    assert any("T01" in label for label in shown) and any("T04" in label for label in shown)
    assert shown[-1] == "Hủy", shown
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_taps(OFFICER_CHAT, next(label for label in shown if "T01" in label))
    [preview] = await h.fake.replies(OFFICER_CHAT, 1, after=seen, within=60)
    assert preview.startswith("Xem trước thông báo gửi tổ T01"), preview
    assert preview.splitlines()[3] == "mai họp lúc 8h", preview
    assert labels(h) == SENDING


async def test_a_group_name_matching_nothing_says_so_and_offers_the_closest(
    running: Harness,
) -> None:
    h = running
    await officer_with_groups(h)
    misspelt = await one_reply(h, "gui thong bao cho to Tam Kein: mai hop luc 8h")
    assert 'Không tìm thấy tổ "Tam Kein"' in misspelt, misspelt
    assert "Có phải tổ T03 Tổ TK&VV ấp Tâm Kiên?" in misspelt, misspelt
    assert "Cả xã Đại Tâm" in labels(h), labels(h)
    kept = await one_reply(h, "tổ T03")
    assert kept.startswith("Xem trước thông báo gửi tổ T03"), kept
    assert kept.splitlines()[3] == "mai hop luc 8h", kept
    await one_reply(h, "hủy")
    other = await one_reply(h, "gui thong bao cho to ap 5: mai hop")
    assert 'Không tìm thấy tổ "ap 5"' in other, other
    assert "Có phải" not in other, other  # "ấp 3" is another hamlet, not a misspelling
    english = await one_reply(h, "broadcast to group Tam Kein: meeting at 8")
    assert 'I found no group "Tam Kein"' in english, english
    assert "Did you mean the group T03" in english, english


@pytest.mark.parametrize(
    ("typed", "notice"),
    [
        ("send to Dai Tam: meeting on Friday", "meeting on Friday"),
        ("notify Dai Tam that the session moves to Friday", "the session moves to Friday"),
        ("send a notice to Đại Tâm: meeting on Friday", "meeting on Friday"),
    ],
)
async def test_an_english_audience_naming_only_a_commune_is_that_commune(
    running: Harness, typed: str, notice: str
) -> None:
    h = running
    await officer_with_groups(h)
    preview = await one_reply(h, typed)
    assert preview.startswith("Preview of the notice to everyone in Đại Tâm"), preview
    assert preview.splitlines()[3] == notice, preview
    assert labels(h) == ["Confirm sending", "Cancel"]


async def test_an_english_audience_close_to_a_commune_is_offered_it(running: Harness) -> None:
    h = running
    await officer_with_groups(h)
    offered = await one_reply(h, "send to Dai Tan: meeting on Friday")
    assert 'I found no commune "Dai Tan". Did you mean the commune Đại Tâm?' in offered, offered
    assert "Everyone in Đại Tâm" in labels(h), labels(h)
    kept = await one_reply(h, "Dai Tam")
    assert kept.startswith("Preview of the notice to everyone in Đại Tâm"), kept
    assert kept.splitlines()[3] == "meeting on Friday", kept


async def test_language_with_its_code_sets_it_at_once(running: Harness) -> None:
    h = running
    await officer_with_groups(h)
    assert (await one_reply(h, "/language en")).startswith("Language set to English.")
    assert "inline_keyboard" not in markup(h, OFFICER_CHAT)  # no choice shown: it is set
    assert (await one_reply(h, "/language vi")).startswith("Đã chuyển sang tiếng Việt.")
    assert (await one_reply(h, "/lang en")).startswith("Language set to English.")
    assert (await one_reply(h, "/ngonngu vi")).startswith("Đã chuyển sang tiếng Việt.")
    chooser = await one_reply(h, "/language")
    assert chooser.startswith("Chọn ngôn ngữ"), chooser
    assert labels(h) == ["Tiếng Việt", "English"]


async def test_an_english_tally_question_is_answered_with_the_draft_waiting(
    running: Harness,
) -> None:
    h = running
    await officer_with_groups(h)
    menu = await one_reply(h, "gửi thông báo: mai họp lúc 8h")
    assert "Gửi thông báo cho ai" in menu, menu
    for typed in ("tally status", "which groups submitted"):
        seen = len(h.fake.sent(OFFICER_CHAT))
        h.fake.user_says(OFFICER_CHAT, typed)
        status, waiting = await h.fake.replies(OFFICER_CHAT, 2, after=seen, within=60)
        assert "T01" in status and "not found" not in status.lower(), status
        assert "Không tìm thấy" not in status and "I found no" not in status, status
        assert "mai họp lúc 8h" in waiting and "still waiting" in waiting, waiting
    preview = await one_reply(h, "xã Đại Tâm")
    assert "Đại Tâm" in preview.splitlines()[0], preview
    assert preview.splitlines()[3] == "mai họp lúc 8h", preview
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, "tally status")
    status, waiting = await h.fake.replies(OFFICER_CHAT, 2, after=seen, within=60)
    assert "T01" in status and "waiting for your confirmation" in waiting, (status, waiting)
    queued = await confirm(h, "confirm")
    assert "#1" in queued, queued
