"""Every message used in code is translated in vi and en, and the compiled catalogs are fresh."""

from __future__ import annotations

from locales.catalogs import problems
from locales.i18n import _, use_locale


def test_catalogs_complete_and_compiled() -> None:
    assert problems() == []


def test_vietnamese_is_the_default_and_english_available() -> None:
    with use_locale("vi"):
        assert _("{file}: the file is empty.") == "{file}: tệp rỗng."
    with use_locale("en"):
        assert _("{file}: the file is empty.") == "{file}: the file is empty."
