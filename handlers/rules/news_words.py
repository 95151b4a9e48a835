"""Whether a borrower's or a leader's message asks what notices reached them lately ("có
thông báo gì mới không", "co thong bao gi moi ko", "any new notices?"): it names a notice
or news and asks (a question word or mark), and it neither asks to send one ("gửi thông
báo") nor switches them ("tắt thông báo"). Pure text reading."""

from __future__ import annotations

import re

from locales.textfold import fold

_NAMES = re.compile(
    r"\b(?:thong bao|tb|tin moi|tin tuc|notices?|announcements?|news|messages? from)\b"
)
_ASKS = re.compile(r"\?|\b(?:gi|nao|moi|chua|khong|ko|k|hong|hok|ha|any|new|latest|recent|what)\b")
_NOT_ASKING = re.compile(
    r"\b(?:gui|soan|viet|nhan cho|tat|bat|mo lai|dung|ngung|huy|send|turn|stop|mute|"
    r"unmute|off|on)\b"
)


def asks_for_notices(text: str) -> bool:
    """See the module."""
    folded = " ".join(fold(text).replace("?", " ? ").split())
    return bool(_NAMES.search(folded) and _ASKS.search(folded) and not _NOT_ASKING.search(folded))
