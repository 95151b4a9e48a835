"""Money amounts in what people type, in order, as integer đồng.

Digits: `1.250.000đ`, `1,250,000`, `1tr2`, `4tr25`, `275k`, `275 nghìn`, `1,5 triệu`,
`2 triệu rưỡi`, `nửa triệu`, `12 triệu 500 nghìn`, `1 tỷ 2`, `1 củ 300`.
As spoken (`spoken.py`): `hai trăm nghìn`, `một trăm hai` (120.000), `trăm sáu lăm`,
`hai trăm mốt` (210.000), `hai trăm lẻ năm`, `năm chục`, `bảy trăm rưỡi`, `ba lít`, `hai xị`,
`củ rưỡi`, `1 triệu lẻ 50 nghìn`, `ba triệu hai`, `200 chẵn`, `2 chai`, `hăm lăm ngàn`;
thousands grouped by spaces (`1 250 000`); `một triệu không trăm năm chục` (1.050.000), `củ
sáu` and `chai tám` (1.600.000, 1.800.000), `half a million`; money words typed with Telex
marks left in (`motj trieuj`, `hai tramw nghinf`), glued (`haitram`), doubled (`120kk`,
`2 triệuu`), slipped (`trăm hia`), `ngìn` for nghìn.
Not amounts: percentages, phone and ID numbers, dates and times, numbers that name something
(`tổ 12`, `ấp 3`, `ngày 15`, `dòng 5`, `tháng 12`, `tháng 6/2024`), names (`bà Tám`, `anh
Tư`, `chu Tu`, `Thạch Thị Út`, `Triệu Kim Thoa`), and runs of
more than 15 digits (nobody carries a quadrillion đồng; reading them must not overflow).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.nlu.normalize import clean, fold_for_numbers, fold_letters, undo_typing
from bot.nlu.spoken import (
    ENGLISH,
    UNITS,
    mask_names,
    mask_not_numbers,
    read_english,
    read_spoken,
)

_NUMBER = r"\d+(?:[.,]\d+)*"
# Spans that look like numbers but are not money; removed before amounts are read. Those that
# start with a digit (or "+84") are one pattern behind a look-ahead for that first character,
# which lets the regex engine skip to the digits (a third of the time of one pattern for all).
_NOT_MONEY_DIGITS = re.compile(
    r"(?=[+\d])(?:"
    r"\d[\d.,]*\d{16}[\d.,]*|\d{16,}"  # absurdly long digit runs
    r"|(?<![\d.,])\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\d|[.,]\d)"  # dates, not 1.5 triệu
    r"(?!\s*(?:k|nghin|ngan|ngin|trieu|tr|cu|ty|ti|lit|xi|thousand|million|(?<=\d)m)(?![a-z]))"
    r"|(?<![\d.,/])(?:0?[1-9]|1[0-2])[/-](?:19|20)\d{2}(?![\d/]|[.,]\d)"  # a month: 6/2024
    r"|\d{1,2}\s*(?:h|g|gio)\s*\d{0,2}(?:p|phut|m)?\b"  # times: 7h30, 14 gio, 7h30m
    r"|" + _NUMBER + r"\s*(?:%|phan tram)"  # percentages
    r"|\+?84\d{9,10}\b|\b0\d{9,10}\b|\b\d{12}\b"  # phones and CCCD numbers
    r"|(?<![\d.,])\d{1,3}\s*(?:tuoi|years?\s+old)\b"  # ages: 78 tuổi
    r")"
)
# Numbers that name something: tổ 12, ấp 3, ngày 15, dòng 5 (but "đóng 6 trăm" is money).
_NOT_MONEY_NAMED = re.compile(
    r"(?=[tasknmdlxcph])\b(?:stt\s*\d+\b(?![.,]\d|\s*(?:k|nghin|ngan|ngin|ng|trieu|tr|d|vnd|dong)\b)"
    # a member's number: "số 9 trăm tám" is number 9 paying 180.000, not 980.000
    r"|so\s*\d{1,3}\b(?![.,]\d|\s*(?:k|nghin|ngan|ngin|ng|trieu|tr|cu|chai|ty|ti|lit|xi|d|vnd|dong|chan)\b)"
    r"|(?:to|ap|soc|khom|thon|ngay|mung|thang|nam|dong|thu|lan|ky|tuan|xa|nhom"
    r"|muc|cau|tiet|trang|phong|tang|lop|khoan|mon|ho|nguoi|hop dong|ma|thu [t·]u)\s*\d+\b"
    r"(?![.,]\d|\s*(?:k|nghin|ngan|ngin|ng|trieu|tr|cu|chai|ty|ti|lit|xi|d|vnd|dong|chan|tram|chuc|muoi)\b))",
)
# A number that is someone's number in the list: "hai mươi hai là số của bà Muôn", "22 là số".
_IS_THE_NUMBER = re.compile(
    r"\b((?:\d{1,3}|(?:(?:hai|ba|bon|nam|sau|bay|tam|chin)\s+)?muoi"
    r"(?:\s+(?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?|mot|hai|ba|bon|nam|sau|bay|tam"
    r"|chin))\s+la\s+so(?:\s+thu\s+tu)?\s+(?:cua|cho)\b"
)
# A member's number said in words ("số mười hai", "stt hai mươi"), not followed by a unit.
_NAMED_IN_WORDS = re.compile(
    r"\b(?:so|stt)\s+((?:(?:hai|ba|bon|nam|sau|bay|tam|chin)\s+)?muoi"
    r"(?:\s+(?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?)\b"
    r"(?!\s+(?:k|nghin|ngan|ngin|trieu|tram|chuc|muoi|lit|xi|chan|ruoi|le|linh)\b)"
)
# A title before a lone "mười" or "trăm" makes it a name ("chú Mười 300k", "bác Trăm trả
# một triệu", "con Muoi dong mot tram" typed in lower case): a title that is no number word,
# and nothing after the word that would carry the amount on.
_TITLED_NUMBER_NAME = re.compile(
    r"\b(?:ong|chu|bac|co|chi|anh|di|thim|cau|mo|em|cu|o|eng|ut|con)\s+(muoi|tram)\b"
    r"(?!\s+(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|chuc|tram|k|nghin|ngan|ngin"
    r"|trieu|lit|xi|chan|ruoi|le|linh|\d\b))"
)
# A title before "tư" and an amount makes it a name ("ông tư trăm năm mươi nghìn" is ông Tư
# paying 150.000): four hundred is "bốn trăm", never "tư trăm".
_TITLED_TU = re.compile(
    r"\b(?:ong|ba|chu|bac|co|chi|cj|anh|di|thim|cau|mo|me|o|em|cu|a|c)\s+(tu)\b"
    r"(?=\s+(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|\d))"
)
# After digits, "n" is nghìn ("150n") and "m" the English million ("1.2M").
_UNIT = r"(?:k|nghin|ngan|ngin|ng|trieu|tr|cu|ty|ti|lit|thousand|million|(?<=\d)[nm])"
# 4tr25, 1tr250, 1 ty 2, 12 trieu 500 nghin, 2 trieu ruoi, 1,5 trieu, 275k. Thousands come
# under a unit of a hundred thousand or more only ("12 triệu 500 nghìn"): "175k 20k" is two
# amounts, the interest and the savings, not 195.000.
_COMPOUND = re.compile(
    # ".12tr", ",5 triệu": a part of a million with no 0 before its point
    r"(?P<num>" + _NUMBER + r"|(?<![\w.,])[.,]\d{1,3}(?=\s*(?:trieu|tr|cu|ty|ti|million)\b))"
    r"\s*(?P<unit>(?P<big>trieu|tr|cu|ty|ti|lit|million|(?<=\d)m)"
    r"|k|nghin|ngan|ngin|ng|thousand|(?<=\d)n)(?:d(?![a-z]))?(?![a-z])"
    r"(?:\s*(?P<tail>\d{1,3})(?!\s*(?:[.,]\d|" + _UNIT + r"(?![a-z])|\d)))?"
    r"(?:\s+(?P<ruoi>ruoi))?"
    r"(?(big)(?:\s*(?P<sub>" + _NUMBER + r")\s*(?P<subunit>k|nghin|ngan|ngin|ng)(?![a-z]))?)"
)
_GROUPED = r"\b\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*(?![.,]?\d)\s*(?:d|vnd|dong)?\b"
# Thousands grouped by spaces, ending in 000 ("1 250 000", "300 000đ"): the last group keeps
# "tổ 3 100" (member 3, 100) apart.
_SPACED = r"\b\d{1,3}(?: \d{3})*(?: 000)(?![.,]?\d)\s*(?:d|vnd|dong)?\b"
_PLAIN = r"\b\d{4,}(?:\s*(?:d|vnd|dong)\b|\b)"
# The three ways of writing an amount in digits, in one scan that starts only at digits; at
# one place the first that fits is taken: 1tr2 / 1.250.000 / 1250000.
_DIGITS_AMOUNT = re.compile(
    r"(?=\d|[.,]\d)(?:(?P<compound>" + _COMPOUND.pattern + r")|(?P<grouped>" + _GROUPED + r")"
    r"|(?P<spaced>" + _SPACED + r")|(?P<plain>" + _PLAIN + r"))"
)
# "lãi 120" (120.000), but not "lãi 2 tháng 260k": a count of sessions, or an age.
_SMALL_AFTER_MONEY_WORD = re.compile(
    r"(?=[lgntd])"  # the first letters of what follows: the engine skips to them
    r"\b(?:lai|gui|nop|thu|dong|tiet kiem|tk|du)\s+(\d{1,3})\b"
    r"(?!\s*(?:[.,](?=\d)|[/%]|\d|" + _UNIT + r"))"
    r"(?!\s+(?:thang|tuan|ngay|nam|ky|lan|buoi|phien|hom|bua|dot|tuoi)\b(?!\s*\d))"
)
# An age after a number said in words ("ông Thọ bảy mươi tuổi"): no amount.
_AGE_AFTER = re.compile(r"\s*tuoi\b")
_HALF = re.compile(r"\bnua\s+(trieu|tr|ty|cu|chai|lit|xi)\b")
_DIGIT = re.compile(r"\d")
# Every spoken amount has a digit, or one of these (Telex leftovers included: "trawm").
_MAYBE_SPOKEN = re.compile(
    r"(?=[\dtclxrnkhbsmv])(?:"  # the first characters of what follows: a faster scan
    r"\d|\b(?:tra\w{0,2}m|trieu|tr|chuc|muoi|lit|xi|cu|chai|ruoi|chan|le|linh|ngh\w*|nga\w*|ty|ti|k|van)\b"
    r"|\b(?:ham|bam)\s+\w"  # hăm lăm (25.000), băm hai
    r"|\b(?:hai|ba|bon|tu|nam|sau|bay|tam|chin)\s+lam\b"  # hai lăm (25.000)
    r")"
)


@dataclass(frozen=True)
class Amount:
    """An amount and where it was written; `spoken` when read from words, slang or a bare
    number taken as thousands, so the bot can echo it back before using it."""

    value: int
    start: int
    spoken: bool = False


def _decimal(text: str) -> float:
    """`1,5` and `1.5` are one and a half; `1.250` with three digits after is 1250; `.12`
    is 0.12."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    said = text.replace(",", ".")
    return float("0" + said if said.startswith(".") else said)  # ".12" (triệu) is 0.12


