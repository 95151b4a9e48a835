"""The key a customer's name is looked up by when a message says it: folded, lower case,
letters and digits only, one space between words ("Thạch Thị Sa-Ri" → "thach thi sa ri"),
and the keys of the runs of words a message holds, to look them up by an index."""

from __future__ import annotations

from locales.textfold import fold

LONGEST_NAME = 6  # words in the longest name looked for ("Nguyễn Thị Thanh Kim Sa Ri")
WORDS_READ = 80  # a message's words read for names: a longer message is not a question


def name_words(text: str) -> list[str]:
    """`Bà Thạch Thị Sa-Ri` → `["ba", "thach", "thi", "sa", "ri"]`."""
    return "".join(c if c.isalnum() else " " for c in fold(text)).split()


def name_key(name: str) -> str:
    """The stored key of a name."""
    return " ".join(name_words(name))


def spans(text: str) -> list[str]:
    """The keys of every run of two to `LONGEST_NAME` words in the first `WORDS_READ` words."""
    words = name_words(text)[:WORDS_READ]
    found = {
        " ".join(words[at : at + size])
        for size in range(2, LONGEST_NAME + 1)
        for at in range(len(words) - size + 1)
    }
    return sorted(found)
