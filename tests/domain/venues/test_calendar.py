"""A venue's day calendar: a slot is held only when no live booking (with the larger buffer)
or blackout overlaps it, so no two held slots ever overlap."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, VenueBlackedOut, VenueSlotTaken
from sharemarket.domain.venues.calendar import VenueDay, venue_day_id
from sharemarket.domain.venues.rules import DaySpan

DAY = date(2026, 3, 2)
ACTOR = Actor.for_firm("rep-1", "91350100M000100Y43")
VENUE = uuid4()

spans = st.builds(
    lambda start, length: (start, start + length),
    st.integers(0, 23 * 60),
    st.integers(1, 60 * 4),
).filter(lambda s: s[1] <= 24 * 60)


def overlap_with_buffers(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    gap = max(a[2], b[2])
    return a[0] - gap < b[1] and b[0] - gap < a[1]


@given(st.lists(st.tuples(spans, st.integers(0, 60)), max_size=25))
def test_held_slots_never_overlap_and_a_free_slot_is_always_held(attempts):
    """Each attempt is held if and only if it clashes with no slot held before it."""
    calendar = VenueDay.start(VENUE, DAY)
    held: list[tuple[int, int, int]] = []
    for (start, end), buffer in attempts:
        wanted = (start, end, buffer)
        clashes = any(overlap_with_buffers(h, wanted) for h in held)
        if clashes:
            with pytest.raises(VenueSlotTaken):
                calendar.hold(ACTOR, uuid4(), DaySpan(DAY, start, end), buffer, "room")
        else:
            calendar.hold(ACTOR, uuid4(), DaySpan(DAY, start, end), buffer, "room")
            held.append(wanted)
    assert sorted(held) == sorted(tuple(v) for v in calendar.held.values())
    for i, a in enumerate(held):
        for b in held[i + 1 :]:
            assert not overlap_with_buffers(a, b)


def test_touching_slots_without_buffers_both_hold_and_a_freed_slot_is_free_again():
    calendar = VenueDay.start(VENUE, DAY)
    first, second = uuid4(), uuid4()
    calendar.hold(ACTOR, first, DaySpan(DAY, 540, 600), 0, "room")
    calendar.hold(ACTOR, second, DaySpan(DAY, 600, 660), 0, "room")
    with pytest.raises(VenueSlotTaken):
        calendar.hold(ACTOR, uuid4(), DaySpan(DAY, 630, 690), 0, "room")
    calendar.free(ACTOR, second)
    calendar.hold(ACTOR, uuid4(), DaySpan(DAY, 630, 690), 0, "room")
    assert venue_day_id(VENUE, DAY) == calendar.id


def test_a_blackout_refuses_the_slots_it_overlaps():
    calendar = VenueDay.start(VENUE, DAY)
    calendar.black_out(ACTOR, uuid4(), DaySpan(DAY, 600, 720))
    with pytest.raises(VenueBlackedOut):
        calendar.hold(ACTOR, uuid4(), DaySpan(DAY, 700, 760), 0, "room")
    calendar.hold(ACTOR, uuid4(), DaySpan(DAY, 720, 760), 0, "room")
