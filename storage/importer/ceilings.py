"""What a bank file's figures and texts can be: the most a social-policy loan has in each money
column, and the longest text each stored column takes. Plain rules, no database."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Column, String

from storage.schema import communes, customers, groups, loans

# VBSP lends households and small businesses; the largest programmes (job creation for
# enterprises, social housing) stay well under 5 tỷ đồng a loan.
LOAN_CEILING = 5_000_000_000
# A month's interest on 5 tỷ at the highest social-policy rate is far under 100 triệu.
MONTHLY_CEILING = 100_000_000
# A group's minimum monthly savings per member (the leaders file): tens of thousands of đồng.
MIN_SAVINGS_CEILING = MONTHLY_CEILING

MONEY_CEILINGS: dict[str, int] = {
    "balance_total": LOAN_CEILING,
    "balance_current": LOAN_CEILING,
    "balance_overdue": LOAN_CEILING,
    "balance_frozen": LOAN_CEILING,
    "amount_lent": LOAN_CEILING,
    "principal_paid": LOAN_CEILING,
    "interest_unpaid": LOAN_CEILING,
    "next_due_amount": LOAN_CEILING,
    "interest_month": MONTHLY_CEILING,
    "savings_balance": LOAN_CEILING,
}
_MONEY_ITEMS = tuple(MONEY_CEILINGS.items())


def first_over_ceiling(values: Mapping[str, Any]) -> tuple[str, int, int] | None:
    """(field, amount, ceiling) of the first amount above what its column can be, or None."""
    for field, ceiling in _MONEY_ITEMS:
        amount = values.get(field)
        if amount is not None and amount > ceiling:
            return field, amount, ceiling
    return None


def column_length(column: Column[Any]) -> int:
    """The most characters a text column stores."""
    column_type = column.type
    assert isinstance(column_type, String) and column_type.length is not None
    return column_type.length


# Loans-file field → the longest text its column stores (PostgreSQL refuses longer ones).
LOAN_TEXT_LIMITS: dict[str, int] = {
    "customer_code": column_length(customers.c.code),
    "contract_no": column_length(loans.c.contract_no),
    "customer_name": column_length(customers.c.full_name),
    "program_name": column_length(loans.c.program_name),
    "group_code": column_length(groups.c.code),
    "group_name": column_length(groups.c.name),
    "commune_name": column_length(communes.c.name),
    "commune_code": column_length(communes.c.code),
    "entrusted_org": column_length(groups.c.entrusted_org),
    "hamlet": column_length(customers.c.hamlet),
    "leader_name": column_length(groups.c.leader_name),
    "office_name": column_length(communes.c.office_name),
    "status_text": column_length(loans.c.status_text),
    "classification": column_length(loans.c.classification),
    "address": column_length(customers.c.address),
}
_TEXT_ITEMS = tuple(LOAN_TEXT_LIMITS.items())


def first_too_long(values: Mapping[str, Any]) -> tuple[str, int] | None:
    """(field, limit) of the first text longer than its column stores, or None."""
    for field, limit in _TEXT_ITEMS:
        text = values.get(field)
        if text is not None and len(text) > limit:
            return field, limit
    return None
