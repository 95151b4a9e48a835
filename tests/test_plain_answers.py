"""Plain answers, as a borrower would want them: whose figures these are, a yes or no first
to "am I overdue?", how to pay in time when an installment falls before the session, the
CCCD digits taken from a sentence, programme names in full (in English too), and group
notices that name the group as its members know it. Through the real PTB stack."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import LAN, SARI, SON, Harness
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")


async def ask(h: Harness, chat: int, text: str) -> str:
    seen = len(h.fake.sent(chat))
    h.fake.user_says(chat, text)
    [answer] = await h.fake.replies(chat, 1, after=seen)
    return answer


async def tap(h: Harness, chat: int, label: str) -> str:
    seen = len(h.fake.sent(chat))
    h.fake.user_taps(chat, label)
    [answer] = await h.fake.replies(chat, 1, after=seen)
    return answer


async def test_every_figure_says_whose_it_is(running: Harness) -> None:
    h = running
    await link(h, 2001, SARI)
    for question in ("du no con bao nhieu", "lai thang nay", "tien tiet kiem", "khi nao den han"):
        answer = await ask(h, 2001, question)
        assert answer.startswith("Hộ Lâm Thị Sa Ri:"), answer


async def test_am_i_overdue_is_answered_yes_or_no_first(running: Harness) -> None:
    h = running
    await link(h, 2002, SARI)
    await link(h, 2003, SON)
    clean = await ask(h, 2002, "co bi qua han khong")
    assert clean.splitlines()[1] == "Không: hộ anh/chị không có khoản vay nào quá hạn."
    late = await ask(h, 2003, "tôi có bị quá hạn không")
    assert late.splitlines()[1] == "Có: hộ anh/chị có 1 khoản vay quá hạn (chi tiết bên dưới)."
    assert "30/09/2026" in late  # the details: the final due date has passed


async def test_an_installment_before_the_session_says_how_to_pay_in_time(
    running: Harness,
) -> None:
    h = running
    await link(h, 2004, SARI)  # installment on 15/12; Đại Tâm's session is on the 17th
    answer = await ask(h, 2004, "khi nao den han tra goc")
    assert "15/12/2026" in answer
    assert "trước phiên giao dịch tới của xã (Thứ Năm, 17/12/2026)" in answer


async def test_an_installment_after_the_last_session_before_it_says_which_session(
    running: Harness,
) -> None:
    h = running
    await link(h, 2014, LAN)  # installment on 05/01/2027; Thạnh Phú's sessions: 18/12, 20/01
    answer = await ask(h, 2014, "bua nao tra goc")
    assert "05/01/2027" in answer
    assert "trả tại phiên giao dịch của xã ngày Thứ Sáu, 18/12/2026" in answer


async def test_paying_off_early_is_answered(running: Harness) -> None:
    h = running
    await link(h, 2016, SARI)
    answer = await ask(h, 2016, "tui tra het no truoc han dc ko")
    assert "Được: anh/chị có thể trả gốc trước hạn" in answer
    assert "Dư nợ gốc hiện còn: 70.000.000 đ" in answer
    plain = await ask(h, 2016, "khi nao den han tra goc")
    assert "trước hạn, một phần" not in plain


async def at_the_cccd_step(h: Harness, chat: int) -> None:
    """/start, then Sa Ri's phone shared: the bot asks for the CCCD's last 4 digits."""
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, SARI["phone"])
    await h.fake.replies(chat, 1, after=2)


async def test_the_cccd_digits_are_found_in_a_sentence(running: Harness) -> None:
    h, chat = running, 2005
    await at_the_cccd_step(h, chat)
    h.fake.user_says(chat, f"4 số cuối là {SARI['last4']} nha con")
    confirmed, consent = await h.fake.replies(chat, 2, after=3)
    assert "Đã xác minh" in confirmed and "13/2023" in consent


async def test_a_phone_number_is_not_taken_for_the_last_digits(running: Harness) -> None:
    h, chat = running, 2006
    await at_the_cccd_step(h, chat)
    asked_again = await ask(h, chat, "sdt tui 0970351650")
    assert "4 số cuối" in asked_again and "lần thử" not in asked_again


async def test_a_whole_id_number_links_and_says_four_digits_will_do(running: Harness) -> None:
    """ "so cccd cua tui la 079188006789" (the whole citizen ID) got "type exactly the last 4
    digits": its last 4 are taken, and the person told only those are needed next time."""
    h, chat = running, 2008
    await at_the_cccd_step(h, chat)
    h.fake.user_says(chat, f"so cccd cua tui la 07918800{SARI['last4']}")
    confirmed, consent = await h.fake.replies(chat, 2, after=3)
    assert "Đã xác minh" in confirmed and "13/2023" in consent
    assert "chỉ cần nhập 4 số cuối" in confirmed


