"""`chat` (the console) and `understand` (language understanding as JSON lines)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from bot.config import Settings


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.console import run_console

    return await run_console(settings, args.phone, channel=args.channel)


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
