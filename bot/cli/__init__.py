"""`python -m bot <command>`: the command line of the contract (DESIGN.md)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import signal
import sys
import tempfile
from collections.abc import Callable, Coroutine, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings, load_settings
from locales.i18n import _, set_locale

Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Trợ lý hỏi đáp cho hộ vay, tổ trưởng Tổ TK&VV và cán bộ tín dụng NHCSXH.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser("run", help="Telegram long polling (needs BOT_TOKEN), with scheduler and sender")
    sub.add_parser("serve", help="Telegram webhook server (POST /telegram, GET /healthz)")
    chat = sub.add_parser("chat", help="a conversation in the terminal on demo data")
    chat.add_argument("--phone", help="start as the person with this phone")
    sub.add_parser("demo", help="(re)create the demo data in the database")
    imp = sub.add_parser(
        "import", help="load bank files (.xlsx/.csv); kind detected from the header"
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--force", action="store_true", help="load a loans file older than the stored data"
    )
    sub.add_parser("understand", help="stdin lines → JSON lines (intent, amounts, dates)")
    exp = sub.add_parser("export-tallies", help="submitted tallies in the Bảng kê 13/TD columns")
    exp.add_argument("--period", metavar="YYYY-MM")
    exp.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    exp.add_argument("--out", type=Path)
    rem = sub.add_parser("reminders", help="the reminders due on a day, as JSON lines")
    rem.add_argument("--date", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD")
    rem.add_argument("--dry-run", action="store_true")
    bc = sub.add_parser("broadcast", help="queue a notice to a commune, a group or everyone")
    bc.add_argument("--text", required=True)
    target = bc.add_mutually_exclusive_group(required=True)
    target.add_argument("--all", action="store_true")
    target.add_argument("--commune", metavar="NAME")
    target.add_argument("--group", metavar="CODE")
    bc.add_argument("--dry-run", action="store_true")
    link = sub.add_parser("link-code", help="print a one-time link code")
    who = link.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", metavar="CODE")
    who.add_argument("--officer", metavar="PHONE")
    return parser


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.officer.import_report import render_import_report
    from storage.db import open_database
    from storage.importer import import_file

    engine = await open_database(settings.database_url, inline=True)
    failed = 0
    try:
        for path in args.files:
            report = await import_file(engine, path, force=args.force)
            print(render_import_report(report))
            failed += report.error is not None
    finally:
        await engine.dispose()
    return 1 if failed else 0


async def seed_demo(settings: Settings, as_of: date | None = None) -> list[str]:
    """Load the demo files into the configured database; returns the rendered reports."""
    from bot.cli.demo import write_demo_files
    from handlers.officer.import_report import render_import_report
    from storage.db import open_database
    from storage.importer import import_file

    day = as_of or (datetime.now(settings.timezone).date() - timedelta(days=1))
    engine = await open_database(settings.database_url)
    texts: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="bot-demo-") as folder:
            files = write_demo_files(Path(folder), day)
            for path in files.paths:
                report = await import_file(engine, path, force=True)
                texts.append(render_import_report(report))
                if report.error:
                    raise RuntimeError(report.error)
    finally:
        await engine.dispose()
    return texts


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.demo import SEED

    for text in await seed_demo(settings):
        print(text)
    print(
        _("Demo data loaded (seed {seed}) into {url}.").format(seed=SEED, url=settings.database_url)
    )
    return 0


def _freeze_startup_objects() -> None:
    """Move everything built at start-up out of the cyclic collector's way: a long-running
    bot otherwise rescans hundreds of thousands of library objects at every full GC."""
    gc.collect()
    gc.freeze()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signame in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(NotImplementedError, AttributeError):
            loop.add_signal_handler(getattr(signal, signame), stop.set)
    return stop


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.telegram.delivery import telegram_delivery
    from bot.channels.telegram.updates import polling
    from bot.inbound.router import Router
    from bot.logs import configure_logging
    from bot.outbound.background import run_background
    from storage.db import open_database

    if not settings.bot_token:
        print(
            _("Configuration error: {reason}").format(reason=_("BOT_TOKEN is not set")),
            file=sys.stderr,
        )
        return 2
    configure_logging()
    engine = await open_database(settings.database_url, inline=True)
    import_engine = await open_database(settings.database_url, migrate=False)
    stop = _stop_on_signals()
    router = Router(
        engine, settings.timezone, import_engine=import_engine, quiet_hours=settings.quiet_hours
    )
    try:
        async with polling(settings, router), telegram_delivery(settings) as delivery:
            background = asyncio.create_task(run_background(engine, delivery, settings, stop))
            _freeze_startup_objects()
            print(_("The bot is running (long polling). Press Ctrl+C to stop."), flush=True)
            await stop.wait()
            await background
    finally:
        await engine.dispose()
        await import_engine.dispose()
    return 0


def _quiet_server_class() -> Any:
    import uvicorn

    class QuietServer(uvicorn.Server):
        """uvicorn re-raises SIGTERM after shutting down; `serve` owns the signals instead."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    return QuietServer


