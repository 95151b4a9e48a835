"""Intent understanding: weighted phrases per intent over normalised tokens, typo correction
against the phrase vocabulary (rapidfuzz), and the disambiguation rules of domain.md §9.

Below `THRESHOLD` the answer is `unknown`, so the bot asks again with a menu instead of guessing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.nlu.normalize import ABBREVIATIONS

INTENTS = (
    "balance",
    "due_date",
    "interest",
    "savings",
    "transaction_day",
    "program_info",
    "tally_submit",
    "group_status",
    "broadcast",
    "meeting_schedule",
    "link_account",
    "unlink",
    "contact_officer",
    "reminders_off",
    "reminders_on",
    "channel",
    "language",
    "help",
    "thanks",
    "unknown",
)
THRESHOLD = 1.5

# Phrases are folded, space-separated tokens after abbreviation expansion; weights add up.
# fmt: off
PHRASES: dict[str, list[tuple[str, float]]] = {
    "balance": [
        ("du no", 3.0), ("duno", 3.0), ("con no", 2.0), ("no ngan hang", 2.0), ("khoan no", 2.5),
        ("tong no", 2.5), ("no goc con", 2.5), ("no goc", 1.0), ("khoan vay", 1.0),
        ("kiem tra khoan vay", 2.5), ("dang vay", 1.5), ("so tien vay", 1.0), ("con lai", 1.0),
        ("no bao nhieu", 1.0), ("con bao nhieu", 0.8), ("vay con", 1.0), ("xem khoan vay", 2.5),
        ("so du no", 1.0),
    ],
    "due_date": [
        ("den han", 3.0), ("toi han", 3.0), ("het han", 3.0), ("dao han", 3.0), ("qua han", 3.0),
        ("tre han", 3.0), ("han chot", 3.0), ("han tra", 2.5), ("gia han", 3.0), ("tra goc", 2.5),
        ("tien goc", 2.5), ("phan goc", 2.5), ("ky tra", 2.5), ("tra no", 2.0), ("truoc han", 3.0),
        ("tra het no", 2.5), ("bao gio", 0.5), ("khi nao", 0.5), ("ngay nao", 0.5),
        ("nam nao", 0.8), ("thang nao", 0.5),
    ],
    "interest": [
        ("lai", 2.0), ("tien lai", 1.5), ("lai thang nay", 2.0), ("dong lai", 1.5),
        ("nop lai", 1.0), ("lai ton", 2.0), ("thieu lai", 2.0), ("no lai", 2.0), ("lai suat", 0.5),
        ("tra lai", 1.5), ("lai suat cua toi", 3.0), ("toi dang chiu", 2.0),
    ],
    "savings": [
        ("tiet kiem", 3.0), ("tien gui", 3.0), ("gui gop", 3.0), ("gui tiet kiem", 1.0),
        ("rut tien", 2.0), ("so du tien gui", 1.0), ("tien gui to vien", 1.0),
    ],
    "transaction_day": [
        ("ngay giao dich", 3.5), ("diem giao dich", 3.5), ("phien giao dich", 3.5),
        ("giao dich", 1.5), ("ve xa", 2.5), ("hop to", 2.0), ("to minh hop", 3.0),
        ("may gio", 1.0), ("lam viec", 1.0), ("mo cua", 2.0), ("doi ngay", 1.5), ("bat dau", 0.5),
        ("o dau", 0.5),
    ],
    "program_info": [
        ("toi da", 1.0), ("vay toi da", 2.0), ("duoc toi da", 2.0), ("toi da bao nhieu", 2.0),
        ("toi da duoc", 2.0), ("dang ky vay", 3.5), ("dieu kien", 3.0), ("ho so", 2.5),
        ("thu tuc", 3.0), ("giay to", 3.0), ("chuong trinh", 3.0), ("vay them", 2.5),
        ("bao lau", 2.5), ("duoc vay", 1.5), ("vay duoc", 1.5), ("bao nhieu nam", 2.0),
        ("vay von", 1.0), ("vay lam", 1.5),
    ],
    "tally_submit": [
        ("bang ke", 4.0), ("nop bang ke", 2.0), ("thu lai", 2.0), ("bao cao thu", 3.0),
        ("thu du", 3.0), ("vang", 2.0), ("nop bu", 3.0), ("sua dong", 4.0), ("thuc thu", 3.0),
        ("tiep tuc", 1.0), ("to thu", 2.5),
    ],
    "group_status": [
        ("con ai chua", 4.0), ("ai chua", 3.0), ("chua dong", 1.5), ("chua nop", 1.5),
        ("tong bao nhieu", 1.5), ("phai thu", 2.5), ("tong lai", 3.0), ("danh sach", 6.0),
        ("hoa hong", 4.0), ("tinh hinh to", 4.0), ("tinh trang", 2.5), ("cac to", 2.5),
        ("nhung to", 3.0), ("ca to phai", 2.0), ("bao nhieu ho", 4.0), ("to nao chua", 4.0),
        ("bao nhieu nguoi", 2.0), ("lai ton tren", 2.0),
    ],
    "broadcast": [
        ("thong bao", 3.5), ("nhan tin cho", 3.0), ("gui tin cho", 3.5), ("bao cho cac", 3.5),
        ("bao cac ho", 3.0), ("toan xa", 2.0), ("ca xa", 2.0), ("tat ca to truong", 2.0),
        ("soan", 1.5), ("moi nguoi trong to", 2.0), ("nhan tin ca xa", 2.0),
    ],
    "meeting_schedule": [
        ("hop to", 1.5), ("to hop", 1.5), ("nhac ca to", 4.0), ("nhac to hop", 4.0),
        ("moi ca to", 4.0), ("bao ca to", 4.0), ("lich hop", 4.0), ("binh xet", 3.0),
        ("hop binh xet", 1.0), ("nha van hoa", 1.5), ("tai nha", 1.5),
        ("tra loi hop", 5.0), ("den hop", 3.0), ("di hop", 2.5), ("huy hop", 5.0),
        ("huy cuoc hop", 5.0), ("doi hop", 5.0), ("hoan hop", 5.0), ("doi lich hop", 2.0),
    ],
    "link_account": [
        ("dang ky", 3.0), ("lien ket", 4.0), ("ket noi", 3.5), ("xac minh", 4.0),
        ("can cuoc", 3.0), ("tra cuu", 2.0), ("doi so dien thoai", 3.0), ("tai khoan", 1.0),
        ("danh tinh", 2.0),
    ],
    "unlink": [
        ("huy lien ket", 6.0), ("bo lien ket", 6.0), ("xoa lien ket", 6.0), ("go lien ket", 6.0),
        ("ngat ket noi", 6.0), ("xoa du lieu", 6.0), ("xoa tai khoan", 5.0),
        ("ngung su dung", 5.0), ("khong dung nua", 4.0), ("unlink", 6.0),
    ],
    "channel": [
        ("zalo", 4.0), ("telegram", 4.0), ("qua zalo", 2.0), ("sang zalo", 2.0),
        ("kenh", 2.0),
    ],
    "contact_officer": [
        ("can bo", 2.5), ("gap", 1.0), ("la ai", 3.0), ("so dien thoai", 2.0), ("ten gi", 2.0),
        ("phu trach", 3.0), ("tin dung", 1.5), ("to truong", 1.0), ("to pho", 2.5),
        ("di thay", 2.0), ("thay duoc", 2.0), ("nguoi that", 4.0), ("noi chuyen", 3.0),
        ("lam an xa", 4.0), ("bo di", 3.0), ("lien he", 3.0), ("khieu nai", 4.0), ("xin so", 2.0),
    ],
    "reminders_off": [
        ("tat nhac", 5.0), ("dung nhac", 5.0), ("ngung nhac", 5.0), ("khong muon nhan", 4.0),
        ("dung gui", 4.0), ("huy nhac", 5.0), ("nhac nua", 1.5),
    ],
    "reminders_on": [
        ("bat nhac", 5.0), ("mo lai nhac", 5.0), ("nhac toi", 3.5), ("nhan tin nhac", 3.5),
        ("nhac nho lai", 2.0), ("mo nhac", 5.0), ("bat lai", 3.0),
    ],
    "language": [
        ("tieng anh", 5.0), ("tieng viet", 5.0), ("tieng khmer", 5.0), ("tieng kho me", 5.0),
        ("tieng khome", 5.0), ("ngon ngu", 5.0), ("english", 5.0), ("khmer", 3.0),
    ],
    "help": [
        ("xin chao", 3.0), ("chao", 2.0), ("alo", 2.0), ("lam duoc gi", 4.0),
        ("giup duoc gi", 4.0), ("huong dan", 4.0), ("menu", 4.0), ("giup", 2.5),
        ("khong biet dung", 4.0), ("cach dung", 4.0), ("bot", 1.0), ("su dung", 1.5),
        ("tro giup", 4.0),
    ],
    "thanks": [
        ("cam on", 5.0), ("cam ơn", 5.0), ("ok", 0.5),
    ],
}
# fmt: on

# fmt: off
# An imperative at the start decides what the message is, whatever else it mentions:
# "Thông báo các tổ ... ngày giao dịch", "Nhắc tôi trước ngày giao dịch".
LEADING: list[tuple[str, tuple[str, ...]]] = [
    (intent, tuple(phrase.split()))
    for intent, phrases in {
        "broadcast": ["thong bao", "bao cho", "bao cac", "gui tin", "gui thong bao", "nhan tin"],
        "reminders_on": ["nhac toi", "bat nhac", "mo lai nhac", "cho toi nhan tin nhac"],
        "reminders_off": ["tat nhac", "dung nhac", "ngung nhac", "dung gui"],
        "meeting_schedule": ["nhac ca to", "nhac to hop", "moi ca to", "bao ca to", "hop to"],
        "group_status": ["danh sach", "tinh hinh to"],
    }.items()
    for phrase in phrases
]

PROGRAMME_PHRASES: dict[str, int] = {
    "ho ngheo": 1, "vay ngheo": 1, "can ngheo": 19, "ho can ngheo": 19, "moi thoat ngheo": 9,
    "thoat ngheo": 9,
    "nuoc sach": 6, "ve sinh": 6, "nha ve sinh": 6, "vung kho khan": 10, "san xuat kinh doanh": 10,
    "giai quyet viec lam": 3, "viec lam": 3, "hoc sinh": 2, "sinh vien": 2,
    "xuat khau lao dong": 4, "nha o xa hoi": 12,
    # building or mending a house: the housing programme for poor households
    "nha o ho ngheo": 7, "sua nha": 7, "lam nha": 7, "xay nha": 7, "cat nha": 7,
    "sua chua nha": 7, "lam lai nha": 7, "xay lai nha": 7, "sua lai nha": 7,
    "lam nha ve sinh": 6, "xay nha ve sinh": 6, "sua nha ve sinh": 6,
}
# fmt: on
PERSONAL = {"toi", "minh", "em", "nha", "cua", "gia"}
PERSON_TITLES = {"chi", "anh", "ong", "ba", "co", "chu", "em", "bac", "di", "c", "a", "o"}


def _compile() -> dict[str, list[tuple[tuple[str, ...], float, str]]]:
    by_first: dict[str, list[tuple[tuple[str, ...], float, str]]] = {}
    for intent, phrases in PHRASES.items():
        for phrase, weight in phrases:
            words = tuple(phrase.split())
            by_first.setdefault(words[0], []).append((words, weight, intent))
    for phrase in PROGRAMME_PHRASES:
        words = tuple(phrase.split())
        by_first.setdefault(words[0], []).append((words, 0.0, "programme"))
    return by_first


_BY_FIRST = _compile()
VOCABULARY = sorted(
    {w for entries in _BY_FIRST.values() for words, _w, _i in entries for w in words}
    | {w for value in ABBREVIATIONS.values() for w in value.split()}
    | {
        "toi",
        "cua",
        "la",
        "co",
        "khong",
        "duoc",
        "nao",
        "thang",
        "nay",
        "ngay",
        "xa",
        "to",
        "vay",
        "tien",
        "nha",
        "tra",
        "nop",
        "gui",
        "bao",
        "nhieu",
        "chua",
        "roi",
        "phai",
    }
)
_VOCAB_SET = set(VOCABULARY)


@lru_cache(maxsize=50_000)
def correct(word: str) -> str:
    """A word the rules do not know, close to one they do (`ngiao` → `giao`), is taken as it."""
    if word in _VOCAB_SET or len(word) < 4 or not word.isalpha():
        return word
    match = process.extractOne(word, VOCABULARY, scorer=fuzz.ratio, score_cutoff=80)
    return match[0] if match else word


_PROGRAMMES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _phrase, _code in PROGRAMME_PHRASES.items():
    _PROGRAMMES_BY_FIRST.setdefault(_phrase.split()[0], []).append((tuple(_phrase.split()), _code))


_CORRECTED: dict[str, str] = {}


def _corrected(tokens: list[str]) -> list[str]:
    """`correct` of each token, remembered in a plain dictionary (cheaper to look up than an
    lru_cache; emptied past 100,000 words)."""
    get = _CORRECTED.get
    return [word if (word := get(t)) is not None else _learnt(t) for t in tokens]


def _learnt(token: str) -> str:
    known = _CORRECTED
    if len(known) >= 100_000:
        known.clear()
    word = known[token] = correct(token)
    return word


def programmes(tokens: list[str]) -> tuple[int, ...]:
    """The programme codes a message names ("hộ cận nghèo" 19, "nước sạch" 6), in order."""
    words = _corrected(tokens)
    found: list[int] = []
    if _PROGRAMMES_BY_FIRST.keys().isdisjoint(words):
        return ()  # no word a programme's name starts with: most messages
    i = 0
    while i < len(words):  # the longest name at each place: "nhà ở hộ nghèo" is not "hộ nghèo"
        fits = [
            (phrase, code)
            for phrase, code in _PROGRAMMES_BY_FIRST.get(words[i], ())
            if tuple(words[i : i + len(phrase)]) == phrase
        ]
        if not fits:
            i += 1
            continue
        phrase, code = max(fits, key=lambda fit: len(fit[0]))
        if code not in found:
            found.append(code)
        i += len(phrase)
    return tuple(found)


# English names of the programmes, matched on the words as typed (undoing Telex would make
# "poor" "pổ"), longest first so "near-poor households" is 19, not 19 and 1.
# fmt: off
ENGLISH_PROGRAMME_PHRASES: dict[str, int] = {
    "near poor": 19, "nearpoor": 19, "poor household": 1, "poor households": 1,
    "poor family": 1, "poor families": 1, "just out of poverty": 9, "out of poverty": 9,
    "escaped poverty": 9, "clean water": 6, "sanitation": 6, "toilet": 6, "toilets": 6,
    "difficult area": 10, "difficult areas": 10, "production and business": 10,
    "job creation": 3, "jobs": 3, "job": 3, "employment": 3, "student": 2, "students": 2,
    "pupil": 2, "pupils": 2, "tuition": 2, "school fees": 2, "university": 2,
    "working abroad": 4, "work abroad": 4, "labour export": 4, "labor export": 4,
    "overseas work": 4, "social housing": 12, "housing for poor": 7, "housing for the poor": 7,
    "house for poor": 7, "trader": 15, "traders": 15, "fix the house": 7, "fix my house": 7,
    "fix her house": 7, "fix his house": 7, "fix our house": 7, "fix the roof": 7,
    "repair the house": 7, "repair my house": 7, "repair her house": 7, "house repair": 7,
    "build a house": 7, "build the house": 7, "building a house": 7, "rebuild the house": 7,
    "home repair": 7, "housing": 7,
}
# fmt: on
_ENGLISH_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _phrase, _code in sorted(ENGLISH_PROGRAMME_PHRASES.items(), key=lambda kv: -len(kv[0])):
    _ENGLISH_BY_FIRST.setdefault(_phrase.split()[0], []).append((tuple(_phrase.split()), _code))


def english_programmes(raw: list[str]) -> tuple[int, ...]:
    """The programme codes an English message names ("loans for students" 2, "near-poor
    households" 19), in order, from its words as typed (`normalize.raw_tokens`)."""
    found: list[int] = []
    i = 0
    while i < len(raw):
        for phrase, code in _ENGLISH_BY_FIRST.get(raw[i], ()):
            if tuple(raw[i : i + len(phrase)]) == phrase:
                if code not in found:
                    found.append(code)
                i += len(phrase) - 1
                break
        i += 1
    return tuple(found)


@dataclass(frozen=True)
class IntentResult:
    intent: str
    confidence: float
    scores: dict[str, float]
    programmes: tuple[int, ...]


def classify(tokens: list[str], *, has_amounts: bool = False) -> IntentResult:
    words = [correct(t) for t in tokens if t not in ("?", "%")]
    scores: dict[str, float] = {}
    programmes: list[int] = []
    for i, word in enumerate(words):
        for phrase, weight, intent in _BY_FIRST.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                if intent == "programme":
                    code = PROGRAMME_PHRASES[" ".join(phrase)]
                    if code not in programmes:
                        programmes.append(code)
                else:
                    scores[intent] = scores.get(intent, 0.0) + weight
    for intent, phrase_words in LEADING:
        if tuple(words[: len(phrase_words)]) == phrase_words:
            scores[intent] = scores.get(intent, 0.0) + 3.0
    _disambiguate(words, scores, programmes, has_amounts)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < THRESHOLD:
        best_score = ranked[0][1] if ranked else 0.0
        return IntentResult(
            "unknown", round(1 - best_score / (THRESHOLD * 2), 2), scores, tuple(programmes)
        )
    best, best_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = (1 - math.exp(-best_score / 2.5)) * (1 - 0.5 * second / best_score)
    return IntentResult(best, round(confidence, 2), scores, tuple(programmes))


def _disambiguate(
    words: list[str], scores: dict[str, float], programmes: list[int], has_amounts: bool
) -> None:
    present = set(words)
    personal = bool(present & PERSONAL)
    money_words = bool(present & {"lai", "tiet", "gui", "thu", "dong", "nop"})
    # Amounts with interest/savings words: the leader is reporting what was collected.
    if has_amounts and money_words:
        scores["tally_submit"] = scores.get("tally_submit", 0.0) + 4.0
    # "Chị Sa Ri vắng": a named member's line in the tally.
    if "vang" in present and present & PERSON_TITLES:
        scores["tally_submit"] = scores.get("tally_submit", 0.0) + 2.0
    # A programme's rate, cap or term without "my": policy, not personal figures.
    if programmes and not personal and "con" not in present:
        scores["program_info"] = scores.get("program_info", 0.0) + 2.5
        if "lai" in present:
            scores["interest"] = scores.get("interest", 0.0) - 2.0
    if programmes and ("con" in present or "no" in present) and "vay" in present:
        scores["balance"] = scores.get("balance", 0.0) + 1.5
    # "Nhắc cả tổ họp ..." is a leader calling a meeting; "khi nào họp tổ" a question.
    asks = bool(present & {"khi", "nao", "may"}) or ("bao" in present and "gio" in present)
    if "hop" in present and asks and not present & {"nhac", "moi", "luc", "tai"}:
        scores["meeting_schedule"] = scores.get("meeting_schedule", 0.0) - 2.0
        scores["transaction_day"] = scores.get("transaction_day", 0.0) + 1.5
    elif "hop" in present and present & {"gio", "luc", "tai", "sang", "chieu", "toi"}:
        scores["meeting_schedule"] = scores.get("meeting_schedule", 0.0) + 2.0
    # Savings used to repay principal is a savings question.
    if "tiet" in present and "goc" in present:
        scores["savings"] = scores.get("savings", 0.0) + 2.0
    # Reminders: "không muốn nhận nhắc" switches them off.
    if "nhac" in present and "khong" in present:
        scores["reminders_off"] = scores.get("reminders_off", 0.0) + 3.0
        scores.pop("reminders_on", None)
