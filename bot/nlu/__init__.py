"""Understanding a message: intent with confidence, money amounts, dates, programmes named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.nlu.amounts import extract_amounts
from bot.nlu.dates import extract_dates
from bot.nlu.intents import classify
from bot.nlu.normalize import tokens

__all__ = ["Understanding", "extract_amounts", "extract_dates", "understand"]


@dataclass(frozen=True)
class Understanding:
    text: str
    intent: str
    confidence: float
    amounts: list[int]
    dates: list[date]
    programmes: tuple[int, ...]

    def as_json(self) -> dict[str, object]:
        """The contract's JSON line for `python -m bot understand`."""
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": self.confidence,
            "amounts": self.amounts,
            "dates": [d.isoformat() for d in self.dates],
        }


def understand(text: str, today: date) -> Understanding:
    amounts = extract_amounts(text)
    result = classify(tokens(text), has_amounts=bool(amounts))
    return Understanding(
        text=text,
        intent=result.intent,
        confidence=result.confidence,
        amounts=amounts,
        dates=extract_dates(text, today),
        programmes=result.programmes,
    )