async def test_a_whole_id_number_that_does_not_match_says_four_digits_will_do(
    running: Harness,
) -> None:
    h, chat = running, 2009
    await at_the_cccd_step(h, chat)
    retry = await ask(h, chat, "cccd tui 079188007414 do")
    assert "Số chưa đúng" in retry and "chỉ cần nhập 4 số cuối" in retry


async def test_programme_names_are_full_and_in_english_when_english_is_chosen(
    running: Harness,
) -> None:
    h = running
    await link(h, 2007, SARI)
    assert "Hộ nghèo: 50.000.000 đ" in await ask(h, 2007, "du no")
    await ask(h, 2007, "/ngonngu")
    assert "English" in await tap(h, 2007, "English")
    answer = await ask(h, 2007, "du no")
    assert answer.startswith("Household of Lâm Thị Sa Ri:")
    assert "Poor households: 50,000,000 VND" in answer
    assert "Rural clean water and sanitation: 20,000,000 VND" in answer


async def test_a_programme_named_in_english_is_that_programme(running: Harness) -> None:
    """ "what loans are there for students" got the list of every programme: the English
    words were read with Telex undone ("poor" as "pổ"); they are read as typed."""
    h = running
    await link(h, 2016, SARI)
    await ask(h, 2016, "/ngonngu")
    await tap(h, 2016, "English")
    for question, programme in (
        ("what loans are there for students", "Pupils and students:"),
        ("how much can near-poor households borrow", "Near-poor households:"),
        ("interest rate for clean water loans", "Rural clean water and sanitation:"),
    ):
        answer = await ask(h, 2016, question)
        assert answer.startswith(programme), answer
        assert "The bank lends through these programmes" not in answer, answer
    answer = await ask(h, 2016, "my clean water loan balance")
    assert "Rural clean water and sanitation: 20,000,000 VND" in answer, answer
    assert "Poor households" not in answer, answer


async def test_wanting_to_borrow_more_gets_the_programmes_and_how_to_apply(
    running: Harness,
) -> None:
    h = running
    await link(h, 2015, SARI)
    answer = await ask(h, 2015, "tui muon vay them 50 trieu nuoi bo dc ko")
    assert "Ngân hàng cho vay theo các chương trình sau" in answer
    assert "—" not in answer and "hỏi cán bộ tín dụng" in answer  # no rate: said so
    assert "đăng ký với tổ trưởng" in answer


async def test_borrowing_to_build_or_mend_a_house_gets_the_housing_programme(
    running: Harness,
) -> None:
    """ "vay thêm để sửa nhà" got the list of all eleven programmes (a stranger, session 10):
    building or mending a house is the housing programme for poor households, in either
    language, with how to apply."""
    h = running
    await link(h, 2017, SARI)
    for question in (
        "vay them de sua nha duoc ko",
        "muốn vay làm nhà thì sao",
        "xay nha vay dc bn",
    ):
        answer = await ask(h, 2017, question)
        assert answer.startswith("Nhà ở hộ nghèo:"), (question, answer)
        assert "Ngân hàng cho vay theo các chương trình sau" not in answer, answer
        assert "đăng ký với tổ trưởng" in answer
    await ask(h, 2017, "/ngonngu")
    await tap(h, 2017, "English")
    for question in (
        "can my grandma borrow more to fix the house?",
        "loan to build a house",
        "is there a loan for house repair?",
    ):
        answer = await ask(h, 2017, question)
        assert answer.startswith("Housing for poor households:"), (question, answer)


