"""Venue handlers: open, change the rules of and close a venue, its blackouts, quotas."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.application.venues import access
from sharemarket.application.venues import commands as c
from sharemarket.domain.time import business_date
from sharemarket.domain.venues import blackout, waitlist
from sharemarket.domain.venues.quotas import VENUE_QUOTAS_ID, VenueQuotas
from sharemarket.domain.venues.venue import Venue

handlers = Handlers()

Saved = Sequence[Aggregate]


@handlers.handles(c.OpenVenue)
def open_venue(loader: Loader, command: c.OpenVenue) -> tuple[Saved, UUID]:
    venue = Venue.open(
        read_park(loader),
        command.actor,
        venue_id=command.venue_id,
        name=command.name,
        kind=command.kind,
        rules=command.rules,
    )
    return [venue], venue.id


@handlers.handles(c.ChangeVenueRules)
def change_rules(loader: Loader, command: c.ChangeVenueRules) -> tuple[Saved, None]:
    venue = access.venue(loader, command.venue)
    venue.change_rules(read_park(loader), command.actor, command.rules)
    return [venue], None


@handlers.handles(c.CloseVenue)
def close_venue(loader: Loader, command: c.CloseVenue) -> tuple[Saved, None]:
    venue = access.venue(loader, command.venue)
    venue.close_for_good(read_park(loader), command.actor, command.reason)
    return [venue], None


@handlers.handles(c.SetVenueQuota)
def set_quota(loader: Loader, command: c.SetVenueQuota) -> tuple[Saved, None]:
    quotas = loader.find(VenueQuotas, VENUE_QUOTAS_ID) or VenueQuotas.first()
    scope = command.quota.venue
    venue = None if scope is None else access.venue(loader, scope)
    quotas.set_quota(read_park(loader), command.actor, command.quota, venue)
    return [quotas], None


@handlers.handles(c.PlaceBlackout)
def place_blackout(loader: Loader, command: c.PlaceBlackout) -> tuple[Saved, list[UUID]]:
    park = read_park(loader)
    venue = access.venue(loader, command.venue)
    venue.require_host(park, command.actor)
    work = access.Workset(loader)
    spans = blackout.spans_of(command.slot)
    calendars = {s.day: work.calendar(venue.id, s.day) for s in spans}
    hit = [b for s in spans for b in blackout.under(calendars[s.day], s)]
    bookings = {b: access.booking(loader, b) for b in hit}
    usages = {
        b: work.usages(booking.firm, business_date(booking.slot.start))
        for b, booking in bookings.items()
    }
    cancelled = blackout.black_out(
        park,
        command.actor,
        venue=venue,
        blackout_id=command.blackout_id,
        calendars=calendars,
        spans=spans,
        bookings=bookings,
        usages=usages,
        over_bookings=command.over_bookings,
        reason=command.reason,
    )
    if command.as_of is not None:
        for calendar in calendars.values():
            waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    return work.changed(*bookings.values()), cancelled


@handlers.handles(c.LiftBlackout)
def lift_blackout(loader: Loader, command: c.LiftBlackout) -> tuple[Saved, None]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    calendar = work.calendar(venue.id, command.day)
    blackout.lift(read_park(loader), command.actor, venue, calendar, command.blackout)
    waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    return work.changed(), None
