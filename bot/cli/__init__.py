"""`python -m bot <command>`: the command line of the contract (docs/DESIGN.md): the parser and
where each command lives."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bot.cli import data, linking, local, notices, serving
from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging
from locales.i18n import _, set_locale

Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Trợ lý hỏi đáp cho hộ vay, tổ trưởng Tổ TK&VV và cán bộ tín dụng NHCSXH.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser(
        "run",
        help="long polling of Telegram (BOT_TOKEN) and/or Zalo (ZALO_BOT_TOKEN), with scheduler "
        "and senders",
    )
    sub.add_parser(
        "serve", help="webhook server (POST /telegram and/or /zalo, GET /healthz), with senders"
    )
    chat = sub.add_parser("chat", help="a conversation in the terminal on demo data")
    chat.add_argument("--phone", help="start as the person with this phone")
    chat.add_argument(
        "--channel",
        choices=["console", "zalo"],
        default="console",
        help="zalo: replies as Zalo shows them (numbered options, no buttons), linking by code",
    )
    sub.add_parser("demo", help="(re)create the demo data in the database")
    imp = sub.add_parser(
        "import", help="load bank files (.xlsx/.csv); kind detected from the header"
    )
    # No FILE: only finish an import a crash interrupted (every import does that first).
    imp.add_argument("files", nargs="*", type=Path, metavar="FILE")
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
    link = sub.add_parser(
        "link-code", help="print a one-time link code, or write slips for a group or a commune"
    )
    who = link.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", metavar="CODE")
    who.add_argument("--officer", metavar="PHONE")
    who.add_argument("--group", metavar="CODE", help="slips for every household of the group")
    who.add_argument("--commune", metavar="NAME", help="slips for every household of the commune")
    link.add_argument("--out", type=Path, metavar="FILE.xlsx", help="where the slips go")
    link.add_argument("--days", type=int, metavar="N", help="slips' codes expire after N days (30)")
    return parser


COMMANDS: dict[str, Command] = {
    "import": data.cmd_import,
    "demo": data.cmd_demo,
    "run": serving.cmd_run,
    "serve": serving.cmd_serve,
    "chat": local.cmd_chat,
    "understand": local.cmd_understand,
    "export-tallies": data.cmd_export_tallies,
    "reminders": notices.cmd_reminders,
    "broadcast": notices.cmd_broadcast,
    "link-code": linking.cmd_link_code,
}


def main(argv: Sequence[str] | None = None) -> int:
    set_locale("vi")
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(_("Configuration error: {reason}").format(reason=exc), file=sys.stderr)
        return 2
    if args.command not in ("run", "serve"):  # those set LOG_LEVEL up themselves
        # Warnings and errors only, redacted like the bot's (a chat or an import is no log).
        configure_logging(
            max(settings.log_level, logging.WARNING),
            settings.secrets,
        )
    return asyncio.run(COMMANDS[args.command](args, settings))
