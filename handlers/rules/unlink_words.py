"""Whether a message clearly asks to unlink the chat, before the bot asks "Hủy liên kết cuộc
trò chuyện này?": it names the link, the account, the data or stopping the bot ("hủy liên
kết", "gỡ tk", "xóa dữ liệu", "không xài nữa", "ngừng sử dụng", "unlink"). A bare "thôi" or
"bỏ", or one inside a sentence about something else ("thôi tui đi được, có tui"), is not
such a request, however the intent model scored it.
"""

from __future__ import annotations

import re

from bot.nlu.normalize import tokens
from locales.textfold import fold

_CLEAR = re.compile(
    r"\b(?:"
    r"lien ket|lk|ket noi|unlink|xoa|go|tai khoan|tk|du lieu|thong tin|dang ky|dang ki|dk|"
    r"sdt|so dien thoai|(?:dung|xai|can)\b(?: \w+){0,6} nua|xai bot|dung bot|huy han|"
    r"ngung|dung su dung|dung dung|vinh vien|rut lai|out|"
    r"disconnect|delete|remove|deregister|stop using|account|data|linked|my number|take me off|"
    r"for good|forever|permanently|unsubscribe"
    r")\b"
)


# The same words typed without spaces ("huylienket", "xoataikhoan").
_RUN_TOGETHER = re.compile(r"lienket|ketnoi|taikhoan|dulieu|unlink")


def clearly_asks_to_unlink(text: str) -> bool:
    """True when the text names what unlinking is about (Telex, abbreviations and words run
    together read)."""
    folded = fold(text)
    return any(_CLEAR.search(read) for read in (folded, " ".join(tokens(text)))) or bool(
        _RUN_TOGETHER.search(folded.replace(" ", ""))
    )
