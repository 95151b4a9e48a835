"""A neighbour asked about, then the asker herself (outside tester, session 13): "ong Le Van
Hoa ke ben co bi qua han ko, con ba thi sao" got only the refusal for the neighbour; her own
"còn bà thì sao" (and me?) was dropped. Both are answered, in the order asked: the refusal,
then her own overdue answer. Through the real PTB stack."""

from __future__ import annotations

from datetime import date

from bot.nlu import split_intents
from handlers.rules.own_title import asks_own_by_title
from tests.bot_fixtures import SON, Harness
from tests.test_borrower_switch_and_figures import december
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link

__all__ = ["december"]  # fixture
REFUSED = "không xem được của"


async def test_the_neighbour_refused_then_her_own_overdue_answered(december: Harness) -> None:
    h = december
    await link(h, 6201, SON)
    answer = await ask(h, 6201, "ong Le Van Hoa ke ben co bi qua han ko, con ba thi sao")
    assert REFUSED in answer and "Le Van Hoa" in answer, answer
    assert "quá hạn" in answer.split(REFUSED, 1)[1], answer  # her own, after the refusal
    assert answer.index(REFUSED) < answer.index("Hộ "), answer


async def test_the_neighbour_alone_is_only_refused(december: Harness) -> None:
    h = december
    await link(h, 6202, SON)
    answer = await ask(h, 6202, "ong Le Van Hoa ke ben co bi qua han ko")
    assert REFUSED in answer and "Hộ " not in answer, answer


def test_and_me_asks_the_same_question_and_a_new_topic_its_own() -> None:
    today = date(2026, 12, 1)
    asked = split_intents("ong Le Van Hoa ke ben co bi qua han ko, con ba thi sao", today)
    assert [one.intent for one in asked] == ["due_date"]
    asked = split_intents("du no con bao nhieu, con tiet kiem thi sao", today)
    assert [one.intent for one in asked] == ["balance", "savings"]
    assert asks_own_by_title("ông Hòa có quá hạn không, còn bà thì sao?")
    assert not asks_own_by_title("còn bà Tư thì sao")
