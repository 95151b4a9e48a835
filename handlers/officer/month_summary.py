"""An officer's month summary ("tổng kết tháng 11 xã ĐT", "báo cáo bảng kê tháng trước"):
what the bot has for a past month are the tallies its groups submitted for that month's
sessions. For the commune named (or all the officer's): how many groups submitted, each
one's interest and savings collected, those with none, the file laid out like the 13/TD
form, and the command that exports the month on the server."""

from __future__ import annotations

from collections import defaultdict

from handlers.context import Context
from handlers.messages import OutFile, Reply
from handlers.officer.area import viewed_area
from handlers.tally.export import xlsx_bytes
from locales.formatting import format_money
from locales.i18n import _
from storage import borrowers, tallies
from storage.tallies import ExportLine


async def summary(ctx: Context, period: tuple[int, int]) -> list[Reply]:
    """Officers only (the registry or the officer's questions check)."""
    view = await viewed_area(ctx, "tally_month_view")
    if isinstance(view, list):
        return view
    year, month = period
    lines = await tallies.export_lines(ctx.conn, period, view.ids)
    by_group: dict[tuple[str, str], list[ExportLine]] = defaultdict(list)
    for line in lines:
        by_group[(line.commune, line.group_code)].append(line)
    month_shown = f"{month:02d}/{year}"
    out: list[str] = []
    names = {p.id: p.name for p in view.area.communes}
    places = [p for p in await borrowers.places(ctx.conn) if p.commune_id in names]
    for commune_id, commune in names.items():
        groups = sorted((p for p in places if p.commune_id == commune_id), key=lambda p: p.code)
        done = [g for g in groups if (commune, g.code) in by_group]
        out.append(
            _("{commune}, tallies of {month}: {done} of {total} groups submitted.").format(
                commune=commune, month=month_shown, done=len(done), total=len(groups)
            )
        )
        for group in done:
            submitted = by_group[(commune, group.code)]
            sessions = ", ".join(sorted({f"{x.session_date:%d/%m}" for x in submitted}))
            out.append(
                "  "
                + _(
                    "{code} {name} (session {sessions}): interest {collected} of {due}, "
                    "savings {savings}"
                ).format(
                    code=group.code,
                    name=group.group_name,
                    sessions=sessions,
                    collected=format_money(sum(x.interest_collected for x in submitted)),
                    due=format_money(sum(x.interest_due for x in submitted)),
                    savings=format_money(sum(x.savings_deposited for x in submitted)),
                )
            )
        missing = [g for g in groups if g not in done]
        if missing:
            out.append(
                "  "
                + _("No tally for {month}: {groups}").format(
                    month=month_shown, groups=", ".join(f"{g.code} {g.group_name}" for g in missing)
                )
            )
    out.append(
        _(
            "The whole month as a file: on the server, ./dev export-tallies --period {period} "
            "--format xlsx (or csv) --out FILE."
        ).format(period=f"{year}-{month:02d}")
    )
    replies = [Reply("\n".join(out))]
    if lines:
        replies.append(
            Reply(
                _("The tallies of {month}, laid out like the 13/TD form:").format(
                    month=month_shown
                ),
                document=OutFile(
                    f"bang_ke_13TD_{year}{month:02d}.xlsx", xlsx_bytes(lines, ctx.timezone)
                ),
            )
        )
    return replies
