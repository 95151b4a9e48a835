"""Whose figures a message asks about: another person named with a title ("bà Lan", "ông
Thạch Sơn", "của chị Hai", "du no ba lan"), or the asker ("của tôi", "nhà tôi", "mình",
"mẹ tôi": the household), so the bot can refuse a borrower's question about a neighbour and
let a leader ask about a member by name.

A title is followed by a name: capitalised words, or, in a message typed all in lower case,
words that are not common words. A name no list here knows ("thang Khol", "cn Khol", "ong
khol") is still one when it is written as a name (capitalised) or, after a title that is
surely one, is a word that no question of the training corpus uses (a leader's members are
Khmer and Kinh, and no list holds every name). A title said to the bot ("chị ơi", "dạ
anh", "… vậy chị?") and a title alone ("bà hỏi chút") name nobody.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from functools import cache

from bot.nlu import corpus
from bot.nlu.language import written_in
from bot.nlu.normalize import clean, fold_letters

_TITLES = {"bà", "ông", "chị", "anh", "cô", "chú", "bác", "dì", "thím", "cậu", "mợ", "em"}
_TITLES |= {"thằng", "bé", "mệ"}
_TITLES |= {"mr", "mrs", "ms", "miss", "hộ", "tổ viên"}
# Typed without diacritics these are also common words (có, ở, đi, chữ, họ, chỉ, ba): the
# name after them must be a known name syllable.
_PLAIN_TITLES = {"c", "a", "b", "ba", "ong", "chi", "bac", "to vien", "anh", "thim"}
# "thang" is also "tháng" (month: "tháng sau", "tháng Tám"), "con" the asker or the bot
# ("con coi giùm tui", "bai bai con"): a name after them counts only beside a sign of a
# neighbour, or written as a name of two words or more ("thang Ut Tam").
_AMBIGUOUS_TITLES = {"thang", "con"}
_PLAIN_TITLES |= _AMBIGUOUS_TITLES
_ALL_TITLES = _TITLES | _PLAIN_TITLES
# Titles typed plain that are common words first (bé/bè, cô/có, chú/chữ, dì/đi, cậu/câu,
# mợ/mở, mệ/mẹ, o/ở) or short for "con", "thằng" (cn, thg; also "chủ nhật", "tháng"): a
# name after them counts only when it is written as one (capitalised) or is no word of the
# questions people ask (`_unheard`), never a name syllable alone ("co lan": có lần).
_LOOSE_TITLES = {"cn", "thg", "be", "co", "chu", "di", "cau", "mo", "me", "o"}
# A capitalised word after "o" may be a place ("o Soc Trang": ở Sóc Trăng); after "a", "b",
# "c" no name is guessed at all ("a Question", "a visa").
_NO_CAPITAL_GUESS = {"o"}
_NO_GUESS = {"a", "b", "c"}
# Plain titles that are seldom anything else in a message typed without marks.
_SURE_PLAIN = {"ong", "ba", "chi", "bac", "thim"}
_PAIR_FIRST = {t.split()[0] for t in _ALL_TITLES if " " in t}
# After a title, these say it is spoken to, or stands for the asker.
_VOCATIVE = {"ơi", "oi", "à", "a", "ạ", "nha", "nhé", "nhe", "hả", "ha", "ui", "ới"}
# Folded words that are not names (the asker, questions, money, the bank's words).
_COMMON_TEXT = """toi tui minh em con nha cua la va voi con no du lai gui tiet kiem bao nhieu
    may nao khi gio sao gi ai dau thang nam ngay tuan nay truoc sau roi chua khong ko co duoc dc
    da dang se vay tien trieu nghin ngan k tr dong nop tra thu goc han xa to ap ngan hang
    hoi xem coi biet cho giup gium dum voi ban bot oi a nha nhe di ve o tai tren duoi hay
    het qua lam viec can bo truong pho vien thi ma cung van con ca moi nguoi ho ngheo
    tat bat mo nhac thong bao huy lien ket dang ky so dien thoai zalo telegram tieng viet
    anh khmer yeu cau mot hai ba bon nam sau bay tam chin muoi tram chuc le ruoi lit xi cu
    ay do kia nay vang du thieu ton suat ky dot lan kiem tra chuyen khoan mat hoi nay
    the nhu ra vo len xuong day kia kem hon nhat luon chi chu co ba ong bac di thim cau mo
    nua thoi dung oke ok thanks cam on xin chao alo hi hello hong ha he ke ben canh xom thang"""
_COMMON = set(_COMMON_TEXT.split())
# Name syllables (folded), for text typed without capitals: Khmer family names of Sóc Trăng,
# common given names, and the Southern birth-order nicknames (chị Hai, chú Tư, bà Út).
_NAMES_TEXT = """thach lam son kim danh ly lieu trieu chau huynh nguyen tran pham hoang vo bui ngo
    duong lan hoa mai cuc dao hue nga ngoc my phuong thuy trang linh hanh hien hen hung
    tuan minh phuc tho hai ba tu nam sau bay tam chin muoi ut sari sa ri rene ruong
    sophal sophi sen sang sol chanh phol phen
    men ni ry vy hen sang thanh binh khoa khanh kiet nhan oanh quyen soc sam pha nhanh
    suong tuyet xuan yen dieu loan truc"""
_NAMES = set(_NAMES_TEXT.split())
_ASKER = {"tôi", "tui", "mình", "em", "con", "cháu", "tớ", "tao", "toi", "minh", "chau"}
_MINE = {"tôi", "tui", "toi", "mình", "minh", "tớ", "tao", "em", "e", "t"}
_WORD = re.compile(r"[^\W\d_]+|\d+|[?,.;!]", re.UNICODE)
_NICKNAMES = {"hai", "ba", "tư", "tu", "năm", "nam", "sáu", "sau", "bảy", "bay", "tám", "tam"}
_NICKNAMES |= {"chín", "chin", "mười", "muoi", "út", "ut"}
_UNITS = {"trieu", "nghin", "ngan", "k", "lit", "xi", "cu", "tram", "chuc", "muoi", "trăm"}


def _name_after(words: list[str], start: int, capitals: bool, plain: bool) -> list[str]:
    """The name words from `start`, up to four."""
    name: list[str] = []
    for at, word in enumerate(words[start : start + 4], start):
        folded = fold_letters(word)
        if not word[0].isalpha() or word.lower() in _VOCATIVE:
            break
        if capitals:
            if not word[0].isupper() or (
                plain and not name and folded not in _NAMES and not _full_name_at(words, at)
            ):
                break
        elif (not name and folded not in _NAMES) or (
            folded in _COMMON and folded not in _NAMES and folded not in ("thi", "van")
        ):
            break
        name.append(word)
    if len(name) == 1 and fold_letters(name[0]) in _NICKNAMES:
        following = words[start + 1] if start + 1 < len(words) else ""
        if fold_letters(following) in _UNITS:
            return []  # "ba trăm": a number, not "bà Trăm"
    return name


_KIN = {"con", "chau", "cháu", "em", "anh", "chi", "chị"}
_KIN_KIND = {"trai", "gai", "gái", "re", "rể", "dau", "dâu", "ngoai", "ngoại", "noi", "nội"}


def _kin_of_asker(lowered: list[str], at: int) -> bool:
    """ "con tôi", "cháu ngoại tui", "con trai tôi" from `at`: the person just named is the
    asker's child, grandchild or sibling, another person with figures of their own."""
    if at >= len(lowered) or lowered[at] not in _KIN:
        return False
    at += 1
    if at < len(lowered) and lowered[at] in _KIN_KIND:
        at += 1
    return at < len(lowered) and lowered[at] in _MINE


