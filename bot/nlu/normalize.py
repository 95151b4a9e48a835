"""Turning what people type into comparable tokens: invisible characters dropped and
full-width letters and digits made ASCII, folded, Telex/VNI leftovers undone, repeated letters
squeezed, common abbreviations expanded.

`clean` is the first step of everything; `fold_for_numbers` keeps digits and separators as
typed (for amounts and dates); `tokens` is what intent matching works on.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from locales.textfold import strip_diacritics

_VOWELS = set("aeiouy")
# Telex tone keys: a Vietnamese syllable never ends in these letters.
_TELEX_TONES = set("sfrxj")
_VNI = re.compile(r"^([a-z]*[aeiouy][a-z]*?)([1-9]{1,2})([a-z]*)$")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_DOUBLED = re.compile(r"([a-tv-z])\1")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,/:-][0-9]+)*%?|[%?]")
_FINALS = ("c", "ch", "m", "n", "ng", "nh", "p", "t", "")

# Abbreviations and spellings people use (domain.md §6, §9), on folded tokens.
ABBREVIATIONS: dict[str, str] = {
    "ko": "khong",
    "k": "khong",
    "hk": "khong",
    "hok": "khong",
    "hong": "khong",
    "khg": "khong",
    "kg": "khong",
    "kh": "khong",
    "hem": "khong",
    "hum": "khong",
    "bn": "bao nhieu",
    "bnh": "bao nhieu",
    "bnhiu": "bao nhieu",
    "bnhieu": "bao nhieu",
    "thiu": "thieu",
    "zl": "zalo",
    "tele": "telegram",
    "sx": "san xuat",
    "kd": "kinh doanh",
    "nt": "nhan tin",
    "nhiu": "nhieu",
    "baonhieu": "bao nhieu",
    "dc": "duoc",
    "dk": "dang ky",
    "dky": "dang ky",
    "đc": "duoc",
    "r": "roi",
    "z": "vay",
    "v": "vay",
    "j": "gi",
    "zi": "gi",
    "ji": "gi",
    "nh": "ngan hang",
    "nhcs": "ngan hang",
    "nhcsxh": "ngan hang",
    "vbsp": "ngan hang",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
    "đt": "dien thoai",
    "tk": "tiet kiem",
    "tkiem": "tiet kiem",
    "tt": "to truong",
    "tp": "to pho",
    "tv": "to vien",
    "gd": "giao dich",
    "dgd": "diem giao dich",
    "pgd": "phong giao dich",
    "hd": "hop dong",
    "ls": "lai suat",
    "hs": "ho so",
    "tb": "thong bao",
    "ds": "danh sach",
    "cb": "can bo",
    "cbtd": "can bo",
    "hcn": "ho can ngheo",
    "hmtn": "ho moi thoat ngheo",
    "nvh": "nha van hoa",
    "nvs": "nha ve sinh",
    "noxh": "nha o xa hoi",
    "nos": "nuoc sach",
    "hssv": "hoc sinh sinh vien",
    "gqvl": "giai quyet viec lam",
    "xkld": "xuat khau lao dong",
    "sxkd": "san xuat kinh doanh",
    "vsmt": "ve sinh moi truong",
    "tui": "toi",
    "t": "toi",
    "mik": "minh",
    "mk": "minh",
    "mh": "minh",
    "e": "em",
    "thag": "thang",
    "thg": "thang",
    "th": "thang",
    "ngeo": "ngheo",
    "mun": "muon",
    "bt": "biet",
    "ktra": "kiem tra",
    "kt": "kiem tra",
    "ng": "nguoi",
    "ck": "chuyen khoan",
    "hh": "hoa hong",
    "bk": "bang ke",
    "lk": "lien ket",
    "cccd": "can cuoc",
    "cmnd": "can cuoc",
    "cmt": "can cuoc",
    "t2": "thu hai",
    "t3": "thu ba",
    "t4": "thu tu",
    "t5": "thu nam",
    "t6": "thu sau",
    "t7": "thu bay",
    "cn": "chu nhat",
    "tks": "cam on",
    "thanks": "cam on",
    "thank": "cam on",
    "thx": "cam on",
    "tysm": "cam on",
    "pls": "please",
    "plz": "please",
    "b4": "before",
    "bal": "balance",
    "camon": "cam on",
    "cmon": "cam on",
    "oke": "ok",
    "okie": "ok",
    "wa": "qua",
    "qa": "qua",
    "hn": "han",
    "hnay": "hom nay",
    "hqua": "hom qua",
    "bjo": "bay gio",
    "bh": "bay gio",
    "h": "gio",
    "ah": "a",
    "ak": "a",
    "hello": "xin chao",
    "hi": "xin chao",
    "helo": "xin chao",
    "dag": "dang",
    "cty": "cong ty",
    "vs": "voi",
    "ms": "moi",
    "trc": "truoc",
    "sn": "sinh nhat",
    "kq": "ket qua",
    "bjh": "bao gio",
    "bg": "bao gio",
    "kbh": "khong bao gio",
    "nx": "nua",
    "ntn": "nhu the nao",
    "lm": "lam",
    "bik": "biet",
    "dug": "dung",
    "hdsd": "huong dan su dung",
    # Southern words (and their teen-code spellings) as the standard word.
    "dzay": "vay",
    "zay": "vay",
    "dzo": "vao",
    "zo": "vao",
    "thiet": "that",
    "coi": "xem",
    # Central words: "tháng ni" (này), "rứa" (vậy), "răng" (sao).
    "ni": "nay",
    "rua": "vay",
    "rang": "sao",
}
# Southern two-word forms: "bi nhiêu" (bao nhiêu), "bữa nay" (hôm nay), "bữa hổm".
SOUTHERN_PAIRS: dict[tuple[str, str], tuple[str, str]] = {
    ("bi", "nhieu"): ("bao", "nhieu"),
    ("bua", "nay"): ("hom", "nay"),
    ("bua", "hom"): ("hom", "truoc"),
    ("bua", "truoc"): ("hom", "truoc"),
    ("bua", "qua"): ("hom", "qua"),
    ("may", "bua"): ("may", "hom"),
}


# Zero-width space, non-joiner, joiner, word joiner, byte-order mark: pasted from other apps.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Full-width ASCII (U+FF01..U+FF5E) as NFKC maps it, and the ideographic space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: ord(" ")}
_CLEAN = _INVISIBLE | _FULL_WIDTH


def _fold_table() -> dict[int, int | None]:
    """Each accented Latin letter to its base letter (đ → d), combining marks to nothing: the
    same as locales.textfold.strip_diacritics on NFC text, in one str.translate."""
    table: dict[int, int | None] = dict.fromkeys(range(0x300, 0x370))
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = strip_diacritics(chr(code))
        if len(base) == 1 and base != chr(code):
            table[code] = ord(base)
    return table


def _as_sequence(table: dict[int, int | None]) -> list[str]:
    """The table as a list indexed by code point (`str.translate` looks a list up about twice
    as fast as a dictionary); code points past its end are kept as they are."""
    out = [chr(code) for code in range(max(table) + 1)]
    for code, to in table.items():
        out[code] = "" if to is None else chr(to)
    return out


_FOLD = _as_sequence(_fold_table())
_TO_CLEAN = re.compile("[" + "".join(map(chr, _CLEAN)) + "]")


@lru_cache(maxsize=4096)
def fold_letters(text: str) -> str:
    """No diacritics, lower case, one character for one character (NFC text). Remembered
    (bounded): amounts, dates, people and polarity each fold the same line."""
    if text.isascii():  # the table keeps every ASCII character
        return text.lower()
    return text.translate(_FOLD).lower()


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """`dư\u200bnợ` → `dưnợ`, `ｄｕ ｎｏ ５００ｋ` → `du no 500k`; NFC; nothing else changes."""
    if _TO_CLEAN.search(text):  # rare: translating only then is seven times cheaper
        text = text.translate(_CLEAN)
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def fold_for_numbers(text: str) -> str:
    """Lower-case, no diacritics, NFC, repeated spaces collapsed; digits and marks kept."""
    folded = fold_letters(clean(text))
    # Printable text has no whitespace but the space (every other is a separator or a control
    # character): with no two spaces together, there is nothing to collapse.
    if "  " in folded or not folded.isprintable():
        folded = _SPACES.sub(" ", folded)
    return folded.strip()


def _is_syllable(word: str) -> bool:
    """Roughly: consonants, then vowels, then one of the Vietnamese finals."""
    m = re.fullmatch(r"([^aeiouy]*)([aeiouy]+)([a-z]*)", word)
    return bool(m) and m.group(3) in _FINALS  # type: ignore[union-attr]


@lru_cache(maxsize=100_000)
def undo_typing(word: str) -> str:
    """`duw` → `du`, `nowj` → `no`, `du7` → `du`, `no75` → `no`, `nhieuuu` → `nhieu`."""
    if not word or word.isdigit():
        return word
    word = _REPEATS.sub(r"\1", word)
    if "d9" in word:  # VNI: đ is d9 ("d9u1ng")
        word = word.replace("d9", "d")
    vni = _VNI.match(word)  # VNI: tone and mark digits right after the vowels
    if vni:
        word = vni.group(1) + vni.group(3)
    if not any(ch in _VOWELS for ch in word):
        return word
    if word[0] == "f":  # teen code: "fai" is "phai"
        word = "ph" + word[1:]
    # Telex marks (w, aa, ee, oo, dd), then tone keys: f and j anywhere after the first
    # vowel, s/r/x only as the last letter (no Vietnamese syllable ends in them).
    if "w" in word:
        word = word.replace("uw", "u").replace("ow", "o").replace("aw", "a").replace("w", "u")
    for double, single in (("aa", "a"), ("ee", "e"), ("oo", "o"), ("dd", "d")):
        word = word.replace(double, single)
    first_vowel = next(i for i, ch in enumerate(word) if ch in _VOWELS)
    word = word[: first_vowel + 1] + word[first_vowel + 1 :].replace("f", "").replace("j", "")
    if len(word) > 2 and word[-1] in _TELEX_TONES and _is_syllable(word[:-1]):
        word = word[:-1]
    # A doubled letter is a slip of the finger ("tienn", "laii"); only "uu" (ưu) is real.
    return _DOUBLED.sub(r"\1", word)


def raw_tokens(text: str) -> list[str]:
    """The folded text's tokens as typed (a new list: the remembered one is a tuple)."""
    return list(_raw_tokens(text))


