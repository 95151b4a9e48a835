"""Reading an officer's notice request typed in one message: "gửi thông báo cho tổ trưởng xã
Thạnh Phú: mai 8h họp giao ban tại UBND xã" names the audience (the leaders of a commune) and
carries the text (after ":", or after "là" / "rằng"; after a comma or a dash when what comes
before it names an audience: "gửi thông báo cho xã Đại Tâm, ngày 15 có phiên"). Also:
whether a message only asks to start a notice ("gửi thông báo"), and whether it asks how the
officer's notices are going ("tiến độ gửi thông báo sao rồi"). A request in English ("send to
commune Phu My: …") is read as the Vietnamese one it says (`notice_english`). Pure text
reading; the handler resolves the names and checks the officer's scope.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from handlers.officer.notice_english import as_vietnamese
from locales.textfold import fold

MAX_NAME = 60


class Wanted(StrEnum):
    EVERYONE = "all"
    COMMUNE = "commune"
    GROUP = "group"
    LEADERS = "leaders"
    OVERDUE = "overdue"
    PLACE = "place"  # a name with no word saying what it is ("cho Đại Tâm: …"): looked up


@dataclass(frozen=True)
class Request:
    """What the message said: the kind of audience and the name of its commune or group
    (as typed: a group's code, upper case, or its name), and the notice's text. Any may be
    missing."""

    kind: Wanted | None = None
    name: str | None = None
    text: str | None = None


_START = re.compile(
    r"^\s*(?:/thongbao|/broadcast|(?:toi |em |minh )?(?:muon |can )?"
    r"(?:gui|soan|nhan|phat|ra)\s+(?:(?:1|mot)\s+)?(?:thong bao|tb)|thong bao|tb|"
    # "nhắn tổ 0192042 là …", "gửi tổ trưởng xã Đại Tâm: …": the verb, then the audience.
    r"(?:toi |em |minh )?(?:muon |can )?(?:gui|nhan)(?: tin)?"
    r"(?= (?:cho|toi|den|to|cac to|xa|phuong|thi tran|tat ca|moi nguoi)\b))\b\s*"
)
_TEXT_AFTER = re.compile(r"\s*:\s*|\s+(?:la|rang|noi dung)\s*:?\s+")
_SOFT_SPLIT = re.compile(r"\s*[,;]\s*|\s+[-–]\s+")  # the text after it, if an audience is before
_LEADERS = re.compile(r"^(?:cac |tat ca )?(?:to truong|to pho|truong to|cac to truong)\b")
_OVERDUE = re.compile(r"\b(?:qua han|no qua han|tre han)\b")
_EVERYONE = re.compile(r"^(?:tat ca|moi nguoi|toan bo|ca dia ban|ca huyen|het)\b")
_COMMUNE = re.compile(r"\b(?:xa|phuong|thi tran)\s+(.+)$")
_GROUP_CODE = re.compile(r"\b(\d{5,10})\b|\bto\s+([a-z]{1,3}\d{1,10})\b")
# "tổ Tâm Kiên", "tổ ấp 5": a group by its name (not "tổ trưởng", "tổ phó").
_GROUP_NAME = re.compile(r"^(?:to|nhom)\s+(?!(?:truong|pho)\b)\S")
# "cho Đại Tâm: …": a name alone, of a few words, before the text (a commune or a group).
_BARE_NAME = re.compile(r"^[^\W\d_][\w&.'-]*(?:\s+[\w&.'-]+){0,4}$")
_START_ONLY = re.compile(
    r"^(?:gui |soan |nhan )?(?:thong bao|tb)(?: moi)?$|^/thongbao$|"
    r"^(?:please )?(?:send|write|broadcast) (?:a |an |the )?(?:new )?(?:notice|announcement)$|"
    r"^(?:a )?new (?:notice|announcement)$"
)
_PROGRESS = re.compile(
    r"\b(?:tien do|tinh hinh|gui (?:xong|den dau|duoc bao nhieu)|bao nhieu nguoi (?:nhan|doc)|"
    r"da gui chua|gui chua|sao roi|the nao roi|toi dau)\b"
)
_NOTICE = re.compile(r"\b(?:thong bao|tb)\b")
# "tiến độ", "tiến độ sao rồi", "xem tình hình": progress of nothing named.
_HOW_IT_GOES = re.compile(
    r"^(?:(?:cho )?(?:toi |em |minh )?(?:xem|coi|hoi|bao cao) )?(?:tien do|tinh hinh|progress)"
    r"(?: (?:sao roi|sao|the nao roi|the nao|ra sao|nhu the nao|gi roi|hom nay|hien tai|"
    r"moi nhat|chung))?(?: (?:a|nhe|nha|vay|z|di|voi))?$"
)
# "tiến độ bảng kê", "tình hình nộp bảng kê các tổ": the tallies'.
_TALLY_PROGRESS = re.compile(
    r"^(?:xem )?(?:tien do|tinh hinh) (?:nop |thu )?(?:bang ke|cac to)(?: .*)?$"
)


def _same_length_fold(text: str) -> tuple[str, str]:
    nfc = unicodedata.normalize("NFC", text)
    return nfc, "".join((fold(ch) or " ")[:1] for ch in nfc)


def read_request(text: str) -> Request:
    """The audience and text a "gửi thông báo …" message carries (see the module)."""
    original, folded = _same_length_fold(text)
    start = _START.match(folded)
    if start is None:
        said = as_vietnamese(original)  # "send to commune Phu My: …": "gửi thông báo cho xã …"
        return read_request(said) if said is not None else Request()
    rest, rest_folded = original[start.end() :], folded[start.end() :]
    notice: str | None = None
    split = _TEXT_AFTER.search(rest_folded)
    if split is None:
        soft = _SOFT_SPLIT.search(rest_folded)
        if soft is not None and _names_audience(
            *_audience(*_who(rest[: soft.start()], rest_folded[: soft.start()]))
        ):
            split = soft
    if split is not None:
        notice = rest[split.end() :].strip() or None
        notice = None if is_filler(notice) else notice
        rest, rest_folded = rest[: split.start()], rest_folded[: split.start()]
    who, who_original = _who(rest, rest_folded)
    if split is not None and greets(who):  # "Bà con xã Thạnh Phú lưu ý: …": all the text
        whole = original[start.end() :]
        return _greeted(who, who_original, whole[whole.find(who_original) :])
    if not who:
        return Request(text=notice)
    kind, name = _audience(who, who_original)
    if kind in (None, Wanted.PLACE) and split is None:
        # "gửi thông báo mai họp lúc 8h": no audience word, the rest is the text.
        return Request(text=who_original or None)
    if kind is Wanted.GROUP and split is None:
        # "gửi tb cho tổ 0192041 mai họp": what follows the code is the text.
        code = _GROUP_CODE.search(who)
        if code is not None:
            notice = who_original[code.end() :].strip(" ,.-–:") or None
    return Request(kind, name, None if is_filler(notice) else notice)


# A greeting that opens the notice itself ("Kính gửi bà con …:", "Bà con xã Thạnh Phú lưu
# ý:"): words addressing its readers before the colon, kept in its text.
_GREETING_OPENS = re.compile(r"^(?:kinh gui|kinh thua|than gui|thua|xin chao|chao)\b")
_ATTENTION = re.compile(
    r"\s+(?:(?:hay|vui long|xin|can|nen)\s+)?(?:luu y|chu y|than men|quan tam|nghe day|"
    r"ghi nho)(?:\s+(?:nhe|nha|a|ak|voi))?$"
)
_READERS = re.compile(
    r"^(?:ba con|cac ho|quy ho|quy vi|cac ban|anh chi|anh chi em|cac thanh vien|thanh vien|"
    r"to vien|ho vay|moi nguoi|ca nha)\b"
)
MAX_GREETING_WORDS = 12


def greets(who: str) -> bool:
    """Whether words before a notice's colon (folded) greet its readers ("kính gửi bà con
    xã Đại Tâm", "bà con xã Thạnh Phú lưu ý") rather than only name its audience."""
    return len(who.split()) <= MAX_GREETING_WORDS and bool(
        _GREETING_OPENS.match(who) or _ATTENTION.search(who)
    )


def _greeted(who: str, who_original: str, text: str) -> Request:
    """A greeting's audience (a commune, a group or a commune's leaders it names; none else)
    and the whole text, greeting included."""
    attention = _ATTENTION.search(who)
    if attention is not None:
        who, who_original = who[: attention.start()], who_original[: attention.start()]
    kind, name = _audience(who, who_original)
    if kind not in (Wanted.COMMUNE, Wanted.GROUP, Wanted.LEADERS) or name is None:
        kind, name = None, None
    return Request(kind, name, text.strip())


def greeting_request(text: str) -> Request | None:
    """A line typed where the audience is asked that opens with a greeting ("Bà con xã Thạnh
    Phú lưu ý: …", "Kính gửi bà con: …", "Bà con xã Đại Tâm: …"): the whole line is the
    notice, its audience the commune or group the greeting names; None: no greeting."""
    original, folded = _same_length_fold(text.strip())
    colon = folded.find(":")
    if colon <= 0 or not folded[colon + 1 :].strip():
        return None
    who = folded[:colon].strip()
    if not (greets(who) or (_READERS.match(who) and len(who.split()) <= MAX_GREETING_WORDS)):
        return None
    return _greeted(who, original[: len(who)], original)


# "đổi người nhận thành cả xã ĐT", "thay đối tượng nhận: tổ 0192041", "change the recipients
# to commune Dai Tam": another audience for the draft; "thêm xã Thạnh Phú", "gửi thêm cho tổ
# T02", "add commune Thanh Phu": one more.
_NEW_AUDIENCE = re.compile(
    r"^(?:doi|thay|sua|chuyen|thay doi)\s+(?:lai\s+)?(?:nguoi nhan|doi tuong(?:\s+nhan)?|"
    r"noi nhan|nguoi duoc gui|danh sach nhan|ben nhan)\s*(?:(?:thanh|sang|qua|la|ve)\s+|:\s*)?"
    r"(?P<who>\S.*)?$|"
    r"^(?:change|switch|set)\s+(?:the\s+)?(?:recipients?|audience)\s+(?:to\s+)?(?P<en>\S.*)$"
)
_MORE_AUDIENCE = re.compile(
    r"^(?:gui\s+)?(?:them|cong them|bo sung)\s+(?:ca\s+)?(?:cho\s+)?(?:ca\s+)?"
    r"(?P<who>(?:xa|phuong|thi tran|to|nhom)\s+\S.*)$|"
    r"^(?:also\s+)?(?:add|include)\s+(?P<en>(?:commune|group)\s+\S.*)$"
)


@dataclass(frozen=True)
class AudienceChange:
    """Another audience for a draft (`added`: one more beside the one chosen)."""

    request: Request
    added: bool


def audience_change(text: str) -> AudienceChange | None:
    """What "đổi người nhận thành …" / "thêm xã …" asks of a draft's audience ("đổi người
    nhận" alone: no audience named, the choice asked); None: neither."""
    original, folded = _same_length_fold(text.strip().rstrip(" .!"))
    for pattern, added in ((_NEW_AUDIENCE, False), (_MORE_AUDIENCE, True)):
        found = pattern.match(folded)
        if found is None:
            continue
        english = found.group("en") is not None
        if not english and found.group("who") is None:
            return AudienceChange(Request(), added)  # "đổi người nhận": the menu, to choose
        who = original[found.start("en" if english else "who") :]
        request = read_request(("send to " if english else "gửi thông báo cho ") + who)
        if request.kind is not None:
            return AudienceChange(Request(request.kind, request.name), added)
    return None


_NOTICE_VERB = re.compile(
    r"^\s*(?:(?:toi |em |minh )?(?:muon |can )?(?:gui|soan|nhan|phat)\s+(?:(?:1|mot)\s+)?"
    r"(?:thong bao|tb))\b"
)


def asks_to_send(text: str) -> bool:
    """ "gửi thông báo xã Đại Tâm: thứ 5 ngày 17/12 có phiên giao dịch…", "gửi tổ 0192041:
    chiều nay 2g…": an officer's notice request, whatever its text talks about (dates,
    times, "giao dịch" are the notice's, not a question)."""
    said = as_vietnamese(text)
    if _NOTICE_VERB.match(fold(said if said is not None else text)):
        return True
    request = read_request(text)
    return request.kind is not None and request.text is not None


_SECOND_THOUGHTS = re.compile(
    r"^(?:(?:a|ah|o|oi|thoi|khoan|khoan da|da|doi y|nham|nham roi|lon|lon roi|"
    r"chi|ma|xin loi|sorry|de|em|anh|chi)\b[\s,.!;:-]*)+"
)
_FILLERS = frozenset(
    {"truoc", "thoi", "nhe", "nha", "nhen", "di", "da", "a", "luon", "lien", "giup", "voi", "ne"}
)
_SEND = frozenset({"gui", "phat", "xac", "nhan"})
_SENDING_WORDS = _SEND | _FILLERS | {"ok", "oke", "okie", "okay", "u", "uh", "vang", "duoc", "dc"}
_SENDING_WORDS |= {"roi", "dong", "y", "em", "anh", "chi", "nay", "do", "the", "luon", "lien"}


def after_second_thoughts(text: str) -> str:
    """ "à thôi khoan, gửi cho xã Đại Tâm trước" → "gửi cho xã Đại Tâm trước": the words of
    a change of mind taken off the start (as typed)."""
    original, folded = _same_length_fold(text)
    found = _SECOND_THOUGHTS.match(folded)
    return original[found.end() :] if found is not None else original


def is_filler(text: str | None) -> bool:
    """ "trước", "thôi", "nhé": words after an audience that are no notice's text."""
    return bool(text) and all(w in _FILLERS for w in fold(text or "").strip(" .,!").split())


# "send it", "ok send", "go ahead", "yes, send it now please": the go-ahead in English.
_SENDS_EN = re.compile(
    r"^(?:(?:ok|okay|oke|yes|yep|yeah|sure|fine|alright|good)\s+)*(?:please\s+)?"
    r"(?:send(?:\s+(?:it|them|this|that|the notice|out))?(?:\s+(?:now|out))?|go ahead"
    r"(?:\s+and\s+send(?:\s+it)?)?|confirm(?:ed)?)(?:\s+(?:please|now|thanks|thank you))*$"
)


def sends_now(text: str) -> bool:
    """ "ok gửi đi", "gửi luôn", "ừ gửi nhé", "send it", "ok send": the go-ahead at a
    notice's preview."""
    said = fold(text).replace(",", " ").replace(".", " ").replace("!", " ").split()
    if said and bool(_SEND & set(said)) and all(w in _SENDING_WORDS for w in said):
        return True
    return bool(_SENDS_EN.match(" ".join(said)))


def _who(rest: str, rest_folded: str) -> tuple[str, str]:
    """The audience part, folded and as typed, without "cho" / "tới" / "đến" before it."""
    who, who_original = rest_folded.strip(), rest.strip()
    for word in ("cho ", "toi ", "den "):
        if who.startswith(word):
            who, who_original = who[len(word) :].strip(), who_original[len(word) :].strip()
    return who, who_original


def _audience(who: str, who_original: str) -> tuple[Wanted | None, str | None]:
    """The kind of audience the words name, and the commune's or group's name as typed."""
    if not who:
        return None, None
    kind: Wanted | None = None
    name: str | None = None
    commune = _COMMUNE.search(who)
    if _LEADERS.match(who):
        kind = Wanted.LEADERS
    elif _OVERDUE.search(who):
        kind = Wanted.OVERDUE
    elif _EVERYONE.match(who) and commune is None:
        kind = Wanted.EVERYONE
    code = _GROUP_CODE.search(who)
    if kind is None and commune is not None and _GROUP_NAME.match(who[: commune.start()]):
        # "tổ ấp 3 xã Đại Tâm": the group, its commune said after it (never the commune)
        who, who_original = who[: commune.start()].strip(), who_original[: commune.start()]
        commune, code = None, _GROUP_CODE.search(who)
    if kind in (None, Wanted.LEADERS) and commune is not None:
        kind = kind or Wanted.COMMUNE
        name = who_original[commune.start(1) : commune.end(1)].strip(" ,.")[:MAX_NAME]
    elif kind is None and code is not None:
        kind, name = Wanted.GROUP, (code.group(1) or code.group(2)).upper()
    elif kind is None and _GROUP_NAME.match(who):
        kind = Wanted.GROUP
        name = who_original[len(who.split()[0]) :].strip(" ,.")[:MAX_NAME]
    elif kind is None and _BARE_NAME.match(who):
        kind, name = Wanted.PLACE, who_original.strip(" ,.")[:MAX_NAME]
    return kind, name


def _names_audience(kind: Wanted | None, name: str | None) -> bool:
    """Whether words before a comma or a dash name an audience, so the text follows: a
    commune, a group, everyone, the overdue (not "tổ trưởng, tổ phó ..." alone, nor a bare
    name: "cho bà con, mai họp" is all text)."""
    if kind is Wanted.PLACE:
        return False
    return kind in (Wanted.EVERYONE, Wanted.OVERDUE) or (kind is not None and name is not None)


_ADDRESSED = re.compile(
    r"^(?:cho |toi |den )?(?:(?:cac |tat ca )?to truong |to pho |ca )?"
    r"(?:xa|phuong|thi tran|to)\s+[^:]{1,60}?\s*:\s*\S"
)


def addressed(text: str) -> bool:
    """ "xã Đại Tâm: thứ 5 tuần sau có phiên": a line that opens with an audience and a colon,
    as a notice does even without "gửi thông báo" before it."""
    return bool(_ADDRESSED.match(fold(text)))


def only_starts(text: str) -> bool:
    """ "gửi thông báo", "/thongbao": a request to start over, with nothing else in it."""
    return bool(_START_ONLY.match(fold(text).strip(" .!?")))


# "tally status", "tallies this month", "which groups submitted": the tallies', in English.
_TALLY_PROGRESS_EN = re.compile(
    r"\b(?:tally|tallies)(?: (?:submission|submissions))? (?:status|progress|report|overview)\b|"
    r"\b(?:status|progress) of (?:the )?(?:groups )?(?:tally|tallies)\b|"
    r"\b(?:tally|tallies) (?:for |of )?(?:this|the) (?:month|session|period)\b|"
    r"^(?:(?:show|see|check) )?(?:me )?(?:the )?(?:tallies|submitted tallies)(?: so far)?$|"
    r"\b(?:which|what|how many) groups? (?:have |has )?(?:already )?(?:not )?(?:yet )?submitted\b|"
    r"\bwho (?:has |have )?(?:already )?submitted\b|\bsubmitted tallies\b|"
    r"\bgroups? (?:that |who )?(?:have |has )?(?:not |n t )?(?:yet )?submitted\b"
)


def asks_tallies_in_english(text: str) -> bool:
    """ "tally status", "tallies this month", "which groups submitted?": the officer's view
    of the tallies, as "tình hình bảng kê" is."""
    folded = " ".join(fold(text).replace("?", " ").replace(".", " ").replace("!", " ").split())
    return bool(_TALLY_PROGRESS_EN.search(folded.replace("'", " ")))


def progress_of(text: str) -> str | None:
    """What a progress question names: "notice" ("tiến độ gửi thông báo"), "tally" ("tiến
    độ bảng kê"), "any" ("tiến độ" alone, "tiến độ sao rồi"), or None (not one)."""
    folded = " ".join(fold(text).replace("?", " ").replace(".", " ").replace("!", " ").split())
    if asks_progress(text) or _SENDING_PROGRESS.search(folded):  # "tiến độ gửi sao rồi"
        return "notice"
    if _TALLY_PROGRESS.match(folded) or asks_tallies_in_english(text):
        return "tally"
    if _HOW_IT_GOES.match(folded):
        return "any"
    return None


# The progress of sending, the notice unnamed: "tiến độ gửi sao rồi", "gửi tới đâu rồi".
_SENDING_PROGRESS = re.compile(r"\btien do\s+(?:gui|phat)\b|\bgui\s+(?:toi|den)\s+dau\s+roi\b")


# "how is my last notice going", "status of the notice", "did the notice go out".
_PROGRESS_EN = re.compile(
    r"^(?!.*:)(?=.*\b(?:notice|notices|announcement|broadcast)\b)"
    r"(?=.*\b(?:going|progress|status|sent|delivered|go out|gone out|received|read|doing)\b)"
    r"(?:how|what|is|has|have|did|was|were|status|progress|check|show)\b"
)


def asks_progress(text: str) -> bool:
    """ "tiến độ gửi thông báo sao rồi", "thông báo gửi xong chưa", "how is my last notice
    going"."""
    folded = fold(text)
    if _NOTICE.search(folded) and _PROGRESS.search(folded):
        return True
    return bool(_PROGRESS_EN.match(" ".join(folded.replace("?", " ").split())))