def _name_guessed(words: list[str], start: int, title: str, marked: bool) -> list[str]:
    """The name words from `start` when the first is no name syllable the lists know
    ("Khơl", "khol"): written as a name (capitalised, no common word), or, after a title
    that is surely one (typed with its marks, or "ong", "ba", "chi" in a message typed
    without any), a word no question people ask uses (`_unheard`): a typo after "thang" or
    "con" ("thang rui", "cn thiu") is no name. Then the name words after it."""
    first = words[start] if start < len(words) else ""
    if not first or not first[0].isalpha() or title in _NO_GUESS:
        return []
    folded = fold_letters(first.lower())
    written = (
        title not in _NO_CAPITAL_GUESS
        and first[0].isupper()
        and _uncommon(folded)
        and folded not in _NICKNAMES
    )
    sure = not title.isascii() or (title in _SURE_PLAIN and not marked)
    if not (written or (sure and _unheard(folded))):
        return []
    name = [first]
    for word in words[start + 1 : start + 4]:
        folded = fold_letters(word.lower())
        if not word[0].isalpha() or word.lower() in _VOCATIVE:
            break
        known = _name_word(folded) or (folded not in _COMMON and word[0].isupper())
        if not known and (folded in _COMMON or not _unheard(folded)):
            break
        name.append(word)
    return name


