"""Venue-sharing handlers: load the venue, the day's calendar, the firm's usage; decide; return.

A booking changes its day's calendar and its firm's usage of the week and of the month: the
rules spanning them are the domain's (``domain.venues.reservation``, ``domain.venues.blackout``),
and all of them are returned to be saved at once with the request's receipt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park import calendar as park_calendar
from sharemarket.application.park.access import read_park
from sharemarket.application.venues import access
from sharemarket.application.venues import commands as c
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied, RuleViolation
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import business_date
from sharemarket.domain.venues import blackout, reservation, waitlist
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.errors import VenueBlackedOut, VenueClosedAtTime, VenueSlotTaken
from sharemarket.domain.venues.quotas import VENUE_QUOTAS_ID, VenueQuotas
from sharemarket.domain.venues.series import (
    BookingSeries,
    SeriesBooked,
    SeriesConflicts,
    SkippedDate,
    occurrence_id,
)
from sharemarket.domain.venues.venue import Venue

handlers = Handlers()

Saved = Sequence[Aggregate]
#: What a skip-conflicts series skips: the date is taken, blacked out, or the venue is closed.
SKIPPABLE = (VenueSlotTaken, VenueBlackedOut, VenueClosedAtTime)


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


def _kind(loader: Loader, venue: Venue, day: date) -> ParkDay | None:
    """The park's kind of day, for a venue that follows the park's calendar."""
    return park_calendar.park_day(loader, day) if venue.rules.follows_park_calendar else None


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


@handlers.handles(c.BookVenue)
def book(loader: Loader, command: c.BookVenue) -> tuple[Saved, UUID]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    day = business_date(command.slot.start)
    calendar = work.calendar(venue.id, day)
    waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    booking = reservation.reserve(
        read_park(loader),
        command.actor,
        venue=venue,
        calendar=calendar,
        usages=work.usages(_firm(command), day),
        quotas=access.quotas(loader),
        booking_id=command.booking_id,
        slot=command.slot,
        attendees=command.attendees,
        purpose=command.purpose,
        as_of=command.as_of,
        kind=_kind(loader, venue, day),
    )
    return work.changed(booking), booking.id


@handlers.handles(c.BookSeries)
def book_series(loader: Loader, command: c.BookSeries) -> tuple[Saved, SeriesBooked]:
    park = read_park(loader)
    venue = access.venue(loader, command.venue)
    quotas = access.quotas(loader)
    work = access.Workset(loader)
    firm = _firm(command)
    series_id = command.series_id
    booked: dict[date, UUID] = {}
    skipped: dict[date, str] = {}
    bookings: list[Booking] = []
    for day in command.recurrence.dates():
        try:
            booking = reservation.reserve(
                park,
                command.actor,
                venue=venue,
                calendar=work.calendar(venue.id, day),
                usages=work.usages(firm, day),
                quotas=quotas,
                booking_id=occurrence_id(series_id, day),
                slot=command.recurrence.slot_on(day),
                attendees=command.attendees,
                purpose=command.purpose,
                as_of=command.as_of,
                kind=_kind(loader, venue, day),
                series_id=series_id,
            )
        except SKIPPABLE as refused:
            if command.conflicts is SeriesConflicts.ALL_OR_NOTHING:
                raise type(refused)(f"{day}: {refused}; nothing of the series is booked") from None
            skipped[day] = str(refused)
            continue
        except RuleViolation as refused:
            raise type(refused)(f"{day}: {refused}; nothing of the series is booked") from None
        booked[day] = booking.id
        bookings.append(booking)
    series = BookingSeries.record(
        command.actor,
        series_id=series_id,
        venue_id=venue.id,
        recurrence=command.recurrence,
        conflicts=command.conflicts,
        booked=booked,
        skipped=skipped,
    )
    result = SeriesBooked(
        series_id,
        tuple(sorted(booked)),
        tuple(SkippedDate(d, r) for d, r in sorted(skipped.items())),
    )
    return work.changed(series, *bookings), result


@handlers.handles(c.CancelSeries)
def cancel_series(loader: Loader, command: c.CancelSeries) -> tuple[Saved, list[UUID]]:
    park = read_park(loader)
    series = access.series(loader, command.series)
    series.require_booker(command.actor)
    work = access.Workset(loader)
    cancelled: list[Booking] = []
    for booking_id in series.bookings_from(command.from_day):
        booking = access.booking(loader, booking_id)
        if not booking.status.holds_slot or booking.slot.end <= command.as_of:
            continue  # already over, declined or cancelled: nothing to cancel
        booking.cancel(park, command.actor, command.as_of)
        _settle(work, command.actor, booking)
        _offer(loader, work, command.actor, booking, command.as_of)
        cancelled.append(booking)
    ids = [b.id for b in cancelled]
    series.cancel_from(command.actor, command.from_day, ids)
    return work.changed(series, *cancelled), ids


def _step(
    name: str,
    command: c.OnBooking[None],
    loader: Loader,
    *args: Any,
    offer_as_of: datetime | None = None,
) -> Saved:
    """One step of a booking; a slot it frees is offered to the first firm waiting for it
    (given ``offer_as_of``, the time of the step)."""
    booking = access.booking(loader, command.booking)
    getattr(booking, name)(read_park(loader), command.actor, *args)
    work = access.Workset(loader)
    _settle(work, command.actor, booking)
    if offer_as_of is not None:
        _offer(loader, work, command.actor, booking, offer_as_of)
    return work.changed(booking)


def _settle(work: access.Workset, actor: Actor, booking: Booking) -> None:
    day = business_date(booking.slot.start)
    reservation.settle_calendar(
        actor,
        booking,
        work.calendar(booking.venue_id, day),
        work.usages(booking.firm, day),
    )


@handlers.handles(c.ApproveBooking)
def approve(loader: Loader, command: c.ApproveBooking) -> tuple[Saved, None]:
    return _step("approve", command, loader), None


@handlers.handles(c.DeclineBooking)
def decline(loader: Loader, command: c.DeclineBooking) -> tuple[Saved, None]:
    return _step("decline", command, loader, command.reason, offer_as_of=command.as_of), None


@handlers.handles(c.PayFee)
def pay_fee(loader: Loader, command: c.PayFee) -> tuple[Saved, UUID]:
    booking = access.booking(loader, command.booking)
    booking.pay_fee(
        read_park(loader), command.actor, payment_id=command.payment_id, amount=command.amount
    )
    return [booking], command.payment_id


@handlers.handles(c.CancelBooking)
def cancel(loader: Loader, command: c.CancelBooking) -> tuple[Saved, None]:
    booking = access.booking(loader, command.booking)
    booking.cancel(read_park(loader), command.actor, command.as_of)
    work = access.Workset(loader)
    _settle(work, command.actor, booking)
    _offer(loader, work, command.actor, booking, command.as_of)
    return work.changed(booking), None


def _offer(
    loader: Loader, work: access.Workset, actor: Actor, booking: Booking, as_of: datetime
) -> None:
    """Offer the slot a cancellation freed to the first firm waiting for it."""
    venue = access.venue(loader, booking.venue_id)
    calendar = work.calendar(venue.id, business_date(booking.slot.start))
    waitlist.offer_freed(actor, calendar, venue.rules, as_of)


@handlers.handles(c.JoinWaitlist)
def join_waitlist(loader: Loader, command: c.JoinWaitlist) -> tuple[Saved, UUID]:
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
        kind=_kind(loader, venue, day),
    )
    return work.changed(), command.entry_id


@handlers.handles(c.LeaveWaitlist)
def leave_waitlist(loader: Loader, command: c.LeaveWaitlist) -> tuple[Saved, None]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    calendar = work.calendar(venue.id, command.day)
    waitlist.leave(read_park(loader), command.actor, calendar, command.entry)
    waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    return work.changed(), None


@handlers.handles(c.LiftBlackout)
def lift_blackout(loader: Loader, command: c.LiftBlackout) -> tuple[Saved, None]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    calendar = work.calendar(venue.id, command.day)
    blackout.lift(read_park(loader), command.actor, venue, calendar, command.blackout)
    waitlist.offer_freed(command.actor, calendar, venue.rules, command.as_of)
    return work.changed(), None


@handlers.handles(c.AcceptOffer)
def accept_offer(loader: Loader, command: c.AcceptOffer) -> tuple[Saved, UUID]:
    venue = access.venue(loader, command.venue)
    work = access.Workset(loader)
    calendar = work.calendar(venue.id, command.day)
    taken = waitlist.take(command.actor, calendar, command.entry, command.as_of)
    booking = reservation.reserve(
        read_park(loader),
        command.actor,
        venue=venue,
        calendar=calendar,
        usages=work.usages(_firm(command), command.day),
        quotas=access.quotas(loader),
        booking_id=command.booking_id,
        slot=taken.slot,
        attendees=taken.attendees,
        purpose=taken.purpose,
        as_of=command.as_of,
        kind=_kind(loader, venue, command.day),
    )
    return work.changed(booking), booking.id


@handlers.handles(c.CheckIn)
def check_in(loader: Loader, command: c.CheckIn) -> tuple[Saved, None]:
    return _step("check_in", command, loader, command.at), None


@handlers.handles(c.RecordNoShow)
def record_no_show(loader: Loader, command: c.RecordNoShow) -> tuple[Saved, None]:
    return _step("record_no_show", command, loader, command.as_of, offer_as_of=command.as_of), None


@handlers.handles(c.CompleteBooking)
def complete(loader: Loader, command: c.CompleteBooking) -> tuple[Saved, None]:
    return _step("complete", command, loader, command.as_of, offer_as_of=command.as_of), None


def _firm(command: c.BookVenue | c.BookSeries | c.AcceptOffer) -> FirmId:
    if command.actor.firm is None:
        raise PermissionDenied(f"{command.actor} acts for no firm; a representative books for it")
    return command.actor.firm
