"""Group meetings in the database: calling, moving and cancelling one, members' answers, who
was told, and meetings of the schedule file made into rows like the leaders' ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import news_chat
from storage import outbox as outbox_rows
from storage.db import inserted_id
from storage.links import PRIVATE_CHAT
from storage.schema import (
    chat_links,
    customers,
    groups,
    meeting_answers,
    meeting_revisions,
    meetings,
    outbox,
)

NOTICE_KIND = "meeting_notice"
# A notice's dedupe key: "meeting:<id>:r<revision>:c<customer>" (handlers/meetings/notices.py)
_NOTICE_REVISION = re.compile(r"^meeting:\d+:r(\d+):")


@dataclass(frozen=True)
class Meeting:
    id: int
    group_id: int
    starts_at: datetime  # UTC
    has_time: bool
    place: str
    purpose: str | None
    status: str
    source: str
    revision: int
    called_by: int | None = None

    def local(self, timezone: ZoneInfo) -> datetime:
        return self.starts_at.astimezone(timezone)


def _meeting(row: object) -> Meeting:
    r = row._mapping  # type: ignore[attr-defined]
    starts = r["starts_at"]
    if starts.tzinfo is None:
        starts = starts.replace(tzinfo=UTC)
    return Meeting(
        r["id"],
        r["group_id"],
        starts,
        bool(r["has_time"]),
        r["place"],
        r["purpose"],
        r["status"],
        r["source"],
        r["revision"],
        r["called_by_customer_id"],
    )


async def create(
    conn: AsyncConnection,
    group_id: int,
    starts_at: datetime,
    place: str,
    purpose: str | None,
    called_by: int | None,
    now: datetime,
    *,
    has_time: bool = True,
    source: str = "leader",
) -> Meeting:
    result = await conn.execute(
        meetings.insert().values(
            group_id=group_id,
            starts_at=starts_at,
            has_time=has_time,
            place=place,
            purpose=purpose,
            status="scheduled",
            source=source,
            called_by_customer_id=called_by,
            created_at=now,
            revision=1,
        )
    )
    meeting = await _read_back(conn, inserted_id(result))
    await _keep_revision(conn, meeting, now)
    return meeting


async def _keep_revision(conn: AsyncConnection, meeting: Meeting, now: datetime) -> None:
    """What this revision of the meeting says, for those told of it later."""
    await conn.execute(
        meeting_revisions.insert().values(
            meeting_id=meeting.id,
            revision=meeting.revision,
            starts_at=meeting.starts_at,
            has_time=meeting.has_time,
            place=meeting.place,
            at=now,
        )
    )


async def _read_back(conn: AsyncConnection, meeting_id: int) -> Meeting:
    """The row this transaction just wrote."""
    found = await get(conn, meeting_id)
    if found is None:
        raise LookupError(f"meeting {meeting_id} vanished inside its own transaction")
    return found


async def get(conn: AsyncConnection, meeting_id: int) -> Meeting | None:
    row = (await conn.execute(select(meetings).where(meetings.c.id == meeting_id))).first()
    return _meeting(row) if row is not None else None


async def next_for_group(conn: AsyncConnection, group_id: int, now: datetime) -> Meeting | None:
    """The group's next scheduled meeting that has not started (an hourless one counts all
    day long)."""
    rows = await conn.execute(
        select(meetings)
        .where(
            meetings.c.group_id == group_id,
            meetings.c.status == "scheduled",
            meetings.c.starts_at >= now - timedelta(hours=24),
        )
        .order_by(meetings.c.starts_at)
    )
    for row in rows:
        meeting = _meeting(row)
        if meeting.starts_at > now or (
            not meeting.has_time and meeting.starts_at + timedelta(hours=24) > now
        ):
            return meeting
    return None


async def move(
    conn: AsyncConnection, meeting: Meeting, starts_at: datetime, place: str, now: datetime
) -> Meeting:
    """New date, time or place: a new revision; earlier answers no longer hold, and the
    notices of earlier revisions still waiting are withdrawn."""
    await withdraw_notices(conn, meeting.id, "meeting moved")
    await conn.execute(
        update(meetings)
        .where(meetings.c.id == meeting.id)
        .values(
            starts_at=starts_at,
            has_time=True,
            place=place,
            revision=meetings.c.revision + 1,
            changed_at=now,
        )
    )
    await conn.execute(delete(meeting_answers).where(meeting_answers.c.meeting_id == meeting.id))
    moved = await _read_back(conn, meeting.id)
    await _keep_revision(conn, moved, now)
    return moved


async def cancel(conn: AsyncConnection, meeting: Meeting, now: datetime) -> None:
    await conn.execute(
        update(meetings)
        .where(meetings.c.id == meeting.id)
        .values(status="cancelled", changed_at=now)
    )
    # Notices still waiting are pointless now; the people already told get the cancellation.
    await withdraw_notices(conn, meeting.id, "meeting cancelled")


async def withdraw_notices(conn: AsyncConnection, meeting_id: int, why: str) -> int:
    """The meeting's notices that have not left yet are withdrawn (it was moved or
    cancelled): no one is told of a day, time or place that no longer holds."""
    return await outbox_rows.withdraw_waiting(conn, NOTICE_KIND, f"meeting:{meeting_id}:%", why)


async def answer(
    conn: AsyncConnection, meeting_id: int, customer_id: int, coming: bool, now: datetime
) -> None:
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(meeting_answers).values(
        meeting_id=meeting_id, customer_id=customer_id, coming=coming, at=now
    )
    await conn.execute(
        statement.on_conflict_do_update(
            index_elements=["meeting_id", "customer_id"],
            set_={"coming": coming, "at": now},
        )
    )


@dataclass(frozen=True)
class Member:
    customer_id: int
    name: str
    # (channel, chat_id, locale) of the member's chat for news (storage/news_chat.py),
    # linked and reachable; empty: the member cannot be told on a chat.
    chats: list[tuple[str, str, str]]


async def members(conn: AsyncConnection, group_id: int) -> list[Member]:
    """The group's members with their chat for news (none: cannot be told)."""
    rows = await conn.execute(
        select(
            customers.c.id,
            customers.c.full_name,
            chat_links.c.channel,
            chat_links.c.chat_id,
            chat_links.c.locale,
            *news_chat.RANK_COLUMNS,
        )
        .outerjoin(
            chat_links,
            (chat_links.c.customer_id == customers.c.id)
            & chat_links.c.unreachable_at.is_(None)
            & chat_links.c.consent_at.is_not(None)
            & PRIVATE_CHAT,
        )
        .where(customers.c.group_id == group_id)
        .order_by(customers.c.full_name, customers.c.id)
    )
    found: dict[int, Member] = {}
    best: dict[int, news_chat.Rank] = {}
    for row in rows:
        member = found.setdefault(row.id, Member(row.id, row.full_name, []))
        if row.channel is None:
            continue
        rank = news_chat.row_rank(row)
        if row.id not in best or rank > best[row.id]:
            best[row.id] = rank
            member.chats[:] = [(row.channel, row.chat_id, row.locale)]
    return list(found.values())


