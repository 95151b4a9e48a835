"""`import`, `demo` and `export-tallies`: the bank's files in, the demo data, the tallies out."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from bot.config import Settings
from locales.i18n import _


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.officer.import_report import render_import_report
    from storage.db import open_database
    from storage.importer import finish_interrupted_imports, import_file

    engine = await open_database(settings.database_url, inline=True)
    failed = 0
    try:
        # A file a crash left half applied is finished first (one left half staged is dropped).
        for report in await finish_interrupted_imports(engine):
            print(render_import_report(report))
        for path in args.files:
            report = await import_file(engine, path, force=args.force)
            print(render_import_report(report))
            failed += report.error is not None
    finally:
        await engine.dispose()
    return 1 if failed else 0


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.demo import SEED, seed_demo

    for text in await seed_demo(settings):
        print(text)
    print(
        _("Demo data loaded (seed {seed}) into {url}.").format(seed=SEED, url=settings.database_url)
    )
    return 0


async def cmd_export_tallies(args: argparse.Namespace, settings: Settings) -> int:
    """The current tallies, one line per member; CSV to standard output without --out."""
    from handlers.tally.export import write_csv, xlsx_bytes
    from storage import tallies
    from storage.db import open_database

    period: tuple[int, int] | None = None
    if args.period:
        try:
            year, month = (int(part) for part in args.period.split("-"))
            date(year, month, 1)
            period = (year, month)
        except ValueError:
            print(
                _("--period must be a month as YYYY-MM, e.g. 2026-12; not {value}.").format(
                    value=args.period
                ),
                file=sys.stderr,
            )
            return 2
    if args.format == "xlsx" and args.out is None:
        print(_("An .xlsx export needs --out FILE."), file=sys.stderr)
        return 2
    engine = await open_database(settings.database_url, inline=True)
    try:
        async with engine.connect() as conn:
            lines = await tallies.export_lines(conn, period)
    finally:
        await engine.dispose()
    if args.format == "xlsx":
        args.out.write_bytes(xlsx_bytes(lines, settings.timezone))
    elif args.out is None:
        write_csv(lines, sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8-sig", newline="") as handle:
            write_csv(lines, handle)
    groups = len({(x.group_code, x.session_date) for x in lines})
    print(
        _("{groups} tallies, {lines} member lines.").format(groups=groups, lines=len(lines)),
        file=sys.stderr,
    )
    return 0
