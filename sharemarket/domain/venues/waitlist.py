"""The waitlist of a venue's day: firms wait for a taken slot; when it frees, the first waiting
firm whose slot is now free is offered it, held for it until the offer lapses; accepting books it.

The waitlist lives in the day's calendar, so an offer's hold is checked like any booking (no one
else takes the slot meanwhile) and every change is in the save of the command that made it. The
domain reads no clock: offers lapse when a command given a later ``as_of`` meets them (a booking,
a release, an acceptance, a firm joining or leaving), and each offer lapses at the latest when the
venue's notice before the start would no longer let the firm book it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple
from uuid import UUID

import attrs

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text
from sharemarket.domain.time import TimeSlot, _aware
from sharemarket.domain.venues.admission import admit
from sharemarket.domain.venues.booking import PURPOSE_MAX
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.errors import (
    VenueBlackedOut,
    VenueSlotFree,
    VenueWaitlistFull,
    WaitlistOfferMissing,
)
from sharemarket.domain.venues.rules import DaySpan, VenueRules
from sharemarket.domain.venues.venue import Venue

#: The most firms one venue's day keeps waiting.
WAITING_MAX = 50


@attrs.frozen
class WaitingEntry:
    """A firm waiting for a slot, and until when the slot is offered to it (None: not yet)."""

    entry_id: UUID
    slot: TimeSlot
    firm: FirmId
    offered_until: datetime | None


class Taken(NamedTuple):
    slot: TimeSlot
    attendees: int
    purpose: str


def entries(calendar: VenueDay | None) -> list[WaitingEntry]:
    if calendar is None:
        return []
    return [
        WaitingEntry(
            UUID(key),
            DaySpan(calendar.day, int(w[0]), int(w[1])).slot(),
            FirmId(str(w[2])),
            datetime.fromisoformat(calendar.offers[key]) if key in calendar.offers else None,
        )
        for key, w in calendar.waiting.items()
    ]


def join(
    park: Park,
    actor: Actor,
    *,
    venue: Venue,
    calendar: VenueDay,
    entry_id: UUID,
    slot: TimeSlot,
    attendees: int,
    purpose: str,
    as_of: datetime,
    kind: ParkDay | None = None,
) -> None:
    """The actor's firm waits for ``slot``, which the venue's rules admit but a booking holds."""
    if actor.firm is None:
        raise PermissionDenied(f"{actor} acts for no firm; a representative waits for their firm")
    park.require_representative(actor, actor.firm)
    venue.require_open()
    rules = venue.rules
    span = admit(
        rules, name=venue.name, firm=actor.firm, slot=slot, attendees=attendees, as_of=as_of,
        kind=kind,
    )  # fmt: skip
    if calendar.blackouts_over(span):
        raise VenueBlackedOut(f"{venue.name} is blacked out during {slot}; nothing to wait for")
    if not calendar.clashes(span, rules.buffer.value):
        raise VenueSlotFree(f"{slot} of {venue.name} is free: book it instead of waiting")
    if len(calendar.waiting) >= WAITING_MAX:
        raise VenueWaitlistFull(
            f"{WAITING_MAX} firms already wait for {venue.name} on {span.day}; try another day"
        )
    calendar.trigger_event(
        calendar.WaitlistJoined,
        entry_id=entry_id,
        start=span.start,
        end=span.end,
        firm=actor.firm,
        attendees=attendees,
        purpose=free_text(purpose, "purpose", PURPOSE_MAX),
        actor=actor,
    )


def offer_freed(actor: Actor, calendar: VenueDay, rules: VenueRules, as_of: datetime) -> None:
    """Lapse the offers due at ``as_of``; then offer each waiting firm, in the order they
    joined, its slot if it is free now and can still be booked in time."""
    _aware(as_of)
    for key, expires in list(calendar.offers.items()):
        if as_of >= datetime.fromisoformat(expires):
            calendar.trigger_event(
                calendar.OfferClosed, entry_id=UUID(key), taken=False, actor=actor
            )
    for key, waiting in list(calendar.waiting.items()):
        if key in calendar.offers:
            continue
        span = DaySpan(calendar.day, int(waiting[0]), int(waiting[1]))
        last_chance = span.slot().start - timedelta(minutes=rules.min_notice.value)
        if as_of >= last_chance:  # too late to book it: the entry lapses
            calendar.trigger_event(
                calendar.OfferClosed, entry_id=UUID(key), taken=False, actor=actor
            )
        elif not calendar.blackouts_over(span) and not calendar.clashes(span, rules.buffer.value):
            hold_until = min(as_of + timedelta(minutes=rules.offer_hold.value), last_chance)
            calendar.trigger_event(
                calendar.OfferMade,
                entry_id=UUID(key),
                buffer=rules.buffer.value,
                expires=hold_until,
                actor=actor,
            )


def take(actor: Actor, calendar: VenueDay, entry_id: UUID, as_of: datetime) -> Taken:
    """The offered firm takes its offer: the hold ends, for the booking to take the slot."""
    key = str(entry_id)
    if key not in calendar.offers:
        raise WaitlistOfferMissing(
            f"waitlist entry {entry_id} has no live offer on {calendar.day}: it was not offered "
            "yet, or was taken or lapsed"
        )
    start, end, firm, attendees, purpose = calendar.waiting[key]
    if actor.firm is None or actor.firm.code != firm:
        raise PermissionDenied(f"{actor} may not take an offer made to {firm}")
    expires = datetime.fromisoformat(calendar.offers[key])
    if _aware(as_of) >= expires:
        raise WaitlistOfferMissing(f"the offer of entry {entry_id} lapsed at {expires.isoformat()}")
    calendar.trigger_event(calendar.OfferClosed, entry_id=entry_id, taken=True, actor=actor)
    return Taken(DaySpan(calendar.day, int(start), int(end)).slot(), int(attendees), str(purpose))


def leave(park: Park, actor: Actor, calendar: VenueDay, entry_id: UUID) -> None:
    """The waiting firm leaves the waitlist; a slot offered to it is released (the caller
    offers it to the next firm waiting)."""
    key = str(entry_id)
    if key not in calendar.waiting:
        raise NotFound(
            f"waitlist entry {entry_id} is not waiting on {calendar.day}: it was never there, "
            "or its offer was taken or lapsed"
        )
    firm = str(calendar.waiting[key][2])
    if actor.firm is None or actor.firm.code != firm:
        raise PermissionDenied(f"{actor} may not take {firm} off the waitlist")
    park.require_representative(actor, actor.firm, must_be_active=False)
    calendar.trigger_event(calendar.WaitlistLeft, entry_id=entry_id, actor=actor)
