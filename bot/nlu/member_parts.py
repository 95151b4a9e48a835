"""Where a tally line about several members splits into each member's part: at commas,
semicolons, "và" / "and", and before each member's tag written inside the line ("số 3 1 trăm
20 nghìn tiền lãi số 4 1 trăm 40 nghìn số 5 vắng", "Hộ số 12 nộp …. Hộ số 13 vắng.", "s3
l120 tk50 s4 l140"). Folded text in, folded parts out; pure text reading."""

from __future__ import annotations

import re

APART = re.compile(r"\s*(?:[,;]|\bva\b|\band\b)\s*")
# A member's tag before their number in the list ("số 3", "s3", "#3", "stt 3", "hộ số 3").
TAGS = r"(?:ho so|so|stt|tv|s|#|member|number)"
# Before a tag and its number inside a line, never inside "hộ số" itself.
_BEFORE_TAG = re.compile(rf"(?<!\bho)[\s.+&]+(?={TAGS}\s*\d{{1,3}}(?![\d.,]*\d)(?!\s*(?:k|tr)\b))")
# A part that opens with a member's tag: the number, and what was said about them.
_TAGGED = re.compile(rf"^\s*{TAGS}\s*(\d{{1,3}})(?:\s*[.:,)\-]\s*|\s+|$)(.*)$")


def parts(folded: str) -> list[str]:
    """The parts of a folded line, split at separators and before members' tags."""
    found: list[str] = []
    for part in APART.split(folded):
        found += [x.strip(" .") for x in _BEFORE_TAG.split(part) if x.strip(" .")]
    return found


def tagged(folded: str) -> list[tuple[int, str]] | None:
    """Each member's number and what was said about them, for a line whose every part opens
    with a member's tag and names two members or more; None for any other line."""
    found: list[tuple[int, str]] = []
    for part in parts(folded):
        m = _TAGGED.match(part)
        if m is None:
            return None
        found.append((int(m.group(1)), m.group(2).strip()))
    if len({n for n, _said in found}) < 2:
        return None
    said = ""
    for i in range(len(found) - 1, -1, -1):  # "số 10 số 11 mỗi người 230k": shared
        said = found[i][1] or said
        found[i] = (found[i][0], said)
    return found
