"""Named months as an outside tester typed them (session 13): "thang 1 dong bn", "t1 dong bn",
"thang 2 dong bn" ("đóng" typed without marks was read as "đồng", an amount) got this month's
interest; "bả hỏi tháng giêng ăn tết rồi có phải đóng gì hông" and "thang gieng" alone got
this month's figures or the language picker (on Zalo); "... nghe tieng ting ting met lam"
(the sound of the messages) turned reminders off and opened the language picker too.
Through the real PTB stack (the clock on 01/12/2026) and the Zalo stack."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.classifier import language_said
from handlers.rules.month_named import month_named
from tests.bot_fixtures import SON, Harness
from tests.test_borrower_month_named_findings import NEXT_MONTH
from tests.test_borrower_switch_and_figures import december
from tests.test_elderly_borrower_findings import TAM, load_tam
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link
from tests.test_zalo_stories import SON_CHAT, options_of
from tests.zalo_fixtures import ZaloRig, zalo_bot, zalo_rig

__all__ = ["december", "zalo_bot", "zalo_rig"]  # fixtures
PICKER = "Chọn ngôn ngữ"


async def test_a_month_typed_short_or_without_marks_gets_what_to_pay_in_it(
    december: Harness,
) -> None:
    h = december
    await load_tam(h)
    await link(h, 6101, TAM)
    for question in (
        "thang 1 dong bn",
        "t1 dong bn",
        "bả hỏi tháng giêng ăn tết rồi có phải đóng gì hông",
        "thang gieng",
    ):
        answer = await ask(h, 6101, question)
        assert NEXT_MONTH in answer, (question, answer)
        assert "Lãi tháng này" not in answer and PICKER not in answer, (question, answer)
    answer = await ask(h, 6101, "thang 2 dong bn")
    assert "Tháng 02/2027 còn xa" in answer, answer


async def test_the_sound_of_messages_is_no_language(december: Harness) -> None:
    h = december
    await link(h, 6102, SON)
    said = "thoi dung nhan tin nhac ba nua nha, ba lon tuoi roi nghe tieng ting ting met lam"
    answer = await ask(h, 6102, said)
    assert "Đã tắt nhắc nhở" in answer and PICKER not in answer, answer


async def test_zalo_thang_gieng_is_no_language(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    code = await z.code_for(SON["code"])
    await z.says(SON_CHAT, f"LIENKET {code}", 2)
    await z.says(SON_CHAT, "đồng ý")
    [answer] = await z.says(SON_CHAT, "thang gieng")
    assert PICKER not in answer and "Tiếng Việt" not in options_of(answer), answer


@pytest.mark.parametrize(
    "text", ["tiếng Anh", "đổi ngôn ngữ", "English please", "doi sang t.anh", "noi tieng Mien"]
)
def test_a_language_named_or_asked_for(text: str) -> None:
    assert language_said(text)


@pytest.mark.parametrize("text", ["nghe tieng ting ting met lam", "thang gieng", "tiếng chuông"])
def test_tieng_alone_names_no_language(text: str) -> None:
    assert not language_said(text)


def test_an_amount_each_month_is_no_month() -> None:
    today = date(2026, 12, 1)
    assert month_named("mỗi tháng 1 đồng", today) is None
    assert month_named("3 thang 1 lan", today) is None
    assert month_named("thang 5 ba di hop", today) is None
