"""A venue's rules: valid on construction, each rule of a booking refused with its own error,
and the fee pro rata, rounded half up to the fen."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    FirmId,
    InvalidInput,
    Minutes,
    Money,
    OpeningHours,
    TimeSlot,
    VenueCapacityExceeded,
    VenueClosedAtTime,
    VenueDurationOutOfRange,
    VenueNotBookableByFirm,
    VenueNoticeTooShort,
    VenueRules,
    VenueSlotOffGrid,
    VenueTooFarAhead,
)
from sharemarket.domain.time import PARK_TZ
from sharemarket.domain.venues.admission import admit
from tests.strategies.venues import venue_rules

FIRM = FirmId("91350100M000100Y43")
MONDAY = date(2026, 3, 2)
NOW = datetime(2026, 2, 27, 10, tzinfo=PARK_TZ)
RULES = VenueRules(capacity=20, opening=OpeningHours.on(range(5), "08:30", "18:00"))


def admitted(slot: TimeSlot, *, rules: VenueRules = RULES, attendees: int = 5, as_of=NOW):
    return admit(rules, name="room", firm=FIRM, slot=slot, attendees=attendees, as_of=as_of)


@pytest.mark.parametrize(
    ("slot", "attendees", "as_of", "error"),
    [
        (TimeSlot.on(MONDAY, (8, 0), (9, 0)), 5, NOW, VenueClosedAtTime),
        (TimeSlot.on(MONDAY, (17, 30), (18, 30)), 5, NOW, VenueClosedAtTime),
        (TimeSlot.on(date(2026, 3, 7), (9, 0), (10, 0)), 5, NOW, VenueClosedAtTime),
        (TimeSlot.on(MONDAY, (8, 45), (9, 45)), 5, NOW, VenueSlotOffGrid),  # grid from 08:30
        (TimeSlot.on(MONDAY, (8, 30), (8, 45)), 5, NOW, VenueSlotOffGrid),
        (TimeSlot.on(MONDAY, (8, 30), (13, 0)), 5, NOW, VenueDurationOutOfRange),
        (TimeSlot.on(MONDAY, (8, 30), (9, 30)), 21, NOW, VenueCapacityExceeded),
        (
            TimeSlot.on(MONDAY, (8, 30), (9, 30)),
            5,
            datetime(2026, 3, 2, 7, 31, tzinfo=PARK_TZ),
            VenueNoticeTooShort,
        ),
        (TimeSlot.on(date(2026, 4, 29), (8, 30), (9, 30)), 5, NOW, VenueTooFarAhead),
    ],
)
def test_each_rule_is_refused_with_its_error(slot, attendees, as_of, error):
    with pytest.raises(error):
        admitted(slot, attendees=attendees, as_of=as_of)


def test_the_edges_of_each_rule_are_admitted():
    """Opening to closing, exactly the notice, exactly the capacity and the longest duration."""
    assert admitted(TimeSlot.on(MONDAY, (8, 30), (12, 30)), attendees=20)
    assert admitted(
        TimeSlot.on(MONDAY, (14, 0), (18, 0)),
        as_of=datetime(2026, 3, 2, 13, 0, tzinfo=PARK_TZ),
    )
    assert admitted(
        TimeSlot.on(date(2026, 4, 28), (8, 30), (9, 0)), as_of=NOW.replace(hour=8, minute=30)
    )


def test_a_venue_open_to_listed_firms():
    listed = VenueRules(capacity=5, bookable_by=[FirmId("91110000802100433B")])
    with pytest.raises(VenueNotBookableByFirm):
        admitted(TimeSlot.on(MONDAY, (9, 0), (10, 0)), rules=listed)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"capacity": 0},
        {"capacity": 10, "min_duration": 120, "max_duration": 60},
        {"capacity": 10, "granularity": 0},
        {"capacity": 10, "fee_per_hour": Money(-1)},
        {"capacity": 10, "opening": [OpeningHours(0, 540, 600), OpeningHours(0, 700, 800)]},
    ],
)
def test_invalid_rules_are_refused(kwargs):
    with pytest.raises(InvalidInput):
        VenueRules(**kwargs)


def test_opening_hours_close_after_they_open():
    with pytest.raises(InvalidInput):
        OpeningHours(0, 600, 600)
    with pytest.raises(InvalidInput):
        OpeningHours.on([0], "9h", "10:00")


@given(st.integers(0, 10**8), st.integers(1, 24 * 60))
def test_the_fee_is_pro_rata_rounded_half_up(fen, minutes):
    """fee = hourly fee x minutes / 60, to the fen, half up (四舍五入)."""
    rules = VenueRules(capacity=1, fee_per_hour=Money(fen))
    fee = rules.fee_for(Minutes(minutes)).fen
    # fee is the integer nearest to fen x minutes / 60, a half rounded up.
    assert fee * 60 - 30 <= fen * minutes < fee * 60 + 30
    assert Money(fen) == rules.fee_for(Minutes(60))


@given(venue_rules())
def test_generated_rules_are_valid_and_equal_to_themselves(rules):
    assert rules == VenueRules(**{a.name: getattr(rules, a.name) for a in attrs.fields(VenueRules)})
