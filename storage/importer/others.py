"""The three small files: transaction schedule, group leaders, officers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Column, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.i18n import _
from storage.importer.ceilings import MIN_SAVINGS_CEILING, column_length
from storage.importer.columns import Header
from storage.importer.common import (
    CommuneResolver,
    FileRefused,
    ImportReport,
    RowError,
    is_blank_row,
    is_total_row,
    new_id,
    too_long,
    too_much,
)
from storage.importer.scope import ImportScope, commune_outside, stored_outside
from storage.schema import (
    communes,
    customer_phones,
    customers,
    groups,
    officer_communes,
    officers,
    schedules,
)
from storage.values import (
    AmountTooLarge,
    is_blank,
    parse_code,
    parse_date,
    parse_money,
    parse_phones,
    parse_text,
    parse_time,
)

Rows = Iterable[tuple[int, list[object]]]


def _cell(header: Header, cells: list[object], fld: str) -> object:
    index = header.positions.get(fld)
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _text(header: Header, cells: list[object], fld: str, column: Column[Any]) -> str:
    """The cell as text, refused when longer than the column that stores it."""
    text = parse_text(_cell(header, cells, fld))
    if len(text) > (limit := column_length(column)):
        raise too_long(header.label_of(fld), limit)
    return text


def _data_rows(
    header: Header, rows: Rows, report: ImportReport
) -> Iterable[tuple[int, list[object]]]:
    for line, cells in rows:
        if line <= header.line:
            continue
        report.rows_read += 1
        if is_blank_row(cells) or is_total_row(cells):
            report.skipped += 1
            continue
        yield line, cells


async def import_schedule(
    conn: AsyncConnection,
    header: Header,
    rows: Rows,
    report: ImportReport,
    scope: ImportScope | None = None,
) -> None:
    """Monthly day per commune (or per group), and one-off moved sessions on a full date."""
    limited = scope if scope is not None and not scope.every_commune else None
    resolver = CommuneResolver(conn, report, create=limited is None)
    group_rows = {
        r.code: r
        for r in await conn.execute(select(groups.c.id, groups.c.code, groups.c.commune_id))
    }
    planned: list[dict[str, Any]] = []
    for line, cells in _data_rows(header, rows, report):
        try:
            day, on_date = _session_day(header, cells)
            start_time = _session_time(header, cells)
            place = _text(header, cells, "place", schedules.c.place) or None
            commune_id, group_id = await _session_place(
                header, cells, resolver, group_rows, limited
            )
        except RowError as exc:
            report.rejected.append((line, str(exc)))
            continue
        planned.append(
            {
                "commune_id": commune_id,
                "group_id": group_id,
                "day_of_month": day,
                "on_date": on_date,
                "start_time": start_time,
                "place": place,
            }
        )
    if not planned:
        raise FileRefused(_("no usable rows: nothing was stored"))
    report.kept = len(planned)
    await _save_schedules(conn, planned, report)


def _session_day(header: Header, cells: list[object]) -> tuple[int | None, date | None]:
    """The day of the month (1-31) of a monthly session, or the date of a one-off one."""
    raw_day, raw_date = _cell(header, cells, "day_of_month"), _cell(header, cells, "on_date")
    if is_blank(raw_date) and is_blank(raw_day):
        raise RowError(_("missing {column}").format(column="Ngày giao dịch / Ngày"))
    try:
        if not is_blank(raw_date):
            return None, parse_date(raw_date)
        number = float(parse_text(raw_day).replace(",", "."))
        if not 1 <= number < 32:  # also NaN and infinity (`int()` of those raises otherwise)
            raise ValueError
        return int(number), None
    except ValueError:
        raise RowError(
            _("column {column}: {value!r} is not a day of the month (1-31) or a date").format(
                column="Ngày giao dịch", value=raw_day if is_blank(raw_date) else raw_date
            )
        ) from None


def _session_time(header: Header, cells: list[object]) -> str | None:
    raw_time = _cell(header, cells, "time")
    if is_blank(raw_time):
        return None
    try:
        return parse_time(raw_time)
    except ValueError:
        raise RowError(
            _("column {column}: {value!r} is not a time").format(column="Giờ", value=raw_time)
        ) from None


async def _session_place(
    header: Header,
    cells: list[object],
    resolver: CommuneResolver,
    group_rows: dict[str, Any],
    limited: ImportScope | None,
) -> tuple[int, int | None]:
    """(commune id, group id or None): a `Mã tổ` names a stored group, else the commune;
    with a `limited` scope, only one of its communes."""
    group_code = parse_code(_cell(header, cells, "group_code"))
    if group_code:
        group = group_rows.get(group_code)
        if group is None:
            raise RowError(
                _("unknown group {code} (load the loans file first)").format(code=group_code)
            )
        if limited is not None and not limited.allows_commune(group.commune_id):
            raise RowError(stored_outside("group", group_code))
        return group.commune_id, group.id
    name = _text(header, cells, "commune_name", communes.c.name)
    code = parse_code(_cell(header, cells, "commune_code"))
    if len(code) > (limit := column_length(communes.c.code)):
        raise too_long(header.label_of("commune_code"), limit)
    if not name and not code:
        raise RowError(_("missing {column}").format(column="Tên xã / Mã xã"))
    if limited is not None and not limited.allows_commune(await resolver.lookup(name, code)):
        raise RowError(commune_outside(name or code))
    commune_id = await resolver.resolve(name, code)
    if commune_id is None:
        raise RowError(_("unknown commune code {code}").format(code=code))
    return commune_id, None


async def _save_schedules(
    conn: AsyncConnection, planned: list[dict[str, Any]], report: ImportReport
) -> None:
    """Each row replaces the stored one of the same slot (commune, group, one-off date)."""
    for values in planned:
        same_slot = and_(
            schedules.c.commune_id == values["commune_id"],
            schedules.c.group_id.is_(None)
            if values["group_id"] is None
            else schedules.c.group_id == values["group_id"],
            schedules.c.on_date == values["on_date"]
            if values["on_date"] is not None
            else schedules.c.on_date.is_(None),
        )
        existing = (await conn.execute(select(schedules).where(same_slot))).first()
        if existing is None:
            await conn.execute(schedules.insert().values(**values))
            report.add("schedules_added")
        elif any(existing._mapping[k] != v for k, v in values.items()):
            await conn.execute(
                schedules.update().where(schedules.c.id == existing.id).values(**values)
            )
            report.add("schedules_updated")


async def import_leaders(
    conn: AsyncConnection, header: Header, rows: Rows, report: ImportReport
) -> None:
    """Each group's leader (by customer code or phone), deputy and minimum monthly savings."""
    group_rows = {r.code: r for r in await conn.execute(select(groups))}
    planned: list[tuple[Any, dict[str, Any]]] = []
    for line, cells in _data_rows(header, rows, report):
        try:
            planned.append(await _leaders_row(conn, header, cells, group_rows))
        except RowError as exc:
            report.rejected.append((line, str(exc)))
    if not planned:
        raise FileRefused(_("no usable rows: nothing was stored"))
    report.kept = len(planned)
    for group, values in planned:
        if any(group._mapping[k] != v for k, v in values.items()):
            await conn.execute(groups.update().where(groups.c.id == group.id).values(**values))
            report.add("groups_updated")


