"""Money as it is spoken in the Mekong delta, on folded text: `hai trăm mốt` (210.000),
`2 chục`, `bốn chục rưỡi` (45.000), `chục rưỡi`, `ba lít hai` (320.000), `triệu mốt`,
`trăm sáu lăm` (165.000), `một trăm hai` and `1 trăm 2` (120.000), `hai trăm lẻ năm`,
`năm chục (nghìn)`, `hai lăm nghìn` (25.000), `bảy trăm rưỡi`, `ba lít` and `hai xị` (100.000
each), `lít rưỡi`, `củ rưỡi` (1.500.000), `ba triệu hai` (3.200.000), `một triệu bốn trăm
rưỡi`, `1 triệu lẻ 50 nghìn`, `200 chẵn`, `2 chai` and `chai rưỡi` (a million each), `hăm
lăm ngàn` (25.000) and `băm lăm` (35.000), `mười lăm vạn` and `16 vạn` (ten thousand each),
VNI leftovers (`ba tra8m`); and in English words
(`read_english`): "one hundred and twenty thousand", "a hundred k".

Hundreds and tens said without a unit are thousands. A lone digit word ("ba", "năm", "sau")
is never money: it is a title, a year, a preposition or a name far more often.
"""

from __future__ import annotations

import re
from itertools import islice

from bot.nlu.normalize import fold_letters, undo_typing

UNITS: dict[str, int] = {
    "k": 1_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "ngin": 1_000,  # "ngìn", a slip for "nghìn"
    "ng": 1_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "cu": 1_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
    "lit": 100_000,
    "xi": 100_000,
    "chai": 1_000_000,
    "van": 10_000,  # "vạn", ten thousand, as the north's elders count: "mười lăm vạn"
    "thousand": 1_000,
    "million": 1_000_000,
}
_THOUSANDS = {"k", "nghin", "ngan", "ngin", "ng", "thousand"}
_DIGITS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
# A number from one to ten said alone ("số ba", "stt mười"), as a member's number is.
NUMBER_WORDS: dict[str, int] = _DIGITS | {"lam": 5, "muoi": 10}
# The last digit after tens: "hai mươi lăm", "ba mươi mốt", "trăm sáu lăm".
_LAST_DIGITS = _DIGITS | {"lam": 5, "nham": 5}  # "ba mươi nhăm": lăm as the north-centre says it
# Words that make a run of numbers a spoken amount (digits with k/nghìn/triệu are left to
# the digit patterns).
_SPOKEN = set(_DIGITS) | {"muoi", "chuc", "tram", "le", "linh", "ruoi", "lit", "xi", "cu", "chan"}
_SPOKEN |= {"chai", "ham", "bam", "van"}
# What makes an amount worth echoing back: number words and slang units.
_WORDS = set(_DIGITS) | {"muoi", "chuc", "tram", "lit", "xi", "cu", "chai", "ham", "bam", "van"}
# "hăm lăm" (25), "băm hai" (32): the southern twenty and thirty.
_SOUTHERN_TENS = {"ham": 20, "bam": 30}
# "sau" before these is "after" ("sau khi", "sau đó"), never the digit six.
_AFTER_SAU = {"khi", "do", "nay", "nua", "roi", "thi", "moi", "se", "cung"}
# A digit before these counts them ("4 trăm, 2 tháng"): no tail of the hundreds before it.
_COUNTED = {"thang", "tuan", "ky", "lan", "buoi", "phien", "dot", "nam", "ngay"}
# A word with VNI marks left in it ("tra8m") is one token, undone with `undo_typing`; a masked
# name ("bà ···") is one too, so that no amount runs across it.
_TOKEN = re.compile(r"[a-z]*[aeiouy][a-z]*\d{1,2}[a-z]+|[a-z]+|\d+(?:[.,]\d+)*|·+")
# Where an amount can start (folded, Telex leftovers of "trăm" included), and how many words
# one can take at most.
_START = re.compile(
    r"(?=[\dmhbtnsclx])"  # the first characters of what follows: the engine skips to them
    r"(?<![\d.,])\b(?:\d|(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|tra\w{0,2}m|lit|xi|cu"
    r"|trieu|chai|ham|bam|chuc(?=\s+(?:ruoi|nghin|ngan|k)\b))\b)"
)
_WINDOW = 14
_MAX_DIGITS = 15
_NOT_DIGIT = re.compile(r"\D")
_THOUSANDS_MARK = re.compile(r"[.,](?=\d{3}(?:\D|$))")

