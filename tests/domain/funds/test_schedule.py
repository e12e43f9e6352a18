"""Schedules: the worked example of DOMAIN.md, and what holds for every loan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given

from sharemarket import InvalidInput, LoanPrincipalTooSmall, Money
from sharemarket.domain.funds.schedule import LoanTerms, ScheduleType, add_months, build_schedule
from tests.strategies.funds import schedules

B, EP, EI = ScheduleType.BULLET, ScheduleType.EQUAL_PRINCIPAL, ScheduleType.EQUAL_INSTALMENT


def terms(
    kind: ScheduleType,
    *,
    principal: str = "1000000",
    rate: str = "4.35",
    periods: int = 12,
    contract: date = date(2026, 1, 15),
    first_due: date = date(2026, 2, 15),
) -> LoanTerms:
    return LoanTerms(
        Money.of(principal), Decimal(rate), Decimal(0), contract, first_due, periods, kind
    )


def test_the_worked_example_of_the_domain_brief():
    """¥1,000,000 at 4.35 % over 12 months: payment ¥85,309.90, first interest ¥3,625.00,
    first principal ¥81,684.90."""
    schedule = build_schedule(terms(EI), date(2026, 1, 15))
    first = schedule[0]
    assert (Money.of("85309.90"), Money.of("3625.00"), Money.of("81684.90")) == (
        first.total,
        first.interest,
        first.principal,
    )
    assert all(Money.of("85309.90") == i.total for i in schedule[:-1])
    assert Money.of("1000000") == Money.sum(i.principal for i in schedule)
    assert [add_months(date(2026, 2, 15), k) for k in range(12)] == [i.due_on for i in schedule]


def test_equal_principal_rounds_each_instalment_and_the_last_absorbs_the_remainder():
    schedule = build_schedule(terms(EP, principal="1000000", periods=12), date(2026, 1, 15))
    assert [Money.of("83333.33")] * 11 == [i.principal for i in schedule[:-1]]
    assert Money.of("83333.37") == schedule[-1].principal
    # Each month's interest is the outstanding principal x 4.35 % / 12, half up.
    assert Money.of("3625.00") == schedule[0].interest
    assert Money.of("3322.92") == schedule[1].interest  # 916,666.67 x 0.3625 % = 3,322.916...


def test_a_broken_first_period_is_charged_by_the_day_at_annual_over_360():
    """Disbursed on 2026-01-25, first due 2026-02-15: 21 days at 4.35 % / 360."""
    schedule = build_schedule(terms(EI), date(2026, 1, 25))
    assert Money.of("2537.50") == schedule[0].interest  # 1,000,000 x 0.0435 / 360 x 21
    assert Money.of("81684.90") == schedule[0].principal  # the annuity's split is kept


def test_a_bullet_loan_pays_interest_by_the_day_at_maturity():
    schedule = build_schedule(terms(B, periods=6), date(2026, 1, 15))
    assert 1 == len(schedule)
    assert date(2026, 7, 15) == schedule[0].due_on
    days = (date(2026, 7, 15) - date(2026, 1, 15)).days
    assert Money(100000000) * (Decimal("4.35") / 36000 * days) == schedule[0].interest


def test_an_interest_free_loan_charges_nothing():
    schedule = build_schedule(terms(EI, rate="0", periods=7), date(2026, 1, 15))
    assert Money(0) == Money.sum(i.interest for i in schedule)
    assert Money.of("1000000") == Money.sum(i.principal for i in schedule)


@given(schedules())
def test_principal_sums_to_the_loan_exactly_and_nothing_is_negative(drawn):
    loan_terms, _, schedule = drawn
    assert loan_terms.principal == Money.sum(i.principal for i in schedule)
    assert all(not i.interest.is_negative() and not i.principal.is_negative() for i in schedule)
    assert list(range(1, len(schedule) + 1)) == [i.number for i in schedule]
    dues = [i.due_on for i in schedule]
    assert sorted(set(dues)) == dues


def test_terms_refuse_a_first_due_date_not_after_the_contract_and_tiny_principals():
    with pytest.raises(InvalidInput, match="first due date"):
        terms(EI, first_due=date(2026, 1, 15))
    with pytest.raises(LoanPrincipalTooSmall):
        terms(EP, principal="119.99", periods=12)


def test_months_clamp_to_the_end_of_shorter_months():
    assert date(2026, 2, 28) == add_months(date(2026, 1, 31), 1)
    assert date(2026, 3, 31) == add_months(date(2026, 1, 31), 2)
    assert date(2027, 1, 31) == add_months(date(2026, 12, 31), 1)
