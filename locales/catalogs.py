"""Catalog workflow over Babel: extract messages from the code, update the .po files, compile.

    python -m locales.catalogs update   # extract → messages.pot → update vi/en .po → compile .mo
    python -m locales.catalogs check    # exit 1 if a message is untranslated or a .mo is stale

After `update`, translate the new empty `msgstr` entries in `locales/vi/LC_MESSAGES/messages.po`
(English msgids are copied into the `en` catalog), then run `update` again to compile.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = Path(__file__).resolve().parent
SOURCES = ("bot", "handlers", "storage", "locales")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = ("vi", "en")
DOMAIN = "messages"


def extract() -> Catalog:
    catalog = Catalog(project="vbsp-assistant", charset="utf-8")
    for source in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / source, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            catalog.add(
                message,
                None,
                [(f"{source}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _ids(catalog: Iterable[object]) -> set[object]:
    return {m.id for m in catalog if m.id}  # type: ignore[attr-defined]


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> int:
    template = extract()
    (LOCALES / f"{DOMAIN}.pot").parent.mkdir(exist_ok=True)
    with (LOCALES / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, sort_output=True, no_location=True)
    missing = 0
    for lang in LANGUAGES:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        for message in catalog:
            if not message.id:
                continue
            if lang == "en" and not message.string:
                message.string = message.id
            plural_missing = isinstance(message.string, tuple | list) and not all(message.string)
            if lang == "en" and isinstance(message.id, tuple) and plural_missing:
                message.string = tuple(message.id)
            if not message.string or (
                isinstance(message.string, tuple) and not all(message.string)
            ):
                missing += 1
                print(f"{lang}: untranslated: {message.id!r}")
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(
                handle,
                catalog,
                omit_header=False,
                sort_output=True,
                no_location=True,
                ignore_obsolete=True,
                include_previous=False,
            )
        path.with_suffix(".mo").write_bytes(mo_bytes(load(lang)))
    print(f"{len(template)} messages; {missing} untranslated")
    return 1 if missing else 0


def problems() -> list[str]:
    """Messages used in code but missing or untranslated in a catalog; stale compiled files."""
    found: list[str] = []
    used = _ids(extract())
    for lang in LANGUAGES:
        catalog = load(lang)
        translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
        for message_id in sorted(map(str, used - translated)):
            found.append(f"{lang}: no translation for {message_id!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(
                f"{lang}: {mo.name} is missing or stale; run python -m locales.catalogs update"
            )
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        return update()
    if argv[:1] == ["check"]:
        issues = problems()
        print("\n".join(issues) or "catalogs are complete and compiled")
        return 1 if issues else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
