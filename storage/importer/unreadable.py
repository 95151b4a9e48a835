"""What the readers raise when a file cannot be read: `UnreadableFile`, one sentence naming the
file and the reason; and counts written as the reader's language writes them."""

from __future__ import annotations

from babel.numbers import format_decimal

from locales.i18n import current_locale


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet; the message names the file and the reason."""


def format_count(n: int) -> str:
    """A count as the reader's language writes it: `131.072` (vi), `131,072` (en)."""
    return str(format_decimal(n, locale="en_GB" if current_locale() == "en" else "vi_VN"))
