"""The plain rules behind an officer's notices and short questions: a correction at the
preview, a change of audience, the go-ahead, the data date, loading a file, a follow-up."""

from __future__ import annotations

import pytest

from handlers.officer.broadcast_words import (
    Request,
    Wanted,
    after_second_thoughts,
    asks_to_send,
    read_request,
    sends_now,
)
from handlers.officer.notice_english import as_vietnamese
from handlers.rules.notice_edit import Edit, asks_to_undo, correction
from handlers.rules.officer_questions import asks_data_date, asks_how_to_load, follow_up_place

DRAFT = "Thứ 5 có phiên giao dịch tại UBND xã lúc 7g30"


@pytest.mark.parametrize(
    ("said", "edit"),
    [
        ("khoan da, sua lai 8g chu ko phai 7g30", Edit(DRAFT.replace("7g30", "8g"))),
        ("không phải 7g30 mà là 8g nhé", Edit(DRAFT.replace("7g30", "8g"))),
        ("sửa 7g30 thành 8g", Edit(DRAFT.replace("7g30", "8g"))),
        ("sua UBND xa thanh nha van hoa", Edit(DRAFT.replace("UBND xã", "nha van hoa"))),
        ("9g chứ không phải 10g", Edit(None, missing="10g")),  # not in the draft: said so
        ("sửa lại nội dung", Edit(None)),
        ("ok gui di", None),
        ("khoan đã", None),
        ("mai hop thanh cong", None),
        ("tổ Ấp 3 nộp bảng kê chưa", None),
        ("sửa lại thứ 6 lúc 8h", Edit(DRAFT.replace("Thứ 5", "thứ 6").replace("7g30", "8h"))),
        ("sua lai ngay 17/12", Edit(None, unclear="ngay 17/12")),  # no date in it: asked back
    ],
)
def test_a_correction_at_the_preview(said: str, edit: Edit | None) -> None:
    assert correction(DRAFT, said) == edit


def test_a_new_date_and_time_replace_the_drafts() -> None:
    """ "sửa lại ngày 17/12 lúc 7g30" at the preview asked for the whole text again."""
    draft = "hop to ngay 10/12 luc 8h tai nha van hoa"
    said = "sua lai ngay 17/12 luc 7g30"
    assert correction(draft, said) == Edit("hop to ngay 17/12 luc 7g30 tai nha van hoa")
    assert correction(draft, "sửa lại 17/12 tại UBND") == Edit(None, unclear="17/12 tại UBND")


@pytest.mark.parametrize(
    ("said", "request_"),
    [
        ("a thoi khoan, gui cho xa dai tam truoc", Request(Wanted.COMMUNE, "dai tam truoc")),
        ("thoi doi y, chi gui to 0192041 thoi", Request(Wanted.GROUP, "0192041")),
        ("gui to T01 nhe", Request(Wanted.GROUP, "T01")),
        ("ok gui di", Request()),
        ("không gửi cho xã Đại Tâm nữa", Request()),  # no change of mind: a "no"
    ],
)
def test_a_change_of_audience(said: str, request_: Request) -> None:
    assert read_request(after_second_thoughts(said)) == request_


@pytest.mark.parametrize(
    ("said", "sends"),
    [
        ("ok gui di", True),
        ("gửi luôn nhé", True),
        ("ừ gửi đi", True),
        ("gui cho xa Dai Tam", False),
    ],
)
def test_the_go_ahead_at_the_preview(said: str, sends: bool) -> None:
    assert sends_now(said) is sends


@pytest.mark.parametrize(
    ("said", "notice"),
    [
        ("gui thong bao xa dai tam: thu 5 ngay 17/12 co phien giao dich luc 7g30", True),
        ("gui to 0192041: chieu nay 2g em xuong ap kiem tra", True),
        ("gửi thông báo", True),
        ("gửi tôi danh sách quá hạn", False),
        ("dư nợ xã Đại Tâm bao nhiêu", False),
    ],
)
def test_what_is_a_notice_request(said: str, notice: bool) -> None:
    assert asks_to_send(said) is notice


