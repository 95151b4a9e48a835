"""A leader asking about one person. "ba Tu ben Tam Kien no bn" (a Tư of another group)
was answered with the leader's own member of that name, with no note: a question naming
another group or commune is told plainly that the leader sees only their own group's
members, with nobody's figures. "ba Lan con no bn" gave the interest to collect although the
submitted tally said she paid, and no balance: a member's status gives her balance (dư nợ),
the interest due this month and what the tally (draft or submitted) has for her. Through the
real PTB stack against the fake Bot API."""

from __future__ import annotations

import re

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, linked_leader, load_tam_group, open_tam_tally

LEADER = 101
MONEY = re.compile(r"\d[\d.]* đ")


async def test_another_group_or_commune_is_refused_without_figures(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await load_tam_group(h.engine, h.folder)  # T03 "Tổ ấp 5", Đại Tâm too
        leader = await linked_leader(h)  # leads T01 "Tổ ấp 3" in Đại Tâm
        for question in (
            "ong Son ben Thanh Phu no bn",  # another commune
            "ông Sơn tổ T02 còn nợ bao nhiêu",  # another group, by its code
            "ông Sơn ở tổ ấp 5 nợ bn",  # another group of her own commune, by its name
            "ông Sơn tổ khác nợ bao nhiêu",
        ):
            [answer] = await leader.says(question)
            assert "chỉ xem được thành viên trong tổ của mình (Tổ ấp 3)" in answer, question
            assert "Thạch Sơn" not in answer and not MONEY.search(answer), answer

        [own] = await leader.says("ông Sơn ở xã Đại Tâm còn nợ bn")  # her own commune
        assert "Thạch Sơn" in own


async def test_a_members_status_has_her_balance_interest_and_the_tally(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)  # T03, led by Danh Sô Phanh
        # asked with the draft open: answered, then the nudge to go on with the tally
        answer, nudge = await leader.says("bà Ngọc Tâm còn nợ bn", replies=2)
        assert "tiếp tục bảng kê" in nudge
        assert "Nguyễn Thị Ngọc Tâm" in answer
        assert "Dư nợ: 20.000.000 đ" in answer
        assert "Lãi phải nộp tháng này: 165.000 đ" in answer
        assert "Bảng kê đang lập (chưa nộp): tính là nộp đủ" in answer

        await leader.says("Ngoc Tam lai 100k gui 200k")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        [answer] = await leader.says("bà Ngọc Tâm còn nợ bn")
        assert "Dư nợ: 20.000.000 đ" in answer
        assert "Lãi phải nộp tháng này: 165.000 đ" in answer
        assert "Bảng kê đã nộp: đã nộp lãi 100.000 đ, còn nợ lãi 65.000 đ" in answer
        assert "lãi cần thu" not in answer


def test_the_places_a_question_names() -> None:
    from handlers.rules.places import Place, names_another_place

    places = [
        Place(1, 1, "0192041", "Tổ TK&VV ấp Đại Nghĩa Thắng", "Ấp Đại Nghĩa Thắng", "Đại Tâm"),
        Place(2, 1, "0192042", "Tổ TK&VV ấp Tâm Kiên", "Ấp Tâm Kiên", "Đại Tâm"),
        Place(3, 2, "0192071", "Tổ TK&VV ấp Phú Hòa", "Ấp Phú Hòa", "Thạnh Phú"),
    ]
    for text in ("ba Tu ben Tam Kien no bn", "bà Tư ấp Phú Hòa", "ông Út xã Thạnh Phú", "tổ khác"):
        assert names_another_place(text, 1, places), text
    for text in ("ba Tu con no bn", "bà Tư ở Đại Nghĩa Thắng", "bà Tâm xã Đại Tâm nợ 5 triệu"):
        assert not names_another_place(text, 1, places), text


async def test_a_neighbour_with_no_name_is_asked_back_by_name(
    harness: Harness, clock: Clock
) -> None:
    """ "hàng xóm tui còn nợ bao nhiêu" from a leader got "no member called hàng xóm"
    (a stranger, session 6): the words point at someone; the bot asks who."""
    h = harness
    async with bot(h, clock):
        leader = await linked_leader(h)
        for question in ("hàng xóm tui còn nợ bao nhiêu", "ba hang xom ke ben dong lai chua"):
            [answer] = await leader.says(question)
            assert "thành viên nào" in answer and "gõ tên" in answer, answer
            assert "tên hàng xóm" not in answer and "tên hang xom" not in answer
            assert not MONEY.search(answer), answer
        [unknown] = await leader.says("bà Hoa Mai còn nợ bao nhiêu")  # a name nobody has
        assert "không có thành viên nào tên bà Hoa Mai" in unknown, unknown


async def test_a_full_name_with_any_family_name_is_someone_else(
    harness: Harness, clock: Clock
) -> None:
    """ "ong Le Van Hoa o ap Tam Kien qua han khong" from a leader got the leader's own
    household's overdue answer (a stranger, session 7): "Lê" was no known name syllable, so
    nobody was named. A title before three capitalised words names that person."""
    h = harness
    async with bot(h, clock):
        await load_tam_group(h.engine, h.folder)
        leader = await linked_leader(h)  # leads T01 "Tổ ấp 3"
        [answer] = await leader.says("ong Le Van Hoa o to ap 5 qua han khong")
        assert "chỉ xem được thành viên trong tổ của mình (Tổ ấp 3)" in answer, answer
        assert "Lâm Thị Sa Ri" not in answer and not MONEY.search(answer), answer
        [answer] = await leader.says("ong Le Van Hoa qua han khong")
        assert "không có thành viên nào tên ong Le Van Hoa" in answer, answer
        assert "Lâm Thị Sa Ri" not in answer and not MONEY.search(answer), answer


async def test_has_a_member_paid_is_that_members_status(harness: Harness, clock: Clock) -> None:
    """ "ba Kim Lan dong chua" (has she paid?) from a leader with no draft open got the whole
    group's status: it is that member's status."""
    h = harness
    async with bot(h, clock):
        leader = await linked_leader(h)
        for question in ("ong Thach Son dong chua", "ông Sơn đóng lãi chưa"):
            [answer] = await leader.says(question)
            assert answer.startswith("Thạch Sơn:"), answer
            assert "Lãi phải nộp tháng này" in answer, answer


async def test_a_members_phone_number_is_not_given_out(harness: Harness, clock: Clock) -> None:
    """ "so dt cua ba kim lan" from a leader got "Welcome back!" (read as linking): the bot
    keeps phone numbers only to link chats, and says so; that member's status is offered."""
    h = harness
    async with bot(h, clock):
        leader = await linked_leader(h)
        for question in ("so dt cua ong Thach Son", "sdt ông Sơn", "số điện thoại của ông Sơn"):
            [answer] = await leader.says(question)
            assert "không đưa số điện thoại" in answer, answer
            assert "0987654321" not in answer and "Chào mừng" not in answer, answer
