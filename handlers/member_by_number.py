"""A household's question about a member of the group by the number in its list ("số 5 còn
nợ bao nhiêu", "stt 3 đóng chưa", "member 7 overdue?"): a leader gets that member of their
own group as asking by name gives (the number is the member's in the group's list, the one
the tally uses); a borrower, who sees only their own household, the plain refusal with no
figures."""

from __future__ import annotations

from handlers import leader
from handlers.context import Context
from handlers.messages import Reply, Role
from handlers.rules.member_number import numbers_asked
from locales.i18n import _
from storage import borrowers


def asks(text: str) -> bool:
    return bool(numbers_asked(text))


async def member_by_number(ctx: Context) -> list[Reply]:
    """Each member asked about (the registry lets only linked households through)."""
    numbers = numbers_asked(ctx.inbound.text)
    if ctx.person.role is not Role.LEADER or ctx.person.group_id is None:
        return [
            Reply(
                _(
                    "I can show only your own household's figures, not another person's. Each "
                    "household links its own chat; your group leader can help them."
                )
            )
        ]
    view = await borrowers.group_view(ctx.conn, ctx.person.group_id)
    if view is None:
        return [Reply(_("The bank's data about your group is no longer available."))]
    if await leader.names_another_group(ctx, ctx.inbound.text):
        return [leader.only_own_group(view.name)]  # "số 5 tổ T02": never their own number 5
    replies: list[Reply] = []
    for number in numbers:
        if 1 <= number <= len(view.members):
            replies += await leader.member_status(ctx, view, view.members[number - 1])
        else:
            no_such = _("There is no member number {n} in this group.").format(n=number)
            replies.append(Reply(no_such))
    return [Reply("\n\n".join(reply.text for reply in replies))]
