"""Officers in the chat: broadcasting a notice to people in their scope (choose the audience,
type the text, see a preview with the count, confirm or cancel) and loading the bank's file
sent as a document (imported after the message's transaction, report as a reply)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from bot.broadcasting import queued_text
from bot.import_text import render_import_report
from bot.sender import quiet
from bot.tally_export import xlsx_bytes
from handlers.context import Context
from handlers.messages import Button, OutFile, Reply, Role
from handlers.rules.sessions import next_session
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _
from storage import audiences, audit, broadcasts, dialogs, schedules, tallies
from storage.audiences import Audience, AudienceKind
from storage.dialogs import Dialog

BROADCAST_FLOW = "broadcast"
MAX_NOTICE = 1000
MAX_FILE_BYTES = 20 * 1024 * 1024  # what a Telegram bot may download
IMPORT_SUFFIXES = (".xlsx", ".csv")


def _only_officers() -> list[Reply]:
    return [Reply(_("Only credit officers can send notices."))]


def _cancel_button() -> Button:
    return Button(_("Cancel"), "bc:cancel")


async def start_broadcast(ctx: Context) -> list[Reply]:
    """`/thongbao` or "gửi thông báo": pick who should receive the notice."""
    if ctx.person.role is not Role.OFFICER:
        return _only_officers()
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    rows: list[list[Button]] = []
    for place in places[:12]:
        rows.append(
            [
                Button(
                    _("Everyone in {commune}").format(commune=place.name), f"bc:commune:{place.id}"
                ),
                Button(
                    _("Leaders in {commune}").format(commune=place.name), f"bc:leaders:{place.id}"
                ),
            ]
        )
    rows.append([Button(_("One group…"), "bc:groups")])
    rows.append([Button(_("People with overdue loans"), "bc:overdue")])
    rows.append([Button(_("Everyone in my area"), "bc:all")])
    rows.append([_cancel_button()])
    await dialogs.set_dialog(
        ctx.conn, ctx.person.channel, ctx.person.chat_id, BROADCAST_FLOW, "audience", {}, ctx.now
    )
    return [
        Reply(
            _(
                "Who should receive the notice? Choose below, or type a group code "
                "(for example 0192041)."
            ),
            buttons=rows,
        )
    ]


async def _choose(ctx: Context, audience: Audience) -> list[Reply]:
    if not await audiences.in_scope(ctx.conn, audience, ctx.person.officer_id):
        return [Reply(_("That commune or group is outside your area."))]
    label = await _audience_label(ctx, audience)
    await dialogs.set_dialog(
        ctx.conn,
        ctx.person.channel,
        ctx.person.chat_id,
        BROADCAST_FLOW,
        "text",
        {"audience": audience.encode(), "label": label},
        ctx.now,
    )
    return [
        Reply(
            _("Notice to: {audience}.\nNow type the notice (at most {limit} characters).").format(
                audience=label, limit=MAX_NOTICE
            ),
            buttons=[[_cancel_button()]],
        )
    ]


async def _audience_label(ctx: Context, audience: Audience) -> str:
    place = await audiences.describe(ctx.conn, audience)
    return {
        AudienceKind.EVERYONE: _("everyone in your area"),
        AudienceKind.COMMUNE: _("everyone in {place}"),
        AudienceKind.GROUP: _("group {place}"),
        AudienceKind.LEADERS: _("group leaders in {place}"),
        AudienceKind.OVERDUE: _("households with overdue loans in your area"),
    }[audience.kind].format(place=place)


async def _pick_group(ctx: Context) -> list[Reply]:
    rows: list[list[Button]] = []
    for commune in await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id):
        for group in await audiences.groups_in_commune(ctx.conn, commune.id):
            if len(rows) < 30:
                rows.append([Button(f"{group.name} ({commune.name})", f"bc:group:{group.id}")])
    rows.append([_cancel_button()])
    return [Reply(_("Which group? Choose, or type its code."), buttons=rows)]


async def on_button(ctx: Context, value: str) -> list[Reply]:
    if ctx.person.role is not Role.OFFICER:
        return _only_officers()
    kind, _sep, target = value.partition(":")
    if kind == "cancel":
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [Reply(_("Cancelled; nothing was sent."))]
    if kind == "send":
        return await _confirm(ctx)
    if kind == "groups":
        return await _pick_group(ctx)
    try:
        audience = Audience(AudienceKind(kind), int(target) if target else None)
    except ValueError:
        return await start_broadcast(ctx)
    return await _choose(ctx, audience)


async def on_text(ctx: Context, dialog: Dialog) -> list[Reply]:
    """A typed answer inside the broadcast dialog."""
    text = ctx.inbound.text.strip()
    if dialog.step == "audience":
        group = await audiences.find_group(ctx.conn, text.upper().replace(" ", ""))
        if group is not None:
            return await _choose(ctx, Audience(AudienceKind.GROUP, group.id))
        commune = await audiences.find_commune(ctx.conn, text)
        if commune is not None:
            return await _choose(ctx, Audience(AudienceKind.COMMUNE, commune.id))
        return [
            Reply(
                _(
                    'I found no group or commune "{text}". Choose a button or type a group code.'
                ).format(text=text[:40]),
                buttons=[[_cancel_button()]],
            )
        ]
    if dialog.step == "text":
        if len(text) > MAX_NOTICE:
            return [
                Reply(
                    _("The notice is {length} characters; please keep it under {limit}.").format(
                        length=len(text), limit=MAX_NOTICE
                    )
                )
            ]
        return await _preview(
            ctx, Audience.decode(dialog.data["audience"]), dialog.data["label"], text
        )
    return await start_broadcast(ctx)


async def _preview(ctx: Context, audience: Audience, label: str, text: str) -> list[Reply]:
    found = await audiences.recipients(ctx.conn, audience, ctx.person.officer_id)
    if not found:
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [
            Reply(
                _(
                    "Nobody in {audience} has linked the chat yet, so there is no one to send "
                    "to. Nothing was sent."
                ).format(audience=label)
            )
        ]
    await dialogs.set_dialog(
        ctx.conn,
        ctx.person.channel,
        ctx.person.chat_id,
        BROADCAST_FLOW,
        "confirm",
        {"audience": audience.encode(), "label": label, "text": text},
        ctx.now,
    )
    lines = [
        _("Preview of the notice to {audience}:").format(audience=label),
        "",
        text,
        "",
        _("Recipients: {count} (people who linked the chat and did not block the bot).").format(
            count=len(found)
        ),
    ]
    if ctx.quiet_hours is not None and quiet(ctx.now, ctx.timezone, ctx.quiet_hours):
        lines.append(
            _("It is night now: sending starts at {hour:02d}:00.").format(hour=ctx.quiet_hours[1])
        )
    return [
        Reply(
            "\n".join(lines),
            buttons=[[Button(_("Confirm sending"), "bc:send"), _cancel_button()]],
        )
    ]


async def _confirm(ctx: Context) -> list[Reply]:
    dialog = await dialogs.get_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id, ctx.now)
    if dialog is None or dialog.flow != BROADCAST_FLOW or dialog.step != "confirm":
        return [Reply(_("There is no notice waiting to be sent. Type /thongbao to start one."))]
    audience = Audience.decode(dialog.data["audience"])
    found = await audiences.recipients(ctx.conn, audience, ctx.person.officer_id)
    if not found:
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [Reply(_("Nobody can receive it any more. Nothing was sent."))]
    broadcast_id = await broadcasts.create(
        ctx.conn,
        officer_id=ctx.person.officer_id,
        audience=audience,
        audience_text=dialog.data["label"],
        text=dialog.data["text"],
        recipients=found,
        status_chat=broadcasts.StatusChat(ctx.person.channel, ctx.person.chat_id),
        status_text=lambda broadcast_id: queued_text(broadcast_id, len(found)),
        now=ctx.now,
        not_before=ctx.now,
    )
    await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
    return [
        Reply(
            _(
                "Notice #{id} is queued for {count} people. The next message shows how the "
                "sending goes."
            ).format(id=broadcast_id, count=len(found))
        )
    ]


# ---- the tally status of the officer's communes ----


async def tally_status(ctx: Context) -> list[Reply]:
    """For each commune in scope: its next (or today's) session, the groups that submitted
    and those that did not, the totals; and the submitted tallies as an .xlsx document."""
    if ctx.person.role is not Role.OFFICER:
        return [Reply(_("Only credit officers can see the tally status of the communes."))]
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    lines: list[str] = []
    sessions: dict[str, date] = {}
    for place in places:
        rules, _group_rules = await schedules.for_commune(ctx.conn, place.id, None)
        session = next_session(rules, ctx.today)
        if session is None:
            lines.append(_("{commune}: no transaction schedule loaded.").format(commune=place.name))
            continue
        sessions[place.name] = session.day
        found = await tallies.status_of_groups(ctx.conn, place.id, session.day)
        done = [g for g in found if g.tally is not None]
        missing = [g for g in found if g.tally is None]
        lines.append(
            _("{commune}, session {date}: {done} of {total} groups submitted.").format(
                commune=place.name,
                date=format_weekday_date(session.day),
                done=len(done),
                total=len(found),
            )
        )
        for g in done:
            assert g.tally is not None
            total = g.tally.totals
            lines.append(
                "  "
                + _(
                    "{code}: interest {collected} of {due}, savings {savings}, cash {cash}; "
                    "{unpaid} members owe interest (version {version})"
                ).format(
                    code=g.code,
                    collected=format_money(total.interest_collected),
                    due=format_money(total.interest_due),
                    savings=format_money(total.savings_collected),
                    cash=format_money(total.cash_to_hand_over),
                    unpaid=g.unpaid_members,
                    version=g.tally.version,
                )
            )
        if missing:
            lines.append(
                "  "
                + _("Not submitted yet: {groups}").format(
                    groups=", ".join(f"{g.code} {g.name}" for g in missing)
                )
            )
    await audit.audit(ctx.conn, ctx.person, "tally_status", ctx.now)
    if not places:
        return [Reply(_("No commune is assigned to you in the officers file."))]
    replies = [Reply("\n".join(lines))]
    exported = [
        x
        for x in await tallies.export_lines(ctx.conn, None, [p.id for p in places])
        if sessions.get(x.commune) == x.session_date
    ]
    if exported:
        replies.append(
            Reply(
                _("The submitted tallies, laid out like the 13/TD form:"),
                document=OutFile(f"bang_ke_13TD_{ctx.today:%Y%m%d}.xlsx", xlsx_bytes(exported)),
            )
        )
    return replies


# ---- a bank file sent as a document ----


async def receive_file(ctx: Context) -> list[Reply]:
    """An officer sent a file: import it after this message's transaction, answer with the
    report. Anybody else is told the bot reads text only."""
    inbound = ctx.inbound
    if ctx.person.role is not Role.OFFICER or inbound.file is None:
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
