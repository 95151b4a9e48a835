"""Several questions in one message ("dư nợ và lãi tháng này", "tắt nhắc, tks ad"): the
message is cut at clause marks and conjunctions, each part is understood on its own, and the
distinct intents the parts are sure of are kept, in the order asked, at most three. A greeting
or a thank-you beside a request is no intent of its own ("tắt nhắc, tks ad" is reminders_off):
the request is answered; nor is a change of mind before it ("thôi đổi ý, dư nợ bn").

A normal message gives one intent: a part only adds its intent when the model is sure of it
(`PART_THRESHOLD`, chosen on train/*_multi.tsv and the single-intent lines of train: with
T8 in, 0.8 keeps 97.1% of single lines single and gets 90.0% of the multi sets; 0.5 would get
92.0% of the sets and split 1.5% more single lines). A short statement before a question
("trả hết rồi, vay thêm được không") sets the scene and adds no intent; a request to send a
reminder after a list ("ai chưa đóng, gửi tb nhắc họ") is a broadcast.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.nlu.classifier import Decision, decide
from bot.nlu.meeting_text import starts_agenda
from bot.nlu.polarity import drop_contrast_text, polarity

PART_THRESHOLD = 0.8
MOST = 3
_OPPOSITES = ({"reminders_on", "reminders_off"}, {"link_account", "unlink"})
_CUT = re.compile(
    r"[,;.!?\n]+|\s+(?:và|va|với lại|voi lai|với|voi|vs|rồi|roi|r|and|then|also|plus|đồng thời"
    r"|dong thoi|sau đó|sau do|xong(?!\s+(?:rồi|roi|r)\b)|luôn tiện|luon tien|tiện thể|tien the"
    r"|còn(?=\s+(?:phiên|tiết kiệm|ngày|lịch)\b))\s+",
    re.IGNORECASE,
)


def parts(text: str) -> list[tuple[str, bool]]:
    """The clauses of a message, cut at clause marks and conjunctions, each with whether it
    ends a statement ("trả hết rồi, …")."""
    out: list[tuple[str, bool]] = []
    start = 0
    for m in _CUT.finditer(text):
        piece = text[start : m.start()].strip()
        if piece:
            out.append((piece, m.group(0).strip().lower() in ("rồi", "roi", "r")))
        start = m.end()
    if text[start:].strip():
        out.append((text[start:].strip(), False))
    return out


def _sure(decision: Decision) -> bool:
    return decision.intent != "unknown" and decision.confidence >= PART_THRESHOLD


_STATEMENT_END = re.compile(r"\b(?:rồi|roi|r)\s*$", re.IGNORECASE)
_ASKS = re.compile(
    r"\b(?:không|khong|ko|k|hong|chưa|chua|bao nhiêu|bao nhieu|bn|bnh|bnhieu|nhiêu|nhieu"
    r"|sao|gì|gi)\b|\?",
    re.IGNORECASE,
)
# What was paid: "trả hết rồi", "trả xong nợ rồi", "đóng lãi đủ rồi".
_PAID = re.compile(
    r"\b(?:trả|tra|đóng|dong)\b.*\b(?:hết|het|xong|đủ|du)\b|\b(?:hết|het|xong)\b.*\b(?:nợ|no)\b",
    re.IGNORECASE,
)
# A notice to the people just listed: "send them a reminder", "gửi thông báo nhắc họ".
_SEND = re.compile(
    r"\b(?:gửi|gui|send|nhắn|nhan|nt)\b.*\b(?:nhắc|nhac|remind\w*|tb|thông báo|thong bao|notice)\b"
    r"|\b(?:nt|nhắn|nhan)\s+(?:nhắc|nhac)\b",
    re.IGNORECASE,
)
_LISTS = {"group_status", "tally_submit"}
# Reminders turned off, said beside a change of channel: "tắt thông báo trên telegram, chuyển
# qua zalo" is two things.
_OFF = re.compile(
    r"\b(?:tắt|tat|ngưng|ngung|stop|turn off)\b"
    r".*\b(?:nhắc|nhac|thông báo|thong bao|tb|remind\w*)\b",
    re.IGNORECASE,
)
_MOVE = re.compile(r"\b(?:chuyển|chuyen|qua|sang|switch|move|đổi|doi)\b", re.IGNORECASE)


def _statement(piece: str, ends_statement: bool) -> bool:
    """ "trả hết rồi", "giờ tôi trả hết nợ rồi": what has been paid, not a question ("nộp bk
    rồi" is the tally, "bị quá hạn rồi" the due date: those stay)."""
    if len(piece.split()) > 6 or _ASKS.search(piece) or not _PAID.search(piece):
        return False
    return ends_statement or _STATEMENT_END.search(piece) is not None


# "khoan," (wait), "ủa," before the request: a word that asks nothing.
_INTERJECTION = re.compile(
    r"^\s*(?:khoan(?:\s+(?:đã|da))?|khoan khoan|ủa|ua|ê|ơ|ờ|à|ah|oh)\s*[,.!…]+\s*", re.IGNORECASE
)


# "thôi đổi ý,", "à thôi,", "thôi khỏi," before a request: the mind changed, the request
# follows (alone, "thôi" read as stopping, and added "unlink" to "thôi đổi ý, dư nợ bn").
_CHANGE_OF_MIND = re.compile(
    r"^\s*(?:(?:(?:à|a|ờ|o|ừ|u)\s+)?(?:thôi|thoi|thui)(?:\s+(?:đổi ý|doi y|khỏi|khoi|bỏ qua"
    r"|bo qua|khoan|không|khong|ko|hổng|hong))?|đổi ý|doi y)(?:\s+(?:rồi|roi|r|nha|nhe|nhé))?"
    r"\s*[,.!…]+\s*",
    re.IGNORECASE,
)


def after_change_of_mind(text: str) -> str:
    """ "thôi đổi ý, dư nợ bn" → "dư nợ bn": a change of mind before a request of two words
    or more taken off; any other message as it is."""
    found = _CHANGE_OF_MIND.match(text)
    if found is None or len(text[found.end() :].split()) < 2:
        return text
    return text[found.end() :]


# What a meeting's agenda may be about: business the group discusses, not an action for the
# bot (a notice, a reminder) nor a question.
_AGENDA_TOPICS = frozenset(
    {"balance", "due_date", "interest", "savings", "tally_submit", "group_status", "program_info"}
)


def _reminding(piece: str, decision: Decision) -> bool:
    """ "nhắc đóng lãi", "nhắc nhở ba con đóng lãi đúng hạn": reminding the members, read
    as the reminders but with no switch said ("tắt nhắc nhở" is one)."""
    if decision.intent not in ("reminders_on", "reminders_off") or _ASKER.search(piece):
        return False  # "và nhắc tôi trước một ngày": the leader's own reminder, asked for
    turned = polarity(piece)
    return not (turned.switched_on or turned.switched_off)


# Reminding the one who writes: "nhắc tôi", "nhắc em", "nhắc giùm mình", "remind me".
_ASKER = re.compile(
    r"\b(?:nh[aắ]c|remind)\s+(?:(?:gi[uù]m|d[uù]m|h[oộ]|cho)\s+)?(?:t[oô]i|tui|em|m[iì]nh|tao|me)\b",
    re.I,
)


def _without_agenda(found: list[tuple[str, Decision]]) -> list[tuple[str, Decision]]:
    """After a meeting called, the part that starts its agenda ("họp tổ tối thứ Bảy 7h ở
    nhà cô, bàn chuyện bảng kê") and the parts that go on with it ("… và tiết kiệm") are
    the meeting's, never a tally or a balance of their own; a question stays one. Reminding
    the members in it ("…, nhắc đóng lãi") is agenda too, never the reminders switched."""
    kept: list[tuple[str, Decision]] = []
    called = agenda = False
    for piece, decision in found:
        if called and not _ASKS.search(piece):
            if _reminding(piece, decision):
                agenda = True
                continue
            agenda = agenda or starts_agenda(piece)
            if agenda and decision.intent in _AGENDA_TOPICS | {"unknown", "meeting_schedule"}:
                continue
        agenda = agenda and not _ASKS.search(piece)
        called = called or (decision.intent == "meeting_schedule" and _sure(decision))
        kept.append((piece, decision))
    return kept


# "còn bà thì sao", "còn tui nữa", "and me?": the question before asked again for another
# (the person says who), adding no intent of its own.
_SAME_FOR = re.compile(
    r"(?:còn|con|and|what about|how about)\s+"
    r"(?:bà|ba|ông|ong|bác|bac|cô|co|chú|chu|dì|di|anh|chị|chi|em|tui|tôi|toi|mình|minh"
    r"|cháu|chau|tao|me|mine|her|him|she|he|bả|ổng)(?:\s+[A-ZÀ-Ỹ]\w*){0,2}"
    r"\s*(?:thì sao|thi sao|sao|thì thế nào|thi the nao|thế nào|the nao|nữa|nua|ra sao)?"
    r"(?:\s+(?:vậy|vay|ạ|a|nè|ne|con|nhỉ|nhi))*\s*\??",
    re.IGNORECASE,
)
_SAME_FOR_END = re.compile(r"(?:sao|thế nào|the nao|nữa|nua|ra sao|\?)\W*$", re.IGNORECASE)


def decisions(text: str, *, has_amounts: bool) -> list[Decision]:
    """The decision for the whole message first, then one for each part that adds an intent
    the model is sure of; ordered as asked, distinct intents, at most `MOST`. A part of one
    or two words the model is not sure of joins the one before it, and a short statement
    ("trả hết rồi") the one after it. Each decision of a part says the part it read."""
    text = after_change_of_mind(_INTERJECTION.sub("", text) or text)
    whole = decide(text, has_amounts=has_amounts)
    pieces = parts(drop_contrast_text(text))
    if len(pieces) < 2:
        return [whole]
    found: list[tuple[str, Decision]] = []
    statement = noticed = False
    for at, (piece, ends_statement) in enumerate(pieces):
        if at + 1 < len(pieces) and _statement(piece, ends_statement):
            continue  # "trả hết rồi, vay thêm được không": the statement sets the scene
        part = decide(piece, has_amounts=has_amounts)
        listed = found and found[-1][1].intent in _LISTS
        if part.intent in ("reminders_on", "broadcast") and listed and _SEND.search(piece):
            part = replace(part, intent="broadcast", confidence=1.0)  # "ai chưa đóng, gửi tb…"
            noticed = True
        if part.intent == "channel" and _OFF.search(piece) and not _MOVE.search(piece):
            part = replace(part, intent="reminders_off", confidence=1.0)
        if found and _SAME_FOR.fullmatch(piece.strip()) and _SAME_FOR_END.search(piece):
            continue  # "…, còn bà thì sao": the same question again, for another
        short = len(piece.split()) <= 2
        greeting = part.intent == "help" and len(piece.split()) <= 3
        if greeting and len(pieces) > 1:
            continue  # "Hi, …", "chào ad, …": a greeting before the question
        if short and not _sure(part) and found:
            joined = f"{found[-1][0]} {piece}"
            found[-1] = (joined, decide(joined, has_amounts=has_amounts))
        elif found and statement:
            joined = f"{found[-1][0]} {piece}"  # "trả hết rồi vay thêm…": one question
            found[-1] = (joined, decide(joined, has_amounts=has_amounts))
        else:
            found.append((piece, part))
        statement = short and ends_statement
    meeting = _without_agenda(found)
    if len(meeting) < len(found):  # the whole message is the meeting, with its agenda
        whole = next(d for _p, d in meeting if d.intent == "meeting_schedule")
    found = [(piece, replace(d, part=piece)) for piece, d in meeting]
    sure = [d for _p, d in found if _sure(d)]
    if noticed and whole.intent == "reminders_on":
        whole = replace(whole, intent="broadcast")  # the reminder was the notice
    if whole.intent not in {d.intent for d in sure}:
        sure.insert(0, whole)
    out: list[Decision] = []
    for decision in sure:
        if decision.intent not in {d.intent for d in out}:
            out.append(decision)
    if len(out) > 1:  # beside a request, off-topic words and a thank-you ask for nothing
        asked = [d for d in out if d.intent not in ("unknown", "thanks")]
        out = asked or [d for d in out if d.intent == "thanks"] or out[:1]
    kept = {d.intent for d in out}
    for pair in _OPPOSITES:  # "tắt nhắc hồi trước, giờ bật lại": the whole message decides
        if pair <= kept:
            out = [d for d in out if d.intent not in pair or d.intent == whole.intent]
    return out[:MOST]
