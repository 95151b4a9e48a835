"""Found by a stranger trying the console as a credit officer: a notice typed in one message
gives one reply (its preview, with Xác nhận gửi / Hủy) whatever dates and times its text
holds; "ok gửi đi" sends it; a correction at the preview edits the draft; a change of
audience is taken; follow-up questions keep their subject. Through the real
python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.importer import import_file
from storage.schema import outbox
from tests.bankfiles import write_csv
from tests.bot_fixtures import SARI, SON, Harness
from tests.test_officer_stories import OFFICER_CHAT, buttons, link_officer, wait_for
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
SENDING = ["Xác nhận gửi", "Hủy"]


async def one_reply(h: Harness, text: str) -> str:
    """The bot's one reply to the officer's next message (two would fail)."""
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, text)
    [reply] = await h.fake.replies(OFFICER_CHAT, 1, after=seen, within=60)
    return reply


def labels(h: Harness) -> list[str]:
    return [label for label, _data in buttons(h, OFFICER_CHAT)]


async def queued_texts(h: Harness) -> list[str]:
    async with h.engine.begin() as conn:
        return [str(r.text) for r in await conn.execute(select(outbox.c.text))]


async def confirm(h: Harness, typed: str) -> str:
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, typed)
    queued, _status = await h.fake.replies(OFFICER_CHAT, 2, after=seen, within=60)
    return queued


@pytest.mark.parametrize(
    ("typed", "notice"),
    [
        (
            "gui thong bao xa dai tam: {}",
            "thu 5 ngay 17/12 co phien giao dich tai UBND xa luc 7g30, ba con nho mang theo so "
            "vay von",
        ),
        (
            "gui thong bao xa Dai Tam - {}",
            "phien giao dich thu 5 17/12 bat dau 8g tai UBND xa, moi ba con toi dung gio",
        ),
        ("gui to T01: {}", "chieu nay 2g em xuong ap kiem tra, to truong cho ba con hay"),
    ],
)
async def test_a_one_message_notice_gives_only_its_preview_and_ok_gui_di_sends_it(
    running: Harness, typed: str, notice: str
) -> None:
    h = running
    for chat, who in ((101, SARI), (102, SON)):
        await link(h, chat, who)
    await link_officer(h)
    preview = await one_reply(h, typed.format(notice))
    assert preview.startswith("Xem trước thông báo gửi"), preview
    assert notice in preview and "số liệu hộ vay" not in preview, preview
    assert "hỏi về" not in preview, preview
    assert labels(h) == SENDING
    queued = await confirm(h, "ok gui di")
    assert "#1" in queued and "2 người" in queued, queued
    assert any(notice in text for text in await queued_texts(h))


async def test_a_notice_to_a_group_code_is_never_a_borrowers_question(running: Harness) -> None:
    """ "gửi tổ 0192041: …" was asked "Dư nợ hay Liên hệ?"; no such group here: said so, and
    the text waits for an audience."""
    h = running
    await link_officer(h)
    answer = await one_reply(
        h, "gui to 0192041: chieu nay 2g em xuong ap kiem tra, to truong cho ba con hay"
    )
    assert "hỏi về" not in answer and "Dư nợ" not in answer, answer
    assert 'Không tìm thấy tổ "0192041"' in answer and "Gửi thông báo cho ai" in answer, answer


async def test_a_correction_at_the_preview_edits_the_draft(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    notice = "thu 5 co phien giao dich tai UBND xa luc 7g30"
    await one_reply(h, f"gui thong bao xa dai tam: {notice}")
    edited = await one_reply(h, "khoan da, sua lai 8g chu ko phai 7g30")
    assert "Đã hủy" not in edited, edited
    assert edited.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), edited
    assert "tai UBND xa luc 8g" in edited and "7g30" not in edited, edited
    assert labels(h) == SENDING
    asked = await one_reply(h, "sua lai noi dung")  # nothing to replace: the new text asked
    assert "Đã hủy" not in asked and "gõ nội dung" in asked and "cả xã Đại Tâm" in asked, asked
    again = await one_reply(h, "Phien giao dich doi sang thu 6, 8g")
    assert "Phien giao dich doi sang thu 6, 8g" in again and labels(h) == SENDING, again
    queued = await confirm(h, "xác nhận")
    assert "#1" in queued, queued
    texts = await queued_texts(h)
    assert any("doi sang thu 6" in t for t in texts) and not any("7g30" in t for t in texts)


async def test_a_change_of_audience_is_taken_at_the_text_step(running: Harness) -> None:
    h = running
    for chat, who in ((101, SARI), (102, SON)):
        await link(h, chat, who)
    await link_officer(h)
    first = await one_reply(h, "gui thong bao cho to truong xa dai tam")
    assert "gõ nội dung" in first, first
    commune = await one_reply(h, "a thoi khoan, gui cho xa dai tam truoc")
    assert "Đã hủy" not in commune, commune
    assert "Gửi tới: cả xã Đại Tâm." in commune and "gõ nội dung" in commune, commune
    group = await one_reply(h, "thoi doi y, chi gui to T01 thoi")
    assert "Xem trước" not in group and "gõ nội dung" in group and "T01" in group, group
    preview = await one_reply(h, "chieu nay 2g em xuong ap kiem tra")
    assert preview.startswith("Xem trước") and "Số người nhận: 2" in preview, preview


async def test_nobody_to_reach_is_said_before_the_text_is_asked(running: Harness) -> None:
    h = running
    await link_officer(h)  # no household of Đại Tâm has linked a chat
    answer = await one_reply(h, "gui thong bao cho xa dai tam")
    assert "gõ nội dung" not in answer and "chưa ai" in answer.lower(), answer
    assert "Gửi thông báo cho ai" in answer, answer


async def officer_of_two_communes(h: Harness) -> None:
    path = write_csv(
        h.folder / "can_bo_2.csv",
        ["Họ tên", "Số điện thoại", "Phạm vi"],
        [["Trần Văn Bình", "0901234567", "Đại Tâm, Thạnh Phú"]],
    )
    report = await import_file(h.engine, path)
    assert report.error is None, report.error
    await link_officer(h)


async def test_an_officers_follow_ups_keep_their_subject(running: Harness) -> None:
    h = running
    await officer_of_two_communes(h)
    named = await one_reply(h, "qua han o thanh phu")  # no "xã": the commune all the same
    assert named.startswith("Thạnh Phú:") and "quá hạn" in named, named
    first = await one_reply(h, "ai qua han o xa Dai Tam")
    assert first.startswith("Đại Tâm: 1 hộ có nợ quá hạn"), first
    follow = await one_reply(h, "con thanh phu thi sao")  # the same question, for Thạnh Phú
    assert follow.startswith("Thạnh Phú:") and "quá hạn" in follow, follow
    assert "bảng kê" not in follow, follow


async def test_an_officer_asks_the_data_date_and_how_to_load_the_file(running: Harness) -> None:
    h = running
    await link_officer(h)
    when = await one_reply(h, "so lieu cap nhat den ngay may roi")
    assert "chưa hiểu" not in when and "31/10/2026" in when, when
    how = await one_reply(h, "lam sao nap file hstd moi len")
    assert "chưa hiểu" not in how and ".xlsx" in how, how


TYPED_AT_THE_MENU = "ngay 17 co phien giao dich, ba con nho mang cccd"


async def test_a_notice_typed_at_the_audience_menu_is_kept_with_every_option(
    running: Harness,
) -> None:
    """At "Gửi thông báo cho ai?" the officer typed the notice itself and got "Không tìm
    thấy tổ hay xã …" with only "Hủy" left (a stranger): the text is kept, the menu shown
    again with all its options, and the audience chosen next goes to its preview."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    menu = await one_reply(h, "gửi thông báo")
    assert "Gửi thông báo cho ai" in menu, menu
    options = labels(h)
    kept = await one_reply(h, TYPED_AT_THE_MENU)
    assert "Không tìm thấy" not in kept and "Gửi thông báo cho ai" in kept, kept
    assert "Đã giữ nội dung" in kept and TYPED_AT_THE_MENU in kept, kept
    assert labels(h) == options
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_taps(OFFICER_CHAT, "Cả xã Đại Tâm")
    [preview] = await h.fake.replies(OFFICER_CHAT, 1, after=seen, within=60)
    assert preview.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), preview
    assert f"\n{TYPED_AT_THE_MENU}\n" in preview and labels(h) == SENDING, preview


