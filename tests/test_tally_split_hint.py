"""Under "… là tiền lãi hay gồm cả tiết kiệm?", a yes, a no, "ok nộp đi" or "xong" only
repeated the question, and the stranger did not see how to answer it. Now the bot says how
(1 or 2, or each amount again) and keeps the two options. Through the real PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally

HOW = "Chọn 1 (chỉ tiền lãi) hoặc 2 (gồm cả tiết kiệm), hoặc gõ lại số tiền của từng khoản"
OPTIONS = [
    "Chỉ tiền lãi: 200.000 đ",
    "Gồm cả tiết kiệm: lãi 158.000 đ, tiết kiệm 42.000 đ",
]


async def test_a_yes_or_no_under_the_interest_or_savings_question_says_how_to_answer(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("3 dong 2 lit")
        assert "200.000 đ là tiền lãi hay gồm cả tiết kiệm?" in asked
        before = asked
        for said in ("ừ", "không", "ok nop di"):
            [again] = await leader.says(said)
            assert "“chỉ tiền lãi”" in again and "“gồm cả tiết kiệm”" in again, said
            assert "1" in again and "2" in again and again != before, said  # never twice
            assert leader.labels() == OPTIONS
            before = again
        [again] = await leader.says("xong")
        assert "Chưa ghi cho Kim Sa Vát: 200.000 đ" in again and HOW in again
        assert leader.labels() == OPTIONS
        [noted] = await leader.says("2")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 42.000 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"] == ["158000", "158000", "0", "42000", "0"]
