"""What a stranger found in the tally (round 14, a busy leader typing without diacritics):
"ok, mấy người kia đóng đủ hết" after a no to one member's echo noted that member as paid
in full; "ko, để đó mai làm tiếp" at "Xóa bảng kê đang soạn?" kept the draft but showed
"Nộp bảng kê này?", and the next "ok" submitted it; "bảng kê nộp rồi phải ko" opened a new
version; "à ko, lãi 38" took "ko" for a member's name; "số 7 ko đến" was not read as absent.
Through the real PTB stack; where money is submitted, the 13/TD export holds only what the
leader said."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, money_by_code, open_tam_tally

# T03 (tests/tally_fixtures.py TAM_GROUP): 1 Bùi Thị Tâm (interest due 275.000 đ), 2 Danh Sô
# Phanh (150.000 đ), 3 Kim Sa Vát (158.000 đ), 4 Nguyễn Thị Ngọc Tâm (165.000 đ), 5 Trần Minh
# Tâm (38.000 đ); the minimum saving is 200.000 đ.
ASKED_1 = "Vậy Bùi Thị Tâm đã nộp bao nhiêu?"


async def test_the_others_paid_in_full_is_not_the_answer_for_the_member_asked_again(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("1 dong 2 tram")
        assert "cho Bùi Thị Tâm, đúng không?" in echo
        [asked] = await leader.says("khong")
        assert ASKED_1 in asked
        [reply] = await leader.says("ok, may nguoi kia dong du het")
        assert "Đã ghi: Bùi Thị Tâm" not in reply
        assert "những người còn lại tính là nộp đủ" in reply.lower()
        assert ASKED_1 in reply
        [noted] = await leader.says("lai 100k gui 0")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 100.000 đ, tiết kiệm 0 đ" in noted
        [summary] = await leader.says("nhung nguoi khac nop du ca")
        assert "Nộp bảng kê này?" in summary
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH702"] == ["275000", "100000", "175000", "0", "0"]
    assert money["KH704"] == ["165000", "165000", "0", "200000", "0"]


async def test_others_in_full_with_nothing_waiting_is_the_summary(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        [summary] = await leader.says("con lai deu dong du het")
        assert "Tổng kết bảng kê" in summary and "Nộp bảng kê này?" in summary
        assert "Danh Sô Phanh" in summary  # still not paid: the note was kept


async def test_keeping_the_draft_at_the_delete_question_does_not_ask_to_submit(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        await leader.says("3 lai 100k gui 0")
        [asked] = await leader.says("huy bang ke")
        assert "Xóa bảng kê đang soạn?" in asked
        [kept] = await leader.says("ko, de do mai lam tiep")
        assert "Nộp bảng kê này?" not in kept and "Xác nhận nộp" not in leader.labels()
        assert "Đã giữ bảng kê đang soạn" in kept and "chưa nộp" in kept
        assert "Danh Sô Phanh → vắng" in kept and "Kim Sa Vát → nộp lãi 100.000 đ" in kept
        assert "“bảng kê”" in kept  # how to come back to it
        [summary] = await leader.says("ok")  # a hurried ok: the summary at most, never a submit
        assert "Đã nộp bảng kê" not in summary
        [asked] = await leader.taps("Hủy bảng kê")
        [kept] = await leader.taps("Giữ bảng kê")
        assert "Đã giữ bảng kê đang soạn" in kept and "Nộp bảng kê này?" not in kept
        assert "Xác nhận nộp" not in leader.labels()
    assert await current_lines(h) == []  # nothing was submitted


async def test_keeping_the_draft_with_an_echo_open_asks_the_echo_again(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("1 2 lit")
        assert "cho Bùi Thị Tâm, đúng không?" in echo
        await leader.says("huy bang ke")
        [kept] = await leader.says("ko, de do mai lam tiep")
        assert "Đã giữ bảng kê đang soạn" in kept
        assert "cho Bùi Thị Tâm, đúng không?" in kept  # the echo, not "what did she pay?"
        assert "Vậy Bùi Thị Tâm đã nộp bao nhiêu?" not in kept
        [noted] = await leader.says("dung")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 200.000 đ" in noted


async def test_asking_whether_the_tally_went_in_opens_no_new_version(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        for asked in ("bang ke nop roi phai ko", "bảng kê đã nộp chưa vậy", "nop roi ha em"):
            [answer] = await leader.says(asked)
            assert "đã được nộp lúc" in answer, asked
            assert "Đây là phiên bản mới" not in answer, asked
            assert "Hủy bảng kê" not in leader.labels(), asked
        [again] = await leader.says("sửa bảng kê")  # asked for: the new version opens
        assert "phiên bản mới (2)" in again


async def test_a_no_then_a_line_and_not_coming(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("4 lai 50")
        assert "cho Nguyễn Thị Ngọc Tâm, đúng không?" in echo
        [again] = await leader.says("a ko, lai 38")
        assert "tên “ko”" not in again
        assert "38.000 đ tiền lãi" in again and "Nguyễn Thị Ngọc Tâm" in again
        await leader.says("dung")
        [noted] = await leader.says("so 3 ko den")
        assert "Đã ghi: Kim Sa Vát → vắng" in noted
        [noted] = await leader.says("5 ko toi")
        assert "Đã ghi: Trần Minh Tâm → vắng" in noted
        [asked] = await leader.says("2")
        assert "Danh Sô Phanh" in asked
        [noted] = await leader.says("so 1 khong co mat")  # another member, not 2's answer
        assert "Đã ghi: Bùi Thị Tâm → vắng" in noted
        assert "Danh Sô Phanh → vắng" not in noted


async def test_what_went_in_earlier_is_the_tally_submitted(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        for asked in ("hoi nay nop bao nhieu", "lúc nãy tổ mình gửi hết bao nhiêu tiền"):
            [answer] = await leader.says(asked)
            assert "đã được nộp lúc" in answer and "Tiền mặt nộp tại điểm giao dịch" in answer
            assert "Dư nợ" not in answer, asked
        [own] = await leader.says("du no cua toi con bao nhieu")  # her own loan, as before
        assert "đã được nộp lúc" not in own


async def test_what_is_still_owed_is_taken_off_the_amount_due_and_echoed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("bà Phanh còn thiếu 10 ngàn")  # 150.000 đ due
        assert "Hiểu là 140.000 đ tiền lãi" in echo and "Danh Sô Phanh, đúng không?" in echo
        [noted] = await leader.says("dung")
        assert "Đã ghi: Danh Sô Phanh → nộp lãi 140.000 đ" in noted
        [noted] = await leader.says("3 đóng 100k còn thiếu 10k")  # paid said: it stands
        assert "Đã ghi: Kim Sa Vát → nộp lãi 100.000 đ" in noted
        assert "tiết kiệm 10.000 đ" not in noted
        [echo] = await leader.says("5 thiếu tk 50k")  # savings short of the 200.000 đ minimum
        assert "150.000 đ tiền gửi tiết kiệm" in echo and "Trần Minh Tâm" in echo
        await leader.says("dung")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH701"] == ["150000", "140000", "10000", "200000", "0"]
    assert money["KH703"][1] == "100000"
    assert money["KH705"] == ["38000", "38000", "0", "150000", "0"]


async def test_a_correction_names_only_what_changes(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("5 lai 30 gui trăm hai")
        assert "30.000 đ tiền lãi, 120.000 đ tiền gửi tiết kiệm cho Trần Minh Tâm" in echo
        [again] = await leader.says("a nham, gui 1 tram thoi")  # under the echo: its savings
        assert "không biết" not in again and "thành viên nào" not in again
        assert "30.000 đ tiền lãi" in again and "100.000 đ tiền gửi tiết kiệm" in again
        await leader.says("dung")
        [noted] = await leader.says("3 lai 120k gui 200k")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 120.000 đ, tiết kiệm 200.000 đ" in noted
        [noted] = await leader.says("3 gui 100k thoi")  # noted before: the interest stays
        assert "Đã ghi: Kim Sa Vát → nộp lãi 120.000 đ, tiết kiệm 100.000 đ" in noted
        [noted] = await leader.says("à nhầm, số 3 gửi có 50k thôi")
        assert "Kim Sa Vát → nộp lãi 120.000 đ, tiết kiệm 50.000 đ" in noted
        [noted] = await leader.says("2 chi gui tk 100k thoi")  # a first line: only savings
        assert "Đã ghi: Danh Sô Phanh → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH705"] == ["38000", "30000", "8000", "100000", "0"]
    assert money["KH703"] == ["158000", "120000", "38000", "50000", "0"]


async def test_members_joined_by_with_or_led_by_and_and_a_name_with_its_number(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("số 2 với số 3 vắng")
        assert "Danh Sô Phanh → vắng" in noted and "Kim Sa Vát → vắng" in noted
        assert "voi" not in noted
        replies = await leader.says("còn bà Vát đóng 2 chục, ông Phanh vắng")
        text = "\n".join(replies)
        assert "Không tìm thấy" not in text and "Danh Sô Phanh → vắng" in text
        assert "Hiểu là 20.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Kim Sa Vát" in text
        await leader.says("dung")
        [noted] = await leader.says("chi Tam so 5 dong 30k")  # three Tâm: number 5 is one
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 30.000 đ" in noted
        [asked] = await leader.says("chi Tam dong 30k")  # no number: asked which
        assert "Có nhiều thành viên trùng tên" in asked


async def test_a_line_typed_with_the_words_that_reopen_the_tally_is_noted(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        opening, noted = await leader.says("e sua lai bang ke, bà Vát vắng chứ ko có đóng", 2)
        assert "phiên bản mới (2)" in opening
        assert "Đã ghi: Kim Sa Vát → vắng" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH703"][1:4] == ["0", "158000", "0"]


async def test_round_two_owed_savings_interest_in_full_under_an_echo_vs_and_never_mind(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("4 gui 100 thoi")
        assert "cho Nguyễn Thị Ngọc Tâm, đúng không?" in echo
        [noted] = await leader.says("ko, lai dong du roi")  # the interest as due, savings 100
        assert "165.000 đ" in noted and "100.000 đ" in noted and "200.000 đ" not in noted
        [echo] = await leader.says("ba Vát dong du lai, tiet kiem thieu 50")
        assert "150.000 đ tiền gửi tiết kiệm" in echo and "Kim Sa Vát" in echo
        await leader.says("dung")
        [noted] = await leader.says("1 vs 2 vang")
        assert "Bùi Thị Tâm → vắng" in noted and "Danh Sô Phanh → vắng" in noted
        [asked] = await leader.says("5")
        assert "Trần Minh Tâm" in asked
        [kept] = await leader.says("thoi giu nguyen")  # never mind this member: no delete
        assert "Xóa bảng kê" not in kept and "Không đổi gì cho Trần Minh Tâm" in kept
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH704"] == ["165000", "165000", "0", "100000", "0"]
    assert money["KH703"][3] == "150000"
    assert money["KH705"] == ["38000", "38000", "0", "200000", "0"]


async def test_more_paid_on_top_is_added_to_what_is_noted(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("1 lai 100k gui 0")
        [echo] = await leader.says("1 dua them 175 nua la du lai")  # 100.000 đ noted before
        assert "Hiểu là 275.000 đ tiền lãi" in echo and "Bùi Thị Tâm" in echo, echo
        await leader.says("dung")
        [noted] = await leader.says("2 nop 100k")  # nothing noted before: as said
        assert "Danh Sô Phanh → nộp lãi 100.000 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH702"] == ["275000", "275000", "0", "0", "0"]
