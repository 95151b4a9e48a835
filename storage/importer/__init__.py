"""Importing bank files: detect the kind, check every row, apply in one transaction.

`import_file` lives in `importing.py` and is loaded on first use: importing this package
loads nothing else, so the child process that reads an untrusted file (`isolation.py`)
starts with the readers only, not the database code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.importer.common import ImportReport
    from storage.importer.importing import import_file
    from storage.importer.scope import ImportScope, officer_scope

__all__ = ["ImportReport", "ImportScope", "import_file", "officer_scope"]


def __getattr__(name: str) -> object:
    if name == "import_file":
        from storage.importer.importing import import_file

        return import_file
    if name == "ImportReport":
        from storage.importer.common import ImportReport

        return ImportReport
    if name in ("ImportScope", "officer_scope"):
        from storage.importer import scope

        return getattr(scope, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
