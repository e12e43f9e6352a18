"""A loan's snapshot stores its schedule and what is owed as rows of integers (issue 20): the
rows give back the same values, a loan stored by version 1 (typed values) loads as its events
replay, and a 30-year loan's snapshot is well under 64 kB."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal

from eventsourcing.application import project_aggregate
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import ShareMarket
from sharemarket.domain.funds import loan_rows
from sharemarket.domain.funds.loan import Loan
from tests.funds_snapshots import SNAPSHOT_MAX_BYTES, loaded, snapshot_bytes
from tests.funds_support import firm_loan, park
from tests.labour_support import JIAMEI, rep, state
from tests.strategies.funds import owed_rows, schedules


@given(schedules(), owed_rows())
def test_rows_give_back_the_schedule_and_what_is_owed(schedule, owed):
    _, _, instalments = schedule
    assert instalments == loan_rows.schedule_of(loan_rows.schedule_rows(instalments))
    assert owed == loan_rows.owed_of(loan_rows.owed_rows(owed))


# A repayment (yuan, days after the first due date) or a penalty accrual (None, days after).
steps = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(1, 200_000)), st.integers(0, 400)), max_size=6
)


@given(
    st.integers(1, 24),
    st.sampled_from(["equal_instalment", "equal_principal", "bullet"]),
    st.sampled_from([Decimal(0), Decimal("4.35")]),
    steps,
)
def test_a_version_1_snapshot_loads_as_the_events_replay(periods, schedule, rate, history):
    """Whatever its term, schedule, repayments (early, late, partial, too much) and penalty
    accruals: the loan its events replay, a snapshot of today and a snapshot of version 1
    (typed values in lists, as the store gave them back) upcast, are the same loan."""
    market = ShareMarket.in_memory()
    try:
        park(market)
        loan = firm_loan(market, "l", periods=periods, schedule=schedule, annual_rate=rate)
        accrued = date(2026, 2, 15)
        for n, (yuan, days) in enumerate(history):
            on = date(2026, 2, 15) + timedelta(days=days)
            status = market.funds.loan(loan).status.value
            if status != "active":
                break
            if yuan is None and on > accrued:
                market.funds.accrue_penalty(rep(JIAMEI), request_id=f"p{n}", loan=loan, as_of=on)
                accrued = on
            elif yuan is not None:
                market.funds.record_repayment(
                    rep(JIAMEI), request_id=f"r{n}", loan=loan, amount=str(yuan), paid_on=on
                )
        replayed = project_aggregate(None, market._app.events.get(loan))
        v1 = {k: v for k, v in state(replayed).items() if k not in ("_id", "_version")}
        v1["schedule"], v1["owed"] = list(replayed.schedule), list(replayed.owed)
        v1["approvals"] = list(replayed.approvals)
        from_v1 = loaded(market, replayed, v1)
        from_v2 = loaded(market, replayed, copy.deepcopy(Loan.Snapshot.take(replayed).state))
    finally:
        market.close()
    assert state(replayed) == state(from_v1) == state(from_v2)
    assert isinstance(from_v1.schedule, tuple)
    assert isinstance(from_v1.owed, tuple)


def test_a_thirty_year_loan_fits_in_a_snapshot_well_under_64_kb():
    """360 monthly instalments, each kept with what remains owed on it (154,260 B as typed
    values, issue 20's survey)."""
    market = ShareMarket.in_memory()
    try:
        park(market)
        loan = firm_loan(market, "l360", periods=360, schedule="equal_principal")
        aggregate = market._app.repository.get(loan)
        size = snapshot_bytes(market, aggregate)
    finally:
        market.close()
    assert 360 == len(aggregate.schedule) == len(aggregate.owed)
    assert size < SNAPSHOT_MAX_BYTES // 2
