"""An officer's notice request typed in English ("send to commune Phu My: meeting on Friday",
"broadcast to group T01: …", "notify all borrowers in Dai Tam that …", "send to everyone:
…", "send a notice to the leaders of Dai Tam: …"), said again as the Vietnamese request it
is ("gửi thông báo cho xã Phu My: meeting on Friday"), so one reading (`broadcast_words`)
serves both languages. The names and the notice's text are kept as typed. Pure text
reading. A name alone ("send to Dai Tam: …", "notify Dai Tam that …") is said as a name
alone ("gửi thông báo cho Dai Tam: …"): whether it is a commune or a group, the handler
looks up. A group named by its hamlet ("the group in hamlet 3", "the hamlet 3 group", "everyone
in hamlet Tam Kien") is said as the group of that name ("tổ ấp 3"), as Vietnamese names
them, with its commune after it when one is named ("… in Dai Tam": "tổ ấp 3 xã Dai Tam")."""

from __future__ import annotations

import re
import unicodedata

from locales.textfold import fold

_VERB = re.compile(
    r"^\s*(?:please\s+)?(?:(?:i\s+)?(?:want|would like|need)\s+to\s+|can you\s+|could you\s+)?"
    r"(?:send(?:\s+out)?|broadcast|notify|announce|inform|message)\b"
    r"(?:\s+(?:a|an|the|this|my)?\s*(?:new\s+)?"
    r"(?P<noun>notice|message|announcement|broadcast|note|sms)s?\b)?\s*"
)
_TEXT_AFTER = re.compile(
    r"\s*:\s*|\s+(?:that|saying|to say|which says|with the text)\s+|\s+[-–]\s+"
)
_LEAD = re.compile(r"^(?:(?:to|for|the|all of the)\s+)+")
_PEOPLE = r"(?:borrowers|households|members|customers|people|clients|families|villagers)"
_ALL = rf"(?:everyone|everybody|all(?:\s+(?:the\s+)?{_PEOPLE})?|(?:the\s+)?{_PEOPLE})"
_OVERDUE = re.compile(r"\b(?:overdue|late payers?|in arrears)\b")
_LEADERS = re.compile(
    r"^(?:all\s+)?(?:the\s+)?(?:group\s+)?(?:leaders?|heads?)\b"
    r"(?:\s+(?:of|in|at|for|from)\s+(?:the\s+)?(?:groups?\s+(?:of|in)\s+(?:the\s+)?)?)?(?P<name>.*)$"
)
_GROUP = re.compile(
    r"^(?:the\s+)?(?:savings\s+)?group\s+(?:no\.?\s+|number\s+|code\s+)?(?P<name>.+)$"
)
_HAMLET_GROUP = re.compile(
    r"^(?:the\s+)?(?:hamlet|village)\s+(?P<name>.+?)(?:'s|’s)?\s+(?:savings\s+)?groups?$"
)
_HAMLET = re.compile(
    rf"^(?:(?:the\s+)?(?:savings\s+)?groups?\s+(?:in|of|from|at|for)\s+|"
    rf"{_ALL}\s+(?:in|of|from|at)\s+)?(?:the\s+)?(?:hamlet|village)\s+(?P<name>.+)$"
)
_IN_COMMUNE = re.compile(
    r"\s*(?:,|\s(?:in|of))\s*(?:the\s+)?(?:commune\s+(?:of\s+)?)?(?P<commune>.+?)(?:\s+commune)?$"
)
_ALL_IN = re.compile(rf"^{_ALL}\s+(?:in|of|at|from)\s+(?P<name>.+)$")
_COMMUNE = re.compile(r"^(?:commune|ward|town(?:ship)?)\s+(?:of\s+)?(?P<name>.+)$")
_NAMED_COMMUNE = re.compile(r"^(?P<name>.+?)\s+(?:commune|ward)$")
_EVERYONE = re.compile(rf"^(?:{_ALL}|(?:the\s+)?whole\s+area)$")
_WHOLE_AREA = re.compile(
    r"^(?:my|our|the|your)\s+(?:area|communes|district|whole area)$|^(?:all|every)\s+communes?$"
)
_PLACE_WORDS = re.compile(r"^(?:the\s+)?(?:commune|ward|town(?:ship)?)\s+(?:of\s+)?")
_PLACE_AFTER = re.compile(r"\s+(?:commune|ward)$")
# "Dai Tam", "Tam Kien": a name of a few words, no pronoun ("notify me that …" names none).
_BARE_NAME = re.compile(
    r"^(?!(?:me|us|you|them|him|her|it|all|now|today|please)\b)[^\W\d_][\w&.'-]*"
    r"(?:\s+[\w&.'-]+){0,3}$"
)


