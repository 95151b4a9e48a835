"""A bank file an officer sends as a document: imported after the message's transaction (on
its own connection), the report comes back as a reply."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.import_report import render_import_report
from locales.i18n import _
from storage import audit, importer

MAX_FILE_BYTES = 20 * 1024 * 1024  # what a Telegram bot may download
IMPORT_SUFFIXES = (".xlsx", ".csv")
MAX_NAME_BYTES = 120  # a file system allows 255; the report shows it whole


def safe_file_name(name: str) -> str:
    """The sent file's name as one harmless path component the disk accepts: no folders,
    no control characters, at most MAX_NAME_BYTES (the suffix kept)."""
    base = re.split(r"[/\\]", name)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = ("." + suffix[:10]) if dot else ""
    stem = stem.strip(" .") or "file"
    while len((stem + suffix).encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem + suffix


async def receive_file(ctx: Context) -> list[Reply]:
    """An officer sent a file (the registry lets only officers through): import it after this
    message's transaction, answer with the report."""
    inbound = ctx.inbound
    if inbound.file is None:
        return [Reply(_("I can only read text messages. Please type your question."))]
    name = inbound.file.name
    if not name.lower().endswith(IMPORT_SUFFIXES):
        return [
            Reply(
                _("Send the bank's export as an .xlsx or .csv file; {name} is neither.").format(
                    name=name
                )
            )
        ]
    if inbound.file.size > MAX_FILE_BYTES:
        return [Reply(_("The file is larger than 20 MB; load it with the import command."))]
    fetch = inbound.fetch_file
    engine = ctx.import_engine
    if fetch is None or engine is None:
        return [Reply(_("This chat cannot receive files; load it with the import command."))]
    officer_id = ctx.person.officer_id
    if officer_id is None:
        return [Reply(_("I can only read text messages. Please type your question."))]
    await audit.audit(ctx.conn, ctx.person, "import_file", ctx.now, name[:120])
    # In the chat an officer loads only loans and schedules of the communes they serve.
    scope = await importer.officer_scope(ctx.conn, officer_id)

    async def run_import() -> list[Reply]:
        content = await fetch()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / safe_file_name(name)
            path.write_bytes(content)
            report = await importer.import_file(engine, path, scope=scope)
        return [Reply(render_import_report(report))]

    ctx.later.append(run_import)
    return [Reply(_("Received {name}; importing it now, please wait…").format(name=name))]
