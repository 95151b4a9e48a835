"""Whether a message is about reminders at all: a business rule.

The intent model leans to switching reminders on for "tui quên đóng lãi rồi" (forgetting is
what reminders are for), but a chat's reminders are switched only when the message names
them: nhắc, thông báo, tin nhắn, báo, remind, notification, alert, message, ping... as the
corpus' reminders lines say it ("tắt nhắc nhở", "đừng gửi tin nữa", "turn off
notifications", "mute", "đêm khuya nó kêu hoài, tắt giùm"). Anything else is answered as
the next likeliest question.
"""

from __future__ import annotations

from bot.nlu.normalize import raw_tokens, tokens

# Folded word beginnings (the typed words and the normalised ones: English is read both ways).
_STARTS: tuple[str, ...] = ("nhac", "remind", "noti", "messag", "mesag", "alert", "ping")
_STARTS += (
    "nhan",
    "nhat",
    "sms",
    "tin",
    "keu",
    "mute",
    "unmute",
    "send",
    "gui",
    "subscri",
    "unsubscri",
)
# "báo" names a notice, not in "bao nhiêu", "bao giờ", "bao lâu".
_NOT_AFTER_BAO = frozenset({"nhieu", "nhiu", "gio", "lau", "nhieo", "nh", "n"})


def names_reminders(text: str) -> bool:
    """ "tắt nhắc nhở", "thông báo lại giùm", "stop sending", "mute": yes; "hôm nay tui quên
    đóng lãi thì sao", "bao nhiêu": no."""
    for words in (tokens(text), raw_tokens(text)):
        for index, word in enumerate(words):
            if word.startswith(_STARTS) or "nhac" in word:
                return True
            following = words[index + 1] if index + 1 < len(words) else ""
            if word == "bao" and following not in _NOT_AFTER_BAO:
                return True
    return False


_AGAIN = frozenset({"again", "back"})
_SWITCHES = frozenset({"bat", "mo", "tat", "tắt", "bật", "mở"})


def switches_back(text: str) -> bool:
    """ "ok turn them on again", "turn it back off", "bật lại đi": a switch put back as it
    was, which, said with nothing named, is the reminders' (the only switch a chat has)."""
    words = raw_tokens(text)
    if _AGAIN.intersection(words):
        return True
    return any(
        word in _SWITCHES and index + 1 < len(words) and words[index + 1] == "lai"
        for index, word in enumerate(tokens(text))
    )
