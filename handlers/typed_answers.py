"""Typed answers to the options under the bot's last message, for people who type instead of
pressing: the option's number (where options are shown numbered: the console, Zalo), its
label's words with or without diacritics ("xac nhan nop"), or a common word: "đồng ý", "ok",
"ừ", "được", "có", "xác nhận", "yes" pick the option that commits ("Xác nhận…"); "không",
"no" the one that keeps things as they are ("Giữ…", "Sửa") or else abandons; "hủy", "thôi",
"bỏ", "cancel" the one that abandons ("Hủy…"), and where none does, "thôi" (never mind) the
one that keeps things as they are; other phrasings are read by the language
understanding's `read_answer`. The contract's labels make this possible:
buttons that commit start with "Xác nhận", the one that abandons with "Hủy".

Under a meeting's question ("Tôi sẽ đến" / "Không đến được") coming or not is read first, the
way people say it ("có tui", "tui ko di dc dau, ban roi": `handlers.rules.attendance`), so a
"thôi" inside such an answer is never taken for anything else. `act_word` tells a dialog
step that reads free text (a place, a notice) when the text is only a confirm/cancel word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.nlu import read_answer
from bot.nlu.people import without_title
from handlers.buttons import Consent, ConsentAnswer, MeetingAction, MeetingButton, MemberButton
from handlers.messages import Button, Reply
from handlers.render import CANCEL_WORDS
from handlers.rules.attendance import read_attendance
from handlers.rules.consent_words import read_consent, read_yes
from locales.i18n import N_, _
from locales.textfold import fold

Option = tuple[str, str]  # (label, button data)

_NUMBER = re.compile(r"(?:so|chon|lua chon|phuong an|#)?\s*(\d{1,2})\s*[.)]?")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
AFFIRM = frozenset(
    {
        "dong y",
        "ok",
        "oke",
        "okie",
        "okay",
        "u",
        "uh",
        "um",
        "uhm",
        "duoc",
        "dc",
        "co",
        "xac nhan",
        "nop",
        "gui",
        "yes",
        "y",
        "da",
        "vang",
        "dung roi",
        "chac chan",
        "ok luon",
        "da dong y",
        "toi dong y",
        "dong y nha",
        "dong y a",
        "da duoc",
        "duoc roi",
        "gui di",
        "nop di",
        "xac nhan nop",
        "xac nhan gui",
        "agree",
        "i agree",
        "sure",
        "confirm",
    }
)
DENY = frozenset({"khong", "ko", "k", "hong", "hok", "no", "khong dong y", "chua", "sai"})
CANCEL = frozenset(
    {"huy", "huy di", "thoi", "thoi khoi", "bo", "bo di", "khoi", "dung lai", "cancel", "stop"}
)
# Cancel words that could be the yes to a question that is itself about cancelling ("Hủy liên
# kết?" "hủy"): where no option abandons, they are not guessed. Any other ("thôi", "thôi khỏi
# hủy", "để sau") is "never mind", and there keeps things as they are.
_NAMES_THE_CANCEL = frozenset({"huy", "huy di", "bo", "bo di", "cancel", "stop"})
# How labels begin (as message ids, so each language has its own): the contract's words.
COMMITS = N_("Confirm")
KEEPS = (N_("Keep"), N_("Edit"))
ABANDONS = N_("Cancel")


def words(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


def _starting(options: Sequence[Option], prefix: str) -> list[str]:
    start = words(_(prefix))
    return [data for label, data in options if words(label).startswith(start)]


def _only(found: list[str]) -> str | None:
    return found[0] if len(found) == 1 else None


def act_word(text: str) -> str | None:
    """ "affirm", "deny" or "cancel" when the whole text is one of those words ("xác nhận",
    "ok", "đồng ý", "không", "hủy"), else None: such a text is an act, never a value."""
    said = words(text)
    for form in (said, _bare(said)):
        if form in AFFIRM:
            return "affirm"
        if form in CANCEL:
            return "cancel"
        if form in DENY:
            return "deny"
    return None


_LEADING = frozenset({"u", "uh", "da", "vang", "thi"})
_TRAILING = frozenset({"nha", "nhe", "nhen", "di", "roi", "do", "a", "luon", "ha", "nghe", "ne"})


def _bare(said: str) -> str:
    """ "ừ xác nhận nhé" → "xac nhan": the word without the particles around it."""
    parts = said.split()
    while len(parts) > 1 and parts[0] in _LEADING:
        parts = parts[1:]
    while len(parts) > 1 and parts[-1] in _TRAILING:
        parts = parts[:-1]
    return " ".join(parts)


def yes_or_stop(text: str) -> bool:
    """A bare "dung" typed without its marks ("dung", "Dung", "dung nha"): elderly people
    type it for "đúng" (yes) as often as for "dừng" (stop), so it is neither guessed. With
    its marks, or in a longer answer ("dung roi", "dung vay", "dung lai"), it is clear."""
    said = words(text).split()
    while len(said) > 1 and said[-1] in _POLITE:
        said = said[:-1]
    return text.isascii() and said == ["dung"]


_POLITE = frozenset({"nha", "nhe", "nhen", "a", "ha", "nghe", "ne", "ak"})  # never "roi", "do"


def cancels(text: str, cancel_words: frozenset[str] = CANCEL_WORDS) -> bool:
    """The text is one of the `cancel_words` (folded) and does not read as a yes: "dừng",
    "thôi", "hủy" stop a dialog, a "dung" that may be "đúng" never does (the tally's rule,
    shared by every dialog)."""
    return fold(text) in cancel_words and read_answer(text) != "affirm"


def unclear_between(text: str, options: Sequence[Option]) -> bool:
    """A bare "dung" (`yes_or_stop`) under options that both commit and stop (or keep):
    it could pick either, so it picks none."""
    if not yes_or_stop(text) or not _starting(options, COMMITS):
        return False
    return bool(_starting(options, ABANDONS)) or _keeps(options) is not None


def confirm_or_stop(options: Sequence[Option], *, reads_numbers: bool = False) -> Reply:
    """The question back for an unclear "dung", with the same options shown again."""
    buttons = [Button(label, data) for label, data in options]
    rows = [buttons] if len(buttons) <= 3 else [[button] for button in buttons]
    return Reply(which_of_them(), buttons=rows, reads_numbers=reads_numbers)


def which_of_them() -> str:
    """The question back for an unclear "dung"."""
    return _("Do you want to confirm or stop?")


def is_bare_number(text: str) -> bool:
    """ "1", "2.", "số 3": a number typed as if choosing an option."""
    return bare_number(text) is not None


def bare_number(text: str) -> int | None:
    """The number of "1", "2.", "số 3", typed as if choosing an option; else None."""
    found = _NUMBER.fullmatch(fold(text).strip(" .!?"))
    return int(found.group(1)) if found is not None else None


def _attendance(text: str, options: Sequence[Option]) -> str | None:
    """Under a meeting's question: the option for coming or not coming, as typed."""
    answers: dict[MeetingAction, str] = {}
    for _label, data in options:
        found = MeetingButton.unpack(data)
        if found is not None and found.action in (MeetingAction.COMING, MeetingAction.NOT_COMING):
            answers[found.action] = data
    if len(answers) != 2:
        return None
    coming = read_attendance(text)
    if coming is None:
        return None
    return answers[MeetingAction.COMING if coming else MeetingAction.NOT_COMING]