async def answers(conn: AsyncConnection, meeting_id: int) -> dict[int, bool]:
    rows = await conn.execute(
        select(meeting_answers.c.customer_id, meeting_answers.c.coming).where(
            meeting_answers.c.meeting_id == meeting_id
        )
    )
    return {int(cid): bool(coming) for cid, coming in rows}


async def told(conn: AsyncConnection, meeting_id: int) -> list[tuple[str, str, str]]:
    """(channel, chat_id, locale) of the chats a notice of this meeting was sent to."""
    return await _notice_chats(conn, meeting_id, ("sent",))


async def waiting_told(conn: AsyncConnection, meeting_id: int) -> list[tuple[str, str, str]]:
    """(channel, chat_id, locale) of the chats whose notice of this meeting is queued and has
    not left yet: told, as far as the leader knows ("Đã gửi cho 1 thành viên")."""
    return await _notice_chats(conn, meeting_id, outbox_rows.WAITING)


async def _notice_chats(
    conn: AsyncConnection, meeting_id: int, statuses: tuple[str, ...]
) -> list[tuple[str, str, str]]:
    """The chats (with their language) of this meeting's notices in one of `statuses`."""
    rows = await conn.execute(
        select(outbox.c.channel, outbox.c.chat_id, func.coalesce(chat_links.c.locale, "vi"))
        .outerjoin(
            chat_links,
            (chat_links.c.channel == outbox.c.channel) & (chat_links.c.chat_id == outbox.c.chat_id),
        )
        .where(
            outbox.c.kind == NOTICE_KIND,
            outbox.c.dedupe_key.like(f"meeting:{meeting_id}:%"),
            outbox.c.status.in_(statuses),
        )
        .distinct()
    )
    return [(channel, chat_id, locale) for channel, chat_id, locale in rows]


