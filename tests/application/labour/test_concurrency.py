"""Working-time caps hold under concurrency: racing writers never push a worker over a cap."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from sharemarket import Actor, DailyHoursExceeded, FirmSize, ShareMarket

LENDER = "91350100M000100Y43"
BORROWERS = ("91110000802100433B", "91350526MA00000012")
ADMIN = Actor.administrator("admin-1")
WORK_DAY = date(2026, 3, 2)


def _setup(market: ShareMarket) -> list[tuple[Actor, object]]:
    """A lender with worker W-1 lent to two borrowers under two accepted agreements."""
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    firms = (LENDER, *BORROWERS)
    for i, firm in enumerate(firms):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{i}",
            firm=firm,
            name=f"firm {i}",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[f"rep-{i}"],
        )
    lender = Actor.for_firm("rep-0", LENDER)
    pairs = []
    for i, firm in enumerate(BORROWERS, start=1):
        borrower = Actor.for_firm(f"rep-{i}", firm)
        agreement = market.labour.propose_agreement(
            borrower,
            request_id=f"agreement-{i}",
            lender=LENDER,
            work="修坯 fettling",
            rate_per_hour="20.00",
            first_day=date(2026, 3, 1),
            last_day=date(2026, 3, 31),
            workers=["W-1"],
        )
        market.labour.accept_agreement(lender, request_id=f"accept-{i}", agreement=agreement)
        pairs.append((borrower, agreement))
    return pairs


def _race(markets: list[ShareMarket], pairs: list[tuple[Actor, object]], day: date) -> list[object]:
    """Both writers decide against the same timesheet version, then both save."""
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
        borrower, agreement = pairs[i]
        try:
            outcomes[i] = market.labour.record_shift(
                borrower,
                request_id=f"shift-{day}-{i}",
                agreement=agreement,
                worker="W-1",
                work_date=day,
                minutes=6 * 60,
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
def test_racing_shifts_through_two_agreements_never_exceed_the_daily_cap(store_factory, kind):
    """Two writers, each in its own market on the same store, record 6h for one worker through
    two agreements at the same moment: one commits, the other is decided again and refused with
    the daily cap (11h), and the worker's day stays at 6h."""
    store = store_factory(kind)
    setup_market = store.open()
    pairs = _setup(setup_market)
    markets = [store.open(), store.open()]

    for offset in range(3):
        day = date(2026, 3, 2 + offset)
        outcomes = _race(markets, pairs, day)
        errors = [o for o in outcomes if isinstance(o, Exception)]
        successes = [o for o in outcomes if not isinstance(o, Exception)]
        assert len(successes) == 1, outcomes
        assert len(errors) == 1, outcomes
        assert isinstance(errors[0], DailyHoursExceeded), outcomes
        sheet = store.open().labour.timesheet(LENDER, "W-1")
        assert sheet is not None
        assert sheet.day_total(day).value == 6 * 60
