"""Repayment allocation (due first, oldest first, penalty -> interest -> principal; prepayment
from the last instalment), arrears and buckets, penalty interest."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sharemarket import DelinquencyBucket, Money
from sharemarket.domain.funds.allocation import Owed, after, allocate, penalties
from sharemarket.domain.funds.arrears import arrears
from tests.strategies.funds import owed_rows

D1, D2, D3 = date(2026, 2, 15), date(2026, 3, 15), date(2026, 4, 15)


def rows() -> tuple[Owed, ...]:
    return (
        Owed(1, D1, Money(10_000), Money(500), Money(30)),
        Owed(2, D2, Money(10_000), Money(400)),
        Owed(3, D3, Money(10_000), Money(300)),
    )


def test_an_overdue_instalment_is_paid_penalty_then_interest_then_principal():
    a = allocate(rows(), Money(600), date(2026, 3, 1))
    assert 1 == len(a.parts)
    part = a.parts[0]
    assert (1, Money(30), Money(500), Money(70)) == (
        part.number,
        part.penalty,
        part.interest,
        part.principal,
    )


def test_the_oldest_due_instalment_is_paid_first_and_the_rest_prepays_the_last():
    a = allocate(rows(), Money(10_530 + 10_400 + 2_000), date(2026, 3, 20))
    by = {p.number: p for p in a.parts}
    assert Money(10_530) == by[1].total
    assert Money(10_400) == by[2].total
    # What is left prepays principal from the last instalment, whose interest stays owed.
    assert (Money(0), Money(2_000)) == (by[3].interest, by[3].principal)
    assert Money(0) == a.excess


def test_paying_more_than_everything_owed_leaves_an_excess():
    total = Money.sum(r.total for r in rows())
    a = allocate(rows(), total + Money(99), D1)
    assert Money(99) == a.excess
    assert all(Money(0) == r.total for r in after(rows(), a))


@given(owed_rows(), st.integers(1, 10**10), st.integers(-60, 400))
def test_allocation_never_pays_a_component_beyond_what_is_due_and_adds_up(owed, fen, days):
    """Every fen is allocated once; no component goes below zero."""
    as_of = owed[0].due_on + timedelta(days=days)
    a = allocate(owed, Money(fen), as_of)
    assert Money(fen) == a.total
    left = {r.number: r for r in after(owed, a)}
    for r in owed:
        rest = left[r.number]
        assert not rest.penalty.is_negative()
        assert not rest.interest.is_negative()
        assert not rest.principal.is_negative()
    if a.excess:
        assert all(Money(0) == r.total for r in left.values())


@given(owed_rows(), st.integers(1, 10**8), st.integers(0, 400))
def test_nothing_later_is_paid_while_a_due_instalment_is_unpaid(owed, fen, days):
    as_of = owed[0].due_on + timedelta(days=days)
    a = allocate(owed, Money(fen), as_of)
    rest = {r.number: r for r in after(owed, a)}
    if any(r.total for r in rest.values() if r.due_on <= as_of):
        assert all(p.number in {r.number for r in owed if r.due_on <= as_of} for p in a.parts)


def test_arrears_count_days_from_the_oldest_unpaid_instalment():
    owed = after(rows(), allocate(rows(), Money(10_530), D1))
    assert 0 == arrears(owed, D2).days_overdue  # due today is not overdue
    late = arrears(owed, D3 + timedelta(days=1))
    assert (32, D2, Money(20_000), Money(700)) == (
        late.days_overdue,
        late.oldest_due_on,
        late.principal,
        late.interest,
    )
    assert DelinquencyBucket.DAYS_31_60 is late.bucket


def test_delinquency_buckets_are_fineracts():
    edges = {
        0: "current",
        1: "1-30",
        30: "1-30",
        31: "31-60",
        60: "31-60",
        61: "61-90",
        90: "61-90",
        91: "90+",
    }
    assert edges == {d: DelinquencyBucket.of(d).value for d in edges}


def test_penalty_accrues_by_the_day_on_overdue_principal_only():
    """¥100.00 overdue 20 days at 18 % / 360: ¥1.00; the second instalment is not yet due."""
    owed = (Owed(1, D1, Money(10_000), Money(500)), Owed(2, D2, Money(10_000), Money(0)))
    assert ((1, Money(100)),) == penalties(owed, Decimal(18), D1, D1 + timedelta(days=20))
    # Accrued to a date already past the due date: counted from there.
    assert ((1, Money(50)),) == penalties(
        owed, Decimal(18), D1 + timedelta(days=10), D1 + timedelta(days=20)
    )
    # Two days after the second due date, both instalments are charged.
    assert ((1, Money(150)), (2, Money(10))) == penalties(
        owed, Decimal(18), D1, D2 + timedelta(days=2)
    )
