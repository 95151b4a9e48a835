"""Submitting the collection tally (Bảng kê 13/TD) from the chat: a draft kept in the
database (it survives restarts and hours of pause, and expires after the session day), the
one-tap common case, exceptions per member or as group totals, a summary with warnings, and a
versioned submission with a receipt and a notice to the commune's officers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.nlu import tally_text
from handlers.context import Context
from handlers.messages import Button, Reply, Role
from handlers.render import CANCEL_WORDS
from handlers.rules import tally
from handlers.rules.sessions import next_session
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _, use_locale
from locales.textfold import fold
from storage import audit, dialogs, outbox, schedules, tallies
from storage.tallies import GroupInfo
from storage.tally_form import Line

TALLY_FLOW = "tally"
# "5", "5 vắng", "số 5: lãi 100k" (but not "200k", an amount)
_MEMBER = re.compile(r"^\s*(?:so\s*)?(\d{1,3})(?:\s*[.:,)\-]\s*|\s+|$)(.*)$")
_SUMMARY_WORDS = {"xong", "tong ket", "xem lai", "xem tong", "tong hop", "het", "da xong"}
_CANCEL_WORDS = CANCEL_WORDS | {"huy bang ke"}
_RESUME_WORDS = ("tiep tuc", "bang ke", "nop bang ke")


def _buttons_start() -> list[list[Button]]:
    return [
        [Button(_("Confirm: everyone paid in full"), "tally:all")],
        [Button(_("Cancel the tally"), "tally:cancel")],
    ]


def _buttons_summary() -> list[list[Button]]:
    return [
        [Button(_("Confirm submission"), "tally:submit")],
        [Button(_("Edit"), "tally:edit"), Button(_("Cancel the tally"), "tally:cancel")],
    ]


def _only_leaders() -> list[Reply]:
    return [Reply(_("Only the group leader (or deputy) can do this."))]


# ---- the draft ----


def _expires(session_day: date, ctx: Context) -> datetime:
    end = datetime.combine(session_day + timedelta(days=1), time(0, 0), ctx.timezone)
    return end.astimezone(ctx.now.tzinfo)


async def _save(ctx: Context, data: dict[str, Any], step: str = "lines") -> None:
    session_day = date.fromisoformat(data["session"])
    await dialogs.set_dialog(
        ctx.conn,
        ctx.person.channel,
        ctx.person.chat_id,
        TALLY_FLOW,
        step,
        data,
        ctx.now,
        ttl=_expires(session_day, ctx) - ctx.now,
    )


def _encode(line: Line) -> list[int]:
    return [
        line.interest_collected,
        line.savings_deposited,
        line.principal_from_savings,
        int(line.absent),
    ]


def _lines(expected: list[Line], data: dict[str, Any]) -> list[Line]:
    """The expected lines with the leader's changes laid over them."""
    changes: dict[str, list[int]] = data.get("changes", {})
    found = []
    for line in expected:
        change = changes.get(str(line.customer_id))
        if change is not None:
            interest, savings, principal, absent = change
            line = replace(
                line,
                interest_collected=interest,
                savings_deposited=savings,
                principal_from_savings=principal,
                absent=bool(absent),
            )
        found.append(line)
    return found


async def _group(ctx: Context) -> GroupInfo | None:
    if ctx.person.group_id is None:
        return None
    return await tallies.group_info(ctx.conn, ctx.person.group_id)


async def _session_day(ctx: Context, group: GroupInfo) -> date | None:
    commune_rules, _group_rules = await schedules.for_commune(ctx.conn, group.commune_id, group.id)
    session = next_session(commune_rules, ctx.today)
    return session.day if session is not None else None


# ---- rendering ----


def _member_list(lines: list[Line]) -> list[str]:
    rendered = []
    for number, line in enumerate(lines, start=1):
        text = _("{number}. {name}: interest {amount}").format(
            number=number, name=line.name, amount=format_money(line.interest_due)
        )
        if line.changed:
            text += " → " + _describe(line)
        rendered.append(text)
    return rendered


def _describe(line: Line) -> str:
    if line.absent:
        return _("absent, paid nothing")
    text = _("paid interest {interest}, savings {savings}").format(
        interest=format_money(line.interest_collected),
        savings=format_money(line.savings_deposited),
    )
    if line.principal_from_savings:
        text += ", " + _("principal from savings {amount}").format(
            amount=format_money(line.principal_from_savings)
        )
    return text


def _how_to_edit() -> str:
    return _(
        "If someone paid differently, type their number and what they paid, e.g. "
        '"5 lãi 100k gửi 0" or "5 vắng"; or type the group totals, e.g. '
        '"thu lãi 4tr25, tiết kiệm 1tr8".'
    )


