"""What a stranger found in the tally (round 15, a busy Sóc Trăng leader typing without
diacritics): "12 lai du ko gui" noted interest 0 and savings 0 with no echo (the "ko" of the
savings zeroed the interest paid in full); "so 8 dong lai du ma ko gui tiet kiem, con thang
Khol so 11 thi vang" marked member 8 absent; a voice-typed line about two members noted the
first and dropped the second in silence; "thang Hien dong 90k" took "thang Hien dong 90k"
for a name; corrections opening with "ko phai", "a khoan" asked to delete the draft. Through
the real PTB stack; where money is submitted, the 13/TD export holds only what was said."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tam_tally

# T03 (tests/tally_fixtures.py TAM_GROUP): 1 Bùi Thị Tâm (interest due 275.000 đ), 2 Danh Sô
# Phanh (150.000 đ), 3 Kim Sa Vát (158.000 đ), 4 Nguyễn Thị Ngọc Tâm (165.000 đ), 5 Trần Minh
# Tâm (38.000 đ); the minimum saving is 200.000 đ.


async def test_interest_in_full_and_no_savings_notes_the_interest_due(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("3 lai du ko gui")
        assert "Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 0 đ" in noted
        [noted] = await leader.says("1 đóng đủ lãi, không gửi")
        assert "Bùi Thị Tâm → nộp lãi 275.000 đ, tiết kiệm 0 đ" in noted
        [summary] = await leader.says("xong")
        assert "Nộp bảng kê này?" in summary
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH703"] == ["158000", "158000", "0", "0", "0"]
    assert money["KH702"] == ["275000", "275000", "0", "0", "0"]


async def test_two_members_in_one_line_with_a_familiar_title_before_the_second(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says(
            "so 3 dong lai du ma ko gui tiet kiem, con thang Phanh so 2 thi vang"
        )
        assert "Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 0 đ" in noted
        assert "Danh Sô Phanh → vắng" in noted
        assert "Kim Sa Vát → vắng" not in noted


async def test_a_voice_typed_line_about_two_members_notes_or_names_both(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        replies = await leader.says(
            "con ba Ngoc Tam so 4 thi dong trăm sáu lăm lai voi gui hai tram, xong roi toi"
            " thang Vat so 3 no dong 1 lit ruoi"
        )
        said = "\n".join(replies)
        assert "Nguyễn Thị Ngọc Tâm" in said and "Kim Sa Vát" in said
        assert "165.000 đ" in said and "150.000 đ" in said


async def test_a_member_with_a_familiar_title_is_named(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("thang Phanh dong 90k gui 100k")
        assert "Danh Sô Phanh → nộp lãi 90.000 đ, tiết kiệm 100.000 đ" in noted
        [said] = await leader.says("a thoi doi lai, con Vat so 3 no dong 120k lai")
        assert "Kim Sa Vát" in said and "120.000 đ" in said
        assert "thoi doi" not in said


async def test_a_correction_opening_with_a_no_is_never_the_delete_question(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 vang")
        await leader.says("2 vang")
        [fixed] = await leader.says("ko phai, so 3 co dong lai du, chi ko gui tiet kiem thoi")
        assert "Xóa bảng kê" not in fixed
        assert "Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 0 đ" in fixed
        [fixed] = await leader.says("a khoan, so 2 co di, dong du roi")
        assert "Xóa bảng kê" not in fixed
        assert "Danh Sô Phanh → vắng" not in fixed
        [summary] = await leader.says("xong")
        assert "Nộp bảng kê này?" in summary
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH703"] == ["158000", "158000", "0", "0", "0"]
    assert money["KH701"] == ["150000", "150000", "0", "200000", "0"]


async def test_a_correction_typed_after_submitting_opens_the_new_version_with_it_noted(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        replies = await leader.says(
            "chet roi con oi, so 2 no dong 150 lai thoi, ko gui tiet kiem, sua lai giup co",
            replies=2,
        )
        said = "\n".join(replies)
        assert "Số dư tiền gửi" not in said  # not her own savings
        assert "phiên bản mới (2)" in said
        assert "Hiểu là 150.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Danh Sô Phanh" in said
        [noted] = await leader.says("dung roi")
        assert "Danh Sô Phanh → nộp lãi 150.000 đ, tiết kiệm 0 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH701"] == ["150000", "150000", "0", "0", "0"]


async def test_a_name_several_members_fit_under_the_split_question_asks_which(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [split] = await leader.says("3 dong 300k")
        assert "là tiền lãi hay gồm cả tiết kiệm?" in split
        replies = await leader.says("ba Tam vang")
        said = "\n".join(replies)
        assert "Không tìm thấy thành viên nào" not in said
        assert "Bùi Thị Tâm" in said and "Trần Minh Tâm" in said


async def test_the_absent_question_says_how_to_reach_the_submit(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("vắng")
        assert "Ai vắng?" in asked and "“xong”" in asked
        [summary] = await leader.says("xong")
        assert "Nộp bảng kê này?" in summary


async def test_asking_for_the_list_during_the_tally_shows_the_drafts_list(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        [listed] = await leader.says("cho co coi lai danh sach")
        assert "2. Danh Sô Phanh: lãi 150.000 đ → vắng, chưa nộp" in listed
        assert "tiếp tục bảng kê" not in listed  # still in the tally, not left for the bank's
        [noted] = await leader.says("3 vang")
        assert "Kim Sa Vát → vắng" in noted


async def test_a_question_with_options_during_the_tally_keeps_its_options_last(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 vang")
        [asked] = await leader.says("ba Tam con no bao nhieu")
        assert "Anh/chị hỏi người nào?" in asked
        assert "đang soạn dở" in asked  # the draft recalled in the same message
        assert "Nguyễn Thị Ngọc Tâm" in leader.labels()
        [status] = await leader.taps("Nguyễn Thị Ngọc Tâm")
        assert "Nguyễn Thị Ngọc Tâm" in status and "165.000 đ" in status


async def test_under_an_echo_a_slip_and_a_no_set_it_right(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("3 lai tram mot t200")
        assert "110.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm cho Kim Sa Vát" in echo
        [echo] = await leader.says("a lon, gui 2 xi ruoi thoi")
        assert "Không tìm thấy thành viên" not in echo
        assert "250.000 đ" in echo
        await leader.says("u")
        [echo] = await leader.says("5 lai 75 gui 200")
        [echo] = await leader.says("ko phai, so 5 dong lit hai thoi, ko gui")
        assert "Trần Minh Tâm" in echo and "120.000 đ" in echo and "đúng không?" in echo
        await leader.says("dung roi")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH703"] == ["158000", "110000", "48000", "250000", "0"]
    assert money["KH705"] == ["38000", "120000", "0", "0", "0"]


async def test_a_question_about_a_member_under_the_split_question_changes_nobody(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [split] = await leader.says("3 dong 300k")
        assert "là tiền lãi hay gồm cả tiết kiệm?" in split
        replies = await leader.says("thang Phanh dong chua", replies=2)
        said = "\n".join(replies)
        assert "Đã ghi" not in said
        [summary] = await leader.says("xong")
        assert "Kim Sa Vát" in summary  # the split question is asked again, nothing was lost


async def test_several_members_by_name_with_one_name_unclear_notes_the_others_and_says_so(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        replies = await leader.says(
            "thang Phanh vang, ba Tam dong 2 xi ruoi gui 2 xi, chu Sa Vat l158 t200"
        )
        said = "\n".join(replies)
        assert "Danh Sô Phanh → vắng" in said
        assert (
            "Kim Sa Vát" in said
            and "158.000 đ" in said
            and "250.000 đ" not in said.split("Kim Sa Vát")[1].split("\n")[0]
        )
        assert "Chưa ghi: “ba tam dong 2 xi ruoi gui 2 xi”" in said  # named, not dropped


async def test_a_correction_by_name_after_submitting_is_noted_in_the_new_version(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        replies = await leader.says("sua lai thang Phanh gui 1 xi thoi, hoi nay ghi lon", replies=2)
        said = "\n".join(replies)
        assert "phiên bản mới (2)" in said
        assert "100.000 đ tiền gửi tiết kiệm cho Danh Sô Phanh" in said
        [noted] = await leader.says("dung")
        assert "Danh Sô Phanh → nộp lãi 150.000 đ, tiết kiệm 100.000 đ" in noted  # interest kept


async def test_a_members_number_in_words_is_that_member(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("so ba vang")
        assert "Kim Sa Vát → vắng" in noted
