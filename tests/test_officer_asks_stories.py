"""An outside tester, a credit officer, asked the chat what officers ask every day and got
something else: "Cho chị xem tổng dư nợ xã Đại Tâm" was the tally status, "outstanding
portfolio of Dai Tam" the "balances are for households" line, "xã ĐT" / "DN" / "TK" were not
understood, "xuất file bảng kê" was the leaders-only refusal, the help listed neither overdue
nor portfolio questions, and "tổ 3 xã Đại Tâm" (no such group) was "welcome back". Through
the real PTB stack, as an officer of Đại Tâm (the harness's T01 "Tổ ấp 3")."""

from __future__ import annotations

import pytest

from storage.importer import import_file
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LOAN_HEADER, SARI, Harness
from tests.tally_fixtures import Chat
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_telegram_stories import link

PORTFOLIO = "Đại Tâm: dư nợ 80.000.000 đ, 2 hộ, 3 món vay."


async def officer(h: Harness) -> Chat:
    await link(h, 101, SARI)  # the leader of T01
    await link_officer(h)
    return Chat(h, OFFICER_CHAT)


@pytest.mark.parametrize(
    "question",
    [
        "Cho chị xem tổng dư nợ xã Đại Tâm",
        "tong du no xa dai tam",
        "cho em xin du no xa Dai Tam voi",
        "DN xã Đại Tâm",
        "dn xa dai tam bao nhieu",
        "dư nợ xã ĐT",
        "tong dn xa DT",
        "dư nợ Đại Tâm bao nhiêu",  # no "xã": a known commune named
    ],
)
async def test_an_officer_asking_a_communes_outstanding_gets_its_portfolio(
    running: Harness, question: str
) -> None:
    chat = await officer(running)
    [answer] = await chat.says(question)
    assert answer.startswith(PORTFOLIO), answer
    assert "T01 Tổ ấp 3: 80.000.000 đ (2 hộ)" in answer, answer
    assert SARI["name"] not in answer and "bảng kê" not in answer, answer


@pytest.mark.parametrize(
    "question",
    [
        "outstanding portfolio of Dai Tam",
        "total outstanding in Dai Tam commune",
        "what is the outstanding balance of Dai Tam commune?",
    ],
)
async def test_an_officer_asking_in_english_gets_the_portfolio(
    running: Harness, question: str
) -> None:
    """The portfolio, in the language the chat is answered in (a short line with a place's
    name is not told English by `bot.nlu.language`: it may be answered in Vietnamese)."""
    chat = await officer(running)
    answer = (await chat.says(question))[0]
    assert answer.startswith(
        ("Đại Tâm: outstanding 80,000,000 VND, 2 households, 3 loans.", PORTFOLIO)
    ), answer
    assert "for the households themselves" not in answer, answer
    assert "Dư nợ từng hộ" not in answer, answer


async def test_a_households_balance_asked_by_an_officer_is_still_not_shown(
    running: Harness,
) -> None:
    """The negative: a person named is no commune; "dn" of a person is still refused."""
    chat = await officer(running)
    for question in (f"du no cua {SARI['name']} bao nhieu", "dn của bà Sa Ri"):
        [answer] = await chat.says(question)
        assert "Dư nợ từng hộ chỉ hộ vay tự xem" in answer, answer
        assert "80.000.000" not in answer, answer


async def test_a_communes_savings_asked_with_tk(running: Harness) -> None:
    """ "TK" is tiết kiệm when it stands alone (not "TK&VV", not "số TK"): the commune's
    savings summed by group, never one household's."""
    chat = await officer(running)
    for question in ("TK xã Đại Tâm", "tổng tiết kiệm xã ĐT", "tong tk xa dai tam bao nhieu"):
        [answer] = await chat.says(question)
        assert answer.startswith("Đại Tâm: tiền gửi tiết kiệm 1.500.000 đ, 2 hộ."), answer
        assert "T01 Tổ ấp 3: 1.500.000 đ (2 hộ)" in answer, answer
        assert SARI["name"] not in answer, answer
    [group] = await chat.says("tổ TK&VV ấp 3 xã Đại Tâm nộp bảng kê chưa")
    assert "tiết kiệm" not in group and "T01 Tổ ấp 3" in group, group


