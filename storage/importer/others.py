"""The three small files: transaction schedule, group leaders, officers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.i18n import _
from storage.importer.columns import Header
from storage.importer.common import (
    CommuneResolver,
    FileRefused,
    ImportReport,
    is_blank_row,
    is_total_row,
    new_id,
)
from storage.schema import customer_phones, customers, groups, officer_communes, officers, schedules
from storage.values import (
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
    conn: AsyncConnection, header: Header, rows: Rows, report: ImportReport
) -> None:
    """Monthly day per commune (or per group), and one-off moved sessions on a full date."""
    resolver = CommuneResolver(conn, report, create=True)
    group_rows = {
        r.code: r
        for r in await conn.execute(select(groups.c.id, groups.c.code, groups.c.commune_id))
    }
    planned: list[dict[str, Any]] = []
    for line, cells in _data_rows(header, rows, report):
        name = parse_text(_cell(header, cells, "commune_name"))
        code = parse_code(_cell(header, cells, "commune_code"))
        group_code = parse_code(_cell(header, cells, "group_code"))
        raw_day, raw_date = _cell(header, cells, "day_of_month"), _cell(header, cells, "on_date")
        try:
            day = on_date = None
            if not is_blank(raw_date):
                on_date = parse_date(raw_date)
            elif not is_blank(raw_day):
                day = int(float(parse_text(raw_day).replace(",", ".")))
                if not 1 <= day <= 31:
                    raise ValueError
            else:
                raise FileRefused(_("missing {column}").format(column="Ngày giao dịch / Ngày"))
        except ValueError:
            report.rejected.append(
                (
                    line,
                    _(
                        "column {column}: {value!r} is not a day of the month (1-31) or a date"
                    ).format(
                        column="Ngày giao dịch", value=raw_day if is_blank(raw_date) else raw_date
                    ),
                )
            )
            continue
        except FileRefused as exc:
            report.rejected.append((line, str(exc)))
            continue
        raw_time = _cell(header, cells, "time")
        try:
            start_time = None if is_blank(raw_time) else parse_time(raw_time)
        except ValueError:
            report.rejected.append(
                (
                    line,
                    _("column {column}: {value!r} is not a time").format(
                        column="Giờ", value=raw_time
                    ),
                )
            )
            continue
        group_id = None
        if group_code:
            group = group_rows.get(group_code)
            if group is None:
                report.rejected.append(
                    (
                        line,
                        _("unknown group {code} (load the loans file first)").format(
                            code=group_code
                        ),
                    )
                )
                continue
            group_id, commune_id = group.id, group.commune_id
        else:
            if not name and not code:
                report.rejected.append(
                    (line, _("missing {column}").format(column="Tên xã / Mã xã"))
                )
                continue
            commune_id = await resolver.resolve(name, code)
            if commune_id is None:
                report.rejected.append((line, _("unknown commune code {code}").format(code=code)))
                continue
        planned.append(
            {
                "commune_id": commune_id,
                "group_id": group_id,
                "day_of_month": day,
                "on_date": on_date,
                "start_time": start_time,
                "place": parse_text(_cell(header, cells, "place")) or None,
            }
        )
    if not planned:
        raise FileRefused(_("no usable rows: nothing was stored"))
    report.kept = len(planned)
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
    group_rows = {r.code: r for r in await conn.execute(select(groups))}
    planned: list[tuple[int, dict[str, Any]]] = []
    for line, cells in _data_rows(header, rows, report):
        group_code = parse_code(_cell(header, cells, "group_code"))
        group = group_rows.get(group_code)
        if group is None:
            report.rejected.append(
                (
                    line,
                    _("unknown group {code} (load the loans file first)").format(code=group_code),
                )
            )
            continue
        members = {
            r.code: r.id
            for r in await conn.execute(
                select(customers.c.id, customers.c.code).where(customers.c.group_id == group.id)
            )
        }
        leader_code = parse_code(_cell(header, cells, "leader_code"))
        leader_id: int | None = None
        if leader_code:
            leader_id = members.get(leader_code)
            if leader_id is None:
                report.rejected.append(
                    (
                        line,
                        _("customer {code} is not a member of group {group}").format(
                            code=leader_code, group=group_code
                        ),
                    )
                )
                continue
        else:
            try:
                phones = parse_phones(_cell(header, cells, "leader_phone"))
            except ValueError:
                phones = []
            if not phones:
                report.rejected.append(
                    (
                        line,
                        _("missing {column}").format(
                            column="Mã KH tổ trưởng / Số điện thoại tổ trưởng"
                        ),
                    )
                )
                continue
            found = await conn.execute(
                select(customer_phones.c.customer_id)
                .join(customers, customers.c.id == customer_phones.c.customer_id)
                .where(customer_phones.c.phone.in_(phones), customers.c.group_id == group.id)
            )
            ids = sorted({r.customer_id for r in found})
            if len(ids) != 1:
                report.rejected.append(
                    (
                        line,
                        _("no single member of group {group} has that phone").format(
                            group=group_code
                        ),
                    )
                )
                continue
            leader_id = ids[0]
        values: dict[str, Any] = {"leader_customer_id": leader_id}
        deputy_code = parse_code(_cell(header, cells, "deputy_code"))
        if deputy_code:
            if deputy_code not in members:
                report.rejected.append(
                    (
                        line,
                        _("customer {code} is not a member of group {group}").format(
                            code=deputy_code, group=group_code
                        ),
                    )
                )
                continue
            values["deputy_customer_id"] = members[deputy_code]
        raw_min = _cell(header, cells, "min_savings")
        if not is_blank(raw_min):
            try:
                values["min_monthly_savings"] = parse_money(raw_min)
            except ValueError:
                report.rejected.append(
                    (
                        line,
                        _("column {column}: {value!r} is not {what}").format(
                            column="Tiền gửi tối thiểu", value=raw_min, what=_("an amount")
                        ),
                    )
                )
                continue
        planned.append((group.id, values))
    if not planned:
        raise FileRefused(_("no usable rows: nothing was stored"))
    report.kept = len(planned)
    for group_id, values in planned:
        group = next(g for g in group_rows.values() if g.id == group_id)
        if any(group._mapping[k] != v for k, v in values.items()):
            await conn.execute(groups.update().where(groups.c.id == group_id).values(**values))
            report.add("groups_updated")


async def import_officers(
    conn: AsyncConnection, header: Header, rows: Rows, report: ImportReport
) -> None:
    resolver = CommuneResolver(conn, report, create=False)
    planned: list[tuple[str, str, bool, list[int]]] = []
    for line, cells in _data_rows(header, rows, report):
        name = parse_text(_cell(header, cells, "name"))
        try:
            phones = parse_phones(_cell(header, cells, "phone"))
        except ValueError:
            phones = []
        scope = parse_text(_cell(header, cells, "scope"))
        if not name or not phones or not scope:
            missing = [
                label
                for label, value in (
                    ("Họ tên", name),
                    ("Số điện thoại", phones),
                    ("Phạm vi", scope),
                )
                if not value
            ]
            report.rejected.append(
                (line, _("missing or unreadable {column}").format(column=", ".join(missing)))
            )
            continue
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
            report.rejected.append(
                (
                    line,
                    _("unknown commune(s) {names} (load the loans or schedule file first)").format(
                        names=", ".join(unknown)
                    ),
                )
            )
            continue
        planned.append((name, phones[0], scope_all, commune_ids))
    if not planned:
        raise FileRefused(_("no usable rows: nothing was stored"))
    report.kept = len(planned)
    stored = {r.phone: r for r in await conn.execute(select(officers))}
    for name, phone, scope_all, commune_ids in planned:
        old = stored.get(phone)
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
