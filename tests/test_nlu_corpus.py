"""Intent accuracy on the labelled corpus (tests/nlu/README.md)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu import corpus, understand
from bot.nlu.intents import INTENTS

TODAY = date(2026, 11, 26)


def load(part: str) -> list[tuple[str, str, str]]:
    """The rules' authors' corpus: R1 was their dev part, R2 their held-out part."""
    path = corpus.ROOT / "train" / f"{part}_intents.tsv"
    return [tuple(line.split("\t")) for line in path.read_text("utf-8").splitlines()]  # type: ignore[misc]


def accuracy(rows: list[tuple[str, str, str]]) -> float:
    return sum(understand(text, TODAY).intent == intent for intent, _f, text in rows) / len(rows)


def test_corpus_is_large_labelled_and_has_a_fifth_held_out() -> None:
    dev, held = load("R1"), load("R2")
    assert len(dev) + len(held) >= 400
    assert len(held) >= (len(dev) + len(held)) / 5
    for rows in (dev, held):
        assert {intent for intent, _f, _t in rows} <= set(INTENTS)
        assert {form for _i, form, _t in rows} == {"dia", "plain", "typo"}
    assert {intent for intent, _f, _t in dev} == set(INTENTS)


@pytest.mark.parametrize(
    ("part", "form", "minimum"),
    [
        ("R2", None, 0.95),
        ("R2", "typo", 0.90),
        ("R1", None, 0.97),
    ],
)
def test_accuracy(part: str, form: str | None, minimum: float) -> None:
    rows = [r for r in load(part) if form is None or r[1] == form]
    assert accuracy(rows) >= minimum


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("lãi suất khoản vay của tôi", "interest"),
        ("hộ cận nghèo được vay tối đa bao nhiêu", "program_info"),
        ("điều kiện vay nhà ở xã hội", "program_info"),
        ("nước sạch", "program_info"),
        ("lãi", "interest"),
        ("tiết kiệm", "savings"),
        ("dư nợ", "balance"),
        ("tk", "savings"),
        ("quá hạn", "due_date"),
        ("bot làm được gì", "help"),
        ("asdkjh qwe zzz", "unknown"),
        ("", "unknown"),
    ],
)
def test_short_and_contract_cases(text: str, intent: str) -> None:
    assert understand(text, TODAY).intent == intent


def test_unknown_has_low_confidence_and_known_high() -> None:
    assert understand("giá heo hơi hôm nay", TODAY).intent == "unknown"
    assert understand("dư nợ của tôi còn bao nhiêu", TODAY).confidence >= 0.7
