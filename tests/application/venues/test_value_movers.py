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
