"""Contributors' shares of the pool's income and losses, pro rata to contributions over time."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Money
from sharemarket.domain.funds.shares import advance, share_out, split

A, B = "A", "B"


@given(
    st.integers(0, 10**12),
    st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 10**15), min_size=1),
)
def test_a_split_adds_up_to_the_amount_exactly_and_is_never_negative(fen, weights):
    parts = split(Money(fen), weights)
    if any(w > 0 for w in weights.values()) and fen:
        assert Money(fen) == Money.sum(parts.values())
    assert all(not p.is_negative() for p in parts.values())
    # Each part is within a fen of its exact pro rata share.
    total = sum(w for w in weights.values() if w > 0)
    for code, part in parts.items():
        assert abs(part.fen * total - fen * weights[code]) <= total


def test_money_that_stood_longer_earns_more():
    """A puts in ¥100 on day 0, B ¥100 on day 10; ¥30 of income on day 20 is split 2:1."""
    weights, clock = advance({}, {}, None, date(2026, 1, 1))
    weights, clock = advance(weights, {A: Money(10_000)}, clock, date(2026, 1, 11))
    balances = {A: Money(10_000), B: Money(10_000)}
    weights, clock = advance(weights, balances, clock, date(2026, 1, 21))
    assert {A: Money(2_000), B: Money(1_000)} == share_out(Money(3_000), weights, balances)


def test_without_time_passed_the_split_follows_the_contributions():
    assert {A: Money(1), B: Money(2)} == share_out(Money(3), {}, {A: Money(100), B: Money(200)})


def test_the_clock_never_runs_backwards():
    weights, clock = advance({A: 5}, {A: Money(1)}, date(2026, 1, 10), date(2026, 1, 1))
    assert ({A: 5}, date(2026, 1, 10)) == (weights, clock)
