"""What a stranger found in the console chat, replayed through the real python-telegram-bot
stack against the fake Bot API: an explicit date beats a weekday word, moving a meeting
keeps what was not changed even from inside another draft, confirm words are never stored
as a place, members answer a meeting question in their own words (and are never unlinked
by a "thôi" inside one), a bare number with nothing to choose, "khi nào họp tổ" with no
meeting."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storage.schema import chat_links, meetings
from tests.bot_fixtures import Harness
from tests.tally_fixtures import Chat
from tests.test_meeting_stories import LEADER, MEMBER, notices_to, setup
from tests.test_officer_stories import buttons

pytestmark = pytest.mark.usefixtures("running")


async def scheduled(h: Harness) -> list[tuple[str, str | None]]:
    async with h.engine.begin() as conn:
        rows = await conn.execute(
            select(meetings.c.place, meetings.c.purpose).where(meetings.c.status == "scheduled")
        )
        return [(r.place, r.purpose) for r in rows]


async def call_one(h: Harness) -> None:
    leader, _member, _other = await setup(h)
    [summary] = await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp, bình xét cho vay")
    assert "Thứ Bảy, 28/11/2026" in summary
    await leader.taps("Xác nhận gửi")
    await notices_to(h, MEMBER, 1)


async def test_an_explicit_date_wins_over_the_weekday_word_when_moving(
    running: Harness,
) -> None:
    h = running
    await call_one(h)
    leader = Chat(h, LEADER)
    [asked] = await leader.says("dời họp")
    assert "sang ngày (và giờ) nào" in asked
    [summary] = await leader.says("thu bay 12/12 luc 14h")
    assert "Ngày: Thứ Bảy, 12/12/2026" in summary and "05/12" not in summary
    assert "Giờ: 14:00" in summary and "Địa điểm: nhà văn hóa ấp" in summary
    assert "Nội dung: bình xét cho vay" in summary
    await leader.says("xác nhận")
    _first, moved = await notices_to(h, MEMBER, 2)
    assert "Thứ Bảy, 12/12/2026 lúc 14:00" in moved


async def test_a_weekday_that_disagrees_with_the_date_is_asked_about(running: Harness) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [asked] = await leader.says("họp tổ thứ sáu 12/12 lúc 14h ở nhà văn hóa ấp")
    assert "Thứ Sáu, 11/12/2026" in asked and "Thứ Bảy, 12/12/2026" in asked
    assert "Ngày:" not in asked  # no day is guessed
    [summary] = await leader.says("12/12")
    assert "Ngày: Thứ Bảy, 12/12/2026" in summary and "Giờ: 14:00" in summary
    assert "Địa điểm: nhà văn hóa ấp" in summary


@pytest.mark.parametrize(
    ("move", "day"),
    [
        ("dời họp sang 14h ngày 12/12", "Thứ Bảy, 12/12/2026"),
        ("doi hop qua thu bay", "Thứ Bảy, 05/12/2026"),  # the Saturday after its own (28/11)
        ("hoãn họp tổ sang tuần sau", "Thứ Bảy, 05/12/2026"),  # a week after 28/11
    ],
)
async def test_moving_from_inside_another_draft_keeps_place_and_agenda(
    running: Harness, move: str, day: str
) -> None:
    h = running
    await call_one(h)
    leader = Chat(h, LEADER)
    [where] = await leader.says("thu bay 12/12 luc 14h")  # a new draft, asking the place
    assert "ở đâu" in where
    [confirm_word] = await leader.says("xác nhận")  # never stored as the place
    assert "Địa điểm: xác nhận" not in confirm_word and "ở đâu" in confirm_word
    [summary] = await leader.says(move)
    assert "(đổi lịch)" in summary and f"Ngày: {day}" in summary
    assert "Địa điểm: nhà văn hóa ấp" in summary and "Nội dung: bình xét cho vay" in summary
    [sent] = await leader.says("xác nhận")
    assert "Đã gửi" in sent
    assert await scheduled(h) == [("nhà văn hóa ấp", "bình xét cho vay")]


@pytest.mark.parametrize("word", ["xác nhận", "ok", "đồng ý"])
async def test_a_confirm_word_is_never_a_place(running: Harness, word: str) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [where] = await leader.says("họp tổ thứ Bảy 19h")
    assert "ở đâu" in where
    [again] = await leader.says(word)
    assert f"Địa điểm: {word}" not in again and "ở đâu" in again
    [summary] = await leader.says("nhà văn hóa ấp")
    assert "Địa điểm: nhà văn hóa ấp" in summary
    await leader.taps("Sửa")
    [shown] = await leader.says(word)  # nothing changes: the summary again, not a new value
    assert "Địa điểm: nhà văn hóa ấp" in shown and leader.labels()[0] == "Xác nhận gửi"
    [dropped] = await leader.says("hủy")
    assert "Đã hủy" in dropped


@pytest.mark.parametrize(
    ("typed", "coming"),
    [
        ("thôi tui đi được, có tui", True),
        ("có tui", True),
        ("tui đi được", True),
        ("ok", True),
        ("dc", True),
        ("ko đi được", False),
        ("tui ko di dc dau, ban roi", False),
        ("ko toi dc", False),
        ("bận", False),
        ("vắng", False),
    ],
)
async def test_members_answer_a_meeting_question_in_their_own_words(
    running: Harness, typed: str, coming: bool
) -> None:
    h = running
    await call_one(h)
    member = Chat(h, MEMBER)
    [asked] = await member.says("khi nào họp tổ")
    assert member.labels() == ["Tôi sẽ đến", "Không đến được"]
    [answer] = await member.says(typed)
    assert ("sẽ đến họp" if coming else "không đến được") in answer, answer
    assert "Hủy liên kết" not in answer
    [next_word] = await member.says("có")  # the next "có" unlinks nobody
    async with h.engine.begin() as conn:
        assert await conn.scalar(
            select(chat_links.c.chat_id).where(chat_links.c.chat_id == str(MEMBER))
        )
    assert "đã hủy liên kết" not in next_word
    del asked


@pytest.mark.parametrize("typed", ["thôi", "thôi để mai hỏi", "thôi tui đi được"])
async def test_a_thoi_in_a_sentence_is_not_a_request_to_unlink(
    running: Harness, typed: str
) -> None:
    h = running
    _leader, member, _other = await setup(h)
    [answer] = await member.says(typed)
    assert "Hủy liên kết cuộc trò chuyện này" not in answer
    [asked] = await member.says("hủy liên kết")  # a clear request still asks
    assert "Hủy liên kết cuộc trò chuyện này" in asked


@pytest.mark.parametrize("typed", ["1", "2", " 3 "])
async def test_a_bare_number_with_nothing_to_choose(running: Harness, typed: str) -> None:
    h = running
    _leader, member, _other = await setup(h)
    [answer] = await member.says(typed)
    assert "Chỉ tổ trưởng" not in answer
    assert "không có câu hỏi nào" in answer
    markup = json.loads(h.fake.sent(MEMBER)[-1].params.get("reply_markup") or "{}")
    assert ["Dư nợ", "Hạn trả nợ"] in [[b["text"] for b in row] for row in markup["keyboard"]]


async def test_a_bare_number_does_not_open_a_leaders_tally(running: Harness) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [answer] = await leader.says("1")
    assert "không có câu hỏi nào" in answer and "Bảng kê" not in answer


async def test_when_does_the_group_meet_with_no_meeting(running: Harness) -> None:
    h = running
    _leader, member, _other = await setup(h)
    [answer] = await member.says("khi nao hop to")
    assert "chưa có lịch họp" in answer
    assert buttons(h, MEMBER) == []


async def test_a_typed_answer_right_after_the_notice_arrives(running: Harness) -> None:
    """The stranger's case: the notice came unasked (through the outbox), the member typed."""
    h = running
    await call_one(h)
    member = Chat(h, MEMBER)
    [answer] = await member.says("thôi tui đi được, có tui")
    assert "sẽ đến họp" in answer and "Hủy liên kết" not in answer
    [seen] = await Chat(h, LEADER).says("ai chưa trả lời họp")
    assert "Sẽ đến (1): Thạch Sơn" in seen


