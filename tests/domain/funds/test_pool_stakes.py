"""The pool keeps one row of integer fen per contributor with a stake (issue 20): it shares
income and losses exactly as when it kept a typed amount per contributor ever, a pool of
version 1 loads as its events replay, and 400 contributors fit in a snapshot well under 64 kB."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.application import project_aggregate
from hypothesis import example, given
from hypothesis import strategies as st

from sharemarket import Money, PoolStatement, ShareMarket
from sharemarket.domain.funds import shares
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.funds.pool_rules import PoolRules
from tests.funds_snapshots import SNAPSHOT_MAX_BYTES, firm, loaded, snapshot_bytes
from tests.labour_support import ADMIN, domain_park, state

DAY = date(2026, 1, 5)
RULES = PoolRules(
    max_per_firm=Money(10**12), max_periods=12, annual_rate=Decimal(0),
    lendable_percent=Decimal(80),
)  # fmt: skip
FIRMS = [firm(n) for n in range(4)]


def new_pool() -> Pool:
    """A pool (its events record firms' movements: whether they are members is checked by the
    commands, not here)."""
    return Pool.establish(
        domain_park([]), ADMIN, pool_id=UUID(int=7), name="互助资金池", custodian=firm(0),
        rules=RULES,
    )  # fmt: skip


def apply(pool: Pool, step: tuple[Any, ...]) -> None:
    """One movement of the pool's cash, as its events record it (the rules that refuse a
    movement are tested elsewhere: here only what the state makes of the events)."""
    kind, who, fen, extra, days = step
    on, borrower, amount, loan = DAY + timedelta(days=days), FIRMS[who], Money(fen), UUID(int=1)
    own = pool.contribution_of(borrower)
    if kind == "contribute":
        pool.trigger_event(Pool.ContributionReceived, contributor=borrower, amount=amount,
                           received_on=on, actor=ADMIN)  # fmt: skip
    elif kind == "withdraw" and own:
        pool.trigger_event(Pool.ContributionWithdrawn, contributor=borrower,
                           amount=min(own, amount), paid_on=on, actor=ADMIN)  # fmt: skip
    elif kind in ("repaid", "lost", "recovered"):
        pool.trigger_event(Pool.CashLent, loan=loan, borrower=borrower, amount=amount, actor=ADMIN)
        if kind == "repaid":
            pool.trigger_event(Pool.CashReturned, loan=loan, borrower=borrower,
                               principal=amount, income=Money(extra), excess=Money(0), on=on,
                               actor=ADMIN)  # fmt: skip
        else:
            pool.trigger_event(Pool.LoanLost, loan=loan, borrower=borrower, principal=amount,
                               on=on, actor=ADMIN)  # fmt: skip
        if kind == "recovered":
            pool.trigger_event(Pool.LossRecovered, loan=loan, borrower=borrower,
                               principal=Money(min(fen, extra)), income=Money(extra // 3), on=on,
                               actor=ADMIN)  # fmt: skip


def version_1(events: list[Any]) -> dict[str, Any]:
    """What a pool of version 1 kept of ``events``: a typed amount per contributor ever (zeros
    included) and the fen-days, folded as version 1's event bodies did."""
    c: dict[str, Money] = {}
    i: dict[str, Money] = {}
    lost: dict[str, Money] = {}
    kept: dict[str, Any] = {"weights": {}, "clock": None}

    def advance(on: date) -> None:
        kept["weights"], kept["clock"] = shares.advance(kept["weights"], c, kept["clock"], on)

    def share(amount: Money, into: dict[str, Money], on: date) -> None:
        advance(on)
        for code, part in shares.share_out(amount, kept["weights"], c).items():
            into[code] = into.get(code, Money(0)) + part
        if amount:
            kept["weights"] = {}

    for e in events:
        if isinstance(e, Pool.ContributionReceived | Pool.ContributionWithdrawn):
            advance(e.received_on if isinstance(e, Pool.ContributionReceived) else e.paid_on)
            sign = 1 if isinstance(e, Pool.ContributionReceived) else -1
            c[e.contributor.code] = c.get(e.contributor.code, Money(0)) + e.amount * sign
        elif isinstance(e, Pool.CashReturned):
            share(e.income, i, e.on)
        elif isinstance(e, Pool.LoanLost):
            share(e.principal, lost, e.on)
        elif isinstance(e, Pool.LossRecovered):
            lost = shares.give_back(e.principal, lost)
            share(e.income, i, e.on)
    return {"contributions": c, "income_shares": i, "loss_shares": lost, **kept}


