""" "Everyone paid in full except …" in the tally ("tất cả nộp đủ trừ số 6 vắng", "cả tổ đóng
đủ, riêng bà Lan chưa đóng", "everyone paid in full except number 6"): the members set apart
read as their own lines would be (a member named with nothing said paid nothing), one yes or
no asked for the whole line, and on a yes everyone not yet noted counts as paid in full as
"đủ" notes one member, the members set apart as said; members already noted stay as noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu import extract_amounts, tally_text
from bot.nlu.all_but import all_but
from handlers.buttons import TallyAction, TallyButton
from handlers.messages import Button, Reply
from handlers.rules import tally
from handlers.tally import render
from handlers.tally.draft import TallyDraft, with_change
from handlers.tally.members import find_named
from locales.formatting import format_money
from locales.i18n import _, ngettext
from storage.tally_form import Line

# A member's number, with its tag or not: "số 6", "6", "no. 6", "member 6", "#6"
_MEMBER = re.compile(
    r"^\s*(?:so|stt|tv|s|#|member|number|no\.?|thanh vien)?\s*(\d{1,3})"
    r"(?:\s*[.:,)\-]\s*|\s+|$)(.*)$"
)
_APART = re.compile(r"\s*(?:[,;]|\bva\b|\band\b)\s*")
_NOTHING_PAID = tally_text.Answer(interest=0, savings=0)


@dataclass(frozen=True)
class SetApart:
    """The members set apart, each as their line will be once noted; or, when the line
    cannot be noted as it is, why (`problem`), and nothing is asked."""

    lines: list[Line]
    problem: str | None = None


def set_apart(text: str, lines: list[Line]) -> SetApart | None:
    """The members "everyone paid in full except …" sets apart, or None when the line says
    no such thing."""
    said = all_but(text)
    if said is None:
        return None
    found: list[tuple[Line, str]] = []
    for part in (x for x in _APART.split(said) if x):
        member = _MEMBER.match(part)
        if member is not None:
            n = int(member.group(1))
            if not 1 <= n <= len(lines):
                return _cannot(_("There is no member number {n} in this group.").format(n=n))
            found.append((lines[n - 1], member.group(2).strip()))
            continue
        named = find_named(part, lines)
        if named is not None and len(named.members) > 1:
            names = ", ".join(x.name for x in named.members)
            return _cannot(
                _("Several members fit “{said}”: {names}. Type their number instead.").format(
                    said=part, names=names
                )
            )
        if named is not None:
            found.append((named.members[0], named.rest))
        elif found:  # "bà Lan, she was sick": more about the member before
            found[-1] = (found[-1][0], f"{found[-1][1]} {part}".strip())
        else:
            return _cannot(_("I could not tell which member “{said}” is.").format(said=part))
    words = ""
    for i in range(len(found) - 1, -1, -1):  # "số 3 và số 5 chưa đóng": 3 shares 5's words
        words = found[i][1] or words
        found[i] = (found[i][0], words)
    apart: dict[int, Line] = {}
    for line, words in found:
        answer = _answer(words)
        if answer is None:
            return _cannot(
                _("I could not read what {name} paid (“{said}”).").format(
                    name=line.name, said=words
                )
            )
        readings = tally.paid_in_all(line, tally.short_of_due(line, answer))
        if len(readings) != 1:
            return _cannot(
                _("I cannot tell whether {amount} from {name} includes savings.").format(
                    amount=format_money(answer.interest or 0), name=line.name
                )
            )
        apart[line.customer_id] = tally.apply(line, readings[0])
    return SetApart([apart[x.customer_id] for x in lines if x.customer_id in apart])


def _cannot(why: str) -> SetApart:
    note = _(
        "Nothing noted yet. Type the line again, or each member who paid differently on a "
        "line of their own."
    )
    return SetApart([], f"{why} {note}")


def _answer(words: str) -> tally_text.Answer | None:
    """What a member set apart paid: as their own line says, nothing when nothing is said
    or the words say no amount ("she was sick"); None when an amount cannot be read."""
    if not words:
        return _NOTHING_PAID
    try:
        return tally_text.parse_answer(words, member_named=True)
    except tally_text.OverCap:
        return None
    except tally_text.NotUnderstood:
        if extract_amounts(words) or any(c.isdigit() for c in words):
            return None
        return _NOTHING_PAID


def rows(apart: list[Line]) -> list[list[int]]:
    """The members set apart as the draft keeps them while the yes is awaited."""
    return [
        [
            x.customer_id,
            x.interest_collected,
            x.savings_deposited,
            x.principal_from_savings,
            2 if x.put_off else int(x.absent),
        ]
        for x in apart
    ]


def applied(lines: list[Line], kept: list[list[int]]) -> list[Line]:
    """The lines with the members set apart as kept; every other line as it was (those not
    noted count as paid in full already, those noted stay as noted)."""
    by_id = {row[0]: row for row in kept if len(row) == 5}
    out = []
    for line in lines:
        row = by_id.get(line.customer_id)
        out.append(line if row is None else with_change(line, row[1:]))
    return out


def _in_full(draft: TallyDraft, lines: list[Line], apart: set[int]) -> tuple[list[Line], ...]:
    """(counted as paid in full, already noted, echoed and never confirmed) among the
    members not set apart."""
    waiting = {x[0] for x in draft.unconfirmed_answers}
    others = [x for x in lines if x.customer_id not in apart]
    noted = [x for x in others if x.changed and x.customer_id not in waiting]
    unconfirmed = [x for x in others if x.customer_id in waiting]
    full = [x for x in others if not x.changed and x.customer_id not in waiting]
    return full, noted, unconfirmed


def question(draft: TallyDraft, lines: list[Line], apart: list[Line]) -> Reply:
    """One yes or no for the whole line: how many members count as paid in full, each
    member set apart and what they are noted as, and who stays as already noted."""
    full, noted, unconfirmed = _in_full(draft, lines, {x.customer_id for x in apart})
    out = [
        ngettext(
            "I will note {n} member as paid in full (the interest due and the minimum "
            "savings), and:",
            "I will note {n} members as paid in full (the interest due and the minimum "
            "savings each), and:",
            len(full),
        ).format(n=len(full))
    ]
    out += [f"{lines.index(_same(lines, x)) + 1}. {x.name} → {render.describe(x)}" for x in apart]
    if noted:
        out.append(
            ngettext(
                "{n} member already noted stays as noted: {names}.",
                "{n} members already noted stay as noted: {names}.",
                len(noted),
            ).format(n=len(noted), names=", ".join(x.name for x in noted))
        )
    if unconfirmed:
        out.append(
            _("Left as they are, waiting for your yes: {names}.").format(
                names=", ".join(x.name for x in unconfirmed)
            )
        )
    out.append(_("Is that right?"))
    buttons = [
        [Button(_("Confirm: note them"), TallyButton(TallyAction.ALL_BUT).pack())],
        [Button(_("No, note nothing"), TallyButton(TallyAction.ALL_BUT_NO).pack())],
    ]
    return Reply("\n".join(out), buttons=buttons)


def _same(lines: list[Line], line: Line) -> Line:
    return next(x for x in lines if x.customer_id == line.customer_id)


def noted(draft: TallyDraft, lines: list[Line], apart: list[int], full: int) -> Reply:
    """After the yes: what was noted, everyone noted so far, and the next step."""
    said = ngettext(
        "Noted: {n} member paid in full, and:",
        "Noted: {n} members paid in full, and:",
        full,
    ).format(n=full)
    shown = [
        f"{n}. {x.name} → {render.describe(x)}"
        for n, x in enumerate(lines, 1)
        if x.customer_id in apart
    ]
    out = [said, *shown, "", *render.paid_differently(lines), ""]
    out.append(_("Type the next change, or “xong” to see the summary."))
    return Reply("\n".join(out), buttons=render.running_buttons(), reads_numbers=True)


def counted_in_full(draft: TallyDraft, lines: list[Line], apart: set[int]) -> int:
    """How many members the yes counts as paid in full."""
    return len(_in_full(draft, lines, apart)[0])


def not_noted(said: str) -> str:
    """The line was answered with something else than its yes: nothing of it is noted."""
    return _("Not noted: “{said}” (it was not confirmed).").format(said=said)
