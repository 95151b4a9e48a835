"""The forms T25's writer used that the reader missed, each in lines of our own beside the
corpus's: numbers that are no money beside the amount (a phone number or its masked fragment,
a book's number starting with 0, a year of birth), a notebook or spreadsheet paste (number,
name, interest, savings, a mark), several members by name without tags or "mỗi người", Telex
leftovers in the member's tag, a small figure with "đ", a figure wavered over and kept, ông
Tư's name before an amount, and nothing paid said in new ways. Near-misses beside each: what
must not change."""

from __future__ import annotations

import pytest

from bot.nlu import extract_amounts
from bot.nlu.tally_text import NotUnderstood, SeveralAmounts, first_amount, parse_answer


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # 1. a phone number or its fragment, a book's number, a year of birth: no money
        ("chị Maria Hằng (sđt 0915 228 4xx) nộp 140 ngàn lãi", 140_000),
        ("o Diệu (0905 11x xxx) 160 ngàn", 160_000),
        ("số 9 gọi 0987 654 xxx không nghe máy, chưa nộp", 0),
        ("sổ 0123 hộ 5 lãi 75 000", 75_000),
        ("Hộ 21 – Nguyễn Thị Thoa, 1956: lãi 62.500đ", 62_500),
        ("9h sáng 3/7 bà Vân số 21 (1962) nộp 200 nghìn", 200_000),
        # variants of our own
        ("anh Hùng đt 0978-321-xxx đóng lãi 95k", 95_000),
        ("bà Sen (1948) lãi 88.000đ, tk 20.000đ", 88_000),
        ("Lê Văn Tốt, sinh 1971, nộp 130 nghìn", 130_000),
        ("sổ 0456: lãi 60k", 60_000),
        # 2. a notebook or spreadsheet paste: number, name, interest, savings, a mark
        ("STT 3 - Lan - 120 - 20", 120_000),
        ("STT 8 - Thanh - 180 - 20 - đủ", 180_000),
        ("5 | Nguyễn Thị Mơ | 150 | 30 | ký", 150_000),
        ("12. Đặng Văn Quân ... 130 ... 20", 130_000),
        ("STT 6 - Tư - 95 - 0", 95_000),
        ("#1 120 | #2 vắng | #3 90", 120_000),
        ("STT 4 - Hồng - 110", 110_000),
        ("7 | Lò Văn Pản | 85 | 15", 85_000),
        ("3. Trần Thị Bưởi … 140 … 0 … ký", 140_000),
        ("#4 vắng | #5 75 | #6 80", 75_000),
        # 3. several members by name without tags, or each paying the same
        ("Lan 90 Hoa 100 Mai vắng Đào 120", 90_000),
        ("s1+s2 vợ chồng: chồng 150, vợ 120", 150_000),
        ("A Kim với Y Gioan, mỗi người 100, tổng 200", 100_000),
        ("o Hoa với mệ Liên mỗi người 120, tau gộp lại 240", 120_000),
        ("Sen vắng Cúc 80 Huệ 95", 80_000),
        ("chị Hà và chị Thu mỗi người 110", 110_000),
        # 4. Telex in the tag, a small figure with "đ", a figure wavered over, ông Tư
        ("soos 3 laix 120 tieetj kieemj 20", 120_000),
        ("a Khoa 70đ thui nha", 70_000),
        ("bà Tình 85, à 58... không, 85 đúng rồi", 85_000),
        ("ông tư trăm năm mươi nghìn tiền lãi tháng sáu ngày mười lăm nộp", 150_000),
        ("soos 7 laix 95", 95_000),
        ("c Vy 90đ nha", 90_000),
        ("chú Lợi 120, à 210... không, 120 mới đúng", 120_000),
        ("bà tư trăm hai mươi nghìn", 120_000),
        # 5. nothing paid said in new ways
        ("bà Lý Thị Sa Phia qua Campuchia thăm bà con, con gái nói về mới đóng", 0),
        ("s15 bùng ròi, gọi hok bắt máy :((", 0),
        ("thằng tú nó bảo là để đến hôm nào bán lợn thì nó nộp luôn cả hai tháng", 0),
        ("cj Thảo bảo chưa có xiền, để cuối tháng z", 0),
        (
            "Members 10 and 11 said the harvest hasn't been sold yet; they promised to pay "
            "by the 30th",
            0,
        ),
        ("anh Sang đi rẫy, vợ nói chồng về thì đóng", 0),
        ("số 6 gọi ko nghe máy", 0),
        ("bà Út nói khi nào bán được cà phê mới nộp", 0),
        ("chưa có xiền", 0),
        ("she promised to pay next week", 0),
        # what must not change
        ("120", 120_000),
        ("s3 120", 120_000),
        ("0 đồng", 0),
        ("gửi 0", 0),
        ("lãi 75 000", 75_000),
        ("120 000 đ", 120_000),
        ("nộp 0đ", 0),
        ("so 4 dong 125.000d lai, tk 25.000, sn 1961", 125_000),
        ("Số 2 Nông Văn Dền nộp 100 nghìn lãi, 50 nghìn gửi, sđt 0978 112 456", 100_000),
        ("ông Tư 200,000 lãi", 200_000),
        ("160 à không 150", 160_000),
        ("1.500đ", 1_500),
        ("bốn trăm nghìn", 400_000),
    ],
)
def test_t25_forms_read_their_first_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "interest", "savings"),
    [
        ("STT 3 - Lan - 120 - 20", 120_000, 20_000),
        ("STT 6 - Tư - 95 - 0", 95_000, 0),
        ("5 | Nguyễn Thị Mơ | 150 | 30 | ký", 150_000, 30_000),
        ("12. Đặng Văn Quân ... 130 ... 20", 130_000, 20_000),
        ("STT 4 - Hồng - 110", 110_000, None),
        # what follows the member's number, as the tally reads it
        ("- Lan - 120 - 20", 120_000, 20_000),
        ("soos 3 laix 120 tieetj kieemj 20", 120_000, 20_000),
        ("chị Maria Hằng (sđt 0915 228 4xx) nộp 140 ngàn lãi", 140_000, None),
        ("sổ 0123 hộ 5 lãi 75 000", 75_000, None),
        ("Hộ 21 – Nguyễn Thị Thoa, 1956: lãi 62.500đ", 62_500, None),
    ],
)
def test_t25_fields(text: str, interest: int, savings: int | None) -> None:
    answer = parse_answer(text)
    assert (answer.interest, answer.savings) == (interest, savings)


