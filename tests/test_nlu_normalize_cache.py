"""The remembered folds and tokens are the same as computing them afresh, and a caller that
changes the list it was given changes nothing for the next caller."""

from __future__ import annotations

from bot.nlu.normalize import _FOLD, fold_letters, raw_tokens


def test_ascii_is_folded_as_the_table_folds_it() -> None:
    ascii_text = "".join(map(chr, range(128)))
    assert fold_letters(ascii_text) == ascii_text.translate(_FOLD).lower()
    assert fold_letters("Dư Nợ ĐỢT 2") == "du no dot 2"


def test_raw_tokens_are_a_fresh_list_each_time() -> None:
    first = raw_tokens("dư nợ 500k ấp 3")
    assert first == ["du", "no", "500k", "ap", "3"]
    first.append("<not>")
    first[0] = "x"
    assert raw_tokens("dư nợ 500k ấp 3") == ["du", "no", "500k", "ap", "3"]