def _summary(group: GroupInfo, session_day: date, lines: list[Line], data: dict[str, Any]) -> Reply:
    total = tally.totals(lines)
    warn = tally.warnings(lines)
    out = [
        _("Tally of group {code}, session {date}:").format(
            code=group.code, date=format_weekday_date(session_day)
        ),
        _("Interest due: {amount}").format(amount=format_money(total.interest_due)),
        _("Interest collected: {amount}").format(amount=format_money(total.interest_collected)),
        _("Interest still unpaid: {amount}").format(amount=format_money(total.interest_unpaid)),
        _("Savings collected: {amount}").format(amount=format_money(total.savings_collected)),
        _("Principal repaid from savings: {amount}").format(
            amount=format_money(total.principal_from_savings)
        ),
        _("Cash to hand over at the transaction point: {amount}").format(
            amount=format_money(total.cash_to_hand_over)
        ),
    ]
    if warn.unpaid:
        out.append(
            _("Did not pay all their interest ({n}): {names}").format(
                n=len(warn.unpaid), names=", ".join(x.name for x in warn.unpaid)
            )
        )
    else:
        out.append(_("Everyone paid their interest."))
    if warn.over_collected:
        out.append(
            "⚠ "
            + _("Interest collected is above what is due for: {names}").format(
                names=", ".join(x.name for x in warn.over_collected)
            )
        )
    if warn.below_minimum:
        out.append(
            "⚠ "
            + _("Savings below the group's minimum for: {names}").format(
                names=", ".join(x.name for x in warn.below_minimum)
            )
        )
    typed = data.get("typed")
    if typed:
        interest, savings = tally.differences(lines, tally_text.TypedTotals(*typed))
        if interest or savings:
            out.append(
                "⚠ "
                + _(
                    "The totals you typed differ from the members' lines: interest {interest}, "
                    "savings {savings}. Tell me who paid differently, or submit as it is."
                ).format(interest=_signed(interest), savings=_signed(savings))
            )
    out.append(_("Submit this tally?"))
    return Reply("\n".join(out), buttons=_buttons_summary())


def _signed(amount: int) -> str:
    if amount > 0:
        return "+" + format_money(amount)
    if amount < 0:
        return "−" + format_money(-amount)
    return format_money(0)


# ---- entry points ----


async def start(ctx: Context) -> list[Reply]:
    """ "nộp bảng kê", the menu button, the reminder's button, "tiếp tục bảng kê"."""
    if ctx.person.role is not Role.LEADER:
        return _only_leaders()
    group = await _group(ctx)
    if group is None:
        return [Reply(_("The bank's data about your group is no longer available."))]
    dialog = await dialogs.get_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id, ctx.now)
    if dialog is not None and dialog.flow == TALLY_FLOW and dialog.data["group"] == group.id:
        return await _resume(ctx, group, dialog.data)
    session_day = await _session_day(ctx, group)
    if session_day is None:
        return [
            Reply(
                _(
                    "The transaction schedule of your commune has not been loaded, so I do not "
                    "know which session the tally is for. Ask your credit officer."
                )
            )
        ]
    data: dict[str, Any] = {"group": group.id, "session": session_day.isoformat(), "changes": {}}
    await _save(ctx, data)
    expected = await tallies.expected_lines(ctx.conn, group)
    total = tally.totals(expected)
    text = [
        _("Tally (Bảng kê 13/TD) of group {code} {name}, session {date}.").format(
            code=group.code, name=group.name, date=format_weekday_date(session_day)
        ),
        _("{n} members; interest due {interest}; minimum savings {savings} a member.").format(
            n=len(expected),
            interest=format_money(total.interest_due),
            savings=format_money(group.min_savings),
        ),
    ]
    previous = await tallies.unpaid_in_current(ctx.conn, group.id, session_day)
    if previous is not None:
        text.append(
            _(
                "A tally for this session was already submitted; submitting again replaces "
                "it with a new version."
            )
        )
    text += ["", *_member_list(expected), "", _how_to_edit()]
    return [Reply("\n".join(text), buttons=_buttons_start())]


async def _resume(ctx: Context, group: GroupInfo, data: dict[str, Any]) -> list[Reply]:
    session_day = date.fromisoformat(data["session"])
    lines = _lines(await tallies.expected_lines(ctx.conn, group), data)
    changed = [f"{n}. {x.name} → {_describe(x)}" for n, x in enumerate(lines, 1) if x.changed]
    text = [
        _("Continuing the tally of group {code} for {date}.").format(
            code=group.code, date=format_weekday_date(session_day)
        ),
        _("Members who paid differently so far: {n}").format(n=len(changed)),
        *changed,
        _how_to_edit(),
    ]
    summary = _summary(group, session_day, lines, data)
    return [Reply("\n".join(text) + "\n\n" + summary.text, buttons=summary.buttons)]


