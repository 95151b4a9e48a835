"""Importing bank files: detect the kind, check every row, apply it all or nothing.

`import_file` lives in `importing.py` and is loaded on first use: importing this package
loads nothing else, so the child process that reads an untrusted file (`isolation.py`)
starts with the readers only, not the database code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.importer.common import ImportReport
    from storage.importer.importing import finish_interrupted_imports, import_file
    from storage.importer.scope import ImportScope, officer_scope

__all__ = [
    "ImportReport",
    "ImportScope",
    "finish_interrupted_imports",
    "import_file",
    "officer_scope",
]


def __getattr__(name: str) -> object:
    if name in ("import_file", "finish_interrupted_imports"):
        from storage.importer import importing

        return getattr(importing, name)
    if name == "ImportReport":
        from storage.importer.common import ImportReport

        return ImportReport
    if name in ("ImportScope", "officer_scope"):
        from storage.importer import scope

        return getattr(scope, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