async def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn
    from telegram import Update

    from bot.channels.telegram.delivery import telegram_delivery
    from bot.channels.telegram.updates import build_application, set_default_commands
    from bot.channels.telegram.webhook import webhook_app
    from bot.inbound.router import Router
    from bot.logs import configure_logging
    from bot.outbound.background import run_background
    from storage.db import open_database

    _QuietServer = _quiet_server_class()
    missing = [
        name
        for name, value in (
            ("BOT_TOKEN", settings.bot_token),
            ("WEBHOOK_URL", settings.webhook_url),
            ("WEBHOOK_SECRET", settings.webhook_secret),
        )
        if not value
    ]
    if missing:
        reason = _("{names} must be set for serve").format(names=", ".join(missing))
        print(_("Configuration error: {reason}").format(reason=reason), file=sys.stderr)
        return 2
    assert settings.webhook_url and settings.webhook_secret
    configure_logging()
    engine = await open_database(settings.database_url, inline=True)
    import_engine = await open_database(settings.database_url, migrate=False)
    router = Router(
        engine, settings.timezone, import_engine=import_engine, quiet_hours=settings.quiet_hours
    )
    application = build_application(settings, router, polling=False)
    try:
        async with application, telegram_delivery(settings) as delivery:
            await set_default_commands(application)
            await application.bot.set_webhook(
                url=settings.webhook_url.rstrip("/") + "/telegram",
                secret_token=settings.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
            await application.start()
            server = _QuietServer(
                uvicorn.Config(
                    webhook_app(application, settings.webhook_secret, engine),
                    host="0.0.0.0",
                    port=settings.port,
                    log_level="warning",
                    lifespan="off",
                )
            )
            stop = _stop_on_signals()
            serving = asyncio.create_task(server.serve())
            background = asyncio.create_task(run_background(engine, delivery, settings, stop))
            await stop.wait()
            server.should_exit = True
            await serving
            await background
            await application.stop()
    finally:
        await engine.dispose()
        await import_engine.dispose()
    return 0


async def cmd_link_code(args: argparse.Namespace, settings: Settings) -> int:
    from storage import link_codes, links
    from storage.db import open_database
    from storage.values import normalise_phone

    engine = await open_database(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with engine.begin() as conn:
            if args.customer:
                customer_id = await links.customer_by_code(conn, args.customer.strip())
                if customer_id is None:
                    print(
                        _("No customer has the code {code}.").format(code=args.customer),
                        file=sys.stderr,
                    )
                    return 1
                code = await link_codes.create_link_code(conn, now, customer_id=customer_id)
            else:
                try:
                    phone = normalise_phone(args.officer)
                except ValueError:
                    phone = ""
                officer_id = await links.officer_by_phone(conn, phone) if phone else None
                if officer_id is None:
                    print(
                        _(
                            "No officer has the phone {phone}; import the officers file first."
                        ).format(phone=args.officer),
                        file=sys.stderr,
                    )
                    return 1
                code = await link_codes.create_link_code(conn, now, officer_id=officer_id)
    finally:
        await engine.dispose()
    expires = (now + link_codes.CODE_TTL).astimezone(settings.timezone)
    print(code)
    print(
        _(
            "One-time code, valid until {date}. In the bot, type /start {code} or LIENKET {code}."
        ).format(code=code, date=expires.strftime("%d/%m/%Y")),
        file=sys.stderr,
    )
    return 0


async def cmd_reminders(args: argparse.Namespace, settings: Settings) -> int:
    """The reminders of a day as JSON lines; queued unless --dry-run."""
    from bot.outbound.reminders import plan_day
    from storage import outbox
    from storage.db import open_database

    engine = await open_database(settings.database_url, inline=True)
    now = datetime.now(UTC)
    try:
        async with engine.begin() as conn:
            planned = await plan_day(conn, args.date, settings.timezone)
            added = 0
            if not args.dry_run:
                added = await outbox.enqueue(
                    conn, [p.message(args.date, settings.timezone) for p in planned], now
                )
    finally:
        await engine.dispose()
    out = sys.stdout
    for item in planned:
        record = {
            "recipient": f"{item.recipient.channel}:{item.recipient.chat_id}",
            "kind": item.kind,
            "text": item.text,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    if args.dry_run:
        summary = _("{count} reminders due on {date} (dry run: nothing queued).")
    else:
        summary = _("{count} reminders due on {date}; {added} newly queued.")
    print(
        summary.format(count=len(planned), date=args.date.strftime("%d/%m/%Y"), added=added),
        file=sys.stderr,
    )
    return 0


async def cmd_broadcast(args: argparse.Namespace, settings: Settings) -> int:
    """A notice from the command line: the whole district, a commune or a group."""
    from storage import audiences, broadcasts
    from storage.audiences import Audience, AudienceKind
    from storage.db import open_database

    text = args.text.strip()
    if not text:
        print(_("The notice is empty."), file=sys.stderr)
        return 1
    if len(text) > 4000:
        print(_("The notice is longer than 4,000 characters."), file=sys.stderr)
        return 1
    engine = await open_database(settings.database_url, inline=True)
    now = datetime.now(UTC)
    broadcast_id: int | None = None
    try:
        async with engine.begin() as conn:
            if args.all:
                audience = Audience(AudienceKind.EVERYONE)
                label = _("everyone")
            elif args.commune:
                place = await audiences.find_commune(conn, args.commune)
                if place is None:
                    print(
                        _("No commune is called {name}.").format(name=args.commune), file=sys.stderr
                    )
                    return 1
                audience, label = Audience(AudienceKind.COMMUNE, place.id), place.name
            else:
                place = await audiences.find_group(conn, args.group.strip())
                if place is None:
                    print(
                        _("No group has the code {code}.").format(code=args.group), file=sys.stderr
                    )
                    return 1
                audience, label = (
                    Audience(AudienceKind.GROUP, place.id),
                    f"{args.group} {place.name}",
                )
            found = await audiences.recipients(conn, audience, None)
            if not args.dry_run and found:
                broadcast_id = await broadcasts.create(
                    conn,
                    officer_id=None,
                    audience=audience,
                    audience_text=label,
                    text=text,
                    recipients=found,
                    status_chat=None,
                    status_text=str,
                    now=now,
                    not_before=now,
                )
    finally:
        await engine.dispose()
    print(len(found))
    if args.dry_run:
        message = _("{count} recipients in {audience} (dry run: nothing queued).")
    elif not found:
        message = _("Nobody in {audience} has linked the chat yet; nothing was queued.")
    else:
        message = _(
            "Notice #{id} queued for {count} recipients in {audience}; the running bot sends it."
        )
    print(
        message.format(count=len(found), audience=label, id=broadcast_id),
        file=sys.stderr,
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
        args.out.write_bytes(xlsx_bytes(lines))
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


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.console import run_console

    return await run_console(settings, args.phone)


async def cmd_understand(args: argparse.Namespace, settings: Settings) -> int:
    """One JSON object per input line; no database needed."""
    from bot.nlu import understand

    today = datetime.now(settings.timezone).date()
    out = sys.stdout
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        out.write(json.dumps(understand(text, today).as_json(), ensure_ascii=False) + "\n")
    out.flush()
    return 0


COMMANDS: dict[str, Command] = {
    "import": cmd_import,
    "demo": cmd_demo,
    "run": cmd_run,
    "serve": cmd_serve,
    "chat": cmd_chat,
    "understand": cmd_understand,
    "export-tallies": cmd_export_tallies,
    "reminders": cmd_reminders,
    "broadcast": cmd_broadcast,
    "link-code": cmd_link_code,
}


def main(argv: Sequence[str] | None = None) -> int:
    set_locale("vi")
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(_("Configuration error: {reason}").format(reason=exc), file=sys.stderr)
        return 2
    return asyncio.run(COMMANDS[args.command](args, settings))