@pytest.mark.parametrize(
    ("said", "date", "load", "place"),
    [
        ("so lieu cap nhat den ngay may roi", True, False, None),
        ("dữ liệu mới nhất chưa", True, False, None),
        ("số liệu tính đến ngày nào", True, False, None),
        ("lam sao nap file hstd moi len", False, True, None),
        ("cách tải số liệu lên", False, True, None),
        ("con thanh phu thi sao", False, False, "thanh phu"),
        ("Thạnh Phú thì sao?", False, False, "thanh phu"),
        ("còn bao nhiêu", False, False, None),
        ("dư nợ còn bao nhiêu", False, False, None),
    ],
)
def test_an_officers_short_questions(said: str, date: bool, load: bool, place: str | None) -> None:
    assert asks_data_date(said) is date
    assert asks_how_to_load(said) is load
    assert follow_up_place(said) == place


def test_a_correction_takes_the_when_it_names_not_the_words_around_it() -> None:
    """A stranger's officer (session 11): "sửa lại giờ là 8h00 chứ không phải 7h30" made the
    notice read "lúc giờ là 8h00", and "đổi ngày thành thứ Sáu 18/12 giúp chị" read "thứ Năm
    thứ Sáu 18/12 giúp chị 17/12", both ready to send."""
    draft = "Họp tổ lúc 7h30 sáng thứ Năm ngày 17/12 tại nhà văn hóa"
    assert correction(draft, "Chị sửa lại giờ là 8h00 chứ không phải 7h30 nhé") == Edit(
        draft.replace("7h30", "8h00")
    )
    assert correction(draft, "Đổi ngày thành thứ Sáu 18/12 giúp chị") == Edit(
        draft.replace("thứ Năm", "thứ Sáu").replace("17/12", "18/12")
    )
    assert correction(draft, "đổi giờ thành 8h") == Edit(draft.replace("7h30", "8h"))
    assert correction(draft, "sửa 7h30 thành 8h") == Edit(draft.replace("7h30", "8h"))


NOTICE = "Thứ 5 họp tổ lúc 7g30 tại UBND xã, bà con mang theo sổ vay vốn"


@pytest.mark.parametrize(
    ("said", "edit"),
    [
        ('sửa chữ "sổ vay vốn" thành "sổ tiết kiệm"', NOTICE.replace("sổ vay vốn", "sổ tiết kiệm")),
        ("sửa cụm từ “sổ vay vốn” thành “CCCD”", NOTICE.replace("sổ vay vốn", "CCCD")),
        ("thay 'UBND xã' bằng 'nhà văn hóa'", NOTICE.replace("UBND xã", "nhà văn hóa")),
        ("sửa lại: nhà văn hóa ấp Tâm Kiên", NOTICE.replace("UBND xã", "nhà văn hóa ấp Tâm Kiên")),
        ("đổi chỗ họp thành hội trường ấp 3", NOTICE.replace("UBND xã", "hội trường ấp 3")),
        ("sửa lại tại nhà ông Tư nha", NOTICE.replace("UBND xã", "nhà ông Tư")),
        ("change 7g30 to 8g", NOTICE.replace("7g30", "8g")),
        ("replace the UBND xã with the hall", NOTICE.replace("UBND xã", "the hall")),
    ],
)
def test_words_and_places_named_at_the_preview(said: str, edit: str | None) -> None:
    got = correction(NOTICE, said)
    assert got is not None and got.text == edit, got


@pytest.mark.parametrize(
    ("draft", "said", "missing", "place"),
    [
        (NOTICE, 'sửa chữ "sổ hộ khẩu" thành "CCCD"', "sổ hộ khẩu", None),
        (NOTICE, "9g chứ không phải 10g", "10g", None),
        (
            "Thứ 5 họp tổ lúc 7g30",
            "sửa lại: nhà văn hóa ấp Tâm Kiên",
            None,
            "nhà văn hóa ấp Tâm Kiên",
        ),
        ("Họp tại UBND, rồi tại nhà văn hóa", "sửa lại: hội trường", None, "hội trường"),
    ],
)
def test_what_cannot_be_changed_is_named(
    draft: str, said: str, missing: str | None, place: str | None
) -> None:
    assert correction(draft, said) == Edit(None, missing=missing, place=place)


