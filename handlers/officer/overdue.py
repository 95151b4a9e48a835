"""The officer's list of overdue households ("hộ nào quá hạn ở xã Đại Tâm"): in the commune
named, or in all the officer's communes, by group, bounded (`handlers.rules.overdue`); a
commune outside the officer's area is refused."""

from __future__ import annotations

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.area import viewed_area
from handlers.render import overdue_text
from storage import borrowers


async def overdue(ctx: Context) -> list[Reply]:
    """Officers only (the registry checks)."""
    view = await viewed_area(ctx, "overdue_view")
    if isinstance(view, list):
        return view
    lines = await borrowers.overdue_in_communes(ctx.conn, view.ids)
    return [Reply(overdue_text(view.area.label, lines, view.as_of, by_group=True))]