def _may_guess(words: list[str], at: int, typed: str) -> bool:
    """Not after a place's word ("ấp Ba Rinh"), nor in English ("remind me three days")."""
    if at and fold_letters(words[at - 1].lower()) in _PLACE_WORDS:
        return False
    return written_in(typed) != "en"


def _uncommon(folded: str) -> bool:
    return folded not in _COMMON and folded not in _ENGLISH and folded not in _UNITS


def _unheard(folded: str) -> bool:
    """A word of three letters or more that no question of the training corpus uses twice
    and no list here knows: not a word people ask with, so a name ("khol", "phanh")."""
    heard = _heard()
    return (
        bool(heard)  # without the corpus, no word is taken for a name so
        and len(folded) >= 3
        and folded.isalpha()
        and folded not in heard
        and _uncommon(folded)
    )


@cache
def _heard() -> frozenset[str]:
    """The words (folded) that two lines or more of the training corpus use."""
    seen: Counter[str] = Counter()
    for line in corpus.intents("train") + corpus.multi("train"):
        seen.update(set(_folded_words(_WORD.findall(clean(line.text)))))
    return frozenset(word for word, lines in seen.items() if lines >= 2)


def _full_name_at(words: list[str], at: int) -> bool:
    """A run of three capitalised words from `at` ("ong Le Van Hoa"): a full name, whatever
    its family name (the name syllables above cannot list them all)."""
    run = words[at : at + 3]
    return len(run) == 3 and all(w[0].isalpha() and w[0].isupper() for w in run)


# Someone living near the asker: "ở kế bên", "hàng xóm", "nhà bên", "bên cạnh", "cạnh nhà",
# "my neighbour", "next door".
_NEIGHBOUR = re.compile(
    r"(?=[kbnchx])\b(?:ke ben|ben canh|nha ben|nha ke|canh nha|hang xom|xom ben|ke nha|nha ke ben"
    r"|neighbou?rs?|next door)\b"
)


def _neighbour(typed: str) -> str | None:
    """The words that point at a neighbour, as typed, or None."""
    folded = fold_letters(typed.lower())
    found = _NEIGHBOUR.search(folded)
    if found is None:
        return None
    if len(folded) != len(typed):
        return found.group(0)
    return typed[found.start() : found.end()]