async def test_a_question_asked_at_the_place_step_is_answered_not_stored(
    running: Harness,
) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [where] = await leader.says("họp tổ thứ Bảy 19h")
    assert "ở đâu" in where
    [answer] = await leader.says("dư nợ bao nhiêu")
    assert "Tổng dư nợ" in answer and "Địa điểm: dư nợ" not in answer
    [summary] = await leader.says("nhà văn hóa ấp")
    assert "Địa điểm: nhà văn hóa ấp" in summary


async def call_on_the_twelfth(h: Harness) -> Chat:
    """A meeting on Saturday 12/12/2026 at 19:00 (today is Thursday 26/11)."""
    leader, _member, _other = await setup(h)
    [summary] = await leader.says("họp tổ ngày 12/12 lúc 19h ở nhà văn hóa ấp, bình xét cho vay")
    assert "Thứ Bảy, 12/12/2026" in summary
    await leader.taps("Xác nhận gửi")
    await notices_to(h, MEMBER, 1)
    return leader


@pytest.mark.parametrize(
    ("move", "day"),
    [
        ("dời họp sang chủ nhật", "Chủ Nhật, 13/12/2026"),  # the stranger's: was 29/11
        ("lùi sang thứ hai", "Thứ Hai, 14/12/2026"),
        ("doi hop qua thu bay", "Thứ Bảy, 19/12/2026"),  # the same weekday: a week later
        ("dời họp lên thứ năm", "Thứ Năm, 10/12/2026"),  # brought forward: the one before
        ("sớm lên thứ bảy", "Thứ Bảy, 05/12/2026"),
        ("dời họp sang chủ nhật tuần sau", "Chủ Nhật, 06/12/2026"),  # next week from today
    ],
)
async def test_a_weekday_move_counts_from_the_meetings_own_day(
    running: Harness, move: str, day: str
) -> None:
    h = running
    leader = await call_on_the_twelfth(h)
    [summary] = await leader.says(move)
    assert "(đổi lịch)" in summary and f"Ngày: {day}" in summary, summary
    assert "Lịch cũ: Thứ Bảy, 12/12/2026 lúc 19:00" in summary
    assert "Giờ: 19:00" in summary and "Địa điểm: nhà văn hóa ấp" in summary
    assert "Nội dung: bình xét cho vay" in summary
    [sent] = await leader.says("xác nhận")
    assert "Đã gửi" in sent
    _first, moved = await notices_to(h, MEMBER, 2)
    assert f"đã đổi: {day} lúc 19:00" in moved


