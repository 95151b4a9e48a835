"""A bank file an officer sends as a document: imported after the message's transaction (on
its own connection), the report comes back as a reply."""

from __future__ import annotations

import tempfile
from pathlib import Path

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.import_report import render_import_report
from locales.i18n import _
from storage import audit

MAX_FILE_BYTES = 20 * 1024 * 1024  # what a Telegram bot may download
IMPORT_SUFFIXES = (".xlsx", ".csv")


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
    await audit.audit(ctx.conn, ctx.person, "import_file", ctx.now, name[:120])

    async def run_import() -> list[Reply]:
        from storage.importer import import_file

        content = await fetch()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(content)
            report = await import_file(engine, path)
        return [Reply(render_import_report(report))]

    ctx.later.append(run_import)
    return [Reply(_("Received {name}; importing it now, please wait…").format(name=name))]
