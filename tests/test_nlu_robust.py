"""Nothing a person can type makes understanding fail; invisible and full-width characters
are read through."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlu import about_other, read_answer, split_intents, understand
from bot.nlu.normalize import clean, tokens
from bot.nlu.tally_text import first_amount

TODAY = date(2026, 11, 26)


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=400))
def test_any_text_is_understood_without_error(text: str) -> None:
    said = understand(text, TODAY)
    assert said.intent and 0 <= said.confidence <= 1
    assert split_intents(text, TODAY)
    read_answer(text)
    about_other(text)
    first_amount(text)


def test_a_wall_of_nines_is_understood() -> None:
    said = understand("9" * 309 + "k", TODAY)
    assert said.amounts == []


def test_invisible_and_full_width_characters() -> None:
    assert clean("dư\u200bnợ\u200c\u200d\u2060\ufeff") == "dưnợ"
    assert clean("ｄｕ ｎｏ ２７５ｋ") == "du no 275k"
    assert tokens("\ufeffdư nợ") == tokens("dư nợ")
    plain = understand("dư nợ còn bao nhiêu", TODAY)
    for typed in (
        "\ufeffdư nợ còn bao\u200b nhiêu",
        "ｄư nợ còn bao nhiêu",
        "dư nợ\u2060 còn bao nhiêu",
    ):
        said = understand(typed, TODAY)
        assert (said.intent, said.amounts) == (plain.intent, plain.amounts)
    assert understand("lãi ２７５ｋ", TODAY).amounts == [275_000]
