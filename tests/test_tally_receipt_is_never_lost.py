"""The receipt of a submitted tally is never lost: if the reply carrying it never arrives
(the process was killed after the commit, or Telegram failed), the next "nộp bảng kê" or
"tiếp tục bảng kê" of the same session, with no draft open, shows at once what was
submitted (when, the receipt number, the version, the cash) and offers the new draft as a
new version, which may be dropped while the submitted one stays. Through the real
python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.schema import dialog_states, tallies
from tests.bot_fixtures import SARI, Clock, Harness
from tests.tally_fixtures import LEADER, Chat, bot
from tests.test_officer_stories import wait_for
from tests.test_telegram_stories import link

RECEIPT = "Số biên nhận: BK-T01-20261217-1 (phiên bản 1)."


async def open_dialogs(h: Harness) -> int:
    async with h.engine.begin() as conn:
        return int(await conn.scalar(select(func.count()).select_from(dialog_states)) or 0)


async def test_a_lost_receipt_is_shown_first_and_the_new_version_can_be_dropped(
    harness: Harness,
) -> None:
    h, clock = harness, Clock()
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        await leader.says("nộp bảng kê")
        await leader.presses("tally:all")
        # The tally is committed; the reply with the receipt never reaches the leader.
        h.fake.fail("sendMessage", 502, "Bad Gateway", chat_id=LEADER)
        seen = len(h.fake.sent(LEADER))
        h.fake.user_presses(LEADER, "tally:submit")
        await wait_for(lambda: any(c.refused for c in h.fake.by_chat[str(LEADER)]))
        assert len(h.fake.sent(LEADER)) == seen
        assert await open_dialogs(h) == 0
        async with h.engine.begin() as conn:
            assert await conn.scalar(select(func.count()).select_from(tallies)) == 1

        for asked in ("nộp bảng kê", "tiep tuc bang ke"):
            [again] = await leader.says(asked)
            first, *_rest = again.split("\n")
            assert first == (
                "Bảng kê của tổ T01 cho phiên Thứ Năm, 17/12/2026 đã được nộp lúc 10:00 "
                "ngày 26/11/2026."
            )
            assert RECEIPT in again and "Tiền mặt nộp tại điểm giao dịch: 907.000 đ" in again
            assert "phiên bản mới (2)" in again and "giữ phiên bản 1" in again
            assert leader.labels() == ["Xác nhận: tất cả đã nộp đủ", "Hủy bảng kê"]
            [question] = await leader.presses("tally:cancel")
            assert "Phiên bản 1 (biên nhận BK-T01-20261217-1) vẫn giữ nguyên" in question
            [dropped] = await leader.presses("tally:cancelok")
            assert "Phiên bản 1 (biên nhận BK-T01-20261217-1)" in dropped
            assert await open_dialogs(h) == 0

        await leader.says("nộp bảng kê")
        await leader.presses("tally:all")
        [second] = await leader.presses("tally:submit")
        assert "Số biên nhận: BK-T01-20261217-2 (phiên bản 2)" in second
