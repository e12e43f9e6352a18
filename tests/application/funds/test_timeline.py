"""market.funds.timeline: pool cash and loans outstanding day by day, on every store."""

from __future__ import annotations

from datetime import date

import pytest

from sharemarket import InvalidInput, Money, ShareMarket
from tests.report_scene import APRIL, build


def test_each_day_by_the_dates_the_money_moved(market: ShareMarket) -> None:
    """Contributions on the 1st and 3rd, loans out on the 10th and 15th, repaid on the 25th and
    28th; the last day's figures are the pool's and the loans' statements now."""
    scene = build(market)
    days = {d.day: (d.pool_cash, d.loans_outstanding) for d in market.funds.timeline(*APRIL).days}
    assert 30 == len(days)
    expected = {
        1: ("100000", "0"),
        2: ("100000", "0"),
        3: ("300000", "0"),
        10: ("300000", "130000"),
        15: ("240000", "190000"),
        25: ("240000", "170000"),
        28: ("250000", "160000"),
        30: ("250000", "160000"),
    }
    for day, (cash, owed) in expected.items():
        assert (Money.of(cash), Money.of(owed)) == days[date(2026, 4, day)]
    now = days[APRIL[1]]
    assert market.funds.pool(scene.pool).cash == now[0]
    assert Money.sum(market.funds.loan(x).outstanding_principal for x in scene.loans) == now[1]


def test_a_later_period_starts_from_what_stood_before_it(market: ShareMarket) -> None:
    build(market)
    (day,) = market.funds.timeline(date(2026, 5, 1), date(2026, 5, 1)).days
    assert (Money.of("250000"), Money.of("160000")) == (day.pool_cash, day.loans_outstanding)


def test_backwards_or_overlong_periods_are_refused(market: ShareMarket) -> None:
    build(market)
    head = market.event_log.head()
    with pytest.raises(InvalidInput, match="before it starts"):
        market.funds.timeline(APRIL[1], APRIL[0])
    with pytest.raises(InvalidInput, match="at most 3660"):
        market.funds.timeline(date(2010, 1, 1), date(2026, 1, 1))
    assert head == market.event_log.head()
