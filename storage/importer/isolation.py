"""Reading an untrusted file in a child process with a memory and CPU limit, so that nothing
the file makes the readers do (a 549 GB allocation, a crash in a native library, an endless
parse) can stop the process that imports it: the caller gets rows, or one refusal.

The child is `python -I` running `child.child_main`: it limits itself (RLIMIT_AS,
RLIMIT_CPU), reads the file with `reader.open_rows` in the caller's language and writes frames
to its standard output: `("rows", [(line, cells), ...])`, then `("end",)`, or
`("refused", text)`; each is its length in 8 bytes, then a pickle.
The caller refuses a frame over MAX_FRAME_BYTES (16 MB; the child cuts them at ~12 MB at
most) before reading it, and unpickles it with an unpickler that builds nothing but plain
values and dates. It reads a frame only when it wants the next rows, so it holds one frame,
and the pipe (1 MB) holds what the child has written ahead.
A child that dies, or sends anything else, is "the file could not be read safely".
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

from locales.i18n import _, current_locale
from storage.importer.child import CPU_SECONDS, MAX_FRAME_BYTES, MEMORY_LIMIT, Row
from storage.importer.unreadable import UnreadableFile, format_count

log = logging.getLogger(__name__)

PIPE_BYTES = 1 << 20

_ROOT = Path(__file__).resolve().parents[2]
# `-I -S`: no environment variables, no user or site initialisation (they cost a third of the
# start-up); the child finds our packages and the libraries where this process finds them.
_BOOT = (
    "import sys; n = int(sys.argv[1]) + 2; sys.path[:0] = sys.argv[2:n]; "
    "from storage.importer.child import child_main; child_main(sys.argv[n:])"
)


class IsolatedRows:
    """The rows of one file, read by a child process: `start()`, then `rows()`, then `close()`
    (or use it as a context manager, which closes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._child: subprocess.Popen[bytes] | None = None
        self._stream: IO[bytes] | None = None
        self._first: tuple[Any, ...] | None = None

    def __enter__(self) -> IsolatedRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def start(self) -> None:
        """Start the child and wait, without blocking the event loop, for its first frame
        (a large sheet is parsed whole before its first row)."""
        self._first = await asyncio.to_thread(self._spawn, current_locale())

    def _spawn(self, locale: str) -> tuple[Any, ...]:
        paths = [str(_ROOT), *(p for p in sys.path if p and os.path.isdir(p))]
        self._child = subprocess.Popen(
            [
                sys.executable,
                "-I",
                "-S",
                "-c",
                _BOOT,
                str(len(paths)),
                *paths,
                str(self.path),
                locale,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            bufsize=1 << 16,
        )
        assert self._child.stdout is not None
        self._stream = self._child.stdout
        _widen_pipe(self._stream)
        return self._frame()

    def rows(self) -> Iterator[Row]:
        """Every row the child sends; raises UnreadableFile when it refuses or fails."""
        frame = self._first
        self._first = None
        while frame is not None:
            kind = frame[0]
            if kind == "rows":
                yield from frame[1]
            elif kind == "end":
                return
            elif kind == "refused":
                raise UnreadableFile(str(frame[1]))
            else:
                raise self._unsafe(str(frame[1]) if len(frame) > 1 else "")
            frame = self._frame()

    def _frame(self) -> tuple[Any, ...]:
        assert self._stream is not None
        try:
            length = self._stream.read(8)
            if len(length) < 8:
                return ("died",)
            size = int.from_bytes(length, "big")
            if size > MAX_FRAME_BYTES:
                return ("died", "a frame of rows larger than 16 MB")
            data = self._stream.read(size)
            if len(data) < size:
                return ("died",)
            frame = load_plain(data)
        except (EOFError, pickle.UnpicklingError, OSError, ValueError):
            return ("died",)
        if not isinstance(frame, tuple) or not frame or not isinstance(frame[0], str):
            return ("died", "bad frame")
        return frame

    def _unsafe(self, reason: str) -> UnreadableFile:
        status = self._stop()
        if reason:
            message = _("{file}: the file could not be read safely ({reason})").format(
                file=self.path.name, reason=reason
            )
        else:
            message = _(
                "{file}: the file could not be read safely: reading it took more than "
                "{memory} GB of memory or {seconds} seconds, which no bank export does"
            ).format(
                file=self.path.name,
                memory=format_count(MEMORY_LIMIT >> 30),
                seconds=format_count(CPU_SECONDS),
            )
        self._errors.seek(0, io.SEEK_END)
        self._errors.seek(max(0, self._errors.tell() - 2000))
        tail = self._errors.read().decode(errors="replace").strip()
        log.warning("reading %s in a child process failed (%s): %s", self.path, status, tail)
        return UnreadableFile(message)

    def _stop(self) -> int | None:
        """End the child (it may still be writing) and return how it ended."""
        child = self._child
        if child is None:
            return None
        if child.poll() is None:
            child.kill()
        status = child.wait()
        if child.stdout is not None:
            child.stdout.close()
        return status

    def close(self) -> None:
        self._stop()
        self._errors.close()


def _widen_pipe(stream: IO[bytes]) -> None:
    """A pipe holds 64 KB: the child would wait for every frame to be read. With 1 MB it
    reads and packs the next frames while this process applies the last (Linux only)."""
    with contextlib.suppress(AttributeError, OSError):
        import fcntl

        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def load_plain(data: bytes) -> Any:
    """Unpickle values a spreadsheet holds (`_PlainUnpickler`); anything else raises."""
    return _PlainUnpickler(io.BytesIO(data)).load()


class _PlainUnpickler(pickle.Unpickler):
    """Lists, tuples, text, numbers, None and dates: what a spreadsheet holds, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in _CELL_CLASSES:
            return _CELL_CLASSES[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


_CELL_CLASSES: dict[str, type] = {
    "date": date,
    "datetime": datetime,
    "time": time,
    "timedelta": timedelta,
}
