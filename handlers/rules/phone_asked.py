"""Whether a message asks for a phone number: a business rule. The bot keeps phone numbers
only to link each person's own chat (the consent notice says so); the only numbers it gives
are the contacts of the asker's group leader, deputy and credit officer.

"so dt cua ba kim lan", "sdt ông Sơn", "số điện thoại chị Hai", "Lan's phone number".
"""

from __future__ import annotations

import re

from locales.textfold import fold

_PHONE = re.compile(
    r"\b(?:sdt|sđt|so dt|so dien thoai|dien thoai|so phone|phone number|phone|number"
    r"|so zalo|zalo cua)\b"
)


def asks_phone(text: str) -> bool:
    """Whether `text` asks for a phone number."""
    return _PHONE.search(fold(text)) is not None


def names_contact(name: str, contact_names: list[str]) -> bool:
    """Whether `name` as typed ("chú Bình", "ba Sa Ri") is one of the contacts: its last word
    is the last word of a contact's name, and its other name words are in that name."""
    words = fold(name).split()[1:] or fold(name).split()  # the title dropped
    for contact in contact_names:
        known = fold(contact).split()
        if known and words and words[-1] == known[-1] and set(words) <= set(known):
            return True
    return False
