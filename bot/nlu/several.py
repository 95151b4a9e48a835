"""Several questions in one message ("dư nợ và lãi tháng này", "tắt nhắc, tks ad"): the
message is cut at clause marks and conjunctions, each part is understood on its own, and the
distinct intents the parts are sure of are kept, in the order asked, at most three.

A normal message gives one intent: a part only adds its intent when the model is sure of it
(`PART_THRESHOLD`, chosen on train/*_multi.tsv and the single-intent lines of train).
"""

from __future__ import annotations

import re

from bot.nlu.classifier import Decision, decide
from bot.nlu.polarity import drop_contrast_text

PART_THRESHOLD = 0.8
MOST = 3
_OPPOSITES = ({"reminders_on", "reminders_off"}, {"link_account", "unlink"})
_CUT = re.compile(
    r"[,;.!?\n]+|\s+(?:và|va|với lại|voi lai|với|voi|vs|rồi|roi|r|and|then|also|plus|đồng thời"
    r"|dong thoi|sau đó|sau do|xong|luôn tiện|tiện thể)\s+",
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


def decisions(text: str, *, has_amounts: bool) -> list[Decision]:
    """The decision for the whole message first, then one for each part that adds an intent
    the model is sure of; ordered as asked, distinct intents, at most `MOST`. A part of one
    or two words the model is not sure of joins the one before it, and a short statement
    ("trả hết rồi") the one after it."""
    whole = decide(text, has_amounts=has_amounts)
    pieces = parts(drop_contrast_text(text))
    if len(pieces) < 2:
        return [whole]
    found: list[tuple[str, Decision]] = []
    statement = False
    for piece, ends_statement in pieces:
        part = decide(piece, has_amounts=has_amounts)
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
    sure = [d for _p, d in found if _sure(d)]
    if whole.intent not in {d.intent for d in sure}:
        sure.insert(0, whole)
    out: list[Decision] = []
    for decision in sure:
        if decision.intent not in {d.intent for d in out}:
            out.append(decision)
    if len(out) > 1:
        out = [d for d in out if d.intent != "unknown"]
    kept = {d.intent for d in out}
    for pair in _OPPOSITES:  # "tắt nhắc hồi trước, giờ bật lại": the whole message decides
        if pair <= kept:
            out = [d for d in out if d.intent not in pair or d.intent == whole.intent]
    return out[:MOST]
