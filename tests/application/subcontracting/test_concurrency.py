"""An order's split holds under concurrency: two offers racing for its last pieces, one wins."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from sharemarket import OrderOversplit, ShareMarket
from tests.subcontracting_support import DAY, JIAMEI, SHUNMEI, offer, open_park, order


def _race(markets: list[ShareMarket], order_id: Any, key: str) -> list[object]:
    """Both writers decide against the same order version, then both save."""
    barrier = threading.Barrier(len(markets), timeout=20)
    outcomes: list[object] = [None] * len(markets)

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
            outcomes[i] = offer(
                market, order_id, f"{key}-{i}", quantity=600, sub=(JIAMEI, SHUNMEI)[i]
            )
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
def test_two_offers_racing_for_the_last_pieces_of_an_order_one_wins(store_factory, kind):
    """Two writers, each in its own market on the same store, offer 600 of the 1,000 pieces of
    an order at the same moment: one commits, the other is decided again against the order's
    new version and refused (order_oversplit); the order splits 600 pieces, to one part."""
    store = store_factory(kind)
    setup = store.open()
    open_park(setup)
    orders = [order(setup, f"race-{n}") for n in range(3)]
    markets = [store.open(), store.open()]
    for n, order_id in enumerate(orders):
        outcomes = _race(markets, order_id, f"race-{n}")
        errors = [o for o in outcomes if isinstance(o, Exception)]
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        assert len(winners) == 1, outcomes
        assert len(errors) == 1, outcomes
        assert isinstance(errors[0], OrderOversplit), outcomes
        report = store.open().subcontracting.order(order_id, as_of=DAY)
        assert (600, 400) == (report.split, report.available)
        assert [winners[0]] == [p.part_id for p in report.parts]
