"""What people type at a yes/no/cancel prompt instead of pressing a button: "đồng ý", "ok",
"ừ", "được", "có", "xác nhận", "nộp đi", "dạ", "chính xác", "yes" (affirm); "không", "ko",
"chưa", "sai rồi", "đừng gửi", "hổng có", "đâu có", "chả phải", "no" (deny); "hủy", "bỏ qua",
"thôi, không làm nữa", "dừng lại", "thôi để … đã", "quên đi", "cancel" (cancel).

The first cue decides ("ừ hủy cuộc họp đó đi" confirms a cancellation the bot asked about;
"không, quay lại" denies); with an amount only a starting "không"/"no"/"đúng" answers ("no,
it's 1.2 million"); a message with no cue, or a question ("có gửi tiết kiệm không",
"dư nợ bao nhiêu"), is None so the dialog lets it through as a message of its own.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from bot.nlu.amounts import extract_amounts
from bot.nlu.normalize import clean, fold_for_numbers, fold_letters, undo_typing

_WORD = re.compile(r"[a-z0-9]+|[?]|👍|👌|🙆|👎|🙅|❌")
_SPELLINGS = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "hk": "khong",
    "hok": "khong",
    "hong": "khong",
    "khg": "khong",
    "kg": "khong",
    "hem": "khong",
    "dc": "duoc",
    "đc": "duoc",
    "oke": "ok",
    "okie": "ok",
    "okela": "ok",
    "okay": "ok",
    "oki": "ok",
    "uh": "u",
    "uk": "u",
    "ua": "u",
    "um": "u",
    "uhm": "u",
    "bik": "biet",
    "nhiu": "nhieu",
    "yep": "yes",
    "yeah": "yes",
    "yup": "yes",
    "nope": "nope",
    "nah": "no",
    "lun": "luon",
    "thui": "thoi",
    "rua": "vay",  # rứa: central for vậy ("đúng rứa")
    "r": "roi",
    "nx": "nua",
    "ad": "",
    "a": "",
    "ah": "",
    "nha": "",
    "nhe": "",
    "nhen": "",
    "nghen": "",  # southern nhé
    "oi": "",
    "👍": "yes",
    "👌": "yes",
    "🙆": "yes",
    "👎": "no",
    "🙅": "no",
    "❌": "no",
}
# (words, act), longest first where they overlap; matched on the normalised words.
# fmt: off
_CUES: list[tuple[tuple[str, ...], str]] = [
    (tuple(p.split()), act) for act, phrases in {
        "cancel": [
            "huy", "bo qua", "bo di", "bo het", "bo", "cancel", "dung lai", "thoat", "quit",
            "exit", "abort", "stop", "dep", "ngung", "forget it", "never mind", "nevermind",
            "khong lam nua", "khong nop nua", "khong mua nua", "khoi lam", "khoi nop",
            "abandon", "thoi nghi", "de bua khac", "bua khac lam", "khong dang ky nua",
            "khoi di", "khoi luon", "khoi can", "de sau", "de sau di", "later",
            "de mai", "de lan sau", "de khi khac", "don t send", "dont send", "quen di", "nvm",
        ],
        "deny": [
            "khong", "no", "chua", "sai", "nham", "khoan", "dung xoa", "dung gui", "dung nop",
            "dung huy", "not yet", "not", "wrong", "go back", "quay lai", "khoi", "nope",
            "dung~",
            "de nguyen", "giu nguyen", "keep it", "khong phai", "khong dung", "khong dong y",
            "not correct", "not right", "incorrect", "hold on", "wait", "doi chut", "doi xiu",
            "doi da", "khoan da", "that s not", "thats not", "it s not", "its not", "dau co",
        ],
        "affirm": [
            "dong y", "ok", "u", "duoc", "co", "xac nhan", "nop", "nop di", "nop luon",
            "dung roi", "dung vay", "dung", "phai", "vang", "dung the", "chuan", "chac chan", "yes",
            "sure", "agree", "go ahead", "confirm", "gui di", "gui luon", "lam di", "chiu",
            "xoa di", "xoa luon", "send it", "please", "tot", "duoc roi", "correct", "right",
            "chot", "chot vay", "chot di", "confirmed", "exactly", "yep", "chac roi",
            "gui thong bao di", "dung so do", "chinh xac", "vay do",
        ],
    }.items() for p in phrases
]
# fmt: on
_CUES.sort(key=lambda cue: -len(cue[0]))
_VOCABULARY = {w for phrase, _act in _CUES for w in phrase} | {"please", "thing", "whole"}
# Asking: with one of these a message is a question, not an answer.
_ASKING = {"nhieu", "gi", "sao", "ai", "nao", "how", "what", "when", "where", "why", "who", "?"}
_ASKING |= {"may"}
_ASKING_PAIRS = {("bao", "nhieu"), ("bao", "gio"), ("o", "dau"), ("the", "nao"), ("lam", "sao")}
_ASKING_PAIRS |= {("vao", "dau"), ("di", "dau")}
_QUESTION_TAIL = {"khong", "chua", "ha", "nhi", "hem"}
_ENGLISH_ANSWER = {"not", "correct", "right", "wrong", "no", "yes", "ok", "sure", "yet"}
# Words that neither answer nor ask: particles and forms of address.
_PARTICLES = {"da", "em", "con", "chi", "anh", "bot", "ban", "tui", "toi", "vay", "thi", "ma"}
_PARTICLES |= {"chau", "bac", "thua"}
_PARTICLES |= {"gium", "giup", "dum", "di", "luon", "roi", "voi", "please", "ok", "u"}
# English answers wrapped in "that's", "it is": "that's right", "no, that's not correct".
_PARTICLES |= {"that", "thats", "s", "it", "its", "is"}
# An answer cue that needs the clause to itself: "có" (yes) starts questions, "nộp" requests.
_WEAK = {("co",), ("nop",), ("duoc",), ("dung",), ("phai",), ("please",), ("tot",)}
_WEAK |= {("right",), ("correct",), ("bo",), ("not",), ("khoan",), ("stop",), ("no",)}
# After "không": a message of its own ("không biết dùng", "không phải hỏi lãi").
_NOT_AN_ANSWER_AFTER_NO = {"biet", "hoi", "co", "nhan", "hieu", "thay", "muon", "use"}


# Typed forms that fold alike but answer differently.
_TYPED = {"đừng": "dung~", "dừng": "stop", "dùng": "use", "nợ": "owe", "cô": "title", "ờ": "u"}
_TYPED |= {"chả": "khong", "chẳng": "khong", "dồi": "roi"}  # colloquial no; southern rồi


def _words(text: str) -> list[str]:
    out = []
    typed = unicodedata.normalize("NFC", clean(text)).lower()
    folded = fold_letters(typed)
    aligned = len(folded) == len(typed)
    source = folded if aligned else fold_for_numbers(text)
    for m in _WORD.finditer(source):
        token = m.group(0)
        if aligned and typed[m.start() : m.end()] in _TYPED:
            out.append(_TYPED[typed[m.start() : m.end()]])
            continue
        if len(token) >= 3 and len(set(token)) == 1:
            continue  # "kkk", "hhh": laughter
        word = _SPELLINGS.get(token)
        if word is None:
            word = token if token in _VOCABULARY else undo_typing(token)
            word = _SPELLINGS.get(word, word)
        if word:
            out.append(word)
    return out


def _first_cue(words: list[str]) -> tuple[int, str, int] | None:
    """(position, act, length) of the first cue."""
    for i in range(len(words)):
        for phrase, act in _CUES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                return i, act, len(phrase)
    return None


def _asks(words: list[str]) -> bool:
    pairs = set(itertools.pairwise(words))
    if pairs & {("gi", "het"), ("gi", "ca"), ("gi", "nua"), ("gi", "dau")}:
        words = [w for w in words if w != "gi"]  # "gì hết": at all
    tail = len(words) >= 4 and words[-1] in _QUESTION_TAIL
    return bool(set(words) & _ASKING or pairs & _ASKING_PAIRS or tail)


def _with_an_amount(words: list[str]) -> str | None:
    """An answer that names an amount ("no, it's 1.2 million", "ko phai 50k ma la 500k",
    "đúng 150 ngàn đó"): a deny or "đúng" that starts it answers; anything else is a message
    of its own (an amount for the tally)."""
    start = 0
    while start < len(words) and words[start] in _PARTICLES - {"ok", "u"}:
        start += 1
    cue = _first_cue(words[start:])
    if cue is None or cue[0] != 0:
        return None
    _at, act, length = cue
    if act == "deny":
        return "deny"
    lead = start
    while lead < len(words) and words[lead] in _PARTICLES | {"vang", "yes", "u", "ok"}:
        lead += 1  # "vâng, đúng 120 nghìn", "yes that's right, 120k"
    rest = set(words[lead + 1 :])
    if lead < len(words) and words[lead] in ("dung", "right", "correct", "exactly"):
        return "affirm" if not rest & {"khong", "not", "no", "sai", "wrong"} else None
    if act == "affirm" and words[start] == "dung" and "khong" not in words[start + length :]:
        return "affirm"
    return None


def read_answer(text: str) -> str | None:
    """ "affirm", "deny" or "cancel" for a typed answer to a yes/no/cancel prompt; None for
    anything else (a question, a message of its own)."""
    words = _words(text)
    typed = fold_for_numbers(text)
    if not words or _asks(words):
        return None
    if extract_amounts(text):
        return _with_an_amount(words)
    clause = _words(re.split(r"[,.;!:\n]", typed)[0])
    cue = _first_cue(words)
    if cue is None:
        if "thoi" in words and set(words) <= _PARTICLES | {"thoi"}:
            return "cancel"  # "thôi", "thôi đi"
        meant = [w for w in words if w not in _PARTICLES]
        if meant[:2] == ["thoi", "de"]:
            return "cancel"  # "thôi để khi khác", "dạ thôi để tui hỏi con đã": put off
        return "affirm" if set(words) <= {"da", "vang", "yes"} else None
    at, act, length = cue
    before, phrase, rest = words[:at], tuple(words[at : at + length]), words[at + length :]
    if any(w not in _PARTICLES and w != "thoi" for w in before):
        return None  # the answer does not start the message: a message of its own
    if "hoi" in rest[:4] or tuple(rest[:2]) in (("cho", "toi"), ("cho", "tui")):
        return None  # "ờ cho tôi hỏi…": a filler before a question
    if phrase in (("u",), ("vang",)) and len(rest) >= 6 and (_first_cue(rest) or (1,))[0] != 0:
        return None  # "ừm số điện thoại của tui mới đổi…": a filler, not a yes
    said = [w for w in clause[at + length :] if w not in _PARTICLES]
    english = said and set(said) <= _ENGLISH_ANSWER  # "no, that's not correct"
    weight = len([w for w in clause if w not in _PARTICLES]) - before.count("thoi")
    if phrase in _WEAK and not english and weight > 2:  # a leading "thôi thôi" asks nothing
        return None  # "có gửi không", "nộp bảng kê tháng này", "cô Kim đưa…"
    if phrase in (("quay", "lai"), ("go", "back")) and any(w not in _PARTICLES for w in rest):
        return None  # "quay lại UBND xã lúc 8h", "quay lại sau": a message of its own
    if phrase == ("khoan",) and rest[:1] and rest[0] in ("vay", "no", "tien", "nay"):
        return None  # khoản vay: a loan
    if act == "deny" and ("nua" in rest or "bua" in rest) and not {"xoa", "huy"} & set(rest[:1]):
        return "cancel"  # "không làm nữa", "ko nộp nữa"
    if phrase == ("khong",) and rest[:1] == ["co"] and set(rest[1:]) <= _PARTICLES | {"dau"}:
        return "deny"  # "không có đâu", "hổng có"
    if act == "deny" and rest[:1] and rest[0] in _NOT_AN_ANSWER_AFTER_NO:
        return None
    if phrase == ("khoi",) and not rest:
        return "cancel"  # "khỏi" alone: never mind
    if phrase == ("khong", "phai") and len(clause) - len(before) > 4 and rest[:2] != ["so", "do"]:
        return None  # "không phải tắt nhắc đâu, tôi muốn…": a message of its own
    if "thoi" in before or words[0] == "thoi":
        later = set(rest)
        more = len(clause) > at + length  # "thôi khỏi đổi" denies, "thôi khỏi" cancels
        if (
            act == "deny"
            and phrase != ("khong",)
            and more
            and not later & {"nua", "bua", "lam", "huy"}
            # "thôi khỏi gửi", "thôi khỏi ghi": never mind doing what was asked
            and not (phrase == ("khoi",) and later & {"gui", "ghi", "nop", "luu"})
        ):
            return "deny"  # "thôi đừng gửi", "thôi khỏi đổi" ("thôi khỏi" alone cancels)
        return "cancel"
    return act
