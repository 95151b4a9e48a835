"""Negation turns an action around: "đừng gửi tin nhắc nữa" is reminders off, "thôi bỏ bảng kê
này" cancels the tally, "đừng hủy" keeps; for every action and every way of saying "not",
the polarity flips."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlu import understand
from bot.nlu.polarity import drop_contrast_text, polarity

TODAY = date(2026, 11, 26)

# "{}" is the action as it would be asked for.
NEGATORS = [
    "đừng {}",
    "đừng {} nữa",
    "thôi đừng {} nữa",
    "không cần {} nữa",
    "khỏi {}",
    "ko {} nua",
    "dung {} nua",
    "đừg {} nx",
    "hông {} nữa",
    "không muốn {} nữa",
    "ngưng {}",
    "dừng {}",
    "don't {}",
    "please do not {}",
]
REMINDER_ACTIONS = [
    "nhắc tôi",
    "nhắc tôi trước ngày đóng lãi",
    "gửi tin nhắc",
    "gửi tin nhắc đóng lãi cho tôi",
    "nhac toi truoc ngay giao dich",
    "nhắc nhở tôi",
]
ENGLISH_REMINDERS = ["remind me", "remind me before the bank day", "send me reminders"]
CANCELLABLE = [
    ("nộp bảng kê này", "tally_submit"),
    ("gửi bảng kê tháng này", "tally_submit"),
    ("gửi thông báo cho các tổ xã Đại Tâm", "broadcast"),
    ("nhắn tin cho cả tổ", "broadcast"),
]


@settings(deadline=None)  # the first example fits the model
@given(st.sampled_from(NEGATORS), st.sampled_from(REMINDER_ACTIONS + ENGLISH_REMINDERS))
def test_every_negator_turns_reminders_off(negator: str, action: str) -> None:
    if "{}" in negator and negator.startswith(("don't", "please")) != (action in ENGLISH_REMINDERS):
        return  # English negators with English actions, Vietnamese with Vietnamese
    plain, negated = understand(action, TODAY), understand(negator.format(action), TODAY)
    assert (plain.intent, plain.negated) == ("reminders_on", False)
    assert (negated.intent, negated.negated) == ("reminders_off", True)


@settings(deadline=None)
@given(st.sampled_from(NEGATORS[:12]), st.sampled_from(CANCELLABLE))
def test_every_negator_cancels_an_action(negator: str, case: tuple[str, str]) -> None:
    action, intent = case
    plain, negated = understand(action, TODAY), understand(negator.format(action), TODAY)
    assert (plain.negated, plain.act) == (False, None)
    assert (negated.negated, negated.act) == (True, "cancel")
    assert negated.intent == intent


@pytest.mark.parametrize(
    ("text", "intent", "negated", "act"),
    [
        ("đừng gửi tin nhắc nữa", "reminders_off", True, None),
        ("tắt thông báo nhắc", "reminders_off", True, None),
        ("tắt thông báo", "reminders_off", True, None),
        ("đừng tắt nhắc", "reminders_on", False, "keep"),
        ("bật nhắc lại", "reminders_on", False, None),
        ("hồi trước tôi tắt nhắc rồi, giờ mở lại", "reminders_on", False, None),
        ("stop the reminders", "reminders_off", True, None),
        ("turn on reminders", "reminders_on", False, None),
        ("thôi bỏ bảng kê này", "tally_submit", True, "cancel"),
        ("hủy bảng kê này", "tally_submit", True, "cancel"),
        ("đừng hủy bảng kê", "tally_submit", False, "keep"),
        ("hủy liên kết", "unlink", True, None),
        ("đừng hủy liên kết", "link_account", False, "keep"),
        ("tôi muốn đăng ký sử dụng", "link_account", False, None),
        ("cho tôi dùng tiếng Khmer", "language", False, None),
        ("dư nợ còn bao nhiêu", "balance", False, None),
        ("lãi tháng này bao nhiêu, có phải đóng không", "interest", False, None),
        # English switches, as typed ("switch" is not read as the Telex "sưitch").
        ("please switch off the reminders", "reminders_off", True, None),
        ("I want to opt out of the reminders", "reminders_off", True, None),
        ("mute the reminders", "reminders_off", True, None),
    ],
)
def test_what_a_dialog_sees(text: str, intent: str, negated: bool, act: str | None) -> None:
    said = understand(text, TODAY)
    assert (said.intent, said.negated, said.act) == (intent, negated, act)


@pytest.mark.parametrize(
    ("text", "negated", "keeps"),
    [
        ("đừng hủy", False, True),
        ("không xóa đâu", False, True),
        ("thôi hủy hết đi", True, False),
        ("thôi", True, False),
        ("dừng lại", True, False),
        ("cán bộ đưa cho con cái mã để kết nối", False, False),  # bộ is not bỏ
        ("cán bộ tín dụng xã", False, False),  # dụng is not đừng
        ("hộ chị Năm bỏ đi làm ăn xa rồi", False, False),
    ],
)
def test_polarity_words(text: str, negated: bool, keeps: bool) -> None:
    turned = polarity(text)
    assert (turned.negated, turned.keeps) == (negated, keeps)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Không phải hỏi lãi đâu, tôi hỏi tiền gốc còn bao nhiêu",
            "tôi hỏi tiền gốc còn bao nhiêu",
        ),
        ("tôi hỏi tiền lời tháng này chứ không phải tiền gốc", "tôi hỏi tiền lời tháng này"),
        ("not the interest, just how much is left", "how much is left"),
        ("dư nợ còn bao nhiêu", "dư nợ còn bao nhiêu"),
    ],
)
def test_what_a_message_says_it_is_not_about_is_dropped(text: str, kept: str) -> None:
    assert drop_contrast_text(text).strip() == kept


def test_a_denied_topic_does_not_decide_the_intent() -> None:
    assert understand("không phải hỏi lãi đâu, hỏi dư nợ gốc", TODAY).intent == "balance"
    assert understand("không phải tắt nhắc, tôi muốn hủy liên kết", TODAY).intent == "unlink"


# "thôi" opening a sentence is "never mind" about an earlier wish: what is asked of the
# reminders decides ("cứ nhắc lại đi": keep reminding me).
NEVER_MIND = ["thôi", "thoi", "mà thôi con ơi", "ma thoi con oi", "thôi kệ", "thôi được rồi"]
KEEP_REMINDING = [
    "cứ nhắc lại đi",
    "cu nhac lai di",
    "cứ nhắc tui nha",
    "vẫn nhắc tui nghen",
    "van nhac tui nha",
    "nhắc lại đi",
    "cứ gửi tin nhắc nha",
    "nhắc tiếp đi con",
]
STOP_REMINDING = ["đừng nhắc nữa", "khỏi nhắc", "tắt nhắc đi", "dung nhac lai nua", "đừng cứ nhắc"]
TAILS = ["", ", tui hay quên lắm", " nghen"]


@settings(deadline=None)
@given(st.sampled_from(NEVER_MIND), st.sampled_from(KEEP_REMINDING), st.sampled_from(TAILS))
def test_never_mind_then_keep_reminding_is_reminders_on(
    opener: str, action: str, tail: str
) -> None:
    said = understand(f"{opener} {action}{tail}", TODAY)
    assert (said.intent, said.negated) == ("reminders_on", False), said


@settings(deadline=None)
@given(st.sampled_from(NEVER_MIND), st.sampled_from(STOP_REMINDING), st.sampled_from(TAILS))
def test_never_mind_then_stop_reminding_is_still_reminders_off(
    opener: str, action: str, tail: str
) -> None:
    said = understand(f"{opener} {action}{tail}", TODAY)
    assert (said.intent, said.negated) == ("reminders_off", True), said


# Off-phrases with words between the verb and its particle, or a wish before it: "I want to
# switch reminders off" once switched them on. `{}` is what is switched (the reminders).
OFF_TEMPLATES = [
    "switch {} off",
    "turn {} off",
    "I want to switch {} off",
    "I want to turn {} off",
    "please switch {} off",
    "can you turn {} off",
    "could you switch {} off please",
    "I'd like to stop {}",
    "I want to stop {}",
    "please stop {}",
    "no more {} please",
    "I don't want {}",
    "I do not want {} anymore",
    "turn off {}",
    "switch off {}",
]
ENGLISH_OBJECTS = [
    "reminders",
    "the reminders",
    "my reminders",
    "all the reminders",
    "the notifications",
    "these reminders",
]
VIETNAMESE_OFF = [
    "tắt giùm tui cái {} đó",
    "tắt {} giùm tui",
    "tui muốn tắt {}",
    "cho tui tắt {} nha",
    "đừng gửi {} cho tui nữa",
    "ngưng giùm tui cái {} đi",
    "không muốn nhận {} nữa",
    "thôi khỏi {} nữa",
    "tat gium tui cai {} do",
]
VIETNAMESE_OBJECTS = ["nhắc nhở", "tin nhắc", "thông báo", "nhac nho"]


@settings(deadline=None, max_examples=150)
@given(st.sampled_from(OFF_TEMPLATES), st.sampled_from(ENGLISH_OBJECTS))
def test_an_english_off_phrase_never_switches_reminders_on(template: str, what: str) -> None:
    text = template.format(what)
    said = understand(text, TODAY)
    assert said.intent != "reminders_on", text
    assert (said.intent, said.negated) == ("reminders_off", True), text
    assert not polarity(text).switched_on, text


@settings(deadline=None, max_examples=150)
@given(st.sampled_from(VIETNAMESE_OFF), st.sampled_from(VIETNAMESE_OBJECTS))
def test_a_vietnamese_off_phrase_never_switches_reminders_on(template: str, what: str) -> None:
    text = template.format(what)
    said = understand(text, TODAY)
    assert (said.intent, said.negated) == ("reminders_off", True), text


@pytest.mark.parametrize(
    "text",
    ["switch the reminders on", "turn them on", "I want to turn the reminders on"],
)
def test_a_split_switch_on_is_on(text: str) -> None:
    said = understand(text, TODAY)
    assert polarity(text).switched_on, text
    assert said.intent == "reminders_on" or "them" in text, text
