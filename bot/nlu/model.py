"""The statistical half of intent understanding: TF-IDF over the normalised words (folded
character n-grams, word unigrams and bigrams) plus the rules'
phrase scores as features, into a multinomial logistic regression.

`fit` uses scikit-learn, deterministically; the fitted weights are kept as numpy arrays and
scored in-process, because scikit-learn's per-call overhead is far above our budget per line.
The vector is normalised by sqrt(sum of count × idf²), a sum over the message's words and
word pairs, so `Model.probabilities_of_words` remembers each word's and pair's share of the
logits and of that sum, and a message costs a few dictionary look-ups and vector additions.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]

# The rules' phrase scores enter the model as features divided by this.
RULE_SCALE = 4.0


def _numbers_as_zero(words: Sequence[str]) -> list[str]:
    return ["0" if w[0].isdigit() else w for w in words if w not in ("?", "%")]


@lru_cache(maxsize=200_000)
def word_grams(word: str) -> tuple[str, ...]:
    """A word and its character n-grams 3-5, padded with the spaces around it (3-5 scored
    above 2-5, 1-5, 2-4 and 2-6 in 5-fold cross-validation on train, as well as 3-6 within a
    line, and costs less)."""
    padded = f" {word} "
    grams = ["w " + word]
    for n in range(3, 6):
        grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return tuple(grams)


@lru_cache(maxsize=200_000)
def pair_grams(first: str, second: str) -> tuple[str, ...]:
    """Two neighbouring words as a pair, and the character n-grams 3-5 across the space
    between them ("u n", "du no")."""
    line = f"{first} {second}"
    middle = len(first)
    grams = ["b " + line]
    for n in range(3, 6):
        for i in range(max(0, middle - n + 2), min(middle, len(line) - n + 1)):
            grams.append(line[i : i + n])
    return tuple(grams)


def features(words: Sequence[str]) -> list[str]:
    """The n-grams of one message's normalised words: words, neighbouring pairs, characters
    3-5 within words and 3-5 across word boundaries; numbers are one token `0`."""
    words = _numbers_as_zero(words)
    out: list[str] = []
    for word in words:
        out += word_grams(word)
    for first, second in itertools.pairwise(words):
        out += pair_grams(first, second)
    return out


class _Shares:
    """Remembered shares of words and pairs, one row each, in a table that grows by doubling
    (and starts again past `LIMIT` rows)."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self.rows: dict[str | tuple[str, str], int] = {}  # a word, or a pair of words
        self.table: Floats = np.zeros((0, 0))

    def add(self, key: str | tuple[str, str], share: Floats) -> int:
        if len(self.rows) >= self.LIMIT:
            self.rows.clear()
        row = len(self.rows)
        if row >= len(self.table) or self.table.shape[1] != len(share):
            grown = np.zeros((max(1024, 2 * len(self.table)), len(share)))
            if row:
                grown[:row] = self.table[:row]
            self.table = grown
        self.table[row] = share
        self.rows[key] = row
        return row


