"""Of the venues slice's events, only a completed booking moves value in the journal."""

from __future__ import annotations

from sharemarket.application.projections.catalogue import POSTING_RULES
from tests.application.projections.test_journal import domain_event_classes


def test_only_a_completed_booking_moves_value() -> None:
    movers = sorted(
        c.__qualname__
        for c in domain_event_classes()
        if c.__module__.startswith("sharemarket.domain.venues.") and POSTING_RULES.moves_value(c)
    )
    assert movers == ["Booking.Completed"]
