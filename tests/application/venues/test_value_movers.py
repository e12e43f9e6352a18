"""Of the venues slice's events, a completed booking and its fee's payments move value."""

from __future__ import annotations

from sharemarket.application.projections.catalogue import POSTING_RULES
from tests.application.projections.test_journal import domain_event_classes


def test_only_a_completed_booking_and_its_fee_payments_move_value() -> None:
    movers = sorted(
        c.__qualname__
        for c in domain_event_classes()
        if c.__module__.startswith("sharemarket.domain.venues.") and POSTING_RULES.moves_value(c)
    )
    assert movers == ["Booking.Completed", "Booking.FeePaid", "Booking.SettledByClearing"]


def test_a_firms_own_room_posts_no_fee_nor_its_payment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A host booking its own room owes itself the fee: neither the fee (on completion) nor its
    payment is posted, so the firm's receivable and payable stay at zero."""
    from datetime import date, datetime

    from sharemarket import Money, ParkViews, ShareMarket, TimeSlot, VenueKind, VenueRules
    from sharemarket.domain.time import PARK_TZ
    from tests.labour_support import JIAMEI, open_park, rep

    with ShareMarket.in_memory() as market, ParkViews.sqlite(tmp_path / "views") as views:
        open_park(market)
        v = market.venues
        room = v.open_venue(
            rep(JIAMEI), request_id="room", name="会议室", kind=VenueKind.MEETING_ROOM,
            rules=VenueRules(capacity=20, fee_per_hour=Money.of("150.00")),
        )  # fmt: skip
        booking = v.book(
            rep(JIAMEI), request_id="own", venue=room,
            slot=TimeSlot.on(date(2026, 4, 21), (9, 0), (10, 0)), attendees=5,
            purpose="staff meeting", as_of=datetime(2026, 4, 1, 9, tzinfo=PARK_TZ),
        )  # fmt: skip
        v.check_in(rep(JIAMEI), request_id="in", booking=booking,
                   at=datetime(2026, 4, 21, 8, 55, tzinfo=PARK_TZ))  # fmt: skip
        v.complete(rep(JIAMEI), request_id="used", booking=booking,
                   as_of=datetime(2026, 4, 21, 10, tzinfo=PARK_TZ))  # fmt: skip
        v.pay_fee(rep(JIAMEI), request_id="pay", booking=booking, amount="150.00")
        views.catch_up(market)
        balances = views.balances(JIAMEI.code)
        assert (balances.receivable, balances.payable) == (Money(0), Money(0))
        assert views.verify().ok
