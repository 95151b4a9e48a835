"""Intent accuracy on the labelled corpus (tests/nlu/README.md): its size and labels, the
model fitted on train, and the held-out parts measured in aggregate only."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from bot.nlu import classifier, corpus, understand
from bot.nlu.classifier import trained
from bot.nlu.intents import INTENTS

TODAY = date(2026, 11, 26)


def accuracy(rows: list[corpus.Labelled]) -> float:
    return sum(understand(r.text, TODAY).intent == r.label for r in rows) / len(rows)


def test_corpus_is_large_labelled_and_holds_a_part_out() -> None:
    train, held = corpus.intents("train"), corpus.intents("heldout")
    every = train + held
    assert len(every) >= 2500
    assert sum(r.form == "en" for r in every) >= 200
    assert len(held) >= len(every) / 5
    assert {r.label for r in train} == set(INTENTS)
    assert {r.label for r in held} <= set(INTENTS)
    assert {r.form for r in every} == set(corpus.FORMS)
    assert min(Counter(r.label for r in train).values()) >= 80


def test_the_model_is_fitted_deterministically_on_train() -> None:
    model = trained()
    assert model is not None and set(model.intents) == set(INTENTS)
    again = trained.__wrapped__()
    assert again is not None and (again.weights == model.weights).all()


@pytest.mark.parametrize(
    ("part", "form", "minimum"),
    [
        ("train", None, 0.99),  # fitted on (99.96%, en 100%): a floor, not an estimate
        ("train", "en", 0.99),
        # Held out, measured once session 6's tuning (nlu6) was done (97.5% overall, dia
        # 97.6%, plain 99.0%, typo 95.9%, en 97.5%); the floors are that less a small margin.
        ("heldout", None, 0.965),
        ("heldout", "dia", 0.965),
        ("heldout", "plain", 0.975),
        ("heldout", "typo", 0.945),
        ("heldout", "en", 0.96),
    ],
)
def test_accuracy(part: str, form: str | None, minimum: float) -> None:
    rows = [r for r in corpus.intents(part) if form is None or r.form == form]
    share = accuracy(rows)
    del rows  # a failure prints figures only, never the (held-out) lines
    assert share >= minimum


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("lãi suất khoản vay của tôi", "interest"),
        ("hộ cận nghèo được vay tối đa bao nhiêu", "program_info"),
        ("điều kiện vay nhà ở xã hội", "program_info"),
        ("lãi", "interest"),
        ("tiết kiệm", "savings"),
        ("dư nợ", "balance"),
        ("quá hạn", "due_date"),
        ("bot làm được gì", "help"),
        ("hủy liên kết tài khoản này", "unlink"),
        ("tôi không dùng nữa, xóa dữ liệu của tôi đi", "unlink"),
        ("please unlink this chat and delete my data", "unlink"),
        ("gửi tin qua Zalo cho tôi", "channel"),
        ("chuyển thông báo sang Telegram", "channel"),
        ("can I get the messages on Zalo instead", "channel"),
        ("how much do I still owe", "balance"),
        ("asdkjh qwe zzz", "unknown"),
        ("con mèo của tôi", "unknown"),
        ("my cat is sick", "unknown"),
        ("", "unknown"),
    ],
)
def test_short_and_contract_cases(text: str, intent: str) -> None:
    assert understand(text, TODAY).intent == intent


@pytest.mark.parametrize("text", ["của tôi", "cua tui", "nhà của tôi", "của em", "my", "tôi"])
def test_owner_words_alone_ask_nothing(text: str) -> None:
    said = understand(text, TODAY)
    assert said.intent == "unknown" and said.alternatives == ()


@pytest.mark.parametrize(
    ("text", "intent"),
    [("my loan", "balance"), ("my savings", "savings"), ("tài khoản của tôi", "link_account")],
)
def test_owner_words_with_a_topic_keep_it(text: str, intent: str) -> None:
    assert understand(text, TODAY).intent == intent


def test_unknown_has_low_confidence_and_known_high() -> None:
    assert understand("giá heo hơi hôm nay", TODAY).intent == "unknown"
    assert understand("dư nợ của tôi còn bao nhiêu", TODAY).confidence >= 0.7


def test_when_unsure_the_two_likeliest_intents_are_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    sure = understand("dư nợ của tôi còn bao nhiêu", TODAY)
    assert sure.intent == "balance" and sure.alternatives == ()
    monkeypatch.setattr(classifier, "THRESHOLD", 1.01)  # nothing is sure enough
    classifier.decided.cache_clear()
    unsure = understand("dư nợ của tôi còn bao nhiêu", TODAY)
    assert unsure.intent == "unknown" and unsure.confidence == sure.confidence
    assert len(unsure.alternatives) == 2 and unsure.alternatives[0] == "balance"
    off_topic = understand("giá heo hơi hôm nay", TODAY)
    assert "unknown" not in off_topic.alternatives
    classifier.decided.cache_clear()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("xoataikhoan giup toi", "unlink"),  # read as "help" before
        ("lienheCanbo", "contact_officer"),  # "unknown" before
    ],
)
def test_words_typed_without_spaces_are_read_as_the_words(text: str, intent: str) -> None:
    assert understand(text, TODAY).intent == intent


def test_a_joined_word_splits_into_seen_words_only() -> None:
    model = trained()
    assert model is not None
    assert model.unjoined("xoataikhoan") == ("xoa", "tai", "khoan")
    assert model.unjoined("qwxzvbnmk") == ("qwxzvbnmk",)  # nothing to split into