# After digits, "n" is nghìn too ("150n"), "m" a million ("1.2M").
_DIGIT_UNITS = UNITS | {"n": 1_000, "m": 1_000_000}


def _compound_value(m: re.Match[str]) -> int:
    unit = _DIGIT_UNITS[m.group("unit")]
    value = _decimal(m.group("num")) * unit
    tail = m.group("tail")
    if tail and unit >= 1_000_000:  # 4tr25 → 4.250.000; 1 ty 2 → 1.200.000.000
        value += int(tail) * unit / (10 ** len(tail))
    elif tail and len(tail) == 1 and m.start("tail") == m.end("unit"):  # 137k5 → 137.500
        value += int(tail) * unit / 10
    if m.group("ruoi"):
        value += unit / 2
    if m.group("sub"):
        value += _decimal(m.group("sub")) * UNITS[m.group("subunit")]
    return round(value)


def _digits_value(m: re.Match[str]) -> int:
    if m.group("compound") is not None:
        return _compound_value(m)
    if m.group("spaced") is not None:
        return int(_NOT_DIGIT.sub("", m.group(0)))
    return int(_NOT_DIGIT.sub("", m.group(0).split()[0]))


_NOT_DIGIT = re.compile(r"\D")


def names_something(folded: str) -> bool:
    """Whether folded text holds a number that names something ("tổ 12", "ấp 3", "ngày 15")."""
    return _NOT_MONEY_NAMED.search(folded) is not None


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _blank_group(m: re.Match[str]) -> str:
    """The match with its first group blanked ("chu muoi" → "chu     ")."""
    whole, start = m.group(0), m.start(1) - m.start()
    return whole[:start] + " " * len(m.group(1)) + whole[start + len(m.group(1)) :]


