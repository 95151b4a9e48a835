"""The asker naming herself by a title, after asking about someone else: "ông Lê Văn Hòa kế
bên có bị quá hạn ko, còn bà thì sao" (and me?). Elderly people call themselves "bà", "ông",
"bác", "cô", "chú" when talking to the young (the bot): a title alone, with no name after it,
in a "còn … thì sao" part is the asker, whose own answer is given besides the refusal for
the other person."""

from __future__ import annotations

import re

from locales.textfold import fold

_SELF_TITLED = re.compile(
    r"(?:^|[,;.?!]\s*|\s)(?:con|va)\s+(?:ba|ong|bac|co|chu|di|ba con|ong con)"
    r"\s+(?:thi sao|sao|thi the nao|the nao|nua|ra sao|thi co khong|co khong|co ko|thi co ko)"
    r"(?:\s+(?:vay|a|ne|con|nhi))*\s*\??\s*$"
)


def asks_own_by_title(text: str) -> bool:
    """A last part "còn bà thì sao", "còn ông nữa": the asker asks her own too."""
    return _SELF_TITLED.search(fold(text).lower()) is not None
