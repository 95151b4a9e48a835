"""One chat cannot stall the others: a chat whose replies Telegram keeps answering with 429
waits on its own, and another chat's question is answered at once."""

from __future__ import annotations

import asyncio

from tests.bot_fixtures import Harness


async def test_a_chat_under_429_does_not_hold_up_another_chat(running: Harness) -> None:
    h, slow, other = running, 1301, 1302
    # Every reply to the slow chat is refused with "retry after 1" for a while: each of its
    # messages takes the bot several seconds of waiting as Telegram asks.
    h.fake.fail(
        "sendMessage",
        429,
        "Too Many Requests: retry after 1",
        retry_after=1,
        chat_id=slow,
        times=60,
    )
    for _ in range(10):
        h.fake.user_says(slow, "xin chào")
    await asyncio.sleep(0.3)  # the slow chat's messages are all in the bot by now
    loop = asyncio.get_running_loop()
    started = loop.time()
    h.fake.user_says(other, "cảm ơn")
    [answer] = await h.fake.replies(other, 1, within=20, settle=0)
    waited = loop.time() - started
    h.fake.failures.clear()  # the slow chat's backlog then drains quickly
    print(f"reply to another chat while one chat is under 429: {waited:.3f} s")
    assert answer
    assert waited < 1.0, f"another chat waited {waited:.1f} s"