async def last_told(conn: AsyncConnection, meeting: Meeting) -> list[tuple[str, str, str, Meeting]]:
    """(channel, chat_id, locale, the meeting as that chat last heard of it) for each chat a
    notice of the meeting was sent to: the day, time and place of the latest revision whose
    notice left for it (a later one withdrawn before it left was never heard). A revision
    not kept (a meeting moved before revisions were kept) reads as the nearest earlier one
    kept, else as the meeting is now."""
    rows = await conn.execute(
        select(
            outbox.c.channel,
            outbox.c.chat_id,
            outbox.c.dedupe_key,
            func.coalesce(chat_links.c.locale, "vi"),
        )
        .outerjoin(
            chat_links,
            (chat_links.c.channel == outbox.c.channel) & (chat_links.c.chat_id == outbox.c.chat_id),
        )
        .where(
            outbox.c.kind == NOTICE_KIND,
            outbox.c.dedupe_key.like(f"meeting:{meeting.id}:%"),
            outbox.c.status == "sent",
        )
        .order_by(outbox.c.id)
    )
    heard: dict[tuple[str, str], tuple[int, str]] = {}
    for channel, chat_id, key, locale in rows:
        found = _NOTICE_REVISION.match(key)
        revision = int(found.group(1)) if found else meeting.revision
        if (channel, chat_id) not in heard or revision > heard[(channel, chat_id)][0]:
            heard[(channel, chat_id)] = (revision, locale)
    kept = {
        int(r.revision): replace(
            meeting,
            starts_at=r.starts_at if r.starts_at.tzinfo else r.starts_at.replace(tzinfo=UTC),
            has_time=bool(r.has_time),
            place=r.place,
            revision=int(r.revision),
        )
        for r in await conn.execute(
            select(meeting_revisions).where(meeting_revisions.c.meeting_id == meeting.id)
        )
    }

    def as_heard(revision: int) -> Meeting:
        earlier = [n for n in kept if n <= revision]
        return kept[max(earlier)] if earlier else meeting

    return [
        (channel, chat_id, locale, as_heard(revision))
        for (channel, chat_id), (revision, locale) in heard.items()
    ]


async def is_member(conn: AsyncConnection, group_id: int, customer_id: int) -> bool:
    found = await conn.scalar(
        select(customers.c.id).where(
            customers.c.id == customer_id, customers.c.group_id == group_id
        )
    )
    return found is not None


async def leader_name(conn: AsyncConnection, group_id: int) -> str | None:
    row = (
        await conn.execute(
            select(customers.c.full_name)
            .join(groups, groups.c.leader_customer_id == customers.c.id)
            .where(groups.c.id == group_id)
        )
    ).first()
    return (
        row.full_name
        if row
        else (await conn.scalar(select(groups.c.leader_name).where(groups.c.id == group_id)))
    )


def start_of(day: date, start_time: str | None, timezone: ZoneInfo) -> tuple[datetime, bool]:
    """A schedule-file meeting's start (UTC) and whether it has an hour."""
    if start_time:
        try:
            hour, minute = (int(x) for x in start_time.split(":"))
            return datetime.combine(day, time(hour, minute), timezone).astimezone(UTC), True
        except ValueError:
            pass
    return datetime.combine(day, time(0, 0), timezone).astimezone(UTC), False


async def group_name(conn: AsyncConnection, group_id: int) -> str:
    return str(await conn.scalar(select(groups.c.name).where(groups.c.id == group_id)) or "")


async def imported_starts(conn: AsyncConnection) -> set[tuple[int, datetime]]:
    """(group, start) of the schedule-file meetings already made into rows."""
    return {
        (r.group_id, _meeting(r).starts_at)
        for r in await conn.execute(select(meetings).where(meetings.c.source == "import"))
    }


async def scheduled_between(conn: AsyncConnection, start: datetime, end: datetime) -> list[Meeting]:
    rows = await conn.execute(
        select(meetings).where(
            meetings.c.status == "scheduled",
            meetings.c.starts_at >= start,
            meetings.c.starts_at < end,
        )
    )
    return [_meeting(r) for r in rows]
