"""Asked for someone's phone number ("sdt ông Sơn"): the group's contacts when the person
named is one of them, otherwise a plain no with what the asker can do instead; never a
number from the bank's file (handlers/rules/phone_asked.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers import borrower
from handlers.context import Context
from handlers.messages import Kind, Reply, Role
from handlers.rules.phone_asked import asks_phone, names_contact
from locales.i18n import _
from storage import borrowers

Handler = Callable[[Context], Awaitable[list[Reply]]]


def or_phone_asked(handler: Handler) -> Handler:
    """`handler`, unless the message asks for another person's phone number."""

    async def run(ctx: Context) -> list[Reply]:
        understood = ctx.understanding
        name = understood.about_other if understood is not None else None
        if ctx.inbound.kind is not Kind.TEXT or name is None or not asks_phone(ctx.inbound.text):
            return await handler(ctx)
        return await _someone_elses_phone(ctx, name)

    return run


async def _someone_elses_phone(ctx: Context, name: str) -> list[Reply]:
    person = ctx.person
    household = None
    if person.customer_id is not None and person.role in (Role.BORROWER, Role.LEADER):
        household = await borrowers.household(ctx.conn, person.customer_id)
    if household is not None:
        contacts = await borrowers.contacts(ctx.conn, household.group_id, household.commune_id)
        if names_contact(name, [c.name for c in contacts]):  # "sđt chú Bình cán bộ"
            return await borrower.with_household(ctx, "contact_officer", borrower.contact_officer)
    text = _(
        "I do not give out other people's phone numbers: the bot keeps a phone number only to "
        "link that person's own chat."
    )
    if person.role is Role.LEADER:
        text += " " + _(
            "You can see how a member of your group stands, e.g. “{name} còn nợ bao nhiêu”."
        ).format(name=name)
    if household is not None:
        text += " " + _("For your group leader's and credit officer's numbers, type “liên hệ”.")
    return [Reply(text)]