async def test_initials_name_the_commune_for_other_questions_too(running: Harness) -> None:
    """ "ai quá hạn xã ĐT": the same commune as "xã Đại Tâm"; a word that is no initials
    ("xã Tâm") is still not found."""
    chat = await officer(running)
    [overdue] = await chat.says("ai qua han xa DT")
    assert overdue.startswith("Đại Tâm: 1 hộ có nợ quá hạn, tổng 2.000.000 đ"), overdue
    [word] = await chat.says("ai qua han xa Tam")
    assert 'Không tìm thấy xã "Tam"' in word, word


async def test_an_officers_savings_question_is_the_areas_savings(running: Harness) -> None:
    """ "tiền tiết kiệm bao nhiêu" (no place said) from an officer: their area's savings,
    never a household's answer nor the refusal."""
    chat = await officer(running)
    [answer] = await chat.says("tiền tiết kiệm bao nhiêu")
    assert answer.startswith("Địa bàn của anh/chị: tiền gửi tiết kiệm 1.500.000 đ, 2 hộ."), answer


async def load_a_second_dt_commune(h: Harness) -> None:
    """Đông Thạnh (initials ĐT too) with one group, and the officer serving both."""
    header = LOAN_HEADER[:10]
    rows: list[list[object]] = [
        ["KH801", "Hộ Đông Thạnh", "KU801", 1, 10_000_000, 0, AS_OF, "T80", "Tổ ấp 8", "Đông Thạnh"]
    ]
    loans = await import_file(h.engine, write_csv(h.folder / "dong_thanh.csv", header, rows))
    assert loans.error is None, loans.error
    officers = write_csv(
        h.folder / "can_bo_2.csv",
        ["Họ tên", "Số điện thoại", "Phạm vi"],
        [["Trần Văn Bình", "0901234567", "Đại Tâm, Đông Thạnh"]],
    )
    report = await import_file(h.engine, officers)
    assert report.error is None, report.error


async def test_initials_that_fit_two_communes_are_asked_back(running: Harness) -> None:
    h = running
    await load_a_second_dt_commune(h)
    chat = await officer(h)
    [asked] = await chat.says("du no xa DT")
    assert asked.startswith("Anh/chị hỏi xã nào: "), asked
    assert "Đại Tâm" in asked and "Đông Thạnh" in asked and "tên đầy đủ" in asked, asked
    assert "dư nợ 80.000.000" not in asked and "Không tìm thấy" not in asked, asked
    [named] = await chat.says("dư nợ xã Đông Thạnh")  # the full name still answers
    assert named.startswith("Đông Thạnh: dư nợ 10.000.000 đ, 1 hộ, 1 món vay."), named
    [unknown] = await chat.says("du no xa QX")  # initials of none: not found, as before
    assert 'Không tìm thấy xã "QX"' in unknown, unknown


@pytest.mark.parametrize(
    "question", ["xuất file bảng kê tháng này", "tải bảng kê", "export the tallies"]
)
async def test_an_officer_asking_to_export_the_tallies_gets_them(
    running: Harness, question: str
) -> None:
    h = running
    chat = await officer(h)
    replies = await chat.says(question)
    answer = replies[0]
    assert "Chỉ tổ trưởng" not in answer and "Only group leaders" not in answer, answer
    assert "T01 Tổ ấp 3" in answer, answer  # the area's tallies, none submitted yet
    assert "export-tallies" in replies[-1], replies
    leader = Chat(h, 101)
    for typed in ("nop bang ke", "2 vang", "xong"):
        await leader.says(typed)
    await leader.taps("Xác nhận nộp")
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, question)
    status, file_sent, *_rest = await h.fake.replies(OFFICER_CHAT, 2, after=seen)
    assert "1/1 tổ đã nộp" in status or "1 of 1 groups" in status, status
    documents = h.fake.calls_to("sendDocument")
    assert documents and "13/TD" in file_sent, file_sent


