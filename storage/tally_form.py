"""The collection tally (Bảng kê 13/TD) as stored: a member's line and the group's totals.

A line starts as "paid what was due": the interest due (this month's plus carried over) and
the group's minimum savings. Principal is never collected by the leader (domain notes §0.1);
the only principal on the form is the part repaid from the member's savings. The arithmetic
over lines is a bank rule and lives in `handlers.rules.tally`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Line:
    customer_id: int
    name: str
    code: str
    contracts: str
    loan_id: int | None
    outstanding: int
    interest_due: int
    min_savings: int
    interest_collected: int
    savings_deposited: int
    principal_from_savings: int = 0
    absent: bool = False
    # Nothing paid, put off to a later session by a member who was there (not absent)
    put_off: bool = False

    @property
    def interest_unpaid(self) -> int:
        return max(self.interest_due - self.interest_collected, 0)

    @property
    def changed(self) -> bool:
        return (
            self.absent
            or self.put_off
            or self.interest_collected != self.interest_due
            or self.savings_deposited != self.min_savings
            or self.principal_from_savings != 0
        )

    def as_paid_in_full(self) -> Line:
        return replace(
            self,
            interest_collected=self.interest_due,
            savings_deposited=self.min_savings,
            principal_from_savings=0,
            absent=False,
            put_off=False,
        )


@dataclass(frozen=True)
class Totals:
    interest_due: int
    interest_collected: int
    interest_unpaid: int
    savings_collected: int
    principal_from_savings: int

    @property
    def cash_to_hand_over(self) -> int:
        """What the leader carries to the transaction point: interest and savings collected.
        (Principal repaid from savings moves inside the member's account, not in cash.)"""
        return self.interest_collected + self.savings_collected
