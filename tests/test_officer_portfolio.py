"""An officer asking "dư nợ xã Đại Tâm bao nhiêu" was told that a household's balance is for
the household: an officer follows the commune's portfolio, so the answer is its outstanding
principal summed, by group, with the overdue part, and no household's figures. Through the
real PTB stack, on the bank's file as imported."""

from __future__ import annotations

from sqlalchemy import func, select

from handlers.officer.portfolio import portfolio_text
from locales.i18n import use_locale
from storage.borrowers import GroupPortfolio
from storage.schema import communes, customers, groups, loans
from tests.bot_fixtures import SARI, Harness
from tests.tally_fixtures import Chat
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_telegram_stories import link


async def test_an_officer_asking_a_communes_balance_gets_its_portfolio(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    async with h.engine.connect() as conn:
        total = await conn.scalar(
            select(
                func.sum(loans.c.balance_current + loans.c.balance_overdue + loans.c.balance_frozen)
            )
            .select_from(
                loans.join(customers, customers.c.id == loans.c.customer_id)
                .join(groups, groups.c.id == customers.c.group_id)
                .join(communes, communes.c.id == groups.c.commune_id)
            )
            .where(loans.c.closed_on.is_(None), communes.c.name == "Đại Tâm")
        )
    officer = Chat(h, OFFICER_CHAT)
    [answer] = await officer.says("du no xa dai tam bao nhieu")
    assert answer.startswith("Đại Tâm: dư nợ "), answer
    assert "T01 Tổ ấp 3: " in answer and "hộ" in answer, answer
    assert SARI["name"] not in answer, answer  # no household's figures
    [area] = await officer.says("tong du no dia ban cua toi")  # the officer's one commune
    assert area.startswith("Địa bàn của anh/chị: dư nợ "), area
    amount = f"{int(total):,}".replace(",", ".") + " đ"
    assert amount in area, (amount, area)
    [other] = await officer.says(f"du no cua {SARI['name']} bao nhieu")
    assert "Dư nợ từng hộ chỉ hộ vay tự xem" in other, other


def test_the_portfolio_counts_households_and_loans_each_in_its_own_number() -> None:
    """ "1 household, 1 loans" (a stranger, session 10): each count takes its own plural."""
    one = GroupPortfolio("Đại Tâm", "T01", "Tổ ấp 3", 1, 1, 5_000_000, 0, 0)
    many = GroupPortfolio("Đại Tâm", "T02", "Tổ ấp 4", 2, 3, 7_000_000, 0, 0)
    with use_locale("en"):
        assert portfolio_text("Đại Tâm", [one]).startswith(
            "Đại Tâm: outstanding 5,000,000 VND, 1 household, 1 loan."
        ), portfolio_text("Đại Tâm", [one])
        assert portfolio_text("Đại Tâm", [many]).startswith(
            "Đại Tâm: outstanding 7,000,000 VND, 2 households, 3 loans."
        )
        assert "1 household, 3 loans" in portfolio_text(
            "X", [GroupPortfolio("X", "T3", "G", 1, 3, 1, 0, 0)]
        )
    with use_locale("vi"):
        assert portfolio_text("Đại Tâm", [many]).startswith(
            "Đại Tâm: dư nợ 7.000.000 đ, 2 hộ, 3 món vay."
        )
