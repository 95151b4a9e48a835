"""`link-code --group CODE | --commune NAME --out FILE.xlsx [--days 30]`: one slip per
household with a new one-time code, for the officer to hand over at the transaction session
where the person's ID is checked (on Zalo, a code is the only way to link)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from locales.i18n import _

DEFAULT_DAYS = 30
MAX_DAYS = 90


async def cmd_link_slips(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.officer.link_slips import xlsx_bytes
    from storage import audiences, link_slips
    from storage.db import open_database

    days = DEFAULT_DAYS if args.days is None else args.days
    if not 1 <= days <= MAX_DAYS:
        print(_("--days must be 1 to {most}.").format(most=MAX_DAYS), file=sys.stderr)
        return 2
    if args.out is None or args.out.suffix.lower() != ".xlsx":
        print(_("Slips need --out FILE.xlsx."), file=sys.stderr)
        return 2
    engine = await open_database(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with engine.begin() as conn:
            if args.group:
                place = await audiences.find_group(conn, args.group.strip())
                if place is None:
                    print(
                        _("No group has the code {code}.").format(code=args.group), file=sys.stderr
                    )
                    return 1
                found = await link_slips.households(conn, group_id=place.id)
            else:
                place = await audiences.find_commune(conn, args.commune)
                if place is None:
                    print(
                        _("No commune is called {name}.").format(name=args.commune), file=sys.stderr
                    )
                    return 1
                found = await link_slips.households(conn, commune_id=place.id)
            if not found:
                print(_("No household to write a slip for."), file=sys.stderr)
                return 1
            slips = await link_slips.issue(conn, found, now, timedelta(days=days))
            content = xlsx_bytes(slips, settings.timezone)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_bytes(content)  # inside the transaction: no file, no codes
    finally:
        await engine.dispose()
    until = (now + timedelta(days=days)).astimezone(settings.timezone)
    print(len(slips))
    print(
        _(
            "{count} slips written to {path}; their codes work until {date}, once each. "
            "Older unused codes of these households no longer work. Every slip is in the "
            "audit log."
        ).format(count=len(slips), path=args.out, date=until.strftime("%d/%m/%Y")),
        file=sys.stderr,
    )
    return 0