# Names, on the text as typed (capitals are what tell them): the capitalised words after a
# title ("bà Tám", "chu Tu", "Mrs Lan"), and any run of two or more capitalised words ("Thạch
# Thị Út", "Triệu Kim Thoa", "Son Van Ba") unless every word of it is a money word ("Hai
# Trăm"). Their letters are masked, so "Vàng" is not "vắng", "Hồng" not "hông", "Tư" not 4.
_TITLES = {
    *("bà", "ông", "chị", "anh", "cô", "chú", "bác", "dì", "thím", "cậu", "mợ", "em", "cụ"),
    *("ba", "ong", "chi", "co", "chu", "bac", "di", "thim", "cau", "mo", "cu", "út", "ut"),
    *("c", "a", "o", "b", "văn", "thị", "mr", "mrs", "ms", "miss", "mister"),
}
_LETTERS = [chr(c) for c in (*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))]
_UPPER = "".join(c for c in _LETTERS if c.isupper())
_LOWER = "".join(c for c in _LETTERS if c.islower())
# A run of capitalised words, each separated by spaces or a full stop ("Mrs. Lan").
_CAPITALISED_RUN = re.compile(
    rf"(?<![^\W\d_])[{_UPPER}][{_LOWER}]+(?:(?:[ \t]+|\.[ \t]*)[{_UPPER}][{_LOWER}]+)*(?![^\W\d_])"
)
_TITLE_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \t]+$")
_RUN_WORD = re.compile(r"[^\W\d_]+")
# Words a run of capitals may be made of and still be money or the tally's words.
_MONEY_WORDS = {
    *("mot", "hai", "ba", "bon", "tu", "nam", "sau", "bay", "tam", "chin", "muoi", "lam"),
    *("chuc", "tram", "trieu", "nghin", "ngan", "le", "linh", "ruoi", "lit", "xi", "cu"),
    *("chai", "chan", "ham", "bam", "ty", "tien", "lai", "tiet", "kiem", "gui", "dong"),
    *("nop", "thu", "tra", "goc", "khong", "chua", "vang", "du", "nghi", "khat", "thang"),
}


def _is_title(word: str) -> bool:
    """A title, as spelt or typed with Telex marks left in ("oong", "baf", "chij")."""
    return word in _TITLES or (word.isascii() and undo_typing(word) in _TITLES)


def _name_in(text: str, run: re.Match[str]) -> tuple[int, int] | None:
    """Where the name is in a run of capitalised words, if it is one."""
    words = list(_RUN_WORD.finditer(run.group(0)))
    if len(words) >= 2 and words[0].group(0).lower() in _TITLES:  # "Bà Tám", "Ông Sáu Quẹo"
        return run.start() + words[1].start(), run.end()
    title = _TITLE_BEFORE.search(text, max(0, run.start() - 12), run.start())
    if title and _is_title(title.group(1).lower()):  # "bà Tám", "chu Tu", "oong Muwowif"
        return run.start(), run.end()
    if len(words) >= 2 and not all(fold_letters(w.group(0)) in _MONEY_WORDS for w in words):
        return run.start(), run.end()
    return None


def mask_names(text: str) -> str:
    """`bà Tám đóng trăm bảy lăm` → `bà ··· đóng trăm bảy lăm`, `Thạch Thị Út 200k` →
    `····· ··· ·· 200k` (text as typed, not folded)."""
    out: list[str] | None = None
    for run in _CAPITALISED_RUN.finditer(text):
        name = _name_in(text, run)
        if name:
            out = out or list(text)
            for k in range(*name):
                if not out[k].isspace() and out[k] != ".":
                    out[k] = "·"
    return text if out is None else "".join(out)