def about_other(text: str) -> str | None:
    """The person other than the asker whose figures the message asks for, as written
    ("bà Lan", "ông Thạch Sơn", "thằng Út Tâm"), the words that point at a neighbour when
    no name is said ("hàng xóm", "nhà bên"), or None."""
    typed = unicodedata.normalize("NFC", clean(text))
    words = _WORD.findall(typed)
    if _title_case(words):  # "Du No Con Bao Nhieu": capitals that say nothing
        typed = typed.lower()
        words = [w.lower() for w in words]
    neighbour = _neighbour(typed)
    # No character changes in lower case: neither does any word (most messages typed).
    lowered = words if typed.lower() == typed else [w.lower() for w in words]
    if (
        not _ALL_TITLES.intersection(lowered)
        and not _LOOSE_TITLES.intersection(lowered)
        and "viên" not in lowered
        and "vien" not in lowered
        and neighbour is None
    ):
        return _untitled(words, pairs_of_capitals=not typed[1:].islower())
    capitals = any(w[0].isupper() for w in words[1:] if w[0].isalpha()) or (
        bool(words) and words[0][0].isupper() and len(words) > 1 and words[1][0].isupper()
    )
    for i, lower in enumerate(lowered):
        pair = f"{lower} {lowered[i + 1]}" if lower in _PAIR_FIRST and i + 1 < len(words) else ""
        plain = pair in _PLAIN_TITLES or (pair not in _TITLES and lower in _PLAIN_TITLES)
        title_length = 2 if pair in _ALL_TITLES else 1 if lower in _ALL_TITLES else 0
        loose = not title_length and lower in _LOOSE_TITLES
        if loose:
            title_length = 1
        if not title_length:
            continue
        following = words[i + title_length] if i + title_length < len(words) else ""
        if not following or following.lower() in _VOCATIVE or following.lower() in _ASKER:
            continue  # "chị ơi", "… vậy chị", "em tôi"
        if lower == "em" and not following[0].isupper():
            continue  # "cho em hỏi": the asker, unless a name follows ("em Hoa")
        name = [] if loose else _name_after(words, i + title_length, capitals, plain)
        guessed = not name
        if guessed and _may_guess(words, i, typed):  # "thang Khol", "ong khol": a name
            name = _name_guessed(words, i + title_length, lower, marked=not typed.isascii())
        after = i + title_length + len(name)
        if name and after < len(words) and words[after].lower() in _MINE:
            continue  # "ông bà tui": the asker's family
        ambiguous = lower in _AMBIGUOUS_TITLES and neighbour is None
        # "thằng Hai con tôi": the asker's son ("thang sau con toi": next month, my child)
        kin = bool(name) and name[0][0].isupper() and _kin_of_asker(lowered, after)
        if name and ambiguous and not guessed and not (capitals and len(name) > 1) and not kin:
            continue  # "tháng sau", "con Ut" alone: not surely a person
        if name:
            return " ".join(words[i : i + title_length] + name)
    return neighbour or _untitled(words, pairs_of_capitals=not typed[1:].islower())


# Family names (folded), for a full name typed with no title and no capitals ("le van hoa").
_FAMILY = set(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "thach",
        "lam",
        "kim",
        "danh",
        "son",
        "trieu",
        "chau",
        "lieu",
        "quach",
        "tang",
        "luu",
        "mai",
        "dinh",
        "doan",
        "trinh",
        "truong",
        "cao",
    ]
)
# Middle names that tell a lower-case run is a name ("le van hoa", "tran thi lan").
_MIDDLE = {"van", "thi", "minh", "ngoc", "kim", "thanh", "quoc", "duc", "huu", "xuan", "hong"}
# Words before a place's name: "ở tổ Tâm Kiên", "xã Đại Tâm" name no person.
_PLACE_WORDS = {"xa", "ap", "to", "o", "ben", "thon", "khu", "huyen", "tinh", "phuong", "tp"}
_PLACE_WORDS |= {"thanh pho", "ngan", "hang", "chuong", "trinh"}
# English words that start capitalised questions ("How Much Do I Owe").
_ENGLISH = set(
    [
        "how",
        "much",
        "do",
        "does",
        "i",
        "my",
        "me",
        "what",
        "when",
        "where",
        "which",
        "who",
        "is",
        "are",
        "the",
        "a",
        "an",
        "can",
        "you",
        "please",
        "tell",
        "show",
        "owe",
        "balance",
        "interest",
        "savings",
        "due",
        "date",
        "loan",
        "next",
        "session",
        "pay",
        "paid",
        "late",
        "if",
        "bank",
        "officer",
        "leader",
        "group",
        "hello",
        "hi",
        "thanks",
        "thank",
        "ok",
        "yes",
        "no",
    ]
)


