"""A name of the bank's data said in a question ("danh so phanh no bn", "Kim Sa Vat con no
bao nhieu"): the whole name, two words or more, compared folded and word by word, so that
"văn hóa" is never "Lê Văn Hoa". The asker's own name is not somebody else's."""

from __future__ import annotations

from storage.name_keys import name_words as _words


def known_name_in(text: str, names: list[str], own: str) -> str | None:
    """The first name of `names` (as the bank writes it) said whole in `text`, not `own`."""
    said = _words(text)
    mine = _words(own)
    for name in sorted(names, key=lambda n: -len(n.split())):
        wanted = _words(name)
        if len(wanted) < 2 or wanted == mine:
            continue
        for at in range(len(said) - len(wanted) + 1):
            if said[at : at + len(wanted)] == wanted:
                return name
    return None
