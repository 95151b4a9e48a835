"""The child process's side of `isolation.py`: limit its own memory and CPU time, read the
file with the readers, and send the rows as frames on standard output.

It imports only the readers (not the database code, not asyncio), so it starts quickly.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
from pathlib import Path
from typing import IO, Any

from locales.i18n import _, set_locale
from storage.importer.sheet_bounds import MAX_CELLS, MAX_COLUMNS
from storage.importer.unreadable import UnreadableFile, format_count

MEMORY_LIMIT = 3 << 30  # calamine needs ~125 B a cell: 20 million cells (the most) fit
CPU_SECONDS = 600
FRAME_ROWS = 1000
# A frame is cut at FRAME_ROWS rows or FRAME_SIZE (text characters, plus 16 a cell), and a
# row over ROW_SIZE refuses the file, so no frame passes 4 × (FRAME_SIZE + ROW_SIZE) bytes:
# 12 MB, under the MAX_FRAME_BYTES that `isolation.py` accepts. A bank row is ~1,000.
FRAME_SIZE = 2 << 20
ROW_SIZE = 1 << 20
MAX_FRAME_BYTES = 16 << 20
_LENGTH = struct.Struct(">Q")
_OUT_OF_MEMORY = 3

Row = tuple[int, list[Any]]


def child_main(argv: list[str]) -> None:
    """Read the file named in `argv` and send its rows on standard output, then exit."""
    path, locale = Path(argv[0]), argv[1]
    _limit_resources()
    set_locale(locale)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by accident may corrupt the frames
    try:
        _send_rows(path, out)
    except UnreadableFile as exc:
        _send(out, ("refused", str(exc)))
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)
    except BrokenPipeError:  # the caller stopped reading: it has what it needs
        os._exit(0)
    except Exception as exc:
        _send(out, ("failed", type(exc).__name__))
    with contextlib.suppress(BrokenPipeError):
        out.flush()
    os._exit(0)  # a calamine thread may still run beside a refusal; do not wait for it


def _limit_resources() -> None:
    try:
        import resource
    except ImportError:  # not a Unix: no limits to set
        return
    for kind, limit in ((resource.RLIMIT_AS, MEMORY_LIMIT), (resource.RLIMIT_CPU, CPU_SECONDS)):
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)  # never above what this process is already allowed
        resource.setrlimit(kind, (limit, limit))


def _send_rows(path: Path, out: IO[bytes]) -> None:
    """Every row in frames; any file is bounded as a sheet is (`sheet_bounds.py`)."""
    from storage.importer.reader import open_rows  # the caller never loads the readers

    rows = open_rows(path).rows
    batch: list[Row] = []
    cells = 0
    size = 0
    for line, row in rows:
        cells += len(row)
        if len(row) > MAX_COLUMNS:
            raise _too_wide(path, line, len(row))
        if cells > MAX_CELLS:
            raise _too_many(path, line)
        row_size = 16 * len(row) + sum(len(c) for c in row if isinstance(c, str))
        if row_size > ROW_SIZE:
            raise _too_big(path, line)
        batch.append((line, row))
        size += row_size
        if len(batch) >= FRAME_ROWS or size >= FRAME_SIZE:
            _send(out, ("rows", batch))
            batch = []
            size = 0
    _send(out, ("rows", batch))
    _send(out, ("end",))


def _send(out: IO[bytes], frame: tuple[Any, ...]) -> None:
    """One frame: its length (8 bytes), then the pickle."""
    data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(data)))
    out.write(data)
    out.flush()


def _too_big(path: Path, line: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "{file}: line {line} holds more than {most} characters, far more than a row of a "
            "bank export, so the file was not read"
        ).format(file=path.name, line=line, most=format_count(ROW_SIZE))
    )


def _too_wide(path: Path, line: int, n: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "{file}: line {line} has {n} cells; a bank export has at most {most}, so the file "
            "was not read"
        ).format(file=path.name, line=line, n=format_count(n), most=MAX_COLUMNS)
    )


def _too_many(path: Path, line: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "{file}: by line {line} the file has more than {most} cells, more than a bank "
            "export has, so it was not read"
        ).format(file=path.name, line=line, most=format_count(MAX_CELLS))
    )
