"""A leader naming a member with a familiar title and the name typed without its marks
("thang Khol dong chua", "cn Khol no con no lai ko", "con Khol dong lai chua") got her own
household's figures (an outside tester, playing a demo leader): "Khơl" is no name syllable
the bot knows, so nobody was named. A title before a word that is no common word names
that person: the member's status, or, when nobody in the group has that name, that no
member is called so; never the leader's own figures. With three members named Tâm, "ba Tam
con no lai bao nhieu" asks which one, with the names as options, the name said back
without the title; the answer (tapped, its number on the console, the full name or the
part that tells them apart) is that member's status. Through the real PTB stack and the
console."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.nlu import about_other
from storage.importer import import_file
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LOAN_HEADER, Clock, Harness
from tests.tally_fixtures import Chat, bot, linked_leader
from tests.test_consent_stories import Console

MONEY = re.compile(r"\d[\d.]* đ")
PHANH = {"code": "KH801", "phone": "0996865468", "last4": "5684", "name": "Danh Sô Phanh"}
# Group T08 in Đại Tâm, led by Danh Sô Phanh (interest 150.000 đ), as the demo's first group.
T08 = [
    ("KH801", "Danh Sô Phanh", "0996865468", "079100005684", 150_000),
    ("KH802", "Sơn Sóc Khơl", "", "", 135_000),
    ("KH803", "Bùi Thị Tâm", "", "", 275_000),
    ("KH804", "Nguyễn Thị Ngọc Tâm", "", "", 165_000),
    ("KH805", "Trần Minh Tâm", "", "", 38_000),
    ("KH806", "Hồ Hoàng Sáu", "", "", 90_000),
]


PLACE = ("T08", "Tổ ấp 8", "Đại Tâm")


async def load_t08(engine: AsyncEngine, folder: Path) -> None:
    header = [*LOAN_HEADER[:12], "Lãi DT trong tháng"]
    rows = [
        [code, name, f"KU{code[2:]}", 1, 6_000_000, 0, AS_OF, *PLACE, phone, cccd, due]
        for code, name, phone, cccd, due in T08
    ]
    for path in (
        write_csv(folder / "t08.csv", header, rows),
        write_csv(
            folder / "t08_leader.csv",
            ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"],
            [["T08", "KH801", "200.000"]],
        ),
    ):
        report = await import_file(engine, path)
        assert report.error is None, report.error


async def phanh(h: Harness) -> Chat:
    await load_t08(h.engine, h.folder)
    return await linked_leader(h, 180, PHANH)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("thang Khol dong chua", "thang Khol"),
        ("cn Khol no con no lai ko", "cn Khol"),
        ("con Khol dong lai chua", "con Khol"),
        ("thg Khol no bn", "thg Khol"),
        ("be Khol dong chua", "be Khol"),
        ("mợ Khol đóng chưa", "mợ Khol"),
        ("ong khol dong lai chua", "ong khol"),
        # titles that are also common words, before common words: nobody
        ("co phai dong lai thang nay khong", None),
        ("con phai dong bao nhieu", None),
        ("o dai tam ngay nao giao dich", None),
        ("cn nay co hop khong", None),
        ("thg sau dong bn", None),
        ("em muon hoi lai thang nay", None),
        ("nha e tre han may thang rui co sao ko", None),  # a typo after "thang"
        ("tui cn thiu bnhiu tien goc v", None),
        ("con trau nha toi bi chuong bung phai lam sao", None),
        ("Có ai mua mật ong rừng không", None),
        ("Gửi thông báo tới tổ TK&VV ấp Xẻo Me và ấp Ba Rinh.", None),  # a place
        ("When is my next installment, remind me three days before", None),
        ("How do I get a visa to work in Taiwan?", None),
    ],
)
def test_a_title_before_a_word_no_question_uses_names_someone(
    text: str, person: str | None
) -> None:
    assert about_other(text) == person


def test_a_title_before_a_word_of_a_members_name() -> None:
    from bot.nlu.people import titled_name_of

    names = [name for _code, name, *_rest in T08]
    assert titled_name_of("thang khol dong chua", names) == "thang khol"
    assert titled_name_of("o Khol dong chua", names) == "o Khol"
    assert titled_name_of("ong son soc khol no bn", names) == "ong son soc khol"
    assert titled_name_of("thang sau dong bn", names) is None  # "tháng sau"
    assert titled_name_of("lich giao dich o ap Khol", names) is None  # a place
    assert titled_name_of("lai thang nay bao nhieu", names) is None
    with_loi = [*names, "Bùi Hoàng Lợi"]
    assert titled_name_of("ong loi dong chua", with_loi) == "ong loi"
    assert titled_name_of("con loi bao nhieu", with_loi) is None  # "còn lời"


async def test_a_member_named_with_a_familiar_title_is_that_members_status(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await phanh(h)
        for question in (
            "thang Khol dong chua",
            "cn Khol no con no lai ko",
            "con Khol dong lai chua",
            "thg Khol no bn",
            "be Khol dong chua",
            "ong khol dong lai chua",
            "mo Khol dong chua",
            "cau Khol dong chua",
            # typed all in lower case, or after "o" (also "ở"): a word of a member's name
            "thang khol dong chua",
            "o Khol dong chua",
        ):
            [answer] = await leader.says(question)
            assert answer.startswith("Sơn Sóc Khơl:"), (question, answer)
            assert "Lãi phải nộp tháng này: 135.000 đ" in answer, answer
            assert "Danh Sô Phanh" not in answer and "150.000 đ" not in answer, answer
        for question in ("thang Xoai dong chua", "cn Ruong no bn"):  # nobody so called
            [answer] = await leader.says(question)
            assert "không có thành viên nào tên" in answer, (question, answer)
            assert "Danh Sô Phanh" not in answer and not MONEY.search(answer), answer
            assert "thằng" not in answer and "cn " not in answer, answer  # never said back rudely
        # her own question is still hers
        [own] = await leader.says("lai thang nay bao nhieu")
        assert own.startswith("Hộ Danh Sô Phanh:"), own


async def test_several_members_of_one_name_are_offered_as_options(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await phanh(h)
        [asked] = await leader.says("ba Tam con no lai bao nhieu")
        assert "nhiều người tên Tâm" in asked and "ba Tam" not in asked, asked
        assert leader.labels() == ["Bùi Thị Tâm", "Nguyễn Thị Ngọc Tâm", "Trần Minh Tâm"]
        [answer] = await leader.taps("Nguyễn Thị Ngọc Tâm")
        assert answer.startswith("Nguyễn Thị Ngọc Tâm:"), answer
        assert "Lãi phải nộp tháng này: 165.000 đ" in answer, answer
        [forged] = await leader.presses("member:1")  # Lâm Thị Sa Ri, of another group
        assert "không (còn) có trong số liệu của tổ" in forged, forged
        assert "Sa Ri" not in forged and not MONEY.search(forged), forged

        for typed, whose, due in (
            ("Bui Thi Tam", "Bùi Thị Tâm", "275.000 đ"),
            ("ba Ngoc Tam", "Nguyễn Thị Ngọc Tâm", "165.000 đ"),
            ("ông Minh Tâm", "Trần Minh Tâm", "38.000 đ"),
        ):
            await leader.says("ba Tam con no lai bao nhieu")
            [answer] = await leader.says(typed)
            assert answer.startswith(f"{whose}:"), (typed, answer)
            assert f"Lãi phải nộp tháng này: {due}" in answer, answer


async def test_the_console_numbers_the_members_of_one_name(harness: Harness, clock: Clock) -> None:
    h = harness
    await load_t08(h.engine, h.folder)
    console = Console(h, PHANH, clock)
    await console.links()
    await console.says("đồng ý")
    asked = await console.says("ba Tam con no lai bao nhieu")
    assert "nhiều người tên Tâm" in asked, asked
    assert "1. Bùi Thị Tâm" in asked and "3. Trần Minh Tâm" in asked, asked
    answer = await console.says("so 3")
    assert "Trần Minh Tâm:" in answer and "Lãi phải nộp tháng này: 38.000 đ" in answer, answer
    await console.says("ba Tam con no lai bao nhieu")
    answer = await console.says("Bui Thi Tam")
    assert "Bùi Thị Tâm:" in answer and "không có chi" not in answer, answer
