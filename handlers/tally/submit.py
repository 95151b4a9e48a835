"""Submitting the tally: a new version with a receipt number, the commune's officers told
through the outbox, the leader given the receipt and the cash to hand over."""

from __future__ import annotations

from datetime import date

from bot.nlu.tally_text import TypedTotals
from handlers import flow_state
from handlers.context import Context
from handlers.messages import Reply
from handlers.rules import tally
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _, use_locale
from storage import audit, outbox, tallies
from storage.tallies import GroupInfo
from storage.tally_form import Line


async def submit(
    ctx: Context,
    group: GroupInfo,
    session_day: date,
    lines: list[Line],
    typed: TypedTotals | None = None,
) -> list[Reply]:
    """Store a new version, tell the commune's officers through the outbox, give the receipt
    (and, when the leader typed totals that make other cash, both figures)."""
    if ctx.today > session_day:
        await flow_state.close(ctx)
        return [Reply(_("The session day has passed; this tally is locked."))]
    submitted = await tallies.submit(
        ctx.conn, group, session_day, lines, tally.totals(lines), ctx.person.customer_id, ctx.now
    )
    await audit.audit(ctx.conn, ctx.person, "tally_submit", ctx.now, subject=submitted.receipt_no)
    await flow_state.close(ctx)
    unpaid = [x for x in lines if x.interest_unpaid > 0]
    for channel, chat_id, locale in await tallies.officer_chats(ctx.conn, group.commune_id):
        with use_locale(locale):
            notice = _officer_notice(group, session_day, submitted, unpaid)
        await outbox.enqueue(
            ctx.conn,
            [
                outbox.Message(
                    channel,
                    chat_id,
                    notice,
                    "tally_notice",
                    f"tally:{submitted.tally_id}:{channel}:{chat_id}",
                    ctx.now,
                )
            ],
            ctx.now,
        )
    text = [
        _("Tally submitted. Receipt number: {receipt} (version {version}).").format(
            receipt=submitted.receipt_no, version=submitted.version
        ),
        _("Cash to hand over at the transaction point: {amount}").format(
            amount=format_money(submitted.totals.cash_to_hand_over)
        ),
    ]
    stated = tally.gap(lines, typed).stated_cash if typed is not None else None
    if stated is not None and stated != submitted.totals.cash_to_hand_over:
        text.append(
            "⚠ "
            + _(
                "This is by the members' lines; you said you hold {stated} ({gap} apart). "
                "Tell your credit officer, or submit a new version with the right lines."
            ).format(
                stated=format_money(stated),
                gap=format_money(abs(stated - submitted.totals.cash_to_hand_over)),
            )
        )
    text += [
        _(
            "The credit officer has been told. You can submit again until the end of the "
            "session day; the new version replaces this one."
        ),
    ]
    return [Reply("\n".join(text))]


def _officer_notice(
    group: GroupInfo, session_day: date, submitted: tallies.Submitted, unpaid: list[Line]
) -> str:
    total = submitted.totals
    text = [
        _(
            "Group {code} {name} ({commune}) submitted its tally for {date} (version {version}, "
            "receipt {receipt})."
        ).format(
            code=group.code,
            name=group.name,
            commune=group.commune,
            date=format_weekday_date(session_day),
            version=submitted.version,
            receipt=submitted.receipt_no,
        ),
        _("Interest collected {collected} of {due}; savings {savings}; cash {cash}.").format(
            collected=format_money(total.interest_collected),
            due=format_money(total.interest_due),
            savings=format_money(total.savings_collected),
            cash=format_money(total.cash_to_hand_over),
        ),
    ]
    if unpaid:
        text.append(
            _("Did not pay all their interest ({n}): {names}").format(
                n=len(unpaid), names=", ".join(x.name for x in unpaid)
            )
        )
    return "\n".join(text)