# Number words as they are spelt with diacritics; other words that fold to the same letters
# ("bà", "hài", "Lâm", "trạm", "chúc", "tạm", "cũ", "từ") are not numbers.
_SPELT = {
    "mot": {"một", "mốt"},
    "hai": {"hai"},
    "ba": {"ba"},
    "bon": {"bốn"},
    "tu": {"tư"},
    "nam": {"năm"},
    "lam": {"lăm"},
    "sau": {"sáu"},
    "bay": {"bảy", "bẩy"},
    "tam": {"tám"},
    "chin": {"chín"},
    "muoi": {"mười", "mươi"},
    "chuc": {"chục"},
    "ham": {"hăm"},
    "bam": {"băm"},
    "tram": {"trăm"},
    "le": {"lẻ"},
    "ruoi": {"rưỡi", "rưởi"},
    "cu": {"củ"},
    "trieu": {"triệu"},
    "van": {"vạn"},  # not "Văn", "vẫn", "tư vấn"
}
_FOLDS_TO_NUMBER = re.compile(
    r"(?=[mhbtnlscrv])(?<![^\W\d_])(?:" + "|".join(_SPELT) + r")(?![^\W\d_])"
)


def mask_not_numbers(text: str, folded: str) -> str:
    """`bà Lâm đóng trăm hai` → `·à ·âm đóng trăm hai`: words spelt with diacritics that fold
    to a number word but are not one. `folded` is `text` folded letter for letter."""
    out = None
    for m in _FOLDS_TO_NUMBER.finditer(folded):
        word = text[m.start() : m.end()]
        if word.isascii() or word.lower() in _SPELT[m.group(0)]:
            continue
        out = out or list(text)
        out[m.start()] = "·"
    return text if out is None else "".join(out)


def _digit(token: str) -> int | None:
    if token in _DIGITS:
        return _DIGITS[token]
    if len(token) == 1 and token.isdigit() and token != "0":
        return int(token)
    return None


def _last_digit(tokens: list[str], j: int) -> int | None:
    """A units digit at j, unless it starts a group of its own ("… năm trăm")."""
    if j >= len(tokens):
        return None
    word = tokens[j]
    value = _LAST_DIGITS.get(word) if word in _LAST_DIGITS else _digit(word)
    if value is None:
        return None
    if j + 1 < len(tokens) and tokens[j + 1] in ("tram", "muoi", "chuc"):
        return None
    return value


def _units_word(tokens: list[str], j: int) -> int | None:
    """The units digit said right after a tens digit word at j with no "mươi" between
    ("trăm năm tám", "hai trăm ba tư", "trăm sáu mốt"); both must be words, not digits."""
    if not tokens[j].isalpha() or j + 1 >= len(tokens) or not tokens[j + 1].isalpha():
        return None
    if j + 2 < len(tokens) and tokens[j + 2].startswith("·"):  # "trăm hai ba Chín Mai": bà
        return None
    return _last_digit(tokens, j + 1)


def _tens(tokens: list[str], j: int, after_hundreds: bool) -> tuple[int, int, bool] | None:
    """(value 0..99, next index, sure it is a number) at j."""
    if j >= len(tokens):
        return None
    word = tokens[j]
    following = tokens[j + 1] if j + 1 < len(tokens) else ""
    if word in _SOUTHERN_TENS:  # hăm lăm = 25, băm hai = 32; "hăm" alone needs a unit
        unit = _last_digit(tokens, j + 1)
        if unit is not None:
            return _SOUTHERN_TENS[word] + unit, j + 2, True
        return _SOUTHERN_TENS[word], j + 1, after_hundreds
    if word in ("muoi", "chuc"):  # mười, mười lăm, (một) chục, chục rưỡi
        if following == "ruoi":
            return 15, j + 2, True
        unit = _last_digit(tokens, j + 1)
        return (10 + unit, j + 2, True) if unit is not None else (10, j + 1, True)
    if word == "sau" and following in _AFTER_SAU:  # "25 triệu sau khi bán": after, not six
        return None
    digit = _digit(word)
    if digit is None:
        if after_hundreds and word.isdigit() and 10 <= int(word) <= 99:  # 1 trăm 25
            return int(word), j + 1, True
        return None
    if following in ("muoi", "chuc"):  # hai mươi, năm chục, chín chục lăm, bốn chục rưỡi
        if j + 2 < len(tokens) and tokens[j + 2] == "ruoi":
            return digit * 10 + 5, j + 3, True
        unit = _last_digit(tokens, j + 2)
        if unit is not None:
            return digit * 10 + unit, j + 3, True
        return digit * 10, j + 2, True
    if following in ("lam", "nham") and digit >= 2:  # hai lăm = 25, trăm hai nhăm = 125
        return digit * 10 + 5, j + 2, True
    if after_hundreds and following in _COUNTED:  # "4 trăm, 2 tháng gộp lại": a count
        return None
    if after_hundreds:  # trăm hai = 120, hai trăm mốt = 210; trăm năm tám = 158
        unit = _units_word(tokens, j) if digit >= 2 else None
        if unit is not None:
            return digit * 10 + unit, j + 2, True
        return digit * 10, j + 1, True
    return digit, j + 1, False


