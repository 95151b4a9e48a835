"""Another person's phone number is never given out; the contacts of one's own group leader
and credit officer are. Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

import re

from tests.bot_fixtures import SON, Clock, Harness
from tests.tally_fixtures import Chat, bot
from tests.test_telegram_stories import link

BORROWER = 102
PHONE = re.compile(r"0\d{3} \d{3} \d{3}|0\d{9}")


async def test_a_neighbours_number_is_refused_and_the_leaders_is_given(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, BORROWER, SON)  # Thạch Sơn, in T01, led by Lâm Thị Sa Ri
        borrower = Chat(h, BORROWER)
        for question in ("sdt cua ba Lan", "cho xin số điện thoại chị Nguyễn Thị Lan"):
            [answer] = await borrower.says(question)
            assert "không đưa số điện thoại của người khác" in answer, answer
            assert "gõ “liên hệ”" in answer and not PHONE.search(answer), answer
            assert "tổ viên" not in answer, answer  # a leader's way, not a borrower's
        [contacts] = await borrower.says("sdt ba Sa Ri to truong")
        assert "Tổ trưởng: Lâm Thị Sa Ri, 0912 345 678" in contacts, contacts