def _same_length_fold(text: str) -> tuple[str, str]:
    nfc = unicodedata.normalize("NFC", text)
    return nfc, "".join((fold(ch) or " ")[:1] for ch in nfc)


def as_vietnamese(text: str) -> str | None:
    """The Vietnamese request an English one says ("gửi thông báo cho xã Phu My: meeting on
    Friday"), or None when the text is no English notice request."""
    original, folded = _same_length_fold(text)
    verb = _VERB.match(folded)
    if verb is None:
        return None
    rest, rest_folded = original[verb.end() :], folded[verb.end() :]
    notice = ""
    split = _TEXT_AFTER.search(rest_folded)
    if split is not None:
        notice = rest[split.end() :].strip()
        rest, rest_folded = rest[: split.start()], rest_folded[: split.start()]
    lead = _LEAD.match(rest_folded.strip())
    who, who_original = rest_folded.strip(), rest.strip()
    if lead is not None:
        who, who_original = who[lead.end() :], who_original[lead.end() :]
    who, who_original = who.rstrip(" ,.!"), who_original[: len(who.rstrip(" ,.!"))]
    audience = _audience(who, who_original, alone=split is not None)
    if audience is None and split is not None and _BARE_NAME.match(who):
        audience = who_original  # "send to Dai Tam: …": a name alone, looked up by the handler
    if audience is None:
        if not verb.group("noun") and not (split is not None and not who):
            return None  # "send me my balance": no notice, no audience
        notice = " ".join(part for part in (who_original, notice) if part)
        return "gửi thông báo" + (": " + notice if notice else "")
    return f"gửi thông báo cho {audience}" + (": " + notice if notice else "")


def _audience(who: str, original: str, *, alone: bool = True) -> str | None:
    """The audience in Vietnamese words ("xã Phu My", "tổ trưởng xã Dai Tam", "tổ T01",
    "tổ ấp 3", "tất cả", "hộ nợ quá hạn"), or None when the words name none. `alone`: the
    words are the audience's only (the text was marked off after them)."""
    if not who:
        return None
    hamlet = _HAMLET_GROUP.match(who) or _HAMLET.match(who)
    if hamlet is not None:
        return _hamlet_group(who, original, hamlet.start("name"), hamlet.end("name"), alone)
    if _OVERDUE.search(who):
        return "hộ nợ quá hạn"
    leaders = _LEADERS.match(who)
    if leaders is not None:
        name = _place(who[leaders.start("name") :], original[leaders.start("name") :])
        return "tổ trưởng" + (f" xã {name}" if name else "")
    group = _GROUP.match(who)
    if group is not None:
        return "tổ " + original[group.start("name") :].strip()
    if _EVERYONE.match(who):
        return "tất cả"
    for pattern in (_ALL_IN, _COMMUNE, _NAMED_COMMUNE):
        found = pattern.match(who)
        if found is not None:
            name = _place(found.group("name"), original[found.start("name") : found.end("name")])
            return f"xã {name}" if name else "tất cả"
    return None


def _hamlet_group(who: str, original: str, start: int, end: int, alone: bool) -> str:
    """ "tổ ấp 3" for the hamlet named at [start:end], "tổ ấp 3 xã Dai Tam" when a commune
    follows its name (only where the words are the audience's alone: otherwise they may be
    the notice's own, "… 3 meeting in the hall")."""
    name, name_original = who[start:end], original[start:end]
    commune = _IN_COMMUNE.search(name) if alone else None
    if commune is not None and commune.start() > 0:
        place = name_original[commune.start("commune") : commune.end("commune")].strip()
        return f"tổ ấp {name_original[: commune.start()].strip()} xã {place}"
    return f"tổ ấp {name_original.strip()}"


def _place(folded: str, original: str) -> str | None:
    """A commune's name as typed, without "the commune of" or "commune" around it; None for
    the whole area ("my area") or nothing."""
    folded, original = folded.strip(), original.strip()
    if not folded or _WHOLE_AREA.match(folded):
        return None
    before = _PLACE_WORDS.match(folded)
    if before is not None:
        folded, original = folded[before.end() :], original[before.end() :]
    after = _PLACE_AFTER.search(folded)
    if after is not None:
        folded, original = folded[: after.start()], original[: after.start()]
    return original.strip() or None
