"""Every example the bot shows of what to type is one it understands, in Vietnamese and in
English; a person who chose English sees no Vietnamese words to type (only names the bank
and the data use); an English leader who types the tally's English example literally gets
those amounts into the export."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from bot.nlu import understand
from handlers import common
from handlers.messages import Role
from handlers.registry import menu_for
from handlers.rules.officer_questions import asks_to_export_tallies
from handlers.tally import render
from locales.i18n import _, use_locale
from tests.bot_fixtures import SARI, SON, Clock, Harness
from tests.tally_fixtures import LEADER, Chat, bot, current_lines
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_telegram_stories import link

TODAY = date(2026, 12, 2)

# Each help line (its English message id) and the intents that, for its role, lead where the
# line says: an officer's "tally status" is read as the tally, which for an officer is the
# groups' status.
HELP_LINES: dict[str, frozenset[str]] = {
    "• “dư nợ còn bao nhiêu” — your outstanding balance": frozenset({"balance"}),
    "• “khi nào đến hạn” — next installment and final due date": frozenset({"due_date"}),
    "• “lãi tháng này” — this month's interest": frozenset({"interest"}),
    "• “tiền tiết kiệm” — your savings": frozenset({"savings"}),
    "• “ngày giao dịch” — the commune transaction day": frozenset({"transaction_day"}),
    "• “vay hộ cận nghèo tối đa bao nhiêu” — loan programmes": frozenset({"program_info"}),
    "• “số điện thoại tổ trưởng” — whom to contact": frozenset({"contact_officer"}),
    "• “tình hình tổ” — who owes interest in your group": frozenset({"group_status"}),
    "• “nộp bảng kê” — submit the collection tally (13/TD)": frozenset({"tally_submit"}),
    "• “họp tổ thứ Bảy 19h ở nhà văn hóa” — call a group meeting": frozenset({"meeting_schedule"}),
    "• “ai chưa trả lời họp” — who is coming": frozenset({"meeting_schedule"}),
    "• “tình hình bảng kê” — which groups submitted their tally, with the 13/TD file": frozenset(
        {"group_status", "tally_submit"}
    ),
    "• “gửi thông báo” or /thongbao — a notice to a commune, a group or the leaders": frozenset(
        {"broadcast"}
    ),
    # An officer's "dư nợ" is the commune's portfolio, "tiết kiệm" its savings, and "quá hạn"
    # the overdue list (read as a due date or a status question).
    "• “dư nợ xã {commune}” — the commune's outstanding loans, by group (DN for short)": frozenset(
        {"balance"}
    ),
    "• “ai quá hạn ở xã {commune}” — the overdue households, by group": frozenset(
        {"due_date", "group_status"}
    ),
    "• “tiết kiệm xã {commune}” — the members' savings, by group": frozenset({"savings"}),
}
# Help lines whose examples the officer's rules read before the intent model
# (handlers/officer/asked.py): the rule each example must satisfy.
READ_BY_RULE: dict[str, Callable[[str], bool]] = {
    "• “xuất bảng kê” — the submitted tallies as a file, and how to export a month": (
        asks_to_export_tallies
    ),
}
HELP_COMMUNE = "Đại Tâm"  # the example's commune: the officer's own, from the bank's data
QUOTED = re.compile(r"“([^”]+)”")


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("role", [Role.GUEST, Role.BORROWER, Role.LEADER, Role.OFFICER])
def test_every_example_in_the_help_is_understood_as_its_line_says(locale: str, role: Role) -> None:
    with use_locale(locale):
        shown = {
            _(msgid).format(commune=HELP_COMMUNE): intents for msgid, intents in HELP_LINES.items()
        }
        ruled = {_(msgid): rule for msgid, rule in READ_BY_RULE.items()}
        help_text = common._what_i_do(role, HELP_COMMUNE)
    examples = 0
    for line in help_text.splitlines():
        for example in QUOTED.findall(line):
            if line in ruled:
                assert ruled[line](example), f"{locale} {role.name}: {example!r} not read"
                examples += 1
                continue
            assert line in shown, f"a help line with an example and no intent: {line}"
            got = understand(example, TODAY).intent
            assert got in shown[line], f"{locale} {role.name}: {example!r} read as {got}"
            examples += 1
    assert examples >= (3 if role is Role.OFFICER else 7)


VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
# The bank's form and document names, a column of its export, the law, the language's own
# name: said as the bank says them; the notice's audience words an officer types (like
# /thongbao), shown with their meaning.
ALLOWED: tuple[str, ...] = ("Bảng kê 13/TD", "CCCD", "lãi tồn", "NĐ-CP", "Tên tổ trưởng")
ALLOWED += ("Tiếng Việt", "“gửi xã” (to a commune)", "“gửi tổ” (to a group)")
ALLOWED += (HELP_COMMUNE,)  # a commune's name in an officer's example, from the data


def _vietnamese_in(text: str) -> list[str]:
    for name in ALLOWED:
        text = text.replace(name, "")
    return [w for w in re.findall(r"\S+", text) if VIETNAMESE.search(w)]


def test_in_english_no_help_menu_or_tally_prompt_has_vietnamese_words() -> None:
    with use_locale("en"):
        texts = [common._what_i_do(role) for role in Role]
        texts += [label for role in Role for row in menu_for(role) for label in row]
        texts.append(render.how_to_edit())
    for text in texts:
        assert _vietnamese_in(text) == [], text


def test_no_english_message_has_vietnamese_words_but_the_banks_names() -> None:
    path = Path(__file__).parent.parent / "locales/en/LC_MESSAGES/messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    found = {}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if _vietnamese_in(str(text)):
                found[str(text)] = _vietnamese_in(str(text))
    assert found == {}


async def test_an_english_leader_types_the_tally_examples_literally(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        await link_officer(h)
        leader = Chat(h, LEADER)
        await leader.says("/ngonngu")
        [english] = await leader.presses("lang:en")
        assert english == "Language set to English."
        [help_text] = await leader.says("/help")
        assert "• “submit tally” — submit the collection tally (13/TD)" in help_text
        [opening] = await leader.says("submit tally")  # the help's example, as shown
        assert '"5 interest 100k savings 0" or "5 absent"' in opening
        [noted] = await leader.says("1 interest 100k savings 0")  # the example, member 1
        assert "paid interest 100,000 VND, savings 0 VND" in noted
        assert "“done” to see the summary" in noted
        [noted] = await leader.says("2 absent")
        assert "Thạch Sơn → absent" in noted
        [summary] = await leader.says("done")
        assert "Interest collected: 100,000 VND" in summary
        assert "Confirm submission" in leader.labels()
        [receipt] = await leader.taps("Confirm submission")
        assert "BK-T01-20261217-1" in receipt
        # the status, the file, the language note
        await Chat(h, OFFICER_CHAT).says("tally status", replies=3)
    assert await current_lines(h) == [
        ("KH001", 100_000, 475_000, 0, False),
        ("KH002", 0, 132_000, 0, True),
    ]
    [document] = h.fake.sent(OFFICER_CHAT, "sendDocument")
    sheet = load_workbook(io.BytesIO(document.params["document"]["content"])).active
    assert sheet is not None
    rows: list[list[Any]] = [[c.value for c in row] for row in sheet.iter_rows()]
    sari = next(row for row in rows if row[:2] == [1, "Lâm Thị Sa Ri"])
    assert 100_000 in sari and 475_000 in sari


@pytest.mark.usefixtures("running")
async def test_an_english_leader_calls_a_meeting_with_the_examples_shown(
    running: Harness,
) -> None:
    h = running
    await link(h, LEADER, SARI)
    await link(h, 102, SON)
    leader = Chat(h, LEADER)
    await leader.says("/ngonngu")
    await leader.presses("lang:en")
    [day] = await leader.says("group meeting")
    assert 'On which day? (e.g. "Saturday", "20/12")' in day
    [hour] = await leader.says("Saturday")  # the examples, typed as shown
    assert 'At what time? (e.g. "7pm", "7:30am")' in hour
    [where] = await leader.says("7pm")
    assert 'Where? (e.g. "the hamlet community hall")' in where
    [summary] = await leader.says("the hamlet community hall")
    assert "Time: 19:00" in summary and "Place: the hamlet community hall" in summary
    await leader.taps("Confirm sending")
    [seen] = await leader.says("who has not answered the meeting")  # as the help says
    assert "Thạch Sơn" in seen and "On which day" not in seen
