"""`reminders` and `broadcast`: what the outbox will send, from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import Settings
from handlers.officer.broadcast_progress import sender_header
from locales.i18n import _
from storage import audiences, broadcasts
from storage.audiences import Audience, AudienceKind
from storage.db import open_database


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


async def _audience(conn: AsyncConnection, args: argparse.Namespace) -> tuple[Audience, str] | str:
    """The audience the arguments name and how it reads, or the one-line reason it does not
    exist."""
    if args.all:
        return Audience(AudienceKind.EVERYONE), _("everyone")
    if args.commune:
        place = await audiences.find_commune(conn, args.commune)
        if place is None:
            return _("No commune is called {name}.").format(name=args.commune)
        return Audience(AudienceKind.COMMUNE, place.id), place.name
    place = await audiences.find_group(conn, args.group.strip())
    if place is None:
        return _("No group has the code {code}.").format(code=args.group)
    return Audience(AudienceKind.GROUP, place.id), f"{args.group} {place.name}"


async def cmd_broadcast(args: argparse.Namespace, settings: Settings) -> int:
    """A notice from the command line: the whole district, a commune or a group."""
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
            named = await _audience(conn, args)
            if isinstance(named, str):
                print(named, file=sys.stderr)
                return 1
            audience, label = named
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
                    header=sender_header(None),
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
