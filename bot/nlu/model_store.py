"""The fitted intent model kept on disk between runs. Fitting takes ten to forty seconds on a
small machine, and every start of the bot (the console chat, `run`, `serve`, each worker) would
make the first person wait that long; a process whose training corpus and understanding code
are the same as the last one's loads the weights instead, in well under a second.

The file holds numpy arrays and a JSON header only (no pickle: a file in the folder can never
run code), and is checked against the model's shapes when read. Its name holds a hash of the
training files and of the understanding code, so a change to either fits again; a missing,
stale or unreadable file is fitted again and written anew atomically (several workers may
write at once: the last rename wins, and every copy is the same).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bot.nlu import corpus
from bot.nlu.model import Model

log = logging.getLogger(__name__)

_CODE = Path(__file__).resolve().parent
FOLDER_VARIABLE = "NLU_MODEL_CACHE"  # a folder; "off" fits at every start
_DEFAULT_FOLDER = _CODE.parents[1] / "var" / "nlu"
_ARRAYS = ("idf", "weights", "rule_weights", "bias")
KEEP = 3  # models kept for other corpora or code (a bench on a copy, a branch), newest first


def key() -> str:
    """A hash of the training corpus and of every module of bot/nlu, in name order."""
    digest = hashlib.sha256(corpus.train_hash().encode())
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def folder() -> Path | None:
    """Where fitted models are kept (None when keeping them is turned off)."""
    chosen = os.environ.get(FOLDER_VARIABLE, "")
    if chosen.lower() == "off":
        return None
    return Path(chosen) if chosen else _DEFAULT_FOLDER


def dump(model: Model) -> bytes:
    """The model as the bytes of an .npz file."""
    grams = sorted(model.index, key=model.index.__getitem__)
    header = {
        "intents": list(model.intents),
        "grams": grams,
        "rule_intents": list(model.rule_intents),
        "temperature": model.temperature,
    }
    out = io.BytesIO()
    np.savez(
        out,
        header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode(), dtype=np.uint8),
        **{name: getattr(model, name) for name in _ARRAYS},
    )
    return out.getvalue()


def parse(data: bytes) -> Model | None:
    """The model in `data`, or None when it is not a whole, consistent model file."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            header = json.loads(stored["header"].tobytes().decode())
            arrays = {name: np.asarray(stored[name], dtype=np.float64) for name in _ARRAYS}
        intents = tuple(str(i) for i in header["intents"])
        grams = [str(g) for g in header["grams"]]
        rule_intents = tuple(str(i) for i in header["rule_intents"])
        temperature = float(header["temperature"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None
    shapes = {
        "idf": (len(grams),),
        "weights": (len(grams), len(intents)),
        "rule_weights": (len(rule_intents), len(intents)),
        "bias": (len(intents),),
    }
    if any(arrays[name].shape != shape for name, shape in shapes.items()):
        return None
    if len(set(grams)) != len(grams) or not intents:
        return None
    return Model(
        intents=intents,
        index={gram: column for column, gram in enumerate(grams)},
        idf=arrays["idf"],
        weights=np.ascontiguousarray(arrays["weights"]),
        rule_weights=np.ascontiguousarray(arrays["rule_weights"]),
        rule_intents=rule_intents,
        bias=arrays["bias"],
        temperature=temperature,
    )


def kept(fit: Callable[[], Model]) -> Model:
    """The model kept for this corpus and code, or `fit()`'s, then kept for the next start."""
    where = folder()
    if where is None:
        return fit()
    path = where / f"intents-{key()}.npz"
    try:
        model = parse(path.read_bytes())
    except OSError:
        model = None
    if model is not None:
        return model
    model = fit()
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".part", delete=False) as part:
            try:
                part.write(dump(model))
            except BaseException:
                part.close()
                os.unlink(part.name)
                raise
        os.replace(part.name, path)
        others = sorted(
            (old for old in where.glob("intents-*.npz") if old != path),
            key=lambda old: old.stat().st_mtime,
        )
        for old in others[: max(0, len(others) - KEEP + 1)]:
            old.unlink(missing_ok=True)
    except OSError as error:  # a read-only folder: fitted at every start, as before
        log.warning("the fitted intent model could not be kept in %s: %s", where, error)
    return model
