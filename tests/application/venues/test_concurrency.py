"""No double booking and no quota passed under concurrency: racing writers in two processes'
markets on one store decide against the same calendar (or usage) version; one commits, the other
is decided again and refused."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from sharemarket import (
    Actor,
    QuotaPeriod,
    ShareMarket,
    VenueQuota,
    VenueQuotaExceeded,
    VenueSlotTaken,
)
from tests.venues_support import ADMIN, MONDAY, A, B, book, establish, open_room, slot


def race(markets: list[ShareMarket], calls: list[Callable[[ShareMarket], Any]]) -> list[Any]:
    """Each call runs in its own market; both decide before either saves."""
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
            outcomes[i] = calls[i](market)
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


def one_won(outcomes: list[Any], error: type[Exception]) -> None:
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert 1 == len(errors), outcomes
    assert isinstance(errors[0], error), outcomes


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_racing_bookings_of_overlapping_slots_never_both_hold(store_factory, kind):
    """Two firms book overlapping slots of one room at the same moment, three times over (the
    first race also starts the day's calendar): one booking holds, the other is refused."""
    store = store_factory(kind)
    setup = store.open()
    establish(setup)
    room = open_room(setup)
    markets = [store.open(), store.open()]
    for n, (start, end) in enumerate([((9, 0), (11, 0)), ((13, 0), (14, 0)), ((15, 0), (17, 0))]):
        wanted = [slot(MONDAY, start, end), slot(MONDAY, (start[0], 30), (end[0], 30))]
        outcomes = race(
            markets,
            [
                lambda m, who=who, when=when, key=f"race-{n}-{i}": book(m, room, key, when, who)
                for i, (who, when) in enumerate(zip((A, B), wanted, strict=True))
            ],
        )
        one_won(outcomes, VenueSlotTaken)
        assert n + 1 == len(store.open().venues.day(room, MONDAY).bookings)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_racing_representatives_of_one_firm_never_pass_its_quota(store_factory, kind):
    """Two representatives of one firm book two rooms at the same moment under a quota of one
    booking a week: one booking is counted, the other refused."""
    store = store_factory(kind)
    setup = store.open()
    establish(setup)
    setup.park.appoint_representative(ADMIN, request_id="rep", firm=A.firm, user="rep-0b")
    setup.venues.set_quota(
        ADMIN, request_id="q", quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=1)
    )
    rooms = [open_room(setup, key="room-1"), open_room(setup, key="room-2")]
    actors = [A, Actor.for_firm("rep-0b", A.firm)]
    outcomes = race(
        [store.open(), store.open()],
        [
            lambda m, i=i: book(m, rooms[i], f"q-{i}", slot(MONDAY, (9, 0), (10, 0)), actors[i])
            for i in range(2)
        ],
    )
    one_won(outcomes, VenueQuotaExceeded)
    assert (60, 1) == store.open().venues.usage(A.firm, MONDAY)[QuotaPeriod.WEEK]
