"""Found by a stranger: an officer's first English message, the tally status, had the
"I answered in English because…" note put between the status and the 13/TD file it
introduces. The file stays with its text; the note comes last. Through the real
python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import SARI, Harness
from tests.test_officer_stories import OFFICER_CHAT, link_officer, says, wait_for
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
LEADER_CHAT = 101
NOTE = "I answered in English because you wrote in English"


async def test_the_language_note_comes_after_the_tally_file(running: Harness) -> None:
    h = running
    await link(h, LEADER_CHAT, SARI)
    await link_officer(h)
    for typed in ("nop bang ke", "2 vang", "xong"):
        await says(h, LEADER_CHAT, typed)
    told = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_taps(LEADER_CHAT, "Xác nhận nộp")
    await wait_for(lambda: len(h.fake.sent(OFFICER_CHAT)) > told)
    before = len(h.fake.by_chat[str(OFFICER_CHAT)])
    h.fake.user_says(OFFICER_CHAT, "which groups submitted the tally")
    await h.fake.replies(OFFICER_CHAT, 3, after=told + 1, within=30)
    calls = [c for c in h.fake.by_chat[str(OFFICER_CHAT)][before:] if not c.refused]
    sent = [(c.method, str(c.params.get("text") or "")) for c in calls]
    methods = [method for method, _text in sent]
    assert methods == ["sendMessage", "sendMessage", "sendDocument", "sendMessage"], sent
    status, introduces, _file, last = (text for _method, text in sent)
    assert "T01" in status and "13/TD" in introduces, sent
    assert NOTE not in status and NOTE not in introduces and last.startswith(NOTE), sent
