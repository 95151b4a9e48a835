"""The labelled corpus on disk (tests/nlu/train and tests/nlu/heldout): loading its four kinds
of file, and a hash of the training part that keys anything fitted on it.

Only the training part is read when understanding; the held-out part is for aggregate
measurement (bench/nlu_bench.py and the corpus tests).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(os.environ.get("NLU_CORPUS") or Path(__file__).resolve().parents[2] / "tests" / "nlu")
FORMS = ("dia", "plain", "typo", "en")


@dataclass(frozen=True)
class Labelled:
    """One line of an *_intents.tsv (`label` an intent) or *_multi.tsv (`label` "a+b")."""

    label: str
    form: str
    text: str


def _rows(part: str, kind: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for path in sorted((ROOT / part).glob(f"*_{kind}.tsv")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def intents(part: str) -> list[Labelled]:
    """Every labelled intent line of `part` ("train" or "heldout")."""
    return [Labelled(r[0].strip(), r[1].strip(), r[2]) for r in _rows(part, "intents")]


def multi(part: str) -> list[Labelled]:
    """Messages asking several things; `label` is the intents joined by "+"."""
    return [Labelled(r[0].strip(), r[1].strip(), r[2]) for r in _rows(part, "multi")]


def acts(part: str) -> list[tuple[str, str]]:
    """(affirm|deny|cancel, text): what people type instead of pressing a button."""
    return [(r[0].strip(), r[1]) for r in _rows(part, "acts")]


def money(part: str) -> list[tuple[int, str]]:
    """(value in đồng, text): the first amount a leader typed, 0 when nothing was paid."""
    return [(int(r[0].strip()), r[1]) for r in _rows(part, "money")]


def train_hash() -> str:
    """A short hash of every training file's bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "train").glob("*.tsv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