# Small amounts and few days, so that firms take everything back, incomes are nil or too small
# to reach everyone, and events fall on the same day or before the clock.
steps = st.tuples(
    st.sampled_from(["contribute", "withdraw", "repaid", "lost", "recovered"]),
    st.integers(0, len(FIRMS) - 1), st.integers(1, 500), st.sampled_from([0, 1, 2, 7, 400]),
    st.integers(0, 40),
)  # fmt: skip
# A firm takes all back before any share; nothing is earned while fen-days are counting.
ALL_BACK = [("contribute", 0, 100, 0, 0), ("contribute", 1, 100, 0, 0), ("withdraw", 1, 100, 0, 0)]
NIL_INCOME = [
    ("contribute", 0, 100, 0, 0), ("contribute", 1, 100, 0, 10), ("repaid", 2, 50, 0, 20),
    ("repaid", 2, 50, 10, 30),
]  # fmt: skip


@given(st.lists(steps, max_size=30))
@example(ALL_BACK)
@example(NIL_INCOME)
def test_a_version_1_snapshot_loads_as_the_events_replay(history):
    """Whatever moved through the pool, on dates in any order: the rows share income and losses
    exactly as version 1's amounts per contributor did, and a snapshot of version 1 (those
    amounts, every contributor ever) upcast gives the pool its events replay; a contributor
    with nothing in the pool is left out, and the statement lists only the others."""
    pool = new_pool()
    for step in history:
        apply(pool, step)
    events = pool.collect_events()
    replayed = project_aggregate(None, events)
    v1 = version_1(events)
    old = {k: v for k, v in state(replayed).items() if k not in ("_id", "_version", "stakes")}
    market = ShareMarket.in_memory()
    try:
        from_v1 = loaded(market, replayed, {**old, **v1})
    finally:
        market.close()
    assert state(pool) == state(replayed) == state(from_v1)
    assert v1["clock"] == pool.clock
    assert {k: w for k, w in v1["weights"].items() if w} == pool.weights
    listed = PoolStatement.of(pool).shares
    for code in {*v1["contributions"], *v1["income_shares"], *v1["loss_shares"]}:
        figures = [v1[name].get(code, Money(0)) for name in ("contributions", "income_shares",
                                                             "loss_shares")]  # fmt: skip
        if any(figures):
            shown = listed[code]
            assert figures == [shown.contributed, shown.income, shown.losses]
        else:
            assert code not in listed


def test_a_firm_that_took_all_back_before_any_share_leaves_no_row():
    pool = new_pool()
    a, b = firm(0), firm(1)
    for who in (a, b):
        pool.trigger_event(Pool.ContributionReceived, contributor=who, amount=Money(100),
                           received_on=DAY, actor=ADMIN)  # fmt: skip
    pool.trigger_event(Pool.ContributionWithdrawn, contributor=b, amount=Money(100),
                       paid_on=DAY, actor=ADMIN)  # fmt: skip
    assert [a.code] == list(pool.stakes)
    assert Money(0) == pool.contribution_of(b)
    assert [a.code] == list(PoolStatement.of(pool).shares)


def test_a_pool_of_400_contributors_over_ten_years_fits_in_a_snapshot_well_under_64_kb():
    """400 firms put ¥10,000 each in; ten years of monthly loans repaid with interest and a
    few written off, ending just after a month's contributions (every row's fen-days
    counting). The survey of issue 20 found 49,895 B at 297 contributors as typed amounts."""
    pool = new_pool()
    on = DAY
    for n in range(400):
        pool.trigger_event(Pool.ContributionReceived, contributor=firm(n),
                           amount=Money(1_000_000), received_on=on, actor=ADMIN)  # fmt: skip
    for month in range(120):
        on += timedelta(days=30)
        borrower, loan = firm(month % 400), UUID(int=month + 1)
        pool.trigger_event(Pool.CashLent, loan=loan, borrower=borrower,
                           amount=Money(5_000_000), actor=ADMIN)  # fmt: skip
        pool.trigger_event(Pool.CashReturned, loan=loan, borrower=borrower,
                           principal=Money(5_000_000), income=Money(21_750), excess=Money(0),
                           on=on, actor=ADMIN)  # fmt: skip
        if month % 40 == 0:
            pool.trigger_event(Pool.CashLent, loan=loan, borrower=borrower,
                               amount=Money(100_000), actor=ADMIN)  # fmt: skip
            pool.trigger_event(Pool.LoanLost, loan=loan, borrower=borrower,
                               principal=Money(100_000), on=on, actor=ADMIN)  # fmt: skip
    for n in range(400):
        pool.trigger_event(Pool.ContributionReceived, contributor=firm(n),
                           amount=Money(10_000), received_on=on + timedelta(days=n % 28),
                           actor=ADMIN)  # fmt: skip
    market = ShareMarket.in_memory()
    try:
        size = snapshot_bytes(market, pool)
    finally:
        market.close()
    assert 400 == len(pool.stakes) == len(pool.weights) == len(pool.income_shares)
    assert size < SNAPSHOT_MAX_BYTES // 2
