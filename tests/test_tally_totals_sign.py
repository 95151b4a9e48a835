"""Group totals typed that differ from the members' lines: the wording follows the sign of
each difference and one question is asked. A stranger said more interest than the lines add
up to ("nhiều hơn 228.000 đ") and was then told "Vậy chưa phải mọi người đã nộp đủ. Ai đã
nộp ít hơn?", the opposite of what he said. Through the real PTB stack, on group T03
(interest due 786.000 đ, savings 1.000.000 đ at the minimum)."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, open_tam_tally


async def test_more_interest_said_than_the_lines_asks_who_paid_more(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [summary] = await leader.says("thu lai 900k, tiet kiem 1tr")
        assert (
            "lãi: anh/chị nói 900.000 đ, cộng từng người ra 786.000 đ: anh/chị nói nhiều hơn "
            "114.000 đ, vậy có người nộp nhiều hơn số đang ghi" in summary
        )
        assert "ít hơn" not in summary and "chưa phải mọi người" not in summary
        assert summary.count("?") == 1 + summary.count("Nộp bảng kê này?")
        assert "Ai nộp khác số đang ghi?" in summary

        [summary] = await leader.says("thu lai 900k, tiet kiem 800k")  # one more, one less
        assert "anh/chị nói nhiều hơn 114.000 đ" in summary
        assert (
            "tiết kiệm: anh/chị nói 800.000 đ, cộng từng người ra 1.000.000 đ: anh/chị nói ít "
            "hơn 200.000 đ, vậy có người nộp ít hơn số đang ghi" in summary
        )
        assert summary.count("Ai nộp khác số đang ghi?") == 1
        assert "Ai đã nộp" not in summary
