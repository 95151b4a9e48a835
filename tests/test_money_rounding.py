"""Money is rounded half up, as people do, never half to even: the demo's interest to the
thousand (112.500 → 113.000 like 37.500 → 38.000) and the bank file's amounts to the đồng."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from bot import demo
from storage.values import parse_money, round_half_up


@pytest.mark.parametrize(
    ("value", "step", "rounded"),
    [
        (112_500, 1000, 113_000),  # half to even gave 112.000
        (37_500, 1000, 38_000),
        (112_499, 1000, 112_000),
        (Decimal("112500.0001"), 1000, 113_000),
        (0, 1000, 0),
        (2.5, 1, 3),  # half to even gave 2
        (3.5, 1, 4),
        (1_250_000.5, 1, 1_250_001),
        (1_250_000.49, 1, 1_250_000),
    ],
)
def test_half_up(value: Decimal | float | int, step: int, rounded: int) -> None:
    assert round_half_up(value, step) == rounded


def test_bank_amounts_round_half_up() -> None:
    assert parse_money(1_250_000.5) == 1_250_001
    assert parse_money("1.250.000,5") == 1_250_001


def test_the_demos_interest_is_rounded_half_up() -> None:
    rng = random.Random(7)
    seen_halves = 0
    for _ in range(3000):
        loan = demo._loan(rng, date(2026, 11, 30))
        exact = Decimal(loan.lent - loan.paid) * Decimal(str(loan.programme[2])) / 100
        assert loan.interest_month == round_half_up(exact, 1000)
        assert abs(loan.interest_month - exact) <= 500
        if exact % 1000 == 500:
            seen_halves += 1
            assert loan.interest_month == exact + 500
    assert seen_halves > 0  # the case that went wrong is among them
