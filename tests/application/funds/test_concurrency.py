"""The pool's cash is never negative under concurrency: two disbursals racing for its last cash,
each in its own market on the same store, and one wins."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from sharemarket import Money, PoolCashShort, ShareMarket
from tests.funds_support import CONTRACT, park, pool, pool_loan
from tests.labour_support import ADMIN, GUANFU, TONGXIN


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
