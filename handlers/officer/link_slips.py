"""The link-code slips as an .xlsx the officer prints and cuts: one slip per household (name,
customer code, the code, how to use it on Zalo and on Telegram, until when), handed over at
the transaction session where the person's ID is checked; and a second sheet listing the
households (without their codes) for each to sign on receipt."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from locales.i18n import _
from storage.link_slips import Slip

WIDTH = 4  # columns a slip spans


def slip_lines(slip: Slip, timezone: ZoneInfo) -> list[str]:
    """What one slip says, line by line."""
    household, code = slip.household, slip.code
    until = slip.expires_at.astimezone(timezone).strftime("%d/%m/%Y")
    return [
        _("VBSP ASSISTANT — ONE-TIME LINK CODE"),
        _("Household: {name} — customer code {code}").format(
            name=household.name, code=household.code
        ),
        _("Group {code} {name}, commune {commune}").format(
            code=household.group_code, name=household.group_name, commune=household.commune
        ),
        _("Link code: {code}   (valid until {date})").format(code=code, date=until),
        _("On Zalo: write to the bank's assistant: LIENKET {code}").format(code=code),
        _("On Telegram: type /start {code} (or LIENKET {code})").format(code=code),
        _(
            "The code works once, for one chat. Do not give it to anyone else; if it is lost, "
            "ask your credit officer for a new one."
        ),
    ]


def _slips_sheet(sheet: Worksheet, slips: list[Slip], timezone: ZoneInfo) -> None:
    dashed = Side(style="dashed")
    bold, big = Font(bold=True), Font(bold=True, size=14)
    row = 1
    for slip in slips:
        lines = slip_lines(slip, timezone)
        for offset, line in enumerate(lines):
            cell = sheet.cell(row + offset, 1, line)
            sheet.merge_cells(
                start_row=row + offset, start_column=1, end_row=row + offset, end_column=WIDTH
            )
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.font = big if offset == 3 else bold if offset in (0, 1) else Font()
        sheet.row_dimensions[row + len(lines) - 1].height = 30
        for column in range(1, WIDTH + 1):  # where to cut
            sheet.cell(row + len(lines), column).border = Border(bottom=dashed)
        row += len(lines) + 2
    for column in range(1, WIDTH + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24


def _receipts_sheet(sheet: Worksheet, slips: list[Slip]) -> None:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header = [_("No."), _("Household"), _("Customer code"), _("Group code"), _("Signature")]
    sheet.append(header)
    for number, slip in enumerate(slips, start=1):
        household = slip.household
        sheet.append([number, household.name, household.code, household.group_code, ""])
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=len(header)):
        for cell in row:
            cell.border = border
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, size in enumerate((6, 30, 14, 12, 24), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size


def xlsx_bytes(slips: list[Slip], timezone: ZoneInfo) -> bytes:
    workbook = Workbook()
    slips_sheet = workbook.active
    if slips_sheet is None:  # a new workbook always has one sheet
        slips_sheet = workbook.create_sheet()
    slips_sheet.title = _("Slips")
    _slips_sheet(slips_sheet, slips, timezone)
    _receipts_sheet(workbook.create_sheet(_("Handed over")), slips)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
