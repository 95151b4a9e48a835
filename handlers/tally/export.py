"""The submitted tallies as files for the bank: CSV (one line per member, the 13/TD columns
plus group, commune, session, version and submitter) and an .xlsx laid out like the paper
form (one sheet per group and session: title, group header, the columns, a totals row and
the signature lines), written with openpyxl."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import TextIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from locales.i18n import _
from storage.tallies import ExportLine

MONEY_FORMAT = "#,##0"


def csv_header() -> list[str]:
    return [
        _("Commune"),
        _("Group code"),
        _("Group"),
        _("Session date"),
        _("Version"),
        _("Receipt"),
        _("Submitted by"),
        _("No."),
        _("Member (borrower)"),
        _("Customer code"),
        _("Loan contracts"),
        _("Outstanding"),
        _("Interest due"),
        _("Interest collected"),
        _("Interest unpaid"),
        _("Savings deposited"),
        _("Principal repaid from savings"),
    ]


def write_csv(lines: list[ExportLine], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(csv_header())
    for x in lines:
        writer.writerow(
            [
                x.commune,
                x.group_code,
                x.group_name,
                x.session_date.strftime("%d/%m/%Y"),
                x.version,
                x.receipt_no,
                x.submitted_by,
                *_member_cells(x),
            ]
        )


def _member_cells(x: ExportLine) -> list[object]:
    """One member's line of the form, as the CSV and the sheet both write it."""
    return [
        x.seq,
        x.member,
        x.customer_code,
        x.contract,
        x.outstanding,
        x.interest_due,
        x.interest_collected,
        x.interest_unpaid,
        x.savings_deposited,
        x.principal_from_savings,
    ]


def _form_columns() -> list[str]:
    """The paper form's columns: the member part of the CSV's, then the signature."""
    return [*csv_header()[7:], _("Member's signature")]


def xlsx_bytes(lines: list[ExportLine]) -> bytes:
    """One sheet per group and session, like the printed Bảng kê 13/TD."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    by_sheet: dict[tuple[str, str, object], list[ExportLine]] = defaultdict(list)
    for line in lines:
        by_sheet[(line.commune, line.group_code, line.session_date)].append(line)
    if not by_sheet:
        sheet = workbook.create_sheet(_("No tallies"))
        sheet.append([_("No tally has been submitted for this period.")])
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for (_commune, code, session), group_lines in by_sheet.items():
        first = group_lines[0]
        title = f"{code} {session:%d-%m}"[:31]
        sheet = workbook.create_sheet(title)
        columns = _form_columns()
        width = len(columns)
        rows = [
            [_("VIETNAM BANK FOR SOCIAL POLICIES")],
            [_("INTEREST DUE – INTEREST COLLECTED – SAVINGS – PRINCIPAL FROM SAVINGS")],
            [_("Form 13/TD")],
            [
                _("Group: {code} {name} — Commune: {commune} — Session: {date}").format(
                    code=first.group_code,
                    name=first.group_name,
                    commune=first.commune,
                    date=first.session_date.strftime("%d/%m/%Y"),
                )
            ],
            [
                _("Version {version}, receipt {receipt}, submitted by {who} on {at}").format(
                    version=first.version,
                    receipt=first.receipt_no,
                    who=first.submitted_by or "—",
                    at=first.submitted_at.strftime("%d/%m/%Y %H:%M UTC"),
                )
            ],
            [],
        ]
        for row in rows:
            sheet.append(row)
        for index in range(1, 4):
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
            sheet.cell(index, 1).font = bold
            sheet.cell(index, 1).alignment = Alignment(horizontal="center")
        header_row = len(rows) + 1
        sheet.append(columns)
        for column in range(1, width + 1):
            cell = sheet.cell(header_row, column)
            cell.font = bold
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for x in group_lines:
            sheet.append([*_member_cells(x), ""])  # the signature is the member's to write
        last = sheet.max_row
        total_row = last + 1
        sheet.append([_("Total"), "", "", ""])
        for column in range(5, 11):  # the money columns: totals as values, shown 1.250.000
            sheet.cell(total_row, column).value = sum(
                int(sheet.cell(r, column).value or 0) for r in range(header_row + 1, last + 1)
            )
            for r in range(header_row + 1, total_row + 1):
                sheet.cell(r, column).number_format = MONEY_FORMAT
        for r in range(header_row + 1, total_row + 1):
            for column in range(1, width + 1):
                sheet.cell(r, column).border = border
        for column in range(1, width + 1):
            sheet.cell(total_row, column).font = bold
        sheet.append([])
        signed = _("(signature, full name)")
        sheet.append(
            [_("Group leader"), "", "", _("Association officer"), "", "", "", _("Bank officer")]
        )
        sheet.append([signed, "", "", signed, "", "", "", signed])
        for column, size in enumerate((6, 26, 12, 22, 14, 14, 14, 14, 14, 16, 14), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = size
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
