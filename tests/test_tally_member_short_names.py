"""The rule behind "Bùi Tâm" for Bùi Thị Tâm: a member is named by the end of the full name
or by the family name and the given name without the middle ones, with or without
diacritics; when two members fit, both are returned, so the bot asks which."""

from __future__ import annotations

from handlers.tally.members import find_named
from storage.tally_form import Line


def _line(customer: int, name: str) -> Line:
    return Line(customer, name, f"KH{customer}", "", None, 0, 100_000, 50_000, 100_000, 50_000)


LINES = [
    _line(1, "Bùi Thị Tâm"),
    _line(2, "Nguyễn Thị Tâm"),
    _line(3, "Nguyễn Văn Tâm"),
    _line(4, "Trần Minh Tâm"),
]


def test_family_and_given_name_name_one_member_and_keep_what_follows() -> None:
    named = find_named("Bui Tam chi dong tiet kiem 100k thoi", LINES)
    assert named is not None
    assert [x.name for x in named.members] == ["Bùi Thị Tâm"]
    assert named.rest == "chi dong tiet kiem 100k thoi"
    named = find_named("Bùi Tâm vắng", LINES)
    assert named is not None and [x.name for x in named.members] == ["Bùi Thị Tâm"]


def test_two_members_who_fit_the_short_name_are_both_returned() -> None:
    named = find_named("Nguyen Tam lai 100k", LINES)
    assert named is not None
    assert [x.name for x in named.members] == ["Nguyễn Thị Tâm", "Nguyễn Văn Tâm"]
    assert named.rest == "lai 100k"
    named = find_named("Van Tam lai 100k", LINES)  # the end of the name still wins alone
    assert named is not None and [x.name for x in named.members] == ["Nguyễn Văn Tâm"]
