"""Whether an unlinked chat's message asks to start over, that is to link again: "làm lại cho
tui", "liên kết lại", "đăng ký lại", "bắt đầu lại", "start over" (the unlink answer ends "Gõ
/start để bắt đầu lại"). The words of starting over, with only the small words people put
around them ("cho tui", "đi con", "giùm"); a sentence about anything else is not one.
"""

from __future__ import annotations

import re

from locales.textfold import fold

# Starting over, once the small words around it are dropped.
_AGAIN = re.compile(
    r"^(?:(?:muon|xin|can|phai|duoc|de) )*(?:"
    r"(?:lam|lien ket|ket noi|dang ky|dang ki|dk|lk|link|bat dau|cai dat|xac minh|xac nhan) lai"
    r"(?: (?:tu dau|lien ket|tai khoan|tk|tu dau lai))?|"
    r"lam lai tu dau|bat dau lai tu dau|"
    r"start (?:over|again)|link (?:again|me again|my account again)|re ?link|re ?register|"
    r"register again|sign up again"
    r")$"
)
_SMALL_WORDS = """
    cho tui toi tao em con chau minh di nha nhe nghe ne voi giup gium dum gi do vay a ah da ok
    oi bot ban please me i want to can you again
"""
_SMALL = frozenset(_SMALL_WORDS.split())
_KEEP = frozenset({"again", "me"})  # part of "link me again", "start again"


def asks_to_start_over(text: str) -> bool:
    """True for a message that only asks to link (or start) again."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    if not words or len(words) > 10:
        return False
    kept = [w for w in words if w not in _SMALL or w in _KEEP]
    while kept and kept[-1] == "me":
        kept.pop()
    return bool(_AGAIN.match(" ".join(kept)))