def may_name_someone(text: str) -> bool:
    """Whether `text` has a word that is not a common word of questions, so that it may say
    someone's name (the bank's names are looked for only then: "dư nợ còn bao nhiêu" names
    nobody, "danh so phanh no bn" may)."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", clean(text))) if w.isalpha()]
    return any(folded not in _COMMON for folded in _folded_words(words))


def _title_case(words: list[str]) -> bool:
    """Every word of three or more capitalised ("Du No Con Bao Nhieu")."""
    letters = [w for w in words if w[0].isalpha()]
    return len(letters) >= 3 and all(w[0].isupper() for w in letters)


def _folded_words(words: list[str]) -> list[str]:
    """Each word lower-cased and folded, in one pass over the whole message."""
    folded = fold_letters(" ".join(words).lower()).split(" ")
    return folded if len(folded) == len(words) else [fold_letters(w.lower()) for w in words]


def _name_word(folded: str) -> bool:
    return folded in _NAMES or folded in _FAMILY or folded in _MIDDLE


def _untitled(words: list[str], pairs_of_capitals: bool = True) -> str | None:
    """A full name said with no title: two capitalised words or more that are not common
    words ("Le Van Hoa", "Thạch Sơn"), or, in lower case, a family name, a middle name and a
    given name ("le van hoa", "tran thi lan"). Not after a place's word ("tổ Tâm Kiên").
    `pairs_of_capitals` False: the caller knows no two words start with a capital (nothing
    upper case past the line's first character), and the words are not looked at for it."""
    pairs = itertools.pairwise(words)
    if not pairs_of_capitals or not any(a[0].isupper() and b[0].isupper() for a, b in pairs):
        folded = _folded_words(words)
        if not _FAMILY.intersection(folded):
            return None  # no family name either: no name (most messages)
    else:
        folded = _folded_words(words)
    for at, word in enumerate(words):
        if (at and folded[at - 1] in _PLACE_WORDS) or not word[0].isalpha():
            continue
        if word[0].isupper():
            run = _capitalised_run(words, folded, at)
        elif folded[at] in _FAMILY:
            run = _lower_run(words, folded, at)
        else:
            continue
        if run:
            return " ".join(run)
    return None


def _capitalised_run(words: list[str], all_folded: list[str], at: int) -> list[str]:
    run: list[str] = []
    for word, folded in zip(words[at : at + 5], all_folded[at : at + 5], strict=True):
        if not word[0].isalpha() or not word[0].isupper() or folded in _ENGLISH:
            break
        if folded in _COMMON and not _name_word(folded):
            break
        run.append(word)
    return run if len(run) >= 2 else []


def _lower_run(words: list[str], all_folded: list[str], at: int) -> list[str]:
    run = [words[at]]
    middle = ""
    for word, folded in zip(words[at + 1 : at + 5], all_folded[at + 1 : at + 5], strict=True):
        if not word[0].isalpha() or not _name_word(folded):
            break
        if len(run) > 1 and folded in _MIDDLE_ONLY:
            break
        middle = middle or folded
        run.append(word)
    return run if len(run) >= 3 and middle in _MIDDLE else []


_MIDDLE_ONLY = _MIDDLE - _NAMES


_TITLE_WORDS = {fold_letters(t) for t in _ALL_TITLES | _LOOSE_TITLES if " " not in t}


def _name_words(name: str) -> list[str]:
    """A name's words without the title before it."""
    words = name.split()
    if len(words) > 1 and fold_letters(words[0].lower()) in _TITLE_WORDS:
        return words[1:]
    return words


def titled_name_of(text: str, names: list[str]) -> str | None:
    """A title before words of one of `names` (the asker's group, as the bank writes them),
    as typed ("thang khol", "o Khol"): for a name the lists and the corpus cannot tell from
    a word, known to be somebody's. A word every question uses ("sau", "tam") is not one,
    and after a title that is also a common word ("con", "o", "co"), neither is a word the
    corpus has (unless capitalised)."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", clean(text))) if w.isalpha()]
    folded = _folded_words(words)
    said = {w for name in names for w in fold_letters(name.lower()).split()}
    known = said - _COMMON
    for at, word in enumerate(folded[:-1]):
        # "thang Sau" capitalised beside a member named Sáu: a person ("tháng sau" is not)
        capital = words[at + 1][0].isupper() and folded[at + 1] in said
        if word not in _TITLE_WORDS or len(folded[at + 1]) < 2:
            continue
        if folded[at + 1] not in known and not capital:
            continue
        if at and folded[at - 1] in _PLACE_WORDS:
            continue  # "ấp Bà Khol": a place
        sure = not words[at].isascii() or word in _SURE_PLAIN
        if not (sure or words[at + 1][0].isupper() or _unheard(folded[at + 1])):
            continue  # "con loi bao nhieu" (còn lời) beside a member named Lợi
        end = at + 2
        while end < len(words) and folded[end] in known:
            end += 1
        return " ".join(words[at:end])
    return None


def capital_after_title(text: str) -> bool:
    """A title before a capitalised word ("thang Sau dong chua"): it may name a member even
    when every word is a common one."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", clean(text))) if w.isalpha()]
    folded = _folded_words(words)
    return any(
        folded[at] in _TITLE_WORDS and words[at + 1][0].isupper() for at in range(len(words) - 1)
    )


