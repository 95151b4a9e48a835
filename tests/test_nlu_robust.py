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


def test_teen_code_endings_and_english_abbreviations_are_read_as_the_words() -> None:
    # No Vietnamese syllable ends in a vowel and "g" or "k": a dropped "n", a "c" typed "k".
    assert tokens("thág này tog thu") == ["thang", "nay", "tong", "thu"]
    assert tokens("nhak toi dog lai trog tuan") == ["nhac", "toi", "dong", "lai", "trong", "tuan"]
    assert tokens("ok") == ["ok"]
    assert tokens("tháng ni răng nhiều rứa") == ["thang", "nay", "sao", "nhieu", "vay"]
    assert tokens("thx, pls remind me b4") == ["cam", "on", "please", "remind", "me", "before"]


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
