"""People type instead of pressing: the common words, the option's own words, and (where
options are numbered) its number stand for the button under the bot's last message, in every
dialog. Unit cases for the picking rule, then stories through the real PTB stack."""

from __future__ import annotations

import pytest

from handlers.rules.consent_words import read_consent
from handlers.typed_answers import act_word, cancels, pick, unclear_between, yes_or_stop
from locales.i18n import use_locale
from tests.bot_fixtures import SARI, Clock, Harness
from tests.tally_fixtures import LEADER, Chat, bot, current_lines, open_tally
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_telegram_stories import link

CONSENT = [("Xác nhận: tôi đồng ý", "consent:yes"), ("Hủy: tôi không đồng ý", "consent:no")]
SUMMARY = [("Xác nhận nộp", "tally:submit"), ("Sửa", "tally:edit"), ("Hủy bảng kê", "tally:cancel")]
SHORT_NOTICE = [*CONSENT, ("Xem lại thông báo", "consent:read")]
BEFORE_DECLINING = [
    ("Xác nhận: không đồng ý, hủy liên kết", "consent:nook"),
    ("Giữ liên kết, để sau", "consent:later"),
]
UNLINK = [("Xác nhận hủy liên kết", "unlink:yes"), ("Giữ liên kết", "unlink:no")]


@pytest.mark.parametrize(
    ("text", "options", "numbers", "data"),
    [
        ("đồng ý", CONSENT, False, "consent:yes"),
        ("ok", CONSENT, False, "consent:yes"),
        ("Xác nhận: tôi đồng ý", CONSENT, False, "consent:yes"),
        ("khong dong y", CONSENT, False, "consent:no"),
        ("2", CONSENT, True, "consent:no"),
        ("2", CONSENT, False, None),  # on Telegram a number is just a number
        ("xác nhận", SUMMARY, False, "tally:submit"),
        ("không", SUMMARY, False, "tally:edit"),  # "no" keeps the draft: back to the list
        ("thôi", SUMMARY, False, "tally:cancel"),
        ("sua", SUMMARY, True, "tally:edit"),
        ("dư nợ còn bao nhiêu", SUMMARY, True, None),  # a question goes through
        ("7", SUMMARY, True, None),
        # Where no option abandons, "never mind" keeps things as they are...
        ("thôi", UNLINK, False, "unlink:no"),
        ("thôi khỏi hủy", UNLINK, False, "unlink:no"),
        ("khong huy nua", UNLINK, False, "unlink:no"),
        ("de nguyen", UNLINK, False, "unlink:no"),
        # ... but a bare "hủy" under "Hủy liên kết?" may be the yes: not guessed.
        ("hủy", UNLINK, False, None),
        ("ok", UNLINK, False, "unlink:yes"),
        # The notice: "ko" asks before declining; "thôi", "để sau" leave it for later.
        ("ko", CONSENT, False, "consent:no"),
        ("tôi không đồng ý", CONSENT, False, "consent:no"),
        ("thôi", CONSENT, False, "consent:later"),
        ("để sau", SHORT_NOTICE, False, "consent:later"),
        ("chưa", SHORT_NOTICE, False, "consent:later"),
        ("xem lại", SHORT_NOTICE, False, "consent:read"),
        ("đồng ý nha", SHORT_NOTICE, False, "consent:yes"),
        ("3", SHORT_NOTICE, True, "consent:read"),
        # Before declining: yes unlinks, no keeps; "đồng ý" there decides nothing.
        ("ok", BEFORE_DECLINING, False, "consent:nook"),
        ("ko đồng ý", BEFORE_DECLINING, False, "consent:nook"),
        ("ko", BEFORE_DECLINING, False, "consent:later"),
        ("thôi", BEFORE_DECLINING, False, "consent:later"),
        ("để sau", BEFORE_DECLINING, False, "consent:later"),
        ("đồng ý", BEFORE_DECLINING, False, "consent:later"),
        ("dư nợ còn bao nhiêu", BEFORE_DECLINING, False, None),
        # Keeping, said as people say it: the "Giữ…" option, never "Sửa" by those words.
        ("giu", BEFORE_DECLINING, False, "consent:later"),
        ("thoi giu lai", UNLINK, False, "unlink:no"),
        ("thoi de vay di con, dung xoa", UNLINK, False, "unlink:no"),
        ("xem lai", SHORT_NOTICE, False, "consent:read"),  # a label's first words
        ("de vay gui luon", [("Xác nhận gửi", "b:send"), ("Sửa", "b:edit")], False, None),
    ],
)
def test_a_typed_answer_stands_for_the_button_it_names(
    text: str, options: list[tuple[str, str]], numbers: bool, data: str | None
) -> None:
    assert pick(text, options, numbers=numbers) == data


async def test_consent_typed(running: Harness) -> None:
    h, chat = running, 3001
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, SARI["phone"])
    await h.fake.replies(chat, 1, after=2)
    h.fake.user_says(chat, SARI["last4"])
    await h.fake.replies(chat, 2, after=3)
    h.fake.user_says(chat, "dạ đồng ý")
    [welcome] = await h.fake.replies(chat, 1, after=5)
    assert "Cảm ơn" in welcome
    h.fake.user_says(chat, "du no")
    [balance] = await h.fake.replies(chat, 1, after=6)
    assert "70.000.000 đ" in balance


