"""Understanding a message: intent with confidence (and the likeliest intents when unsure),
polarity, whose figures it asks about, money amounts, dates, programmes named; what a person
typed at a yes/no prompt; several questions in one message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.nlu.amounts import extract_amounts
from bot.nlu.answers import read_answer
from bot.nlu.classifier import Decision, decided, trained
from bot.nlu.dates import extract_dates
from bot.nlu.normalize import clean, raw_tokens, tokens
from bot.nlu.people import about_other, asks_own_too
from bot.nlu.several import decisions

__all__ = [
    "Understanding",
    "about_other",
    "asks_own_too",
    "extract_amounts",
    "extract_dates",
    "read_answer",
    "split_intents",
    "understand",
    "warm_up",
]

# Intents whose action a negation cancels rather than turns into another intent.
_CANCELLABLE = {"tally_submit", "broadcast", "meeting_schedule", "channel", "language", "unknown"}


@dataclass(frozen=True)
class Understanding:
    """What one message says.

        `alternatives`: when `intent` is "unknown" for lack of confidence, the two likeliest
        intents, best first ("Did you mean A or B?"); otherwise empty.
        `negated`: the action is turned around ("đừng gửi", "tắt", "thôi bỏ", "stop").
        `act`: "cancel" when the message cancels the action it names ("thôi bỏ bảng kê này"),
        "keep" when it refuses a cancellation ("đừng hủy"), else None.
        `ranked`: every intent, likeliest first, as the model read the words (for a second
    reading when the first one's action is not asked for: bot `handlers/registry.py`).
        `about_other`: the person the figures asked for belong to, as written ("bà Lan"),
        None when the asker asks about themselves.
    """

    text: str
    intent: str
    confidence: float
    amounts: list[int]
    dates: list[date]
    programmes: tuple[int, ...]
    alternatives: tuple[str, ...] = ()
    negated: bool = False
    act: str | None = None
    about_other: str | None = None
    intents: tuple[str, ...] = field(default=())
    ranked: tuple[str, ...] = ()  # every intent the model knows, likeliest first
    part: str = ""  # the part of the message asking this intent, when it asks several

    @property
    def asked(self) -> str:
        """The words asking this intent: the part, or the whole message."""
        return self.part or self.text

    def as_json(self) -> dict[str, object]:
        """The contract's JSON line for `python -m bot understand`."""
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": self.confidence,
            "amounts": self.amounts,
            "dates": [d.isoformat() for d in self.dates],
        }


def _understanding(
    text: str, today: date, amounts: list[int], decision: Decision, intents: tuple[str, ...]
) -> Understanding:
    cleaned = clean(text)
    turned = decision.polarity
    act = None
    if turned.keeps:
        act = "keep"
    elif turned.negated and decision.intent in _CANCELLABLE:
        act = "cancel"
    other = about_other(cleaned)
    intent = decision.intent
    if other is not None and intent in ("help", "unknown") and _asks_money(cleaned):
        intent = "balance"  # "what does my neighbour owe": another's figures, refused as such
    return Understanding(
        text=text,
        intent=intent,
        confidence=decision.confidence,
        amounts=amounts,
        dates=extract_dates(cleaned, today),
        programmes=decision.programmes,
        alternatives=decision.alternatives,
        negated=turned.negated,
        act=act,
        about_other=other,
        intents=intents,
        ranked=decision.ranked,
        part=decision.part if len(intents) > 1 else "",
    )


# Words asking what someone owes or has: with another person named, a question for figures.
_MONEY = frozenset({"owe", "owes", "owed", "balance", "debt", "loan", "interest", "savings"})
_MONEY |= {"no", "lai", "vay", "tiet", "kiem", "tien", "dong", "nop", "paid", "pay"}


def _asks_money(cleaned: str) -> bool:
    return bool(_MONEY.intersection(raw_tokens(cleaned)) or _MONEY.intersection(tokens(cleaned)))


def warm_up() -> None:
    """Fit the intent model now (a few seconds), so the first question is not kept waiting."""
    trained()


def understand(text: str, today: date) -> Understanding:
    """What one message says, with one intent (`split_intents` for several)."""
    cleaned = clean(text)
    amounts = extract_amounts(cleaned)
    decision = decided(cleaned, bool(amounts))
    return _understanding(text, today, amounts, decision, (decision.intent,))


def split_intents(text: str, today: date) -> list[Understanding]:
    """Up to three distinct intents a message asks about, in the order asked ("dư nợ và lãi
    tháng này": balance, interest); one for a normal message. Each has the whole message's
    amounts, dates and person, and `intents` lists them all."""
    cleaned = clean(text)
    amounts = extract_amounts(cleaned)
    found = decisions(cleaned, has_amounts=bool(amounts))
    intents = tuple(d.intent for d in found)
    return [_understanding(text, today, amounts, d, intents) for d in found]
