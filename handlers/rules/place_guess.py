"""The place a misspelt name most likely means: "Dai Tan" is "Đại Tâm" of the officer's own
communes, so "not found" can ask "Có phải xã Đại Tâm?". Names are compared folded (no
diacritics, lower case) with rapidfuzz's edit-distance ratio; a name too far from every known
one gets no guess, and so does a name with other numbers ("Phường 1" is not "Phường 7",
"ấp 5" not "ấp 3": another place, not a misspelling)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from locales.textfold import fold

CLOSE_ENOUGH = 75  # a ratio out of 100: one or two letters off in a two-word name


def closest(typed: str, names: list[str]) -> str | None:
    """The known name closest to `typed`, if it is close enough; else None."""
    numbers = _numbers(typed)
    folded = {fold(name): name for name in names if _numbers(name) == numbers}
    if not typed.strip() or not folded:
        return None
    found = process.extractOne(
        fold(typed), list(folded), scorer=fuzz.ratio, score_cutoff=CLOSE_ENOUGH
    )
    return folded[found[0]] if found is not None else None


def _numbers(name: str) -> list[str]:
    return re.findall(r"\d+", name)