async def test_the_tally_finished_by_typing(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [summary] = await leader.says("đủ hết")
        assert "Lãi thực thu: 707.000 đ" in summary
        [receipt] = await leader.says("xác nhận")
        assert "BK-T01-20261217-1" in receipt
    assert [line[1] for line in await current_lines(h)] == [575_000, 132_000]


async def test_a_stray_yes_under_the_running_list_never_asks_to_delete_the_draft(
    harness: Harness, clock: Clock
) -> None:
    """A stranger typed "dung" (đúng) under the running list with no question open and was
    asked whether to delete the draft ("dung" folds like "dừng", stop). A yes with nothing
    to say yes to says what to do next; "dừng", typed with its accent, still asks first."""
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 vắng")
        for said in ("dung", "đúng", "ừ", "được"):
            [next_step] = await leader.says(said)
            assert "Xóa" not in next_step and "xóa" not in next_step, said
            assert "“xong”" in next_step and "người nộp khác tiếp theo" in next_step, said
            assert leader.labels() == ["Xem tổng kết", "Hủy bảng kê"]
        [asked] = await leader.says("dừng")
        assert "Xóa bảng kê đang soạn?" in asked
        [kept] = await leader.says("không")
        assert "Thạch Sơn" in kept
        [summary] = await leader.says("xong")
        assert "Chưa nộp đủ lãi (1 người): Thạch Sơn" in summary


async def test_an_officer_says_no_at_the_preview_and_nothing_is_sent(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)  # someone in Đại Tâm to send to
        await link_officer(h)
        officer = Chat(h, OFFICER_CHAT)
        await officer.says("/thongbao")
        await officer.taps("Cả xã Đại Tâm")
        [preview] = await officer.says("Mai nghỉ giao dịch.")
        assert "Xem trước" in preview
        [cancelled] = await officer.says("không")
        assert "Đã hủy" in cancelled
    assert not [c for c in h.fake.sent(LEADER) if "Mai nghỉ" in str(c.params.get("text"))]


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("xác nhận", "affirm"),
        ("ok nha", "affirm"),
        ("ừ xác nhận nhé", "affirm"),
        ("đồng ý", "affirm"),
        ("được rồi đó", "affirm"),
        ("hủy", "cancel"),
        ("hủy nha", "cancel"),
        ("không", "deny"),
        ("nhà văn hóa ấp", None),
        ("chùa Khmer", None),
        ("nhà tui", None),
        ("mai 8h họp giao ban", None),
    ],
)
def test_a_confirm_or_cancel_word_is_an_act_never_a_value(text: str, act: str | None) -> None:
    assert act_word(text) == act


MEETING_QUESTION = [("Tôi sẽ đến", "mt:yes:7"), ("Không đến được", "mt:no:7")]


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("thôi tui đi được, có tui", "mt:yes:7"),
        ("ok", "mt:yes:7"),
        ("tui ko di dc dau, ban roi", "mt:no:7"),
        ("không", "mt:no:7"),
        ("thôi", None),
    ],
)
def test_under_a_meeting_question_coming_or_not_is_read_first(text: str, data: str | None) -> None:
    assert pick(text, MEETING_QUESTION, numbers=False) == data


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("đồng ý", "agree"),
        ("Tôi đồng ý nha", "agree"),
        ("dạ đồng ý ạ", "agree"),
        ("I agree", "agree"),
        ("ko đồng ý", "decline"),
        ("hok dong y", "decline"),
        ("từ chối", "decline"),
        ("I don't agree", "decline"),
        ("thôi", "later"),
        ("để sau", "later"),
        ("chưa", "later"),
        ("để tui suy nghĩ", "later"),
        ("xem lại", "review"),
        ("đọc lại thông báo", "review"),
        ("ok", None),  # the yes to whatever is asked, not read here
        ("không", None),
        ("dư nợ còn bao nhiêu", None),
        ("đồng ý gửi", None),
    ],
)
def test_an_answer_to_the_notice(text: str, word: str | None) -> None:
    assert read_consent(text) == word


@pytest.mark.parametrize(
    ("text", "unclear", "stops"),
    [
        ("dung", True, False),
        ("Dung!", True, False),
        ("dung nha", True, False),
        ("đúng", False, False),
        ("dung roi", False, False),
        ("dung vay", False, False),
        ("dừng", False, True),
        ("thoi", False, True),
        ("huy", False, True),
    ],
)
def test_a_bare_dung_is_neither_yes_nor_stop(text: str, unclear: bool, stops: bool) -> None:
    assert yes_or_stop(text) is unclear
    assert cancels(text) is stops
    shown = [("Xác nhận gửi", "bc:send"), ("Hủy", "bc:cancel")]
    with use_locale("vi"):
        assert unclear_between(text, shown) is unclear
        assert not unclear_between(text, [("Hủy", "bc:cancel")])  # nothing to confirm