async def test_the_officers_help_lists_what_an_officer_asks(running: Harness) -> None:
    chat = await officer(running)
    [help_text] = await chat.says("/help")
    for asked in ("dư nợ xã Đại Tâm", "ai quá hạn ở xã Đại Tâm", "tình hình bảng kê"):
        assert asked in help_text, help_text
    assert "xuất bảng kê" in help_text, help_text
    assert "dư nợ còn bao nhiêu" not in help_text, help_text  # a household's question
    expected = {  # each new example, typed as shown, gets what its line says
        "dư nợ xã Đại Tâm": PORTFOLIO,
        "ai quá hạn ở xã Đại Tâm": "Đại Tâm: 1 hộ có nợ quá hạn",
        "tiết kiệm xã Đại Tâm": "Đại Tâm: tiền gửi tiết kiệm 1.500.000 đ",
        "xuất bảng kê": "Xã Đại Tâm, phiên Thứ Năm, 17/12/2026: 0/1 tổ đã nộp bảng kê.",
    }
    for example, answer_starts in expected.items():
        assert f"“{example}”" in help_text, help_text
        [answer] = await chat.says(example)
        assert answer.startswith(answer_starts), (example, answer)


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        ("tổ 3 xã Đại Tâm", "3"),
        ("to 3 xa dai tam", "3"),
        ("tổ 9 xã Đại Tâm nộp bảng kê chưa", "9"),
        ("dư nợ tổ Phú Hòa xã Đại Tâm", "Phú Hòa"),  # Thạnh Phú's group, not Đại Tâm's
    ],
)
async def test_a_group_the_commune_does_not_have_is_said_so(
    running: Harness, question: str, typed: str
) -> None:
    chat = await officer(running)
    [answer] = await chat.says(question)
    assert answer.startswith(f"Xã Đại Tâm không có tổ {typed}; các tổ: T01 Tổ ấp 3."), answer


async def test_a_group_the_commune_has_is_still_that_group(running: Harness) -> None:
    """The negative: the group exists in the commune named (by name or code), so its tally
    is answered; "tổ trưởng xã …" and "tổ nào xã …" name no group."""
    chat = await officer(running)
    for question in ("tổ ấp 3 xã Đại Tâm nộp bảng kê chưa", "to T01 xa Dai Tam nop bang ke chua"):
        [answer] = await chat.says(question)
        assert "không có tổ" not in answer and "T01 Tổ ấp 3" in answer, answer
        assert "chưa nộp bảng kê" in answer, answer
    for question in ("tổ nào xã Đại Tâm chưa nộp bảng kê", "tổ trưởng xã Đại Tâm là ai"):
        [answer] = await chat.says(question)
        assert "không có tổ" not in answer, answer


async def test_a_group_of_another_communes_outside_the_area_is_refused(running: Harness) -> None:
    """ "tổ Phú Hòa xã Thạnh Phú" (outside the officer's area): refused as before, its groups
    not listed."""
    chat = await officer(running)
    [answer] = await chat.says("tổ 5 xã Thạnh Phú nộp bảng kê chưa")
    assert "không có tổ" not in answer and "T02" not in answer, answer


async def test_an_english_officer_types_the_helps_examples(running: Harness) -> None:
    """The English help's examples, typed as shown by an officer who chose English."""
    chat = await officer(running)
    await chat.says("/ngonngu en")
    [help_text] = await chat.says("/help")
    expected = {
        "outstanding in Đại Tâm commune": "Đại Tâm: outstanding 80,000,000 VND",
        "who is overdue in Đại Tâm commune": "Đại Tâm: 1 household",
        "savings of Đại Tâm commune": "Đại Tâm: savings 1,500,000 VND, 2 households.",
        "export the tallies": "Đại Tâm, session Thursday, 17/12/2026: 0 of 1 groups submitted.",
    }
    for example, answer_starts in expected.items():
        assert f"“{example}”" in help_text, help_text
        [answer] = await chat.says(example)
        assert answer.startswith(answer_starts), (example, answer)


@pytest.mark.parametrize("question", ["cho xem du no cua xa minh", "dư nợ xã em bao nhiêu"])
async def test_my_commune_is_the_officers_own_area(running: Harness, question: str) -> None:
    """ "xã mình" is the officer's own area (it was "I found no commune minh")."""
    chat = await officer(running)
    [answer] = await chat.says(question)
    assert answer.startswith("Địa bàn của anh/chị: dư nợ 80.000.000 đ"), answer
    assert "Không tìm thấy" not in answer