async def test_unlinking_asks_first_and_a_slip_keeps_the_link(running: Harness) -> None:
    h = running
    await link(h, 2008, SARI)
    asked = await ask(h, 2008, "hủy liên kết")
    assert "Hủy liên kết cuộc trò chuyện này?" in asked
    assert [label for label, _d in h.fake.buttons(2008)] == [
        "Xác nhận hủy liên kết",
        "Giữ liên kết",
    ]
    assert "giữ nguyên" in await tap(h, 2008, "Giữ liên kết")
    assert "70.000.000 đ" in await ask(h, 2008, "du no")  # still linked
    await ask(h, 2008, "/huy")
    assert "Đã hủy liên kết" in await tap(h, 2008, "Xác nhận hủy liên kết")
    assert "70.000.000" not in await ask(h, 2008, "du no")


async def test_a_borrower_asking_for_a_leader_or_officer_feature_hears_what_they_can_do(
    running: Harness,
) -> None:
    h = running
    await link(h, 2009, SON)
    notice = await ask(h, 2009, "nhắn tin cho cả tổ giùm tôi")
    assert "Chỉ cán bộ tín dụng" in notice and "liên hệ" in notice
    tally = await ask(h, 2009, "nộp bảng kê")
    assert "Chỉ tổ trưởng" in tally and "lãi tháng này" in tally
    group = await ask(h, 2009, "tổ còn ai chưa đóng lãi")
    assert "Chỉ tổ trưởng" in group and "dư nợ" in group


async def test_a_question_about_someone_else(running: Harness) -> None:
    """A borrower sees no neighbour's figures; a leader sees a member of their own group."""
    h = running
    await link(h, 2010, SON)  # a member of T01
    refused = await ask(h, 2010, "dư nợ của bà Sa Ri tổ tôi còn bao nhiêu")
    assert "chỉ cho xem được số liệu của hộ anh/chị" in refused
    assert "70.000.000" not in refused and "575.000" not in refused
    await link(h, 2011, SARI)  # the leader of T01
    status = await ask(h, 2011, "dư nợ của ông Thạch Sơn")
    assert "Thạch Sơn:\nDư nợ: 10.000.000 đ" in status and "quá hạn" in status
    assert "Lãi phải nộp tháng này: 132.000 đ" in status
    own = await ask(h, 2011, "dư nợ còn bao nhiêu")
    assert own.startswith("Hộ Lâm Thị Sa Ri:")


async def test_two_questions_in_one_message_get_both_answers(running: Harness) -> None:
    h = running
    await link(h, 2012, SARI)
    both = await ask(h, 2012, "dư nợ và lãi tháng này bao nhiêu")
    assert "Tổng dư nợ: 70.000.000 đ" in both and "Lãi tháng này: 425.000 đ" in both


async def test_a_negation_cancels_the_open_tally_instead_of_reopening_it(running: Harness) -> None:
    h = running
    await link(h, 2013, SARI)
    await ask(h, 2013, "nộp bảng kê")
    asked = await ask(h, 2013, "thôi bỏ bảng kê này")
    assert "Xóa bảng kê đang soạn?" in asked
    assert "Đã xóa" in await tap(h, 2013, "Xác nhận xóa bảng kê")


async def test_dont_send_reminders_switches_them_off(running: Harness) -> None:
    h = running
    await link(h, 2014, SARI)
    assert "Đã tắt nhắc nhở" in await ask(h, 2014, "đừng gửi tin nhắc nữa")


