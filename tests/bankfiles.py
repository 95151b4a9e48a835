"""Bank-style files for tests: a BCQUERY `.xlsx` with a title block, or `;` CSV with BOM."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

TITLE = [
    ["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"],
    ["BÁO CÁO CHI TIẾT DƯ NỢ"],
    ["Chi nhánh Sóc Trăng"],
    [],
]


def write_xlsx(
    path: Path,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    title: bool = True,
    sheet: str = "BCQUERY",
) -> Path:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    for line in TITLE if title else []:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    delimiter: str = ";",
    bom: bool = True,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=delimiter)
        out.writerow(header)
        for row in rows:
            out.writerow(["" if v is None else v for v in row])
    return path