def _small(tokens: list[str], i: int) -> tuple[int, int, bool] | None:
    """A number below 1000 said in words (or digits mixed in: `1 trăm 2`)."""
    n = len(tokens)
    hundreds: int | None = None
    j = i
    if tokens[j] == "tram":
        hundreds, j = 1, j + 1
    elif j + 1 < n and tokens[j + 1] == "tram" and _digit(tokens[j]) is not None:
        hundreds, j = _digit(tokens[j]), j + 2
    if hundreds is None:
        return _tens(tokens, j, after_hundreds=False)
    value = hundreds * 100
    if j < n and tokens[j] == "ruoi":
        return value + 50, j + 1, True
    if j + 1 < n and tokens[j] in ("le", "linh"):
        unit = 10 if tokens[j + 1] == "muoi" else _digit(tokens[j + 1])
        if unit is not None:
            return value + unit, j + 2, True
    tens = _tens(tokens, j, after_hundreds=True)
    if tens is not None:
        return value + tens[0], tens[1], True
    return value, j, True


def _number(tokens: list[str], i: int) -> tuple[float, int, bool] | None:
    """Words or digits at i: (value, next index, sure it is a number on its own)."""
    token = tokens[i]
    if token[0].isdigit():
        if len(_NOT_DIGIT.sub("", token)) > _MAX_DIGITS:
            return None
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following in ("tram", "muoi", "chuc") and _digit(token) is not None:
            return _small(tokens, i)  # 1 trăm 2, 5 chục
        number = _THOUSANDS_MARK.sub("", token).replace(",", ".")
        try:
            return float(number), i + 1, False
        except ValueError:
            return None
    return _small(tokens, i)


def _fraction(value: int, unit: int) -> float:
    """What a number after a unit of a million or more adds: `ba triệu hai` (+200.000),
    `4 triệu 25` (+250.000), `1 củ 300` and `một triệu bốn trăm rưỡi` (+300.000, +450.000)."""
    return value * unit / 10.0 ** len(str(value))


_BARE_UNITS = ("lit", "xi", "cu", "chai", "trieu")
# After a unit, what it is worth a fraction of: "ba lít hai" (320.000), "triệu mốt".
_FRACTION_WORDS = set(_DIGITS) | {"mot", "lam"}


def _fraction_follows(tokens: list[str], j: int) -> bool:
    if j >= len(tokens):
        return False
    word = tokens[j]
    return word == "ruoi" or word in _FRACTION_WORDS or (len(word) == 1 and word.isdigit())


def _zero_hundreds(tokens: list[str], j: int) -> tuple[int, int] | None:
    """After "… triệu không trăm": the thousands below a hundred ("năm chục", "hai mươi
    nghìn", "lẻ năm"), and the index after them."""
    if j >= len(tokens):
        return None
    if tokens[j] in ("le", "linh") and j + 1 < len(tokens):
        unit = _digit(tokens[j + 1])
        tens = (unit, j + 2, True) if unit is not None else None
    else:
        tens = _tens(tokens, j, after_hundreds=True)
    if tens is None:
        return None
    after = tens[1]
    if after < len(tokens) and tokens[after] in _THOUSANDS:
        after += 1
    return tens[0], after