async def on_button(ctx: Context, action: str) -> list[Reply]:
    if ctx.person.role is not Role.LEADER:
        return _only_leaders()
    group = await _group(ctx)
    dialog = await dialogs.get_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id, ctx.now)
    if group is None or dialog is None or dialog.flow != TALLY_FLOW:
        return [
            Reply(
                _(
                    'There is no tally being filled in (it may have expired). Type "nop bang ke" '
                    "to start one."
                )
            )
        ]
    data = dict(dialog.data)
    session_day = date.fromisoformat(data["session"])
    expected = await tallies.expected_lines(ctx.conn, group)
    if action == "cancel":  # a slip of the finger must not throw away an evening's work
        return [
            Reply(
                _("Delete this tally draft? Nothing has been submitted yet."),
                buttons=[
                    [
                        Button(_("Confirm deleting the draft"), "tally:cancelok"),
                        Button(_("Keep the draft"), "tally:summary"),
                    ]
                ],
            )
        ]
    if action == "cancelok":
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [Reply(_("The tally draft was deleted; nothing was submitted."))]
    changes = data.get("changes", {})
    if action == "all" and changes:
        return [
            Reply(
                _(
                    "You have noted {n} members who paid differently. Forget those notes and "
                    "count everyone as paid in full?"
                ).format(n=len(changes)),
                buttons=[
                    [
                        Button(_("Confirm: everyone paid in full"), "tally:allok"),
                        Button(_("Keep my notes"), "tally:summary"),
                    ]
                ],
            )
        ]
    if action in ("all", "allok"):
        data["changes"] = {}
        await _save(ctx, data)
        return [_summary(group, session_day, expected, data)]
    if action == "edit":
        await _save(ctx, data)
        lines = _lines(expected, data)
        text = "\n".join([*_member_list(lines), "", _how_to_edit()])
        return [Reply(text, buttons=_buttons_start())]
    if action == "summary":
        return [_summary(group, session_day, _lines(expected, data), data)]
    if action == "submit":
        return await _submit(ctx, group, session_day, _lines(expected, data))
    return [_summary(group, session_day, _lines(expected, data), data)]


async def on_text(ctx: Context, data: dict[str, Any], step: str) -> list[Reply] | None:
    """A typed message while a draft is open; None when it is not about the tally (the
    router then answers it as usual and the draft waits)."""
    if ctx.person.role is not Role.LEADER:
        return None
    group = await _group(ctx)
    if group is None or data.get("group") != group.id:
        return None
    text = ctx.inbound.text.strip()
    folded = fold(text)
    session_day = date.fromisoformat(data["session"])
    if folded in _CANCEL_WORDS:
        return await on_button(ctx, "cancel")
    expected = await tallies.expected_lines(ctx.conn, group)
    if folded in _SUMMARY_WORDS:
        return [_summary(group, session_day, _lines(expected, data), data)]
    if folded.startswith(_RESUME_WORDS):
        return await _resume(ctx, group, data)
    typed = tally_text.parse_totals(text)
    if typed is not None:
        data = dict(data, typed=[typed.interest, typed.savings])
        await _save(ctx, data)
        return [_summary(group, session_day, _lines(expected, data), data)]
    lines = _lines(expected, data)
    target: int | None = None
    answer_text = text
    member = _MEMBER.match(folded)
    if step.startswith("member:"):
        target = int(step.removeprefix("member:"))
    if member is not None and 1 <= int(member.group(1)) <= len(lines):
        line = lines[int(member.group(1)) - 1]
        rest = member.group(2).strip()
        if not rest:
            await _save(ctx, data, f"member:{line.customer_id}")
            return [
                Reply(
                    _(
                        "{name}: interest due {interest}, minimum savings {savings}. What did "
                        'they pay? (e.g. "lãi 100k gửi 50k", "vắng", "đủ")'
                    ).format(
                        name=line.name,
                        interest=format_money(line.interest_due),
                        savings=format_money(line.min_savings),
                    )
                )
            ]
        target, answer_text = line.customer_id, rest
    elif member is not None and not step.startswith("member:"):
        return [Reply(_("There is no member number {n} in this group.").format(n=member.group(1)))]
    if target is None:
        return None
    try:
        answer = tally_text.parse_answer(answer_text)
    except tally_text.NotUnderstood:
        return [
            Reply(
                _(
                    'I could not read an amount in that. Write for example "lãi 100k gửi 50k", '
                    '"vắng" or "0"; amounts must be between 0 and 100 triệu.'
                )
            )
        ]
    updated = [tally.apply(x, answer) if x.customer_id == target else x for x in lines]
    changes = {str(x.customer_id): _encode(x) for x in updated if x.changed}
    data = dict(data, changes=changes)
    await _save(ctx, data)
    line = next(x for x in updated if x.customer_id == target)
    noted = _("Noted: {name} → {what}.").format(name=line.name, what=_describe(line))
    summary = _summary(group, session_day, updated, data)
    return [Reply(noted + "\n\n" + summary.text, buttons=summary.buttons)]


async def _submit(
    ctx: Context, group: GroupInfo, session_day: date, lines: list[Line]
) -> list[Reply]:
    if ctx.today > session_day:
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [Reply(_("The session day has passed; this tally is locked."))]
    submitted = await tallies.submit(
        ctx.conn, group, session_day, lines, tally.totals(lines), ctx.person.customer_id, ctx.now
    )
    await audit.audit(ctx.conn, ctx.person, "tally_submit", ctx.now, subject=submitted.receipt_no)
    await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
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
