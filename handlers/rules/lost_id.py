"""Whether a message says the person lost their ID card and asks what to do: a rule.

"tui bi mat cccd roi lam sao", "tôi bị mất căn cước thì làm sao", "làm mất chứng minh
nhân dân", "I lost my ID card". The words for the card are expanded by bot.nlu.normalize
("cccd", "cmnd" → "can cuoc").
"""

from __future__ import annotations

import re

from bot.nlu.normalize import tokens

_CARD = r"(?:the )?(?:can cuoc(?: cong dan)?|chung minh(?: nhan dan)?|chung minh thu|giay to)"
_LOST = re.compile(
    rf"\b(?:mat|rot|that lac|lac|hu|hong) (?:(?:cai|het|luon) )?{_CARD}\b"
    rf"|\b{_CARD} (?:bi )?(?:mat|rot|that lac|lac)\b"
    r"|\b(?:lost|lose|losing|missing) (?:my |the |our )?(?:id|identity|citizen)"
)


def says_id_lost(text: str) -> bool:
    return bool(_LOST.search(" ".join(tokens(text))))