def _this(tokens: list[str], j: int) -> bool:
    """ "này", "ni" at j: the session in hand ("đóng hai mươi tháng này" is money)."""
    return j < len(tokens) and tokens[j] in ("nay", "ni")


def _amount(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The amount starting at token i, in đồng, and the index after it."""
    n = len(tokens)
    number = _number(tokens, i)
    following = tokens[i + 1] if i + 1 < n else ""
    bare = tokens[i] in _BARE_UNITS and _fraction_follows(tokens, i + 1)
    if number is None and bare and (tokens[i] != "cu" or following == "ruoi"):
        # lít rưỡi, củ rưỡi, lít hai, triệu mốt (a bare "cũ" is old, not a million)
        number = (1, i, True)
    if number is None:
        return None
    value, j, sure = number
    # "vạn" (ten thousand) after figures or a number sure of itself ("16 vạn", "mười lăm
    # vạn"); after a lone digit word it is a name or a word ("bà Vân", "tư vấn": advice)
    lone_van = j < n and tokens[j] == "van" and not sure and not tokens[i][0].isdigit()
    if j < n and tokens[j] in UNITS and not lone_van:
        unit = UNITS[tokens[j]]
        total = value * unit
        j += 1
        if j < n and tokens[j] == "ruoi":
            total += unit / 2
            j += 1
        elif unit >= 1_000_000 and j + 1 < n and tokens[j : j + 2] == ["khong", "tram"]:
            zero = _zero_hundreds(tokens, j + 2)  # một triệu không trăm năm chục (1.050.000)
            hundreds_zero, j = zero if zero is not None else (0, j + 2)
            total += hundreds_zero * 1_000
        elif unit == 1_000 and j + 1 < n and tokens[j] in ("le", "linh"):
            # "185 nghìn lẻ năm trăm đồng": hundreds of đồng after the thousands (185.500)
            rest = _number(tokens, j + 1)
            if rest is not None and rest[0] == int(rest[0]) and 0 < rest[0] < 1000:
                after = rest[1]
                if not (after < n and tokens[after] in UNITS):
                    total += rest[0]
                    j = after
        elif unit >= 100_000 and j < n:
            lower = j + 1 if tokens[j] in ("le", "linh") else j
            rest = _number(tokens, lower) if lower < n else None
            if rest is not None:
                part, after, _sure = rest
                if after < n and tokens[after] in _THOUSANDS:  # 1 triệu lẻ 50 nghìn
                    total += part * 1_000
                    j = after + 1
                elif after < n and tokens[after] in UNITS:
                    pass  # another amount follows
                elif lower > j:  # 1 triệu lẻ 50
                    total += part * 1_000
                    j = after
                elif part == int(part) and part < 1000:
                    total += _fraction(int(part), unit)
                    j = after
    elif j < n and tokens[j] == "chan" and value < 1000:  # 200 chẵn
        total = value * 1_000
    elif sure and value < 100 and j < n and tokens[j] in _COUNTED and not _this(tokens, j + 1):
        return None  # "hẹn mười lăm ngày nữa": a count of days, no money
    elif sure:
        total = value * 1_000  # hundreds and tens said alone are thousands
    else:
        return None
    if j < n and tokens[j] == "chan":
        j += 1
    return round(total), j


# What can follow a figure in a spoken amount ("2 trăm", "3 lít", "200 chẵn"): a figure
# before anything else starts no amount `_amount` reads.
_AFTER_FIGURE = set(UNITS) | {"chan", "tram", "muoi", "chuc"}


def _unit_after_figure(folded: str, at: int) -> bool:
    """Whether the token after the figure at `at` (in the window `read_spoken` reads) is a
    unit or a number word the figure goes with."""
    figure = _TOKEN.match(folded, at, at + 90)
    following = _TOKEN.search(folded, figure.end(), at + 90) if figure else None
    if following is None:
        return False
    word = following.group(0)
    return (undo_typing(word) if word[0].isalpha() else word) in _AFTER_FIGURE


def read_spoken(folded: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, đồng, is slang or words) for each spoken amount in folded text. Only the
    dozen words after each place an amount can start are read."""
    found: list[tuple[int, int, int, bool]] = []
    done = 0
    for start in _START.finditer(folded):
        if start.start() < done or (
            folded[start.start()].isdigit() and not _unit_after_figure(folded, start.start())
        ):
            continue
        window = list(islice(_TOKEN.finditer(folded, start.start(), start.start() + 90), _WINDOW))
        tokens = [
            undo_typing(m.group(0)) if m.group(0)[0].isalpha() else m.group(0) for m in window
        ]
        amount = _amount(tokens, 0) if tokens else None
        if amount is None or not _SPOKEN & set(tokens[: amount[1]]):
            continue
        value, end = amount
        used = tokens[:end]
        spoken = bool(set(used) & _WORDS) or not any(t[0].isdigit() for t in used)
        if value > 0:
            found.append((window[0].start(), window[end - 1].end(), value, spoken))
        done = window[end - 1].end()
    return found


_EN_DIGITS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS = {
    w: 10 * n
    for n, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_EN_SCALES = {"thousand": 1_000, "million": 1_000_000, "k": 1_000}
# Digits before "hundred" count as its words do: "2 hundred thousand", "5 hundred k".
_EN_WORD = re.compile(r"[a-z]+|(?<![\d.,])\d{1,3}(?=\s+hundred\b)")
# An English amount: a scale word, or tens or teens before "k" ("fifty k", "twenty five k";
# "ten" folds from "tên", a name, so it is left out).
ENGLISH = re.compile(
    r"\b(?:hundred|thousand|million"
    r"|(?:(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty)"
    r"(?:[\s-]+[a-z]+)?\s+k)\b"
)


def read_english(folded: str) -> list[tuple[int, int, int]]:
    """(start, end, đồng) for each amount written in English words: "one hundred and twenty
    thousand", "a hundred k", "fifty k", "two million five hundred thousand", "half a
    million", "one and a half million", "one point five million"; hundreds without a scale
    ("one hundred twenty") are thousands, as in Vietnamese."""
    found: list[tuple[int, int, int]] = []
    total = current = 0
    start = end = -1
    scaled = hundreds = half = False
    last = ""
    point: str | None = None  # the digits said after "point" ("one point five million")
    for m in _EN_WORD.finditer(folded):
        word = m.group(0)
        if point is not None and word not in _EN_SCALES:
            if _EN_DIGITS.get(word, 10) < 10:
                point += str(_EN_DIGITS[word])
                end, last = m.end(), word
                continue
            point = None  # "one point" and no digit: no fraction, and no amount after it
            total = current = 0
            start, scaled, hundreds, half, last = -1, False, False, False, ""
            continue
        if word == "point" and start >= 0 and last in _EN_DIGITS and not hundreds:
            point, last = "", word
            continue
        if word.isdigit():  # "2 hundred"
            current += int(word)
        elif word in _EN_DIGITS or word in _EN_TENS:
            current += _EN_DIGITS.get(word, 0) + _EN_TENS.get(word, 0)
        elif word == "a" and (start < 0 or last in ("half", "and")):
            current = current or int(last != "half")  # "a hundred"; "half a million"
        elif word == "half" and (start < 0 or last in ("and", "a")):
            half = True  # "half a million", "one and a half million"
        elif word == "hundred" and (start >= 0 or current):
            current, hundreds = max(current, 1) * 100, True
        elif word in _EN_SCALES and point:  # "one point five million": 1.500.000
            total += round(float(f"{current}.{point}") * _EN_SCALES[word])
            current, scaled, point = 0, True, None
        elif word in _EN_SCALES and (start >= 0 or current):
            times = (2 * current + 1) if half else 2 * max(current, 1)
            total, current, scaled = total + times * _EN_SCALES[word] // 2, 0, True
            half = False
        elif word == "and" and start >= 0:
            last = word
            continue
        else:
            if scaled or hundreds:
                found.append((start, end, total + current if scaled else current * 1_000))
            total = current = 0
            start, scaled, hundreds, half, last = -1, False, False, False, ""
            continue
        if start < 0:
            start = m.start()
        end = m.end()
        last = word
    if scaled or hundreds:
        found.append((start, end, total + current if scaled else current * 1_000))
    return found
