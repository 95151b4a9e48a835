"""The unlink question is asked only for a clear request: every unlink example the model is
trained and held out on passes, a "thôi" in a sentence about something else does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.rules.attendance import read_attendance
from handlers.rules.unlink_words import clearly_asks_to_unlink

NLU = Path(__file__).parent / "nlu"


def _unlink_examples(part: str) -> list[str]:
    found = []
    for path in sorted((NLU / part).glob("*_intents.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0] == "unlink":
                found.append(parts[2])
    return found


def test_every_unlink_example_is_a_clear_request() -> None:
    examples = _unlink_examples("train")
    assert len(examples) > 50
    assert [text for text in examples if not clearly_asks_to_unlink(text)] == []


def test_held_out_unlink_requests_are_clear() -> None:
    examples = _unlink_examples("heldout")
    share = sum(clearly_asks_to_unlink(text) for text in examples) / len(examples)
    del examples  # a failure prints the figure only, never the held-out lines
    assert share >= 0.97


@pytest.mark.parametrize(
    "text",
    ["thôi", "thôi tui đi được, có tui", "thôi để mai hỏi", "bỏ đi", "thôi khỏi", "có tui"],
)
def test_a_thoi_is_not_a_request_to_unlink(text: str) -> None:
    assert not clearly_asks_to_unlink(text)


@pytest.mark.parametrize(
    ("text", "coming"),
    [
        ("thôi tui đi được, có tui", True),
        ("có tui", True),
        ("tui đi được", True),
        ("ok", True),
        ("dc", True),
        ("Có", True),
        ("vâng", True),
        ("chắc chắn tui sẽ đến", True),
        ("ko đi được", False),
        ("tui ko di dc dau, ban roi", False),
        ("ko toi dc", False),
        ("bận", False),
        ("vắng", False),
        ("không", False),
        ("hôm đó tui bận đi đám cưới", False),
        ("em xin phép vắng", False),
        ("thôi", None),
        ("vang", None),  # "vâng" or "vắng": not guessed
        ("tui đi chợ", None),
        ("dư nợ còn bao nhiêu", None),
        ("hủy liên kết", None),
    ],
)
def test_attending_or_not_as_people_say_it(text: str, coming: bool | None) -> None:
    assert read_attendance(text) is coming