@pytest.mark.parametrize("typed", ["xa Khong Co", "to 0192041", "Ap Moi"])
async def test_an_audience_not_found_at_the_menu_shows_every_option_again(
    running: Harness, typed: str
) -> None:
    """A typed audience that is not found is said so, and the menu keeps all its options
    (never "Hủy" alone); a text typed before still waits."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    await one_reply(h, "gửi thông báo: mai nghỉ lễ")
    options = labels(h)
    assert len(options) > 1, options
    unknown = await one_reply(h, typed)
    assert "Không tìm thấy" in unknown and "Gửi thông báo cho ai" in unknown, unknown
    assert labels(h) == options
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_taps(OFFICER_CHAT, "Cả xã Đại Tâm")
    [preview] = await h.fake.replies(OFFICER_CHAT, 1, after=seen, within=60)
    assert "\nmai nghỉ lễ\n" in preview, preview


async def test_an_officer_asking_balances_or_to_send_again_gets_an_officers_answer(
    running: Harness,
) -> None:
    """ "du no xa dai tam bao nhieu" and "a khoan, gui lai di" (after cancelling a notice) got
    a borrower's "không có số liệu hộ vay để xem" (a stranger): the first is the commune's
    portfolio, summed (session 10); the second says that no notice is open and how to start
    one."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    balances = await one_reply(h, "du no xa dai tam bao nhieu")
    assert "số liệu hộ vay" not in balances, balances
    assert balances.startswith("Đại Tâm: dư nợ "), balances
    await one_reply(h, "gui thong bao xa dai tam: mai nghi le")
    await one_reply(h, "hủy")
    again = await one_reply(h, "a khoan, gui lai di")
    assert "số liệu hộ vay" not in again, again
    assert "không có thông báo nào đang soạn" in again and "gửi thông báo" in again, again


