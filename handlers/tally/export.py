"""The submitted tallies as files for the bank: CSV (one line per member, the 13/TD columns
plus group, commune, session, version and submitter) and an .xlsx laid out like the paper
form (one sheet per group and session: title, group header, the columns, a totals row and
the signature lines), written with openpyxl.

Names, group names and contract numbers come from the bank's file, so a cell may start like
a formula (`=HYPERLINK(…)`, `+1+2`, `@SUM(…)`): in the CSV such a cell gets a leading `'`
(OWASP's advice against CSV injection), in the .xlsx every text cell is written as a string
with the quote prefix, never as a formula, and characters a sheet cannot hold are dropped."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet.worksheet import Worksheet

from locales.i18n import _
from storage.tallies import ExportLine
from storage.utc import aware

MONEY_FORMAT = "#,##0"
# A spreadsheet reads a cell starting with one of these as a formula (tab and CR too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A text cell that would start a formula, with a leading quote; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _append(sheet: Worksheet, values: Sequence[object]) -> None:
    """A row of the sheet where every text is a string cell, never a formula."""
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl made "=…" a formula
            if cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True  # shown as typed, and stays text when edited


def _sheet_title(code: str, session: object) -> str:
    """`T01 17-12`: what a sheet's name may hold (31 characters, none of []:*?/\\)."""
    return INVALID_TITLE_REGEX.sub("_", ILLEGAL_CHARACTERS_RE.sub("", f"{code} {session:%d-%m}"))[
        :31
    ]


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
        cells = [
            x.commune,
            x.group_code,
            x.group_name,
            x.session_date.strftime("%d/%m/%Y"),
            x.version,
            x.receipt_no,
            x.submitted_by,
            *_member_cells(x),
        ]
        writer.writerow([csv_safe(cell) for cell in cells])


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


def xlsx_bytes(lines: list[ExportLine], timezone: tzinfo) -> bytes:
    """One sheet per group and session, like the printed Bảng kê 13/TD; times in `timezone`
    (the bot's, Asia/Ho_Chi_Minh), as the chat shows them."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    by_sheet: dict[tuple[str, str, object], list[ExportLine]] = defaultdict(list)
    for line in lines:
        by_sheet[(line.commune, line.group_code, line.session_date)].append(line)
    if not by_sheet:
        sheet = workbook.create_sheet(_("No tallies"))
        _append(sheet, [_("No tally has been submitted for this period.")])
    for (_commune, code, session), group_lines in by_sheet.items():
        sheet = workbook.create_sheet(_sheet_title(code, session))
        header_row = _form_head(sheet, group_lines[0], timezone)
        total_row = _form_body(sheet, group_lines, header_row)
        _form_foot(sheet, header_row, total_row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)


def _form_head(sheet: Any, first: ExportLine, timezone: tzinfo) -> int:
    """The title block and the column headings; the row the headings are on."""
    width = len(_form_columns())
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
                at=aware(first.submitted_at).astimezone(timezone).strftime("%d/%m/%Y %H:%M"),
            )
        ],
        [],
    ]
    for row in rows:
        _append(sheet, row)
    for index in range(1, 4):
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
        sheet.cell(index, 1).font = _BOLD
        sheet.cell(index, 1).alignment = Alignment(horizontal="center")
    header_row = len(rows) + 1
    _append(sheet, list(_form_columns()))
    for column in range(1, width + 1):
        cell = sheet.cell(header_row, column)
        cell.font = _BOLD
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return header_row


def _form_body(sheet: Any, group_lines: list[ExportLine], header_row: int) -> int:
    """The members' lines and the totals row under them; the totals row's number."""
    width = len(_form_columns())
    for x in group_lines:
        _append(sheet, [*_member_cells(x), ""])  # the signature is the member's to write
    last: int = sheet.max_row
    total_row = last + 1
    _append(sheet, [_("Total"), "", "", ""])
    for column in range(5, 11):  # the money columns: totals as values, shown 1.250.000
        sheet.cell(total_row, column).value = sum(
            int(sheet.cell(r, column).value or 0) for r in range(header_row + 1, last + 1)
        )
        for r in range(header_row + 1, total_row + 1):
            sheet.cell(r, column).number_format = MONEY_FORMAT
    for r in range(header_row + 1, total_row + 1):
        for column in range(1, width + 1):
            sheet.cell(r, column).border = _BORDER
    for column in range(1, width + 1):
        sheet.cell(total_row, column).font = _BOLD
    return total_row


def _form_foot(sheet: Any, header_row: int, total_row: int) -> None:
    """The signature lines and the column widths."""
    sheet.append([])
    signed = _("(signature, full name)")
    _append(
        sheet,
        [_("Group leader"), "", "", _("Association officer"), "", "", "", _("Bank officer")],
    )
    _append(sheet, [signed, "", "", signed, "", "", "", signed])
    for column, size in enumerate((6, 26, 12, 22, 14, 14, 14, 14, 14, 16, 14), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