async def _leaders_row(
    conn: AsyncConnection, header: Header, cells: list[object], group_rows: dict[str, Any]
) -> tuple[Any, dict[str, Any]]:
    """(stored group, the groups columns this row sets); RowError when it cannot be used."""
    group_code = parse_code(_cell(header, cells, "group_code"))
    group = group_rows.get(group_code)
    if group is None:
        raise RowError(
            _("unknown group {code} (load the loans file first)").format(code=group_code)
        )
    members = {
        r.code: r.id
        for r in await conn.execute(
            select(customers.c.id, customers.c.code).where(customers.c.group_id == group.id)
        )
    }
    values: dict[str, Any] = {
        "leader_customer_id": await _leader_id(conn, header, cells, group, members)
    }
    deputy_code = parse_code(_cell(header, cells, "deputy_code"))
    if deputy_code:
        if deputy_code not in members:
            raise RowError(
                _("customer {code} is not a member of group {group}").format(
                    code=deputy_code, group=group_code
                )
            )
        values["deputy_customer_id"] = members[deputy_code]
    raw_min = _cell(header, cells, "min_savings")
    if not is_blank(raw_min):
        values["min_monthly_savings"] = _min_savings(raw_min)
    return group, values


def _min_savings(raw: object) -> int:
    try:
        amount = parse_money(raw)
    except AmountTooLarge:
        amount = MIN_SAVINGS_CEILING + 1
    except ValueError:
        raise RowError(
            _("column {column}: {value!r} is not {what}").format(
                column="Tiền gửi tối thiểu", value=raw, what=_("an amount")
            )
        ) from None
    if amount > MIN_SAVINGS_CEILING:
        raise too_much("Tiền gửi tối thiểu", repr(raw), MIN_SAVINGS_CEILING)
    return amount


