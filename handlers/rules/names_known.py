"""A name of the bank's data said in a question ("danh so phanh no bn", "Kim Sa Vat con no
bao nhieu"): the whole name, two words or more, compared folded and word by word, so that
"văn hóa" is never "Lê Văn Hoa". The asker's own name is not somebody else's."""

from __future__ import annotations

from locales.textfold import fold
from storage.name_keys import name_words as _words

# A title typed without its marks, as the bot writes it ("ba Sau": bà …).
_TITLES_MARKED = {
    "ba": "bà",
    "ong": "ông",
    "chi": "chị",
    "anh": "anh",
    "co": "cô",
    "chu": "chú",
    "bac": "bác",
    "di": "dì",
    "em": "em",
    "thim": "thím",
    "cau": "cậu",
    "mo": "mợ",
}


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


def as_stored(name: str, names: list[str]) -> str:
    """`name` as the bot says it back, with the diacritics of the bank's data: "ba Sau" with
    one member "Hồ Hoàng Sáu" is "bà Hồ Hoàng Sáu"; with several whose names end the same way
    ("… Tâm"), those words as stored ("bà Tâm"); with none, or names that differ, as typed."""
    words = name.split()
    title = ""
    if len(words) > 1 and fold(words[0]) in _TITLES_MARKED:
        typed = words.pop(0)
        title = _TITLES_MARKED[fold(typed)] if fold(typed) == typed.lower() else typed
    wanted = _words(" ".join(words))
    if not wanted:
        return name
    fits = [n for n in names if _words(n)[-len(wanted) :] == wanted]
    if len(fits) == 1:
        shown = fits[0]
    else:
        tails = {" ".join(n.split()[-len(wanted) :]) for n in fits}
        if len(tails) != 1 or len(_words(next(iter(tails)))) != len(wanted):
            return name
        shown = tails.pop()
    return f"{title} {shown}" if title else shown