def test_a_short_correction_naming_nothing_to_change_is_asked_back() -> None:
    assert correction(NOTICE, "sửa lại: mang theo CCCD") == Edit(None, unclear="mang theo CCCD")
    assert correction(NOTICE, "sửa lại nội dung nhé") == Edit(None)  # the new text is asked
    assert correction(NOTICE, "đổi ý") is None
    assert correction(NOTICE, "anh ơi khi nào gửi") is None
    assert correction(NOTICE, "sửa “7g30” → “8g”") == Edit(NOTICE.replace("7g30", "8g"))


ENGLISH = "meeting moved to Friday 8am at the community hall"


@pytest.mark.parametrize(
    ("said", "edit"),
    [
        ("change 8am to 9am", ENGLISH.replace("8am", "9am")),
        ("make it Saturday instead", ENGLISH.replace("Friday", "Saturday")),
        ("move it to 9:30am please", ENGLISH.replace("8am", "9:30am")),
        ("replace meeting with session", ENGLISH.replace("meeting", "session")),
        ("Saturday instead of Friday", ENGLISH.replace("Friday", "Saturday")),
        ("sorry, it's 9am not 8am", ENGLISH.replace("8am", "9am")),
        ("change the time to 7:45am", ENGLISH.replace("8am", "7:45am")),
        ("change the place to the school", ENGLISH.replace("the community hall", "the school")),
    ],
)
def test_english_edits_at_the_preview(said: str, edit: str) -> None:
    assert correction(ENGLISH, said) == Edit(edit)


@pytest.mark.parametrize(
    "said", ["make sure everyone comes", "do not forget your book", "thanks", "send it"]
)
def test_english_lines_that_are_no_edit(said: str) -> None:
    assert correction(ENGLISH, said) is None


@pytest.mark.parametrize(
    ("said", "undo"),
    [
        ("quay lại bản trước", True),
        ("hoàn tác", True),
        ("hoan tac nhe", True),
        ("undo", True),
        ("bản cũ", True),
        ("lấy lại bản cũ giúp chị", True),
        ("để như cũ", True),
        ("go back to the previous version", True),
        ("quay lại sau nhé", False),
        ("quay lại UBND xã lúc 8h", False),
        ("trước", False),
        ("thông báo cũ gửi chưa", False),
    ],
)
def test_asking_for_the_draft_before(said: str, undo: bool) -> None:
    assert asks_to_undo(said) is undo


@pytest.mark.parametrize(
    ("text", "vietnamese"),
    [
        (
            "send to the group in hamlet 3: meeting at 8am",
            "gửi thông báo cho tổ ấp 3: meeting at 8am",
        ),
        ("send to the hamlet 3 group: meeting", "gửi thông báo cho tổ ấp 3: meeting"),
        ("send to hamlet Tam Kien: meeting", "gửi thông báo cho tổ ấp Tam Kien: meeting"),
        (
            "notify the group of hamlet 3 in Dai Tam that x",
            "gửi thông báo cho tổ ấp 3 xã Dai Tam: x",
        ),
        ("send to everyone in hamlet 3: x", "gửi thông báo cho tổ ấp 3: x"),
        ("send to group T01: x", "gửi thông báo cho tổ T01: x"),
    ],
)
def test_an_english_audience_by_hamlet_is_its_group(text: str, vietnamese: str) -> None:
    assert as_vietnamese(text) == vietnamese


@pytest.mark.parametrize(
    ("draft", "said", "unclear"),
    [
        ("meeting at 8am", "make it Friday instead", "Friday"),  # no weekday in it
        (ENGLISH, "make it shorter", "shorter"),
        ("Họp tổ lúc 7h30", "đổi ngày thành thứ Sáu 18/12", "thứ Sáu 18/12"),
    ],
)
def test_a_when_the_draft_has_no_place_for_is_asked_back(
    draft: str, said: str, unclear: str
) -> None:
    assert correction(draft, said) == Edit(None, unclear=unclear)