# "củ" spelt with its diacritics is the million (ASCII "cu" may be "cũ", old, or "cụ", an
# elderly person), so it reads as its synonym "chai", which takes a bare fraction: "củ sáu".
_CU = re.compile(r"(?<![^\W\d_])[Cc]ủ(?![^\W\d_])")
# Slips of the finger that make no other word: two letters swapped.
_SLIPS = {"hia": "hai", "tarm": "tram", "trma": "tram", "nagn": "ngan", "nhgin": "nghin"}
# Money words typed with Telex or VNI marks left in ("motj trieuj", "hai tramw nghinf") or a
# doubled letter ("khatt", "120kk"): only words with a mark no Vietnamese spelling has are
# looked at (f, j or w anywhere, s, r or x last, a doubled letter, a digit after a vowel);
# glued to the next ("haitram"); or slipped ("hia"). One scan finds the three.
_TYPED_MONEY = re.compile(
    r"(?<![a-z])(?:(?P<slip>" + "|".join(_SLIPS) + r")(?![a-z])"
    r"|(?P<glued>(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|tram)"
    r"(?=(?:tram|trieu|muoi|chuc|nghin|ngan|lam|mot)(?![a-z]))))"
    r"|(?<![a-z])(?P<typed>(?:d9)?[a-z]*?(?:[fjw]|([a-z])\4|[aeiouy]\d|[aeiouy][srx](?=[a-z]))"
    r"[a-z\d]*|[a-z]+[srx](?![a-z\d]))"
)
# What those words are once undone: the number words and units, and the tally's own words.
_MONEY_WORDS = {
    *("mot", "hai", "ba", "bon", "tu", "nam", "sau", "bay", "tam", "chin", "muoi", "lam"),
    *("chuc", "tram", "trieu", "nghin", "ngan", "ngin", "le", "linh", "ruoi", "lit", "xi"),
    *("chai", "chan", "ham", "bam", "lai", "tien", "gui", "tiet", "kiem", "dong", "nop"),
    *("khong", "chua", "vang", "khat", "goc", "tra", "du"),
    # the words the tally reads nothing paid in ("khong cos tieenf, heenj thangs sau")
    *("co", "ko", "hen", "thang", "tuan", "phien", "ky", "dot", "buoi", "nay", "ni", "toi"),
    *("mai", "nhan", "dua", "ai", "ve", "nha", "gap", "de", "no", "xin", "hoan", "het"),
    *("bo", "duoc", "moi", "thoi", "roi", "da", "o", "nghi", "goi"),
    # the member's tag ("soos 3 laix 120": số 3)
    "so",
    # the south's "hổng"/"hông" and the titles before a name ("hoongr cos", "oong Muwowif")
    *("hong", "ong", "chi", "anh", "chu", "bac", "di", "thim", "cau", "em"),
}
# A tone key typed inside the word, before its last vowel or final ("sasu" sáu, "tasm" tám):
# no Vietnamese spelling has s, r or x after a vowel.
_INNER_TONE = re.compile(r"(?<=[aeiouy])[srx](?=[a-z])")


