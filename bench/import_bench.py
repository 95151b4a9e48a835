"""Import benchmark: a province-sized HSTD export (200,000 loans, ~150,000 households).

    python bench/import_bench.py [--loans 200000] [--runs 3] [--before DIR]

Generates the export as `.xlsx` and `.csv` (cached in bench/out/), then, in one run and each
in its own process: python-calamine alone reading every row of the `.xlsx` (the baseline),
`python -m bot import` of the `.xlsx` and of the `.csv` into a fresh database. Prints the
median wall time of each, the ratio to the baseline, and each process's peak memory (RSS;
the import's includes the child process that reads the file).

`--before DIR` also imports both files with the code in DIR (an earlier commit, e.g.
`git archive REV | tar -x -C DIR`), taking turns with the current code in the same run, and
prints the ratio of each import's time now to its time then.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.demo import LOAN_HEADER

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
AS_OF = date(2026, 10, 31)
HEADER = LOAN_HEADER  # the demo's BCQUERY columns, which the importer reads
PROGRAMMES = [
    (1, "Cho vay hộ nghèo", 0.55),
    (19, "Cho vay hộ cận nghèo", 0.66),
    (9, "Cho vay hộ mới thoát nghèo", 0.6875),
    (6, "Cho vay nước sạch VSMT", 0.75),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Thạch", "Lâm", "Sơn", "Kim", "Danh", "Huỳnh", "Võ"]
GIVEN = ["Văn Tâm", "Thị Lan", "Sa Ri", "Sóc Khơl", "Minh Phúc", "Thị Hạnh", "Văn Út"]


def rows(n_loans: int) -> list[list[object]]:
    rng = random.Random(7)
    out: list[list[object]] = []
    households = int(n_loans * 0.75)
    loans_left = n_loans
    for h in range(households):
        group = h // 40
        commune = group // 12
        count = 1 if loans_left <= households - h else 2
        loans_left -= count
        name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        for _ in range(count):
            code, pname, rate = rng.choice(PROGRAMMES)
            lent = rng.choice([20, 30, 50, 80, 100]) * 1_000_000
            paid = rng.randrange(0, lent // 2, 1_000_000)
            out.append(
                [
                    len(out) + 1,
                    "PGD Mỹ Xuyên",
                    f"X{commune:04d}",
                    f"Xã số {commune}",
                    f"Ấp {group % 12}",
                    f"T{group:06d}",
                    f"Tổ TK&VV số {group}",
                    "Nguyễn Văn Tổ",
                    "Hội nông dân",
                    f"KH{h:08d}",
                    name,
                    f"0940{rng.randrange(10**7, 10**8)}",
                    f"9{rng.randrange(10**7, 10**8)}",
                    f"KU{len(out):09d}",
                    code,
                    pname,
                    AS_OF - timedelta(days=rng.randrange(100, 1500)),
                    AS_OF + timedelta(days=rng.randrange(30, 1500)),
                    None,  # Ngày ĐH theo Gia hạn
                    lent,
                    paid,
                    lent - paid,
                    0 if rng.random() > 0.02 else 1_000_000,
                    0,  # Dư nợ khoanh
                    rate,
                    0,
                    round((lent - paid) * rate / 100),
                    AS_OF + timedelta(days=rng.randrange(10, 180)),
                    lent // 10,
                    rng.choice([0, 500_000, 1_250_000]),
                    AS_OF,
                ]
            )
    return out


def generate(n_loans: int) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    xlsx, csv_path = OUT / f"hstd_{n_loans}.xlsx", OUT / f"hstd_{n_loans}.csv"
    if xlsx.exists() and csv_path.exists():
        return xlsx, csv_path
    data = rows(n_loans)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("BCQUERY")
    for title in (
        ["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"],
        ["BÁO CÁO DƯ NỢ"],
        [f"Ngày {AS_OF:%d/%m/%Y}"],
        [],
    ):
        sheet.append(title)
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    workbook.save(xlsx)
    write_csv(csv_path, data)
    return xlsx, csv_path


def generate_csv(n_loans: int) -> Path:
    """Only the `.csv` (a million rows' `.xlsx` takes openpyxl minutes to write)."""
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"hstd_{n_loans}.csv"
    if not csv_path.exists():
        write_csv(csv_path, rows(n_loans))
    return csv_path


def write_csv(csv_path: Path, data: list[list[object]]) -> None:
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for row in data:
            writer.writerow(
                [
                    f"{v:%d/%m/%Y}"
                    if isinstance(v, date)
                    else f"{v:,}".replace(",", ".")
                    if isinstance(v, int) and v >= 10_000
                    else v
                    for v in row
                ]
            )


CALAMINE_ONLY = """
import sys
from python_calamine import CalamineWorkbook
sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("BCQUERY")
n = sum(1 for _ in sheet.iter_rows())
print(n)
"""


def measure(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB (of the process or its largest child), and output."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{output}")
    return elapsed, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loans", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a checkout of earlier code to compare")
    args = parser.parse_args()
    t0 = time.perf_counter()
    xlsx, csv_path = generate(args.loans)
    print(
        f"files: {xlsx.name} {xlsx.stat().st_size / 1e6:.1f} MB, {csv_path.name} "
        f"{csv_path.stat().st_size / 1e6:.1f} MB (ready in {time.perf_counter() - t0:.0f} s)"
    )
    plan = [("calamine", xlsx, ROOT), ("xlsx", xlsx, ROOT), ("csv", csv_path, ROOT)]
    if args.before:
        plan += [("xlsx before", xlsx, args.before), ("csv before", csv_path, args.before)]
    results: dict[str, list[tuple[float, float]]] = {name: [] for name, _p, _c in plan}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for name, path, code in plan:
                db = f"sqlite:///{tmp}/{name.replace(' ', '_')}{run}.sqlite3"
                env = dict(os.environ, DATABASE_URL=db)
                if name == "calamine":
                    cmd = [sys.executable, "-c", CALAMINE_ONLY, str(path)]
                else:  # `python -m` finds the code of its working directory first
                    cmd = [sys.executable, "-m", "bot", "import", str(path)]
                seconds, peak, output = measure(cmd, env, cwd=code)
                results[name].append((seconds, peak))
                if run == 0 and name != "calamine":
                    print(output.strip())
    base = statistics.median(s for s, _ in results["calamine"])
    print(f"\n{args.loans} loans, {args.runs} runs each, medians:")
    labels = {
        "calamine": "calamine read of the .xlsx (baseline)",
        "xlsx": "import of the .xlsx",
        "csv": "import of the .csv",
        "xlsx before": f"import of the .xlsx, {args.before}",
        "csv before": f"import of the .csv, {args.before}",
    }
    medians = {name: statistics.median(s for s, _ in results[name]) for name in results}
    for name in results:
        peak = max(p for _, p in results[name])
        print(
            f"  {labels[name]:<40} {medians[name]:7.2f} s  {medians[name] / base:5.2f}x baseline"
            f"  peak RSS {peak:6.0f} MB"
        )
    for kind in ("xlsx", "csv"):
        if f"{kind} before" in medians:
            ratio = medians[kind] / medians[f"{kind} before"]
            print(f"  import of the .{kind} now / before: {ratio:.2f}")


if __name__ == "__main__":
    main()