@lru_cache(maxsize=4096)
def _raw_tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold_for_numbers(text)))


# No Vietnamese syllable ends in a vowel and "g" or "k": teen-code drops the "n" of "ng"
# ("thág", "trog", "tog", "dog lai") and writes "c" as "k" ("nhak").
_DROPPED_N = re.compile(r"[a-z]*[aeiouy]g")
_FINAL_K = re.compile(r"[a-z]+[aeiouy]k")


@lru_cache(maxsize=100_000)
def _expanded(token: str) -> tuple[str, ...]:
    """One typed token as the words it stands for: `bn` → (bao, nhieu), `duw` → (du,)."""
    if token[0].isdigit() or token in "%?":
        return (token,)
    word = ABBREVIATIONS.get(token) or ABBREVIATIONS.get(undo_typing(token))
    if word is None:
        word = undo_typing(token)
        if _DROPPED_N.fullmatch(word):
            word = word[:-1] + "ng"
        elif _FINAL_K.fullmatch(word):
            word = word[:-1] + "c"
        word = ABBREVIATIONS.get(word, word)
    return tuple(word.split())


_SOUTHERN_SECOND = {second for _first, second in SOUTHERN_PAIRS}


def tokens(text: str) -> list[str]:
    """Tokens for intent matching, abbreviations expanded."""
    out: list[str] = []
    for token in _raw_tokens(text):  # the remembered tuple itself: read, never changed
        if token == "hong" and out and out[-1] == "hoa":  # hoa hồng (commission), not hông
            out.append(token)
        else:
            out += _expanded(token)
        if out and out[-1] in _SOUTHERN_SECOND and (pair := tuple(out[-2:])) in SOUTHERN_PAIRS:
            out[-2:] = SOUTHERN_PAIRS[pair]
    return out