# A VNI mark: a digit after a vowel ("la2n", "o6ng") or the 9 of "đ" ("d9o1ng"); all the
# word's digits are marks then.
_VNI_MARK = re.compile(r"^[a-z]*(?:[aeiouy][1-9]|d9)[a-z1-9]*$")
_VNI_DIGITS = re.compile(r"[1-9]")
# A number word with its diacritics glued to a digit ("trăm2" is "trăm hai"); the look-ahead
# at its first letters lets the engine skip to them (half the time).
_GLUED_DIGIT = re.compile(
    r"(?=[tcmlx])(?<![^\W\d_])(trăm|triệu|chục|mươi|mười|lít|xị)(?=[1-9](?!\d))", re.I
)


def _undo_money_word(m: re.Match[str]) -> str:
    if m.group("slip"):
        return _SLIPS[m.group("slip")]
    if m.group("glued"):
        return m.group("glued") + " "
    word = m.group(0)
    if _VNI_MARK.search(word):  # "d9o1ng", "la2n", "o6ng": VNI marks in any word
        return undo_typing(_VNI_DIGITS.sub("", word)).ljust(len(word))
    if not word.strip("k"):  # "120kk" is 120k; "kk" alone is a laugh
        after_digit = m.start() > 0 and m.string[m.start() - 1].isdigit()
        return "k".ljust(len(word)) if after_digit else word
    undone = undo_typing(word)
    if undone not in _MONEY_WORDS and "w" in word:  # "tramw": the breve's key typed last
        undone = undo_typing(word.replace("w", ""))
    if undone not in _MONEY_WORDS and _INNER_TONE.search(word):  # "sasu", "tasm"
        undone = undo_typing(_INNER_TONE.sub("", word, count=1))
    if undone not in _MONEY_WORDS and len(word) >= 4 and word[-1] == word[-2]:
        undone = undo_typing(word[:-1])  # "triệuu", "nghìnn": the last letter doubled
    return undone.ljust(len(word)) if undone in _MONEY_WORDS else word


