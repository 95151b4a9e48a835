"""Several questions in one message; one intent for a normal message."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu import corpus, split_intents

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("dư nợ và lãi tháng này", ["balance", "interest"]),
        ("tien tiet kiem cua tui duoc nhieu roi, voi con no bao nhieu", ["savings", "balance"]),
        ("tat nhac dum e nha, tks ad", ["reminders_off"]),  # a thank-you asks for nothing
        (
            "Chuyển thông báo sang Zalo và nhắc tôi trước ngày giao dịch",
            ["channel", "reminders_on"],
        ),
        ("dư nợ còn bao nhiêu", ["balance"]),
        ("hồi trước tôi tắt nhắc, giờ muốn bật lại", ["reminders_on"]),
        ("Hi, how much is left on my loan?", ["balance"]),
        ("không phải hỏi lãi đâu, hỏi dư nợ gốc", ["balance"]),
        # A payment already made sets the scene: no due date asked.
        ("tui con no bao nhieu, tra het roi vay them duoc hong", ["balance", "program_info"]),
        (
            "Cảm ơn bot thời gian qua, giờ tôi trả hết nợ rồi, hủy liên kết giùm",
            ["unlink"],
        ),
        # A reminder to the people just listed is a notice to them.
        (
            "which members haven't paid yet? send them all a reminder",
            ["group_status", "broadcast"],
        ),
        ("tổ nào chưa nộp bk tháng này, nt nhắc giúp a", ["group_status", "broadcast"]),
        ("tắt nhắc trên tele, chuyển qua zalo đi", ["reminders_off", "channel"]),
        (
            "Nộp bảng kê tháng 10 rồi dời họp tổ qua Chủ nhật giùm",
            ["tally_submit", "meeting_schedule"],
        ),
        ("Tháng rồi tui lên xã trả bớt 5 triệu gốc rồi, giờ còn lại nhiêu vậy con", ["balance"]),
        # A change of mind before the request is no unlinking (it had added "unlink").
        ("thôi đổi ý, cho hỏi lãi tháng này", ["interest"]),
        ("thoi doi y, du no con bao nhieu", ["balance"]),
        ("à thôi, cho tui hỏi ngày giao dịch", ["transaction_day"]),
        ("thôi khỏi, tắt nhắc giùm", ["reminders_off"]),  # had been reminders_on + unlink
        ("thôi, hủy liên kết giùm tui", ["unlink"]),
    ],
)
def test_several_intents(text: str, intents: list[str]) -> None:
    found = split_intents(text, TODAY)
    assert [u.intent for u in found] == intents
    assert all(u.intents == tuple(intents) for u in found)


def test_the_held_out_messages() -> None:
    several = corpus.multi("heldout")  # measured after nlu6's tuning: 92.5% exact sets
    exact = sum(
        {u.intent for u in split_intents(r.text, TODAY)} == set(r.label.split("+")) for r in several
    )
    share = exact / len(several)
    del several  # a failure prints figures only, never the held-out lines
    assert share >= 0.91


def test_at_most_three() -> None:
    text = "dư nợ bao nhiêu, lãi tháng này bao nhiêu, tiết kiệm được nhiêu, bao giờ trả gốc"
    assert len(split_intents(text, TODAY)) == 3


def test_the_training_messages() -> None:
    several = corpus.multi("train")
    assert len(several) >= 80
    exact = sum(
        {u.intent for u in split_intents(r.text, TODAY)} == set(r.label.split("+")) for r in several
    )
    # T2-T6 label a greeting before a question as help ("chào ad, lk tk ntn":
    # help+link_account), which answers only the question by design: 233 of 250 with T8 in;
    # 396 of 430 with T9/T10 (whose misses are mostly an off-topic part labelled unknown,
    # which the bot leaves out of several answers); 472 of 510 with T12 (nlu6).
    assert exact / len(several) >= 0.915
    single = corpus.intents("train")
    assert sum(len(split_intents(r.text, TODAY)) == 1 for r in single) / len(single) >= 0.965
