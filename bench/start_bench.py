"""How long a start takes before the first answer: `python -m bot understand` answering one
line, with the fitted intent model kept on disk (bot/nlu/model_store.py) and without it (each
start fits), measured in the same run. Prints the medians and their ratio.

    python bench/start_bench.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_start(folder: str) -> float:
    env = {**os.environ, "NLU_MODEL_CACHE": folder}
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "understand"],
        input="du no con bao nhieu\n",
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    fitting, loading = [], []
    with tempfile.TemporaryDirectory() as kept:
        one_start(kept)  # the first start fits and keeps the model
        for _ in range(rounds):  # alternated, so both see the same machine
            fitting.append(one_start("off"))
            loading.append(one_start(kept))
    fit_s, load_s = statistics.median(fitting), statistics.median(loading)
    print(f"start to first answer, median of {rounds}:")
    print(f"  fitting at start (no kept model)  {fit_s:6.2f} s")
    print(f"  kept model loaded                 {load_s:6.2f} s  ({load_s / fit_s:.2f}x)")


if __name__ == "__main__":
    main()