def without_title(name: str) -> str:
    """ "bà Ngọc Tâm" → "Ngọc Tâm", "thang Khol" → "Khol": the name as the bank has it."""
    return " ".join(_name_words(name))


def names_the_asker(name: str, household: str) -> bool:
    """ "dư nợ của Lâm Thị Sa Ri", "của Sa Ri" from Sa Ri herself is her own question; one
    name part shared ("bà Tâm", "thằng Út Tâm" asked by Trần Minh Tâm) is somebody else."""
    said = [fold_letters(w.lower()) for w in _name_words(name)]
    own = [fold_letters(w.lower()) for w in household.split()]
    return (len(said) >= 2 and own[-len(said) :] == said) or said == own


def is_clean_name(name: str) -> bool:
    """A name as people write one ("bà Lan", "ba Tu", "thằng Út Tâm"), fit to be said back;
    not words typed around it ("ong bay", "hàng xóm", "nha ben")."""
    words = _name_words(name)
    if not words or len(words) == len(name.split()):
        return False  # no title: the words about a neighbour
    return all(
        word[0].isupper() or (fold_letters(word) != word and fold_letters(word) in _NAMES)
        for word in words
    )


_FAMILIAR = {"thằng", "thang", "con", "mày", "may", "nó", "no", "cn", "thg"}


def said_back(name: str) -> str:
    """The name as the bot says it back: without a familiar or rude title the asker used
    ("thằng Út Tâm", "con Lan": Út Tâm, Lan), which the bot would never say itself."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in _FAMILIAR:
        return " ".join(words[1:])
    return name


_PARTS = re.compile(r"[,;?.!]|\b(?:còn|con|và|va|với|voi|and|with|also)\b", re.IGNORECASE)
_OWN = _MINE | {"my", "i", "me", "mine", "nhà", "nha"}


def asks_own_too(text: str) -> bool:
    """A message that asks about the asker's own figures besides another person's ("nợ của
    tui bn, còn bà Tư kế bên bn"): a part of it names the asker ("tui", "của tôi", "my")
    and nobody else."""
    for part in _PARTS.split(_KIN_AFTER_NAME.sub(_name_only, clean(text))):
        if about_other(part) is not None:
            continue
        own = _OWN.intersection(w.lower() for w in _WORD.findall(part))
        if own and not own <= _HOUSE:  # "nhà" alone ("nhà con Út Hoa kế bên") is no asker
            return True
    return False


_HOUSE = frozenset({"nhà", "nha"})
# "thằng Hai con tôi": the asker's kin, said after the name, is that person, not the asker.
_KIN_AFTER_NAME = re.compile(
    r"(\w+)(\s+(?:con|chau|cháu)(?:\s+(?:trai|gai|gái|ngoai|ngoại|noi|nội))?"
    r"\s+(?:tôi|tui|toi|mình|minh|tao))\b"
)


def _name_only(found: re.Match[str]) -> str:
    return found.group(1) if found.group(1)[0].isupper() else found.group(0)


def is_full_name(name: str) -> bool:
    """A name said in full with no title ("Le Van Hoa", "tran thi lan"): somebody's whole
    name, to be matched whole, never by its last word alone."""
    return _untitled(_WORD.findall(name)) == name