async def _leader_id(
    conn: AsyncConnection, header: Header, cells: list[object], group: Any, members: dict[str, int]
) -> int:
    """The leader by `Mã KH tổ trưởng`, or else the one member with that phone."""
    leader_code = parse_code(_cell(header, cells, "leader_code"))
    if leader_code:
        if leader_code not in members:
            raise RowError(
                _("customer {code} is not a member of group {group}").format(
                    code=leader_code, group=group.code
                )
            )
        return members[leader_code]
    try:
        phones = parse_phones(_cell(header, cells, "leader_phone"))
    except ValueError:
        phones = []
    if not phones:
        raise RowError(
            _("missing {column}").format(column="Mã KH tổ trưởng / Số điện thoại tổ trưởng")
        )
    found = await conn.execute(
        select(customer_phones.c.customer_id)
        .join(customers, customers.c.id == customer_phones.c.customer_id)
        .where(customer_phones.c.phone.in_(phones), customers.c.group_id == group.id)
    )
    ids = sorted({r.customer_id for r in found})
    if len(ids) != 1:
        raise RowError(
            _("no single member of group {group} has that phone").format(group=group.code)
        )
    return int(ids[0])


async def import_officers(
    conn: AsyncConnection, header: Header, rows: Rows, report: ImportReport
) -> None:
    """Officers by phone, each with the communes they serve (`*` for all)."""
    resolver = CommuneResolver(conn, report, create=False)
    planned: list[tuple[str, str, bool, list[int]]] = []
    for line, cells in _data_rows(header, rows, report):
        try:
            planned.append(await _officers_row(header, cells, resolver))
        except RowError as exc:
            report.rejected.append((line, str(exc)))
    if not planned:
        raise FileRefused(_("no usable rows: nothing was stored"))
    report.kept = len(planned)
    stored = {r.phone: r for r in await conn.execute(select(officers))}
    for name, phone, scope_all, commune_ids in planned:
        await _save_officer(conn, stored.get(phone), name, phone, scope_all, commune_ids, report)


async def _officers_row(
    header: Header, cells: list[object], resolver: CommuneResolver
) -> tuple[str, str, bool, list[int]]:
    """(name, phone, whole district, commune ids); RowError when it cannot be used."""
    name = _text(header, cells, "name", officers.c.full_name)
    try:
        phones = parse_phones(_cell(header, cells, "phone"))
    except ValueError:
        phones = []
    scope = parse_text(_cell(header, cells, "scope"))
    if not name or not phones or not scope:
        missing = [
            label
            for label, value in (("Họ tên", name), ("Số điện thoại", phones), ("Phạm vi", scope))
            if not value
        ]
        raise RowError(_("missing or unreadable {column}").format(column=", ".join(missing)))
    scope_all = scope.strip() == "*"
    commune_ids: list[int] = []
    unknown: list[str] = []
    if not scope_all:
        for part in scope.split(","):
            part = part.strip()
            if not part:
                continue
            commune_id = await resolver.resolve(part, part)
            if commune_id is None:
                unknown.append(part)
            else:
                commune_ids.append(commune_id)
    if unknown:
        raise RowError(
            _("unknown commune(s) {names} (load the loans or schedule file first)").format(
                names=", ".join(unknown)
            )
        )
    return name, phones[0], scope_all, commune_ids


async def _save_officer(
    conn: AsyncConnection,
    old: Any,
    name: str,
    phone: str,
    scope_all: bool,
    commune_ids: list[int],
    report: ImportReport,
) -> None:
    if old is None:
        result = await conn.execute(
            officers.insert().values(full_name=name, phone=phone, scope_all=scope_all)
        )
        officer_id = new_id(result)
        report.add("officers_added")
        old_scope: set[int] = set()
    else:
        officer_id = old.id
        old_scope = {
            r.commune_id
            for r in await conn.execute(
                select(officer_communes.c.commune_id).where(
                    officer_communes.c.officer_id == officer_id
                )
            )
        }
        if old.full_name != name or old.scope_all != scope_all or old_scope != set(commune_ids):
            report.add("officers_updated")
        await conn.execute(
            officers.update()
            .where(officers.c.id == officer_id)
            .values(full_name=name, scope_all=scope_all)
        )
    if old_scope != set(commune_ids):
        await conn.execute(
            delete(officer_communes).where(officer_communes.c.officer_id == officer_id)
        )
        for commune_id in sorted(set(commune_ids)):
            await conn.execute(
                officer_communes.insert().values(officer_id=officer_id, commune_id=commune_id)
            )
