"""The fitted intent model kept on disk: a start with the same corpus and code understands as a
fresh fit does without fitting again; a changed corpus, a damaged file or a folder it cannot
write fits again, and nothing a file in the folder holds can stop the bot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.nlu import classifier, corpus, model_store
from bot.nlu.model import Model

LINES = [
    "dư nợ của tôi còn bao nhiêu",
    "thang nay dong lai bn",
    "tắt nhắc nhở giùm",
    "đừng nhắc nữa",
    "what is my balance",
    "ngay giao dich xa la ngay may",
    "hom nay troi mua qua",
]


def _small_model() -> Model:
    rows = corpus.intents("train")[::10]
    return classifier.train([r.text for r in rows], [r.label for r in rows])


@pytest.fixture(scope="module")
def small() -> Model:
    return _small_model()


def _decisions(model: Model) -> list[list[float]]:
    return [
        [round(float(p), 12) for p in model.probabilities_of_words(classifier.words(line))]
        for line in LINES
    ]


def test_a_kept_model_understands_as_the_fitted_one(small: Model) -> None:
    loaded = model_store.parse(model_store.dump(small))
    assert loaded is not None
    assert loaded.intents == small.intents
    assert _decisions(loaded) == _decisions(small)


@pytest.mark.parametrize("damage", ["nothing", "half", "garbage", "wrong shape"])
def test_a_damaged_file_is_no_model(small: Model, damage: str) -> None:
    good = model_store.dump(small)
    data = {
        "nothing": b"",
        "half": good[: len(good) // 2],
        "garbage": os.urandom(4096),
        "wrong shape": model_store.dump(
            Model(
                intents=small.intents,
                index=small.index,
                idf=small.idf[:-1],  # one n-gram short
                weights=small.weights,
                rule_weights=small.rule_weights,
                rule_intents=small.rule_intents,
                bias=small.bias,
                temperature=small.temperature,
            )
        ),
    }[damage]
    assert model_store.parse(data) is None


def test_a_second_start_loads_instead_of_fitting(
    small: Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(model_store.FOLDER_VARIABLE, str(tmp_path))
    fits: list[int] = []

    def fit() -> Model:
        fits.append(1)
        return small

    first = model_store.kept(fit)
    second = model_store.kept(fit)
    assert len(fits) == 1
    assert _decisions(second) == _decisions(first)
    [kept] = tmp_path.glob("intents-*.npz")
    kept.write_bytes(b"not a model")  # damaged since: fitted again and rewritten
    model_store.kept(fit)
    assert len(fits) == 2
    assert model_store.parse(kept.read_bytes()) is not None
    assert not list(tmp_path.glob("*.part"))


def test_a_changed_corpus_fits_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "train").mkdir()
    lines = tmp_path / "train" / "X_intents.tsv"
    lines.write_text("balance\tplain\tdu no bao nhieu\n", "utf-8")
    monkeypatch.setattr(corpus, "ROOT", tmp_path)
    before = model_store.key()
    lines.write_text("balance\tplain\tdu no con bao nhieu\n", "utf-8")
    assert model_store.key() != before


def test_a_folder_it_cannot_write_still_answers(
    small: Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv(model_store.FOLDER_VARIABLE, str(blocked))
    assert model_store.kept(lambda: small) is small


def test_understand_in_two_processes_reads_alike_and_keeps_one_file(tmp_path: Path) -> None:
    env = {**os.environ, model_store.FOLDER_VARIABLE: str(tmp_path)}
    text = "\n".join(LINES) + "\n"

    def understand() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "understand"],
            input=text,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=True,
        )
        return done.stdout

    first = understand()
    [kept] = tmp_path.glob("intents-*.npz")
    stamp = kept.stat().st_mtime_ns
    assert understand() == first
    assert kept.stat().st_mtime_ns == stamp  # read, not fitted and written again
    assert len(first.splitlines()) == len(LINES)