@pytest.mark.parametrize(
    ("text", "interest"),
    [
        ("a Khoa 70đ thui nha", 70_000),  # a figure in thousands: echoed
        ("bà Tình 85, à 58... không, 85 đúng rồi", 85_000),
        ("chú Lợi 120, à 210... không, 120 mới đúng", 120_000),
        ("ông tư trăm năm mươi nghìn tiền lãi", 150_000),
        ("STT 3 - Lan - 120 - 20", 120_000),
    ],
)
def test_t25_readings_in_thousands_or_words_are_echoed(text: str, interest: int) -> None:
    answer = parse_answer(text)
    assert answer.interest == interest and answer.doubtful


@pytest.mark.parametrize(
    "text",
    [
        "Lan 90 Hoa 100 Mai vắng Đào 120",
        "90 Hoa 100 Mai vắng Đào 120",  # after the first member's name, as the tally reads
        "s1+s2 vợ chồng: chồng 150, vợ 120",
        "A Kim với Y Gioan, mỗi người 100, tổng 200",
        "o Hoa với mệ Liên mỗi người 120, tau gộp lại 240",
        "#1 120 | #2 vắng | #3 90",
    ],
)
def test_a_line_about_several_members_is_never_one_members(text: str) -> None:
    with pytest.raises(NotUnderstood):
        parse_answer(text)


def test_several_members_say_the_first_amount() -> None:
    with pytest.raises(SeveralAmounts) as several:
        parse_answer("Lan 90 Hoa 100 Mai vắng Đào 120")
    assert several.value.first == 90_000


@pytest.mark.parametrize(
    ("text", "interest"),
    [
        ("mỗi người 230k", 230_000),  # one member's part of "số 10 số 11 mỗi người 230k"
        ("bà Lan 120", 120_000),
        ("Lan 120 ok", 120_000),
        ("chú Tư 160 k", 160_000),
    ],
)
def test_one_member_still_reads_as_one(text: str, interest: int) -> None:
    assert parse_answer(text).interest == interest


@pytest.mark.parametrize(
    ("text", "put_off"),
    [
        ("con gái nói về mới đóng", True),
        ("để đến hôm nào bán lợn thì nó nộp luôn cả hai tháng", True),
        ("s15 bùng ròi, gọi hok bắt máy", False),
        ("cj Thảo bảo chưa có xiền, để cuối tháng z", False),
    ],
)
def test_t25_nothing_paid(text: str, put_off: bool) -> None:
    answer = parse_answer(text)
    assert answer.absent and answer.interest is None


@pytest.mark.parametrize(
    "text",
    [
        "bà Lan hẹn hôm nào?",
        "khi nào mới đóng",  # asks when: not said to be nothing
    ],
)
def test_questions_about_when_stay_unread(text: str) -> None:
    assert first_amount(text) is None


def test_phone_numbers_and_years_are_no_amounts_anywhere() -> None:
    assert extract_amounts("chị Hằng (sđt 0915 228 4xx) nộp 140 ngàn lãi") == [140_000]
    assert extract_amounts("bà Vân (1962) nộp 200 nghìn") == [200_000]
    assert extract_amounts("sổ 0123 lãi 75 000") == [75_000]
    assert extract_amounts("lãi 1.500.000đ, gốc 2.000.000đ") == [1_500_000, 2_000_000]
