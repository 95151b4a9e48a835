"""Reading "everyone paid in full except …" in the tally: "tất cả nộp đủ trừ số 6 vắng", "cả tổ
đóng đủ, riêng bà Lan chưa đóng", "số 6 vắng, còn lại đủ hết", "everyone paid in full except
number 6". What is found is the part about the members set apart, as typed (folded), for the
tally to read member by member.
"""

from __future__ import annotations

import re

from locales.textfold import fold

# Everyone, then paid in full: "tất cả (đều) nộp đủ", "cả tổ đóng đủ", "ai cũng đủ",
# "mọi người đủ hết", "everyone paid in full", "all paid".
_EVERYONE = (
    r"(?:tat ca|ca to|ca nhom|moi nguoi|ai cung|cac thanh vien|thanh vien|ca lop"
    r"|everyone|everybody|all(?:\s+members)?|all\s+the\s+members|the\s+whole\s+group)"
)
_IN_FULL = (
    r"(?:(?:da|deu|cung|thi)\s+)*(?:(?:nop|dong|tra|dua)\s+)?(?:du|day du)"
    r"(?:\s+(?:het|ca|roi|luon))*"
    r"|(?:(?:has|have)\s+)?(?:paid|pay)(?:\s+(?:in\s+)?full)?"
)
_EXCEPT = (
    r"(?:ngoai\s+tru|tru\s+ra|chi\s+tru|tru|rieng|ngoai\s+ra|tru\s+co|but\s+not|except(?:\s+for)?"
    r"|apart\s+from|other\s+than|save\s+for|but)"
)
# Paid in full said of everyone without the word for everyone: "đủ hết", "nộp đủ cả", "all paid".
_ALL_IN_FULL = (
    r"(?:(?:da|deu)\s+)?(?:(?:nop|dong|tra)\s+)?(?:du|day du)\s+(?:het|ca(?:\s+to)?)(?:\s+roi)?"
    r"|all\s+paid(?:\s+in\s+full)?|(?:all\s+)?paid\s+in\s+full"
)
_ALL_BUT = re.compile(
    r"^(?:"
    + _EVERYONE
    + r"\s+(?:"
    + _IN_FULL
    + r")|"
    + _ALL_IN_FULL
    + r")\s*[,.;:-]?\s*"
    + _EXCEPT
    + r"\s*[,:]?\s+(?P<rest>\S.*)$"
)
# The members set apart first: "số 6 vắng, còn lại (nộp) đủ", "bà Lan chưa đóng, những
# người khác đủ hết", "number 6 absent, everyone else paid in full".
_REST_IN_FULL = re.compile(
    r"^(?P<rest>\S.*?)\s*[,.;]\s*(?:(?:va|con|and)\s+)?"
    r"(?:con\s+lai|nhung\s+nguoi\s+(?:khac|con\s+lai)|may\s+nguoi\s+khac|moi\s+nguoi\s+khac"
    r"|nguoi\s+khac|cac\s+ban\s+khac|everyone\s+else|everybody\s+else|all\s+the\s+others"
    r"|the\s+others|the\s+rest|others)"
    r"\s+(?:" + _IN_FULL + r")\s*[.!]*$"
)


def all_but(text: str) -> str | None:
    """The part naming the members set apart from "everyone paid in full" (folded: "so 6
    vang", "ba lan chua dong", "number 6"), or None when the line says no such thing."""
    folded = fold(text).strip().rstrip(".!")
    found = _ALL_BUT.match(folded) or _REST_IN_FULL.match(folded)
    if found is None:
        return None
    rest = found.group("rest").strip(" ,.;:")
    return rest or None


# Only the others, in full: "mấy người kia đóng đủ hết", "còn lại đều nộp đủ", "những người
# khác đủ cả", "the rest paid in full", "everyone else paid"; an "ok", "ừ" or "còn" may open
# it. Said while one member's amount is asked, it answers for everyone but that member.
_OTHERS = (
    r"(?:con\s+lai|(?:(?:nhung|may|cac|moi|bao)\s+)?(?:nguoi|ho|thanh vien|ban|ba con|chi em)"
    r"\s+(?:kia|khac|con lai|con)(?:\s+(?:kia|nua))?"
    r"|everyone\s+else|everybody\s+else|all\s+the\s+others|the\s+others|the\s+rest|others"
    r"|all\s+the\s+rest)"
)
_OTHERS_IN_FULL = re.compile(
    r"^(?:(?:ok|oke|okay|u|uh|um|vang|da|roi|con|va|and|yes|yeah)\s*[,.!]?\s+)*"
    + _OTHERS
    + r"\s+(?:(?:thi|deu|cung|da)\s+)*(?:"
    + _IN_FULL
    + r")\s*(?:(?:nha|nhe|a|ha|em|chi|anh)\s*)*[.!]*$"
)


def others_in_full(text: str) -> bool:
    """The line says only that everyone else paid in full ("ok, mấy người kia đóng đủ hết")."""
    return _OTHERS_IN_FULL.match(fold(text).strip()) is not None
