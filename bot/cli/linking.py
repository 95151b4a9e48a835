"""`link-code`: a one-time code for a customer or an officer to link a chat (slips for a
group or a commune: bot/cli/link_slips.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from bot.config import Settings
from locales.i18n import _


async def cmd_link_code(args: argparse.Namespace, settings: Settings) -> int:
    if args.group or args.commune:
        from bot.cli.link_slips import cmd_link_slips

        return await cmd_link_slips(args, settings)
    if args.out or args.days is not None:
        print(_("--out and --days are for slips (--group or --commune)."), file=sys.stderr)
        return 2
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