async def test_bringing_a_meeting_forward_never_lands_in_the_past(running: Harness) -> None:
    h = running
    await call_one(h)  # Saturday 28/11; today is Thursday 26/11
    leader = Chat(h, LEADER)
    [past] = await leader.says("dời họp lên thứ tư")  # the Wednesday before is 25/11
    assert "Thứ Tư, 25/11/2026 đã qua" in past and "Ngày:" not in past
    [summary] = await leader.says("lên thứ sáu")
    assert "Ngày: Thứ Sáu, 27/11/2026" in summary and "Giờ: 19:00" in summary


@pytest.mark.parametrize(
    "steps",
    [
        ["dời họp", "doi lai 3h chieu"],  # the stranger's: the date was asked again
        ["đổi giờ họp thành 15h"],
        ["đổi lại 3 giờ chiều"],
        ["doi lai 3h chieu"],  # read as a tally word before: the meeting moves
    ],
)
async def test_a_time_only_move_keeps_the_date_place_and_agenda(
    running: Harness, steps: list[str]
) -> None:
    h = running
    leader = await call_on_the_twelfth(h)
    for typed in steps:
        [summary] = await leader.says(typed)
    assert "(đổi lịch)" in summary and "Ngày: Thứ Bảy, 12/12/2026" in summary, summary
    assert "Giờ: 15:00" in summary and "Địa điểm: nhà văn hóa ấp" in summary
    assert "Nội dung: bình xét cho vay" in summary
    await leader.says("xác nhận")
    _first, moved = await notices_to(h, MEMBER, 2)
    assert "đã đổi: Thứ Bảy, 12/12/2026 lúc 15:00" in moved
    assert await scheduled(h) == [("nhà văn hóa ấp", "bình xét cho vay")]