def _consent(text: str, options: Sequence[Option]) -> str | None:
    """Under the personal-data notice, or the question before declining it: what the answer
    says, read first ("đồng ý", "ko đồng ý", "thôi", "để sau", "xem lại"); under the notice a
    short yes said in resignation ("thôi được rồi", "thôi ok") agrees too. Under "unlink, or
    agree later?" an agreement said in the person's own words ("đồng ý mà", "bà đồng ý", "ok
    đồng ý") agrees to the notice; the bare "đồng ý", which could be the yes to unlinking,
    decides nothing (the link stays, the notice waits). Neither is ever the yes to
    unlinking."""
    shown = {}
    for _label, data in options:
        found = Consent.unpack(data)
        if found is not None:
            shown[found.answer] = data
    word = read_consent(text) if shown else None
    if word is None and ConsentAnswer.AGREE in shown and read_yes(text):
        return shown[ConsentAnswer.AGREE]
    if word is None:
        return None
    if word == "agree" and ConsentAnswer.AGREE in shown:
        return shown[ConsentAnswer.AGREE]
    if word == "agree":  # under "unlink, or agree later?": the bare word keeps the link
        bare = words(text) in _BARE_AGREE
        return Consent(ConsentAnswer.LATER if bare else ConsentAnswer.AGREE).pack()
    if word == "decline":
        return shown.get(ConsentAnswer.DECLINE_CONFIRMED) or Consent(ConsentAnswer.DECLINE).pack()
    if word == "later":
        return Consent(ConsentAnswer.LATER).pack()
    return Consent(ConsentAnswer.REVIEW).pack()


_BARE_AGREE = frozenset({"dong y", "agree", "i agree", "yes"})


def agreeing(text: str, *, only_question: bool = False) -> str | None:
    """For someone who has not agreed to the notice, with it out of view: "đồng ý" agrees
    and "xem lại" shows it again (declining needs the question in view). When the notice is
    the `only_question` pending (no dialog open), a short yes ("được", "ừ", "oke con") is its
    yes too."""
    word = read_consent(text)
    if word == "agree" or (word is None and only_question and read_yes(text)):
        return Consent(ConsentAnswer.AGREE).pack()
    if word == "review":
        return Consent(ConsentAnswer.REVIEW).pack()
    return None


