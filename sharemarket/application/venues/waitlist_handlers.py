"""Waitlist handlers: a firm joins, leaves, or takes the slot offered to it."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.application.venues import access
from sharemarket.application.venues import booking_commands as bc
from sharemarket.application.venues.booking_handlers import booking_firm, day_kind
from sharemarket.domain.time import business_date
from sharemarket.domain.venues import reservation, waitlist

handlers = Handlers()

Saved = Sequence[Aggregate]


@handlers.handles(bc.JoinWaitlist)
def join_waitlist(loader: Loader, command: bc.JoinWaitlist) -> tuple[Saved, UUID]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    day = business_date(command.slot.start)
    calendar = work.calendar(venue.id, day)
    waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    waitlist.join(
        read_park(loader),
        command.actor,
        venue=venue,
        calendar=calendar,
        entry_id=command.entry_id,
        slot=command.slot,
        attendees=command.attendees,
        purpose=command.purpose,
        as_of=command.as_of,
        kind=day_kind(loader, venue, day),
    )
    return work.changed(), command.entry_id


@handlers.handles(bc.LeaveWaitlist)
def leave_waitlist(loader: Loader, command: bc.LeaveWaitlist) -> tuple[Saved, None]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    calendar = work.calendar(venue.id, command.day)
    waitlist.leave(read_park(loader), command.actor, calendar, command.entry)
    waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    return work.changed(), None


@handlers.handles(bc.AcceptOffer)
def accept_offer(loader: Loader, command: bc.AcceptOffer) -> tuple[Saved, UUID]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    calendar = work.calendar(venue.id, command.day)
    taken = waitlist.take(command.actor, calendar, command.entry, command.as_of)
    booking = reservation.reserve(
        read_park(loader),
        command.actor,
        venue=venue,
        calendar=calendar,
        usages=work.usages(booking_firm(command), command.day),
        quotas=access.quotas(loader),
        booking_id=command.booking_id,
        slot=taken.slot,
        attendees=taken.attendees,
        purpose=taken.purpose,
        as_of=command.as_of,
        kind=day_kind(loader, venue, command.day),
    )
    return work.changed(booking), booking.id
