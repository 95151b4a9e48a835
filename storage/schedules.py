"""Transaction schedules as stored: one rule per row (a day of every month, or a one-off
date), for a commune's sessions or a group's own meetings, read once per question.

Which day is next is a bank rule and lives in `handlers.rules.sessions`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import communes, schedules


@dataclass(frozen=True)
class ScheduleRule:
    day_of_month: int | None
    on_date: date | None
    start_time: str | None
    place: str | None


def _rule(row: Any) -> ScheduleRule:
    return ScheduleRule(row.day_of_month, row.on_date, row.start_time, row.place)


async def for_commune(
    conn: AsyncConnection, commune_id: int, group_id: int | None
) -> tuple[list[ScheduleRule], list[ScheduleRule]]:
    """(the commune's session rules, the group's own meeting rules)."""
    rows = await conn.execute(select(schedules).where(schedules.c.commune_id == commune_id))
    commune_rules: list[ScheduleRule] = []
    group_rules: list[ScheduleRule] = []
    for r in rows:
        if r.group_id is None:
            commune_rules.append(_rule(r))
        elif r.group_id == group_id:
            group_rules.append(_rule(r))
    return commune_rules, group_rules


@dataclass(frozen=True)
class AllRules:
    commune_names: dict[int, str]
    by_commune: dict[int, list[ScheduleRule]]
    by_group: dict[int, list[ScheduleRule]]


async def all_rules(conn: AsyncConnection) -> AllRules:
    """Every commune's and every group's rules, for planning a day's reminders."""
    names = {r.id: r.name for r in await conn.execute(select(communes.c.id, communes.c.name))}
    by_commune: dict[int, list[ScheduleRule]] = defaultdict(list)
    by_group: dict[int, list[ScheduleRule]] = defaultdict(list)
    for r in await conn.execute(select(schedules)):
        if r.group_id is None:
            by_commune[r.commune_id].append(_rule(r))
        else:
            by_group[r.group_id].append(_rule(r))
    return AllRules(names, dict(by_commune), dict(by_group))
