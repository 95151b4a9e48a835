"""Loan programmes by name, as a borrower reads them: the full name without abbreviations,
in the person's language (the bank's file may abbreviate: "HSSV", "SXKD vùng KK"). A code
the bot does not know keeps the name the bank's file gives."""

from __future__ import annotations

from locales.i18n import N_, _

# Programme code (the HSTD export's "Mã chương trình", docs/domain.md §3) → its name as it
# reads after "the loan of" ("Khoản vay hộ cận nghèo"); the Vietnamese catalog holds the
# bank's wording, in full.
NAMES: dict[int, str] = {
    1: N_("Poor households"),
    19: N_("Near-poor households"),
    9: N_("Households just out of poverty"),
    6: N_("Rural clean water and sanitation"),
    10: N_("Production and business in difficult areas"),
    15: N_("Traders in difficult areas"),
    3: N_("Job creation"),
    2: N_("Pupils and students"),
    4: N_("Working abroad under contract"),
    7: N_("Housing for poor households"),
    12: N_("Social housing"),
}


def programme_name(code: int | None, stored: str) -> str:
    """The programme's full name in the current language, else the name from the bank's file."""
    english = NAMES.get(code) if code is not None else None
    return _(english) if english else stored