async def test_what_to_pay_next_month_adds_the_installment_due_then(running: Harness) -> None:
    """ "tháng sau trả bao nhiêu": next month's interest, the principal that falls due next
    month with its date, and the total, for the household named; or that none falls due."""
    h = running
    await link(h, 2017, SARI)  # today 26/11; installment 5.000.000 đ on 15/12, 10/02 later
    for question in ("tháng sau trả bao nhiêu", "thang toi phai dong bao nhieu"):
        answer = await ask(h, 2017, question)
        lines = answer.splitlines()
        assert lines[0] == "Hộ Lâm Thị Sa Ri:", answer
        assert lines[1] == "Tháng sau (tháng 12/2026) cần trả:", answer
        # December's 31 days at 0,55% ÷ 30 on 50 triệu until 15/12, then on 45 triệu; and
        # 20 triệu at 0,75%: about, since it counts the 15/12 installment as paid that day.
        assert "• Lãi: khoảng 423.583 đ" in answer
        assert "khoản gốc đến hạn 15/12/2026 được trả đúng ngày" in answer
        assert "• Gốc đến hạn Thứ Ba, 15/12/2026: 5.000.000 đ (Hộ nghèo)" in answer
        assert "Tổng cộng: khoảng 5.423.583 đ" in answer
        assert "10/02/2027" not in answer  # not next month's
        assert "Lãi còn nợ các tháng trước: 150.000 đ" in answer  # owed on top, said apart
        assert answer.endswith("Số liệu đến ngày 31/10/2026.")
    await link(h, 2018, LAN)  # installment on 05/01/2027: nothing of principal in December
    answer = await ask(h, 2018, "thág sau trả bn")
    assert answer.startswith("Hộ Nguyễn Thị Lan:\nTháng sau (tháng 12/2026) cần trả:")
    # 30 triệu at 0,55% ÷ 30 for December's 31 days, nothing overdue or falling due: plain
    assert "• Lãi: 170.500 đ\n" in answer and "khoảng" not in answer
    assert "Tháng sau không có kỳ trả gốc nào đến hạn (kỳ tới: 05/01/2027)." in answer
    assert "Tổng cộng: 170.500 đ" in answer
    await link(h, 2019, SON)  # 2.000.000 đ of the 10 triệu overdue: the bank adds to it
    answer = await ask(h, 2019, "tháng sau trả bao nhiêu")
    assert "• Lãi: khoảng 68.200 đ" in answer and "quá hạn" in answer
    # Asked as a principal question, or in English once English is chosen: the same answer.
    assert "5.000.000 đ" in await ask(h, 2017, "tháng sau có phải trả gốc không")
    await ask(h, 2017, "/ngonngu")
    await tap(h, 2017, "English")
    english = await ask(h, 2017, "how much do I pay next month")
    assert "To pay next month (12/2026):" in english and "Total: about 5,423,583 VND" in english
    for asked in (  # a grandchild's words, which the model read as the group's or unknown
        "how much will she have to pay next month in total",
        "what does she need to pay next month?",
        "how much is due next month in total",
    ):
        answer = await ask(h, 2019, asked)
        assert "To pay next month (12/2026):" in answer or "Tháng sau (tháng 12/2026)" in answer
    # This month's interest is still this month's.
    assert "Interest this month: 425,000 VND" in await ask(h, 2017, "interest this month")


async def test_a_borrower_asking_what_to_pay_next_month_is_not_refused_as_no_leader(
    running: Harness,
) -> None:
    """ "con thang sau phai tra bao nhiu", read first (unsurely) as the group's status, got a
    borrower "only the group leader can do this": the borrower reading behind it is answered."""
    h = running
    await link(h, 2030, SON)  # a borrower in Sa Ri's group
    answer = await ask(h, 2030, "con thang sau phai tra bao nhiu")
    assert "Chỉ tổ trưởng" not in answer
    assert answer.startswith("Hộ Thạch Sơn:\nTháng sau (tháng 12/2026) cần trả:"), answer
