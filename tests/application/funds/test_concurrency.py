"""Concurrency on SQLite and PostgreSQL, each writer in its own market on the same store: the
pool's cash is never negative (two disbursals racing for its last cash, one wins), and a joint
guarantee group's membership is serialised against its members' disbursals."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from sharemarket import LoanGuaranteesPending, LoanStatus, Money, PoolCashShort, ShareMarket
from tests.funds_support import CONTRACT, park, pool, pool_loan, terms
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep


def _race(markets: list[ShareMarket], loans: list[UUID]) -> list[Any]:
    """Both writers decide against the same pool version, then both save."""
    barrier = threading.Barrier(len(markets), timeout=20)
    outcomes: list[Any] = [None] * len(markets)

    def writer(i: int) -> None:
        market = markets[i]
        original_save = market._app.save
        first = [True]

        def save_after_both_decided(*objs, **kwargs):  # type: ignore[no-untyped-def]
            if first[0]:
                first[0] = False
                barrier.wait()
            return original_save(*objs, **kwargs)

        market._app.save = save_after_both_decided  # type: ignore[method-assign]
        try:
            market.funds.disburse_loan(
                ADMIN, request_id=f"race-{i}", loan=loans[i], disbursed_on=CONTRACT
            )
            outcomes[i] = "disbursed"
        except Exception as exc:  # collected and asserted below
            outcomes[i] = exc
        finally:
            market._app.save = original_save  # type: ignore[method-assign]

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(len(markets))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_two_disbursals_racing_for_the_last_cash_one_wins(store_factory, kind):
    """A pool of ¥300,000 (all lendable) and two approved loans of ¥200,000: both writers read
    ¥300,000 of cash, one commits, the other is decided again and refused (pool_cash_short)."""
    store = store_factory(kind)
    setup = store.open()
    park(setup)
    p = pool(setup, funded="300000", lendable_percent=Decimal(100))
    loans = [
        pool_loan(setup, p, f"racer-{i}", borrower=firm, principal="200000", disburse=False)
        for i, firm in enumerate((TONGXIN, GUANFU))
    ]
    markets = [store.open(), store.open()]
    for m in markets:
        assert Money.of("300000") == m.funds.pool(p).cash  # both have read the pool
    outcomes = _race(markets, loans)
    assert 1 == outcomes.count("disbursed"), outcomes
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert 1 == len(errors), outcomes
    assert isinstance(errors[0], PoolCashShort), outcomes
    statement = store.open().funds.pool(p)
    assert (Money.of("100000"), Money.of("200000")) == (statement.cash, statement.lent_out)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_firm_joining_the_borrowers_group_while_its_loan_is_disbursed_is_not_slipped_past(
    store_factory, kind
):
    """同鑫 and 顺美 form a joint guarantee group; 同鑫's loan, guaranteed by 顺美, is approved.
    The disbursal decides on the group as it stands, then 冠福 joins the group and commits
    before the disbursal saves: the groups are in the disbursal's save, so its write fails, it
    is decided again, and 冠福's missing guarantee refuses it (with the group left out of the
    save, the loan would be disbursed without a member's guarantee)."""
    store = store_factory(kind)
    setup = store.open()
    park(setup)
    group = setup.funds.form_joint_group(ADMIN, request_id="grp", name="城东联保小组")
    for firm in (TONGXIN, SHUNMEI):
        setup.funds.join_joint_group(ADMIN, request_id=f"grp-{firm}", group=group, firm=firm)
    loan = setup.funds.request_loan(
        rep(TONGXIN), request_id="loan", lender=JIAMEI, **terms(principal="120000")
    )
    setup.funds.require_guarantee(
        rep(TONGXIN), request_id="g", loan=loan, guarantor=SHUNMEI, limit="120000",
        kind="joint_and_several",
    )  # fmt: skip
    setup.funds.accept_guarantee(rep(SHUNMEI), request_id="ga", loan=loan)
    setup.funds.approve_loan(rep(JIAMEI), request_id="ok", loan=loan)

    disbursing, joiner = store.open(), store.open()
    decided, joined = threading.Event(), threading.Event()
    original_save = disbursing._app.save
    saves = []

    def save_after_the_join(*objs, **kwargs):  # type: ignore[no-untyped-def]
        if not saves:
            decided.set()
            assert joined.wait(timeout=20)
        saves.append(objs)
        return original_save(*objs, **kwargs)

    disbursing._app.save = save_after_the_join  # type: ignore[method-assign]
    outcome: list[Any] = []

    def disburse() -> None:
        try:
            disbursing.funds.disburse_loan(
                rep(JIAMEI), request_id="pay", loan=loan, disbursed_on=CONTRACT
            )
            outcome.append("disbursed")
        except Exception as exc:  # asserted below
            outcome.append(exc)

    thread = threading.Thread(target=disburse)
    thread.start()
    assert decided.wait(timeout=20)
    joiner.funds.join_joint_group(ADMIN, request_id="grp-late", group=group, firm=GUANFU)
    joined.set()
    thread.join(timeout=60)
    assert 1 == len(outcome), outcome
    assert isinstance(outcome[0], LoanGuaranteesPending), outcome
    assert GUANFU.code in str(outcome[0])
    after = store.open()
    assert LoanStatus.APPROVED is after.funds.loan(loan).status
    assert {TONGXIN, SHUNMEI, GUANFU} == set(after.funds.joint_groups()[0].members)