def pick(text: str, options: Sequence[Option], *, numbers: bool) -> str | None:
    """The data of the option `text` stands for, or None (then the message is read as usual).
    Two options that fit alike are not guessed between."""
    if not options or len(text) > 60:
        return None
    said = words(text)
    if not said:
        return None
    number = _NUMBER.fullmatch(fold(text).strip(" .!?"))
    if number:
        index = int(number.group(1))
        return options[index - 1][1] if numbers and 1 <= index <= len(options) else None
    exact = _only([data for label, data in options if words(label) == said])
    if exact is not None:
        return exact
    member = _member_part(text, options)
    if member is not None:  # "ba Ngoc Tam" under the members named Tâm
        return member
    attending = _attendance(text, options)
    if attending is not None:
        return attending
    consenting = _consent(text, options)
    if consenting is not None:
        return consenting
    if _bare(said) in KEEP_WORDS or _KEEP_SAID.search(said):  # "giữ", "thôi để vậy, đừng xóa"
        kept = _only(_starting(options, KEEPS[0]))  # a "Giữ…" option only, never "Sửa"
        if kept is not None:
            return kept
    leading = _leading_words(said, options)
    if leading is not None:  # "giữ" under "Giữ liên kết, để sau": that label's first words
        return leading
    act = "affirm" if said in AFFIRM else "cancel" if said in CANCEL else None
    act = act or ("deny" if said in DENY else read_answer(text))
    act = act or _CONSENT_ACTS.get(read_consent(text) or "")  # "bà đồng ý", "tui ko đồng ý"
    if act == "affirm":
        return _only(_starting(options, COMMITS))
    if act == "cancel":
        abandons = _only(_starting(options, ABANDONS))
        if abandons is not None or _bare(said) in _NAMES_THE_CANCEL:
            return abandons
        return _keeps(options)  # "thôi" under "Xác nhận hủy liên kết" / "Giữ liên kết"
    if act == "deny":
        return _keeps(options) or _only(_starting(options, ABANDONS))
    return None


# A yes or a no said with the person's own words around it (handlers/rules/consent_words.py).
_CONSENT_ACTS = {"agree": "affirm", "decline": "deny"}


# Keeping things as they are, typed: "giữ", "giữ lại", "thôi giữ nguyên", "đừng hủy".
KEEP_WORDS = frozenset(
    f"{before}{verb}{after}"
    for before in ("", "thoi ", "u ", "khoi huy ", "khong huy ")
    for verb in ("giu", "giu lai", "giu nguyen", "de nguyen", "dung huy", "khong huy", "khoi huy")
    for after in ("", " di", " nha", " nhe", " a")
) | {"keep", "keep it", "keep the link"}


# Keeping said inside a longer answer: "thôi để vậy đi con, đừng xóa", "để nguyên nha"
_KEEP_SAID = re.compile(
    r"\b(?:dung|khong|ko|dung co)\s+(?:xoa|huy)\b|\bde\s+(?:vay|nguyen|y nguyen|do)\b"
    r"|\bgiu\s+(?:lai|nguyen)\b|\bdon\s*t\s+(?:delete|unlink)\b"
)


def _member_part(text: str, options: Sequence[Option]) -> str | None:
    """Under the members one name fits: the one member whose name has the words typed, whole
    and in order, with or without a title ("ba Ngoc Tam", "ông Minh Tâm", "Ngọc Tâm")."""
    named = [(f" {words(label)} ", data) for label, data in options if MemberButton.unpack(data)]
    said = words(without_title(text.strip()))
    if not named or not said:
        return None
    whole = _only([data for label, data in named if f" {said} " in label])
    if whole is not None:
        return whole
    return _member_named_among(f" {words(text)} ", named)


def _member_named_among(said: str, named: list[tuple[str, str]]) -> str | None:
    """Fillers around one member's name ("ba Tam Bui Thi Tam do", "con Tam nho, Tran Minh
    Tam"): the one member whose full name is typed, else whose own words (in no other
    option's name) are; None when the words typed fit two."""
    full = _only([data for label, data in named if label in said])
    if full is not None:
        return full
    counts: dict[str, int] = {}
    for label, _data in named:
        for word in set(label.split()):
            counts[word] = counts.get(word, 0) + 1
    typed = set(said.split())
    hit = [data for label, data in named if any(counts[w] == 1 for w in typed & set(label.split()))]
    return _only(hit)


def _leading_words(said: str, options: Sequence[Option]) -> str | None:
    """The one option whose label begins with the words typed ("giữ" for "Giữ liên kết,
    để sau", "xem lại" for "Xem lại thông báo"), whole words only; None when none or
    several do, or when the words are a yes, a no or a cancel (read as such)."""
    if said in AFFIRM or said in DENY or said in CANCEL or len(said) < 3:
        return None
    return _only([data for label, data in options if (words(label) + " ").startswith(said + " ")])


def _keeps(options: Sequence[Option]) -> str | None:
    """The option that keeps things as they are ("Giữ…", else "Sửa"), if there is one."""
    for prefix in KEEPS:
        kept = _only(_starting(options, prefix))
        if kept is not None:
            return kept
    return None