# "chăm" for "trăm" after a number word, as the south says it ("hai chăm ngàn", "ba chăm
# rưởi"), when what follows carries the amount on or ends it; "năm chăm con" (five years of
# minding the children) and "chăm sóc" are no hundreds.
_CHAM = re.compile(
    r"(?<![a-z])(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|\d{1,2})\s+(cham)\b"
    r"(?=\s+(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|chuc|le|linh|ruoi|chan|nghin"
    r"|ngan|ngin|k|tien|lai|tiet|tiec|tk|gui|dong|nop)\b|\s*(?:[,.;!)]|$))"
)


# The letter o typed for a zero inside a figure, after a digit and before another digit or
# a thousands unit apart ("17o k", "2o0k", "15o nghìn"); "17 ok" and "10ok" are left alone.
# A digit inside a word is a VNI mark ("d9o1ng"), not a figure.
_O_FOR_ZERO = re.compile(
    r"(?<![a-z\d])\d+(o+)(?=\d+(?:k\b|(?![a-z]))|\s+(?:k|nghin|ngan|ngin)\b|(?:nghin|ngan|ngin)\b)"
)


# Numbers that are no money, masked as names are: a phone number or its fragment (a group of
# three digits or more starting with 0, then groups of digits or masked ones: "0915 228 4xx",
# "0905 11x xxx", "0978-321-xxx"; a book's number "sổ 0123"), and a year ("(1962)", "Thoa,
# 1956:", "sinh 1971"), with no unit after either ("050k" is money).
# ("dong" after one is "đóng", paying: "1962 đóng 200 nghìn").
_PHONE_OR_YEAR = re.compile(
    r"(?<![\w.,/·])(?<!\d )(?:0\d{2,}(?:[ .\-](?=[\dx]{2})(?:\d+x*|x+)(?![a-z\d]))+"
    r"|(?:0\d{2,}|19[2-9]\d|20[0-2]\d)(?![\d.,]?\d)(?!\s*(?:k|nghin|ngan|ngin|trieu|tr|d|vnd)\b))"
)


def _masked(m: re.Match[str]) -> str:
    return "·" * len(m.group(0))


def _zeros(m: re.Match[str]) -> str:
    return m.group(0)[: m.start(1) - m.start()] + "0" * len(m.group(1))


def _trăm(m: re.Match[str]) -> str:
    whole, start = m.group(0), m.start(1) - m.start()
    return whole[:start] + "tram" + whole[start + 4 :]


def fold_for_amounts(text: str) -> str:
    """`fold_for_numbers`, with names ("bà Tám", "Thạch Thị Út") and words that only fold to
    a number word ("bà Lâm", "trạm") masked first, and money words typed with Telex marks
    left in undone."""
    cleaned = clean(text)
    if not cleaned.isascii() and _GLUED_DIGIT.search(cleaned):
        cleaned = _GLUED_DIGIT.sub(r"\1 ", cleaned)
    if cleaned[1:] != cleaned[1:].lower():  # names are capitalised: "bà Tám"
        cleaned = mask_names(cleaned)
    if not cleaned.isascii():  # diacritics tell "bà Lâm" from "ba lăm" (35.000)
        cleaned = mask_not_numbers(cleaned, fold_letters(cleaned))
        if "ủ" in cleaned:
            cleaned = _CU.sub("chai", cleaned)
    folded = fold_for_numbers(cleaned)
    if "o" in folded and _O_FOR_ZERO.search(folded):  # "17o k", "2o0k": the letter for 0
        folded = _O_FOR_ZERO.sub(_zeros, folded)
    if "cham" in folded:
        folded = _CHAM.sub(_trăm, folded)
    if _THREE_DIGITS.search(folded):  # "0915 228 4xx", "(1962)": no money
        folded = _PHONE_OR_YEAR.sub(_masked, folded)
    if _FIELD_GLUED.search(folded):  # "lai155 gui50": the word, then its figure
        folded = _FIELD_GLUED.sub(r"\1 ", folded)
    return _undo_typed_money(folded)