ASKS_BACK = "Anh/chị muốn xác nhận hay dừng?"


@pytest.mark.parametrize(
    ("word", "then"),
    [("dung", "asks"), ("Dung", "asks"), ("dung nha", "asks")]
    + [(w, "cancels") for w in ("dừng", "dừng lại", "dung lai", "thoi", "huy")]
    + [(w, "sends") for w in ("đúng", "dung roi", "dung vay")],
)
async def test_a_bare_dung_at_the_summary_is_asked_about(
    running: Harness, word: str, then: str
) -> None:
    """Found by a stranger: at "Xác nhận gửi / Sửa / Hủy" a bare "dung" (elderly people's
    "đúng", yes) dropped the meeting as a "dừng". Unmarked, it is neither: the bot asks
    back, with the options still shown; the marked forms and the longer ones are clear."""
    h = running
    leader, _member, _other = await setup(h)
    await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
    assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
    [answer] = await leader.says(word)
    if then == "asks":
        assert ASKS_BACK in answer and "Đã hủy" not in answer and "Đã gửi" not in answer, answer
        assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
        assert await scheduled(h) == []
        [sent] = await leader.taps("Xác nhận gửi")  # the options shown again still work
        assert "Đã gửi cho" in sent, sent
    elif then == "cancels":
        assert "Đã hủy" in answer, answer
        assert await scheduled(h) == []
    else:
        assert "Đã gửi cho" in answer, answer
        assert await scheduled(h) == [("nhà văn hóa ấp", None)]


# ---- the stranger's second try (session of 01/12): evening, the day after the move word,
# and a correction carrying its value at the summary ----


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("hop to toi thu 7 nay 7h o nha van hoa ap, binh xet vay moi", "19:00"),  # was 07:00
        ("họp tổ thứ 7 7g30 toi ở nhà văn hóa ấp", "19:30"),
        ("họp tổ thứ 7 lúc 7 rưỡi tối ở nhà văn hóa ấp", "19:30"),
        ("hop to thu 7 luc 7h toi o nha van hoa ap", "19:00"),
        ("hop to chieu thu 7 luc 2h o nha van hoa ap", "14:00"),
        ("hop to sang thu 7 luc 7h o nha van hoa ap", "07:00"),
        ("hop to trua thu 7 luc 1h o nha van hoa ap", "13:00"),
        ("họp tổ thứ 7 lúc 8 giờ đêm ở nhà văn hóa ấp", "20:00"),
        ("họp tổ tôi thứ 7 19h ở nhà văn hóa ấp", "19:00"),
        ("họp tổ tôi thứ 7 lúc 7h ở nhà văn hóa ấp", "07:00"),  # "tôi" written: my group
        ("hop to thu 7 luc 7h o nha toi", "07:00"),  # at my home
    ],
)
async def test_the_part_of_the_day_is_read_with_the_hour(
    running: Harness, typed: str, at: str
) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [summary] = await leader.says(typed)
    assert "Ngày: Thứ Bảy, 28/11/2026" in summary and f"Giờ: {at}" in summary, summary
    await leader.taps("Xác nhận gửi")
    [notice] = await notices_to(h, MEMBER, 1)
    assert f"Thứ Bảy, 28/11/2026 lúc {at}" in notice