def _split_into(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Fewest pieces, each `known` and 2 letters or more; (word,) when there is none."""
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(2, n + 1):
        for start in range(max(0, end - 12), end - 1):
            before = best[start]
            if before is not None and known(word[start:end]):
                pieces = (*before, word[start:end])
                current = best[end]
                if current is None or len(pieces) < len(current):
                    best[end] = pieces
    split = best[n]
    return split if split is not None and len(split) > 1 else (word,)


@dataclass(frozen=True)
class Model:
    intents: tuple[str, ...]
    index: dict[str, int]
    idf: Floats
    weights: Floats  # (n-grams, intents)
    rule_weights: Floats  # (rule intents, intents)
    rule_intents: tuple[str, ...]
    bias: Floats
    temperature: float = 1.0

    _shares: _Shares = field(default_factory=lambda: _Shares(), compare=False)
    _joined: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def knows(self, word: str) -> bool:
        """Whether `word` was a word of the training lines."""
        return f"w {word}" in self.index

    def unjoined(self, word: str) -> tuple[str, ...]:
        """An unseen word typed without its spaces ("huylienket", "tongnoconlai") as the
        fewest seen words of two letters or more it is made of; the word itself when there
        is no such split. Remembered (bounded)."""
        found = self._joined.get(word)
        if found is None:
            found = _split_into(word, self.knows)
            if len(self._joined) > 50_000:
                self._joined.clear()
            self._joined[word] = found
        return found

    def _row(self, key: str | tuple[str, str]) -> int:
        """The row, in the table of remembered shares, of what one word's or pair's n-grams
        add to the logits (before normalising) and, in the last column, to the squared norm."""
        row = self._shares.rows.get(key)
        if row is None:
            grams = word_grams(key) if isinstance(key, str) else pair_grams(*key)
            counts = Counter(self.index[g] for g in grams if g in self.index)
            columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            idf = self.idf[columns]
            share = np.empty(len(self.intents) + 1)
            share[:-1] = (tf * idf) @ self.weights[columns]
            share[-1] = tf @ idf**2
            row = self._shares.add(key, share)
        return row

    def probabilities_of_words(self, words: Sequence[str]) -> Floats:
        """P(intent) for a message's normalised words: what `features` and `probabilities`
        compute, with each word's and pair's share remembered."""
        words = _numbers_as_zero(words)
        known = self._shares.rows.get
        rows = [row if (row := known(w)) is not None else self._row(w) for w in words]
        rows += [
            row if (row := known(p)) is not None else self._row(p)
            for p in itertools.pairwise(words)
        ]
        if rows:
            # take: half the time; add.reduce is what .sum calls, without its Python wrapper
            total = np.add.reduce(self._shares.table.take(rows, axis=0), axis=0)
            if total[-1] > 0:
                return self._softmax(self.bias + total[:-1] * (1.0 / math.sqrt(total[-1])))
        return self._softmax(self.bias.copy())

    def probabilities(self, grams: list[str], rule_scores: dict[str, float]) -> Floats:
        """P(intent) for each of `intents`, given a message's n-grams and the rules' scores."""
        counts = Counter(self.index[g] for g in grams if g in self.index)
        logits = self.bias.copy()
        if counts:
            columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            idf = self.idf[columns]
            logits += ((tf * idf) @ self.weights[columns]) / math.sqrt(tf @ idf**2)
        if rule_scores:
            for position, intent in enumerate(self.rule_intents):
                score = rule_scores.get(intent)
                if score:
                    logits += (score / RULE_SCALE) * self.rule_weights[position]
        return self._softmax(logits)

    def _softmax(self, logits: Floats) -> Floats:
        """In place: `logits` is the model's own array."""
        logits *= self.temperature
        logits -= logits[logits.argmax()]  # argmax and index: a fifth of max()'s time
        np.exp(logits, out=logits)
        logits /= np.add.reduce(logits)
        return logits


def fit(
    grams: Sequence[list[str]],
    rule_scores: Sequence[dict[str, float]],
    labels: Sequence[str],
    rule_intents: Sequence[str],
    c: float = 20.0,
    use_rules: bool = True,
    kind: str = "svm",
    temperature: float = 1.0,
) -> Model:
    """A model fitted on one n-gram list, rule-score dictionary and label per message."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    index: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for row, message in enumerate(grams):
        for column, count in Counter(index.setdefault(g, len(index)) for g in message).items():
            rows.append(row)
            cols.append(column)
            vals.append(float(count))
    tf = csr_matrix((vals, (rows, cols)), shape=(len(grams), len(index)))
    df = np.bincount(np.asarray(cols, dtype=np.intp), minlength=len(index))
    idf = np.log((1 + len(grams)) / (1 + df)) + 1.0
    x = tf.multiply(idf).tocsr()
    # The norm is sqrt(sum of count * idf²): a sum over words and pairs, so each one's share
    # can be remembered when scoring.
    norms = np.sqrt(np.asarray(tf.multiply(idf**2).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = csr_matrix(x.multiply(1.0 / norms[:, None]))
    rule_intents = tuple(rule_intents) if use_rules else ()
    if rule_intents:
        dense = np.array(
            [[scores.get(i, 0.0) / RULE_SCALE for i in rule_intents] for scores in rule_scores]
        )
        x = hstack([x, csr_matrix(dense)]).tocsr()
    if kind == "svm":
        from sklearn.svm import LinearSVC

        model = LinearSVC(C=c, random_state=0, max_iter=5000)
    else:
        model = LogisticRegression(C=c, max_iter=3000, tol=1e-4)
    model.fit(x, list(labels))
    coef = np.asarray(model.coef_, dtype=np.float64).T  # (features, classes)
    n = len(index)
    return Model(
        intents=tuple(str(c) for c in model.classes_),
        index=index,
        idf=idf.astype(np.float64),
        weights=np.ascontiguousarray(coef[:n]),
        rule_weights=np.ascontiguousarray(coef[n:]),
        rule_intents=rule_intents,
        bias=np.asarray(model.intercept_, dtype=np.float64),
        temperature=temperature,
    )