# A tally word glued to a figure no VNI typing makes (VNI puts one tone digit 1-5 and one mark
# digit 6-9 after a vowel: "lai4" is "lãi"; "lai155", "gui50", "nop12" are not VNI).
_FIELD_GLUED = re.compile(
    r"(?<![a-z\d])(lai|gui|goc|nop|dong|tra|tien)(?=(?:\d{3,}|0\d*|\d0|[1-5][1-5]|[6-9][6-9])"
    r"(?:[.,]\d+)?(?:k|tr|d)?(?![a-z\d]))"
)


_THREE_DIGITS = re.compile(r"(?:0|19|20)\d\d")


_UNDONE: dict[str, str] = {}  # each word of folded text, with its money word undone


def _undo_typed_money(folded: str) -> str:
    """`folded` with money words typed with marks left in undone (`_TYPED_MONEY`), word by
    word: no pattern there reaches across a space, so each word's result is remembered
    (bounded) and a message of known words costs a dictionary look-up per word."""
    undone = _UNDONE
    out: list[str] = []
    for word in folded.split(" "):
        done = undone.get(word)
        if done is None:
            done = _TYPED_MONEY.sub(_undo_money_word, word) if _TYPED_MONEY.search(word) else word
            if len(undone) >= 100_000:
                undone.clear()
            undone[word] = done
        out.append(done)
    return " ".join(out)


# "1 point 5 million" said in English: the decimal point in words.
_POINT = re.compile(r"(?<![\d.,])(\d{1,3}) point (\d{1,3})(?![\d.,])")


def _point(m: re.Match[str]) -> str:
    """ "1 point 5" → "1.5" with the spaces after, so that every place stays where it was."""
    said = f"{m.group(1)}.{m.group(2)}"
    return said + " " * (len(m.group(0)) - len(said))


def read_amounts(text: str) -> list[Amount]:
    """Every money amount in `text`, in the order written, with where it starts."""
    folded = fold_for_amounts(text)
    if "point" in folded:  # "1 point 5 million": 1.5, in place
        folded = _POINT.sub(_point, folded)
    found: list[Amount] = []
    has_digits = bool(_DIGIT.search(folded))
    masked = folded
    if has_digits:
        masked = _NOT_MONEY_DIGITS.sub(_blank, masked)
        masked = _NOT_MONEY_NAMED.sub(_blank, masked)
    if " la so" in masked:
        masked = _IS_THE_NUMBER.sub(_blank_group, masked)
    if "muoi" in masked or "tram" in masked:
        masked = _TITLED_NUMBER_NAME.sub(_blank_group, masked)
        if " tu " in masked:
            masked = _TITLED_TU.sub(_blank_group, masked)
        if "so " in masked or "stt " in masked:
            masked = _NAMED_IN_WORDS.sub(_blank_group, masked)

    def take(
        pattern: re.Pattern[str], value: Callable[[re.Match[str]], int | None], spoken: bool
    ) -> None:
        nonlocal masked
        for m in pattern.finditer(masked):
            amount = value(m)
            if amount:
                found.append(Amount(amount, m.start(), spoken))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]

    if "nua" in masked:
        take(_HALF, lambda m: UNITS[m.group(1)] // 2, False)
    english = "hundred" in masked or "thousand" in masked or "million" in masked
    if english or (("ty" in masked or "teen" in masked) and " k" in masked):  # "fifty k"
        english = ENGLISH.search(masked) is not None
    if english:
        for start, end, amount in read_english(masked):
            found.append(Amount(amount, start, True))
            masked = masked[:start] + " " * (end - start) + masked[end:]
    # A digit is one of its alternatives: found at once, where the whole pattern scans each
    # word up to it (the same answer either way).
    if _DIGIT.search(masked) or _MAYBE_SPOKEN.search(masked):
        for start, end, amount, spoken in read_spoken(masked):
            if not ("tuoi" in masked and _AGE_AFTER.match(masked, end)):  # "bảy mươi tuổi"
                found.append(Amount(amount, start, spoken))
            masked = masked[:start] + " " * (end - start) + masked[end:]
    if not _DIGIT.search(masked):
        return sorted(found, key=lambda a: a.start)
    take(_DIGITS_AMOUNT, _digits_value, False)
    take(_SMALL_AFTER_MONEY_WORD, lambda m: int(m.group(1)) * 1_000, True)
    return sorted(found, key=lambda a: a.start)


def extract_amounts(text: str) -> list[int]:
    """Every money amount in `text`, in the order written."""
    return [amount.value for amount in read_amounts(text)]