async def test_a_question_at_the_audience_step_is_answered_and_the_first_text_waits(
    running: Harness,
) -> None:
    """A stranger: "gửi thông báo xã Long Phú: mai có phiên giao dịch" (no such commune),
    then "dư nợ xã Đại Tâm bao nhiêu" at the audience menu became a preview of the notice
    "bao nhieu" to all Đại Tâm, the text typed first lost. The question is answered, the
    first text waits, and "gửi xã Đại Tâm" then previews that text."""
    h = running
    for chat, who in ((101, SARI), (102, SON)):
        await link(h, chat, who)
    await link_officer(h)
    unknown = await one_reply(h, "gui thong bao xa Long Phu: mai co phien giao dich")
    assert 'Không tìm thấy xã "Long Phu"' in unknown and "Gửi thông báo cho ai" in unknown
    for question in ("du no xa Dai Tam bao nhieu", "to T01 nop bang ke chua"):
        seen = len(h.fake.sent(OFFICER_CHAT))
        h.fake.user_says(OFFICER_CHAT, question)
        answer, waiting = await h.fake.replies(OFFICER_CHAT, 2, after=seen, within=60)
        assert "Xem trước" not in answer and "Gửi thông báo cho ai" not in answer, answer
        assert "mai co phien giao dich" in waiting and "gửi xã" in waiting, waiting
        assert "Xem trước" not in waiting, waiting
    assert not await queued_texts(h)
    preview = await one_reply(h, "gửi xã Đại Tâm")
    assert preview.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), preview
    assert "\nmai co phien giao dich\n" in preview and "bao nhieu" not in preview, preview
    assert labels(h) == SENDING


def _texts_after(h: Harness, seen: int) -> list[str]:
    return [str(call.params.get("text")) for call in h.fake.sent(OFFICER_CHAT)[seen:]]


@pytest.mark.parametrize(
    ("question", "answered"),
    [("du no xa Dai Tam bao nhieu", "Đại Tâm: dư nợ "), ("xa Dai Tam thi sao", "")],
)
async def test_a_question_naming_an_audience_is_never_the_notice(
    running: Harness, question: str, answered: str
) -> None:
    """With nothing typed before, "dư nợ xã Đại Tâm bao nhiêu" (or "xã Đại Tâm thì sao",
    which the model cannot place) at the menu is answered, not previewed as the notice
    "bao nhieu"."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    await one_reply(h, "gửi thông báo")
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, question)
    waiting = "vẫn chờ anh/chị chọn người nhận"
    await wait_for(lambda: any(waiting in text for text in _texts_after(h, seen)), within=60)
    replies = _texts_after(h, seen)  # the reminder in the answer's message, or after it
    assert not any("Xem trước" in reply for reply in replies), replies
    said = "\n".join(replies)  # an answer with options (the menu) carries the reminder under it
    assert said.index(answered) < said.index("vẫn chờ anh/chị chọn người nhận"), replies