@pytest.mark.parametrize(
    ("typed", "answer", "at"),
    [
        ("to toi hop thu 7 luc 7h o nha van hoa ap", "tap:7 giờ tối", "19:00"),
        ("to toi hop thu 7 luc 7h o nha van hoa ap", "tap:7 giờ sáng", "07:00"),
        ("hop to toi, thu 7 luc 7h o nha van hoa ap", "say:tối", "19:00"),
        ("hop to thu 7 toi, luc 7 gio o nha van hoa ap", "say:7h sáng", "07:00"),
    ],
)
async def test_a_toi_that_may_be_mine_or_the_evening_is_asked_about(
    running: Harness, typed: str, answer: str, at: str
) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [asked] = await leader.says(typed)
    assert "7 giờ sáng hay 7 giờ tối?" in asked and "Giờ:" not in asked, asked
    assert leader.labels() == ["7 giờ sáng", "7 giờ tối", "Hủy"]
    how, said = answer.split(":", 1)
    [summary] = await (leader.taps(said) if how == "tap" else leader.says(said))
    assert "Ngày: Thứ Bảy, 28/11/2026" in summary and f"Giờ: {at}" in summary, summary
    assert "Địa điểm: nha van hoa ap" in summary and leader.labels()[0] == "Xác nhận gửi"


@pytest.mark.parametrize(
    "typed",
    [
        "doi hop qua chua nhat nghen, thu 7 nha tui co dam gio",  # the stranger's: was 05/12
        "dời họp qua chủ nhựt nghen, thứ 7 nhà tui có đám giỗ",
        "doi hop qua cn nghen, thu 7 nha tui co dam gio",
        "dời họp sang CN nhé, thứ 7 nhà tui có đám giỗ",
        "thu 7 nha tui co dam gio, doi hop qua chu nhat nghe",
        "doi hop qua chu nhat, nha tui co dam gio",  # the reason is not the agenda
    ],
)
async def test_the_new_day_is_the_one_after_the_move_word(running: Harness, typed: str) -> None:
    h = running
    await call_one(h)  # Saturday 28/11 at 19:00
    leader = Chat(h, LEADER)
    [summary] = await leader.says(typed)
    assert "Lịch cũ: Thứ Bảy, 28/11/2026 lúc 19:00" in summary, summary
    assert "Ngày: Chủ Nhật, 29/11/2026" in summary and "Giờ: 19:00" in summary, summary
    assert "Nội dung: bình xét cho vay" in summary and "Địa điểm: nhà văn hóa ấp" in summary
    await leader.taps("Xác nhận gửi")
    _first, moved = await notices_to(h, MEMBER, 2)
    assert "đã đổi: Chủ Nhật, 29/11/2026 lúc 19:00" in moved


@pytest.mark.parametrize(
    ("correction", "shown"),
    [
        ("ko phai, 7h toi lan 19h do", "Giờ: 19:00"),  # the stranger's: asked to type it again
        ("sai roi, chu nhat 6/12 lan", "Ngày: Chủ Nhật, 06/12/2026"),
        ("không, ở nhà tổ trưởng", "Địa điểm: nhà tổ trưởng"),
    ],
)
async def test_a_correction_at_the_summary_takes_the_value_it_carries(
    running: Harness, correction: str, shown: str
) -> None:
    h = running
    leader, _member, _other = await setup(h)
    [summary] = await leader.says("họp tổ thứ 7 lúc 7h sáng ở nhà văn hóa ấp, bình xét cho vay")
    assert "Giờ: 07:00" in summary
    [again] = await leader.says(correction)
    assert shown in again and "Gõ ngày, giờ" not in again, again
    assert "Nội dung: bình xét cho vay" in again
    assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
    [no] = await leader.says("không")  # a bare "no" still opens the edit
    assert "Gõ ngày, giờ" in no


async def test_a_move_to_an_hour_that_may_be_morning_or_evening_is_asked_about(
    running: Harness,
) -> None:
    h = running
    leader = await call_on_the_twelfth(h)
    [asked] = await leader.says("lui lai 7h nghe, to toi ban")
    assert "7 giờ sáng hay 7 giờ tối?" in asked, asked
    [summary] = await leader.taps("7 giờ tối")
    assert "(đổi lịch)" in summary and "Ngày: Thứ Bảy, 12/12/2026" in summary, summary
    assert "Giờ: 19:00" in summary and "Địa điểm: nhà văn hóa ấp" in summary
