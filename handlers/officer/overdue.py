"""The officer's list of overdue households ("hộ nào quá hạn ở xã Đại Tâm"): in the commune
named, or in all the officer's communes, by group, bounded (`handlers.rules.overdue`); a
commune outside the officer's area is refused."""

from __future__ import annotations

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.area import asked_area
from handlers.render import overdue_text
from storage import audit, borrowers


async def overdue(ctx: Context) -> list[Reply]:
    """Officers only (the registry checks)."""
    area = await asked_area(ctx)
    if isinstance(area, list):
        return area
    ids = [p.id for p in area.communes]
    lines = await borrowers.overdue_in_communes(ctx.conn, ids)
    as_of = await borrowers.as_of_in_communes(ctx.conn, ids)
    subject = None if area.named is None else area.label
    await audit.audit(ctx.conn, ctx.person, "overdue_view", ctx.now, subject=subject)
    return [Reply(overdue_text(area.label, lines, as_of, by_group=True))]
