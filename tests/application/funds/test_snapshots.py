"""Aggregates with more events than their snapshot interval are stored, snapshotted and loaded
again: the state a snapshot gives equals the state the events alone give (a loan's status, its
tuples, and the penalty segments kept per instalment survive the snapshot's encoding)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from eventsourcing.application import project_aggregate

from sharemarket.domain.funds.groups import GROUPS_ID
from tests.funds_support import firm_loan, park, pool
from tests.labour_support import ADMIN, GUANFU, JIAMEI, TONGXIN, rep


def _state(aggregate):  # type: ignore[no-untyped-def]
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_loan_past_its_snapshot_interval_loads_as_its_events_replay(store_factory, kind):
    store = store_factory(kind)
    market = store.open()
    park(market)
    loan = firm_loan(market, "snap", principal="120000", annual_rate=Decimal(0),
                     overdue_rate=Decimal(6), periods=12, schedule="equal_principal")  # fmt: skip
    # 55 repayments of ¥10 on instalment 1's overdue principal, one a day from 02-20.
    for n in range(55):
        market.funds.record_repayment(
            rep(JIAMEI), request_id=f"r{n}", loan=loan, amount="10",
            paid_on=date(2026, 2, 20) + timedelta(days=n),
        )  # fmt: skip
    reopened = store.open()
    loaded = reopened._app.repository.get(loan)
    replayed = project_aggregate(None, reopened._app.events.get(loan))

    assert loaded.version == replayed.version > 50
    assert _state(replayed) == _state(loaded)
    assert loaded.penalty_fen_days  # the segments are there to survive
    reopened.funds.accrue_penalty(rep(JIAMEI), request_id="acc", loan=loan, as_of=date(2026, 5, 1))
    after = {o.number: o.penalty for o in reopened.funds.loan(loan).owed}
    market.funds.accrue_penalty(rep(JIAMEI), request_id="acc", loan=loan, as_of=date(2026, 5, 1))
    assert after == {o.number: o.penalty for o in market.funds.loan(loan).owed}


@pytest.mark.parametrize("kind", ["sqlite"])
def test_a_pool_and_the_joint_groups_past_their_snapshot_interval_load_as_replayed(
    store_factory, kind
):
    store = store_factory(kind)
    market = store.open()
    park(market)
    p = pool(market)
    group = market.funds.form_joint_group(ADMIN, request_id="grp", name="城东联保小组")
    for n in range(50):
        market.funds.contribute(
            ADMIN, request_id=f"c{n}", pool=p, contributor=GUANFU, amount="10",
            received_on=date(2026, 2, 1) + timedelta(days=n),
        )  # fmt: skip
        for verb in ("join", "leave"):
            getattr(market.funds, f"{verb}_joint_group")(
                ADMIN, request_id=f"{verb}{n}", group=group, firm=TONGXIN
            )
    reopened = store.open()
    for aggregate_id in (p, GROUPS_ID):
        loaded = reopened._app.repository.get(aggregate_id)
        replayed = project_aggregate(None, reopened._app.events.get(aggregate_id))
        assert loaded.version == replayed.version > 50
        assert _state(replayed) == _state(loaded)
