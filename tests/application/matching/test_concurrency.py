"""What live matches hold of a listing never exceeds it under concurrency: racing proposals for
the last of a need, on SQLite and PostgreSQL, leave one match and one refusal."""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

import pytest

from sharemarket import MatchingOvercommitted, ShareMarket
from tests.matching_support import ADMIN, IDLE, NEEDS, OTHER, establish, funds, post


def _race(markets: list[ShareMarket], need: UUID, offers: list[UUID]) -> list[Any]:
    """Both writers decide against the same version of the need, then both save."""
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
            outcomes[i] = market.matching.propose_match(
                ADMIN, request_id=f"race-{i}", need=need, offer=offers[i]
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
def test_racing_proposals_never_hold_more_of_a_need_than_it_lacks(store_factory, kind):
    """Two writers, each in its own market on the same store, match a ¥50,000 need with two
    lenders' ¥50,000 at the same moment: one commits, the other is decided again and refused,
    and the need holds ¥50,000 once."""
    store = store_factory(kind)
    setup = store.open()
    establish(setup)
    need = post(setup, NEEDS, "need", funds("50000.00"), need=True)
    offers = [
        post(setup, IDLE, "a", funds("50000.00"), need=False),
        post(setup, OTHER, "b", funds("50000.00"), need=False),
    ]
    outcomes = _race([store.open(), store.open()], need, offers)
    matches = [o for o in outcomes if isinstance(o, UUID)]
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(matches) == 1, outcomes
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], MatchingOvercommitted), outcomes
    fresh = store.open()
    listing = fresh.matching.listing(need)
    assert listing.held == {str(matches[0]): 5_000_000}
    assert listing.available == 0
    taken = [fresh.matching.listing(o).available for o in offers]
    assert sorted(taken) == [0, 5_000_000]
