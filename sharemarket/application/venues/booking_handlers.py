"""Booking handlers: load the venue, the day's calendar, the firm's usage; decide; return.

A booking changes its day's calendar and its firm's usage of the week and of the month: the
rules spanning them are the domain's (``domain.venues.reservation``), and all of them are
returned to be saved at once with the request's receipt. A step that frees a slot offers it to
the first firm waiting for it in the same save."""

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
from sharemarket.application.venues import booking_commands as bc
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied, RuleViolation
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import business_date
from sharemarket.domain.venues import reservation, waitlist
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.errors import VenueBlackedOut, VenueClosedAtTime, VenueSlotTaken
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


def day_kind(loader: Loader, venue: Venue, day: date) -> ParkDay | None:
    """The park's kind of day, for a venue that follows the park's calendar."""
    return park_calendar.park_day(loader, day) if venue.rules.follows_park_calendar else None


@handlers.handles(bc.BookVenue)
def book(loader: Loader, command: bc.BookVenue) -> tuple[Saved, UUID]:
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
        usages=work.usages(booking_firm(command), day),
        quotas=access.quotas(loader),
        booking_id=command.booking_id,
        slot=command.slot,
        attendees=command.attendees,
        purpose=command.purpose,
        as_of=command.as_of,
        kind=day_kind(loader, venue, day),
    )
    return work.changed(booking), booking.id


@handlers.handles(bc.BookSeries)
def book_series(loader: Loader, command: bc.BookSeries) -> tuple[Saved, SeriesBooked]:
    park = read_park(loader)
    venue = access.venue(loader, command.venue)
    quotas = access.quotas(loader)
    work = access.Workset(loader)
    firm = booking_firm(command)
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
                kind=day_kind(loader, venue, day),
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


@handlers.handles(bc.CancelSeries)
def cancel_series(loader: Loader, command: bc.CancelSeries) -> tuple[Saved, list[UUID]]:
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
        offer_freed_slot(loader, work, command.actor, booking, command.as_of)
        cancelled.append(booking)
    ids = [b.id for b in cancelled]
    series.cancel_from(command.actor, command.from_day, ids)
    return work.changed(series, *cancelled), ids


def _step(
    name: str,
    command: bc.OnBooking[None],
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
        offer_freed_slot(loader, work, command.actor, booking, offer_as_of)
    return work.changed(booking)


def _settle(work: access.Workset, actor: Actor, booking: Booking) -> None:
    day = business_date(booking.slot.start)
    reservation.settle_calendar(
        actor,
        booking,
        work.calendar(booking.venue_id, day),
        work.usages(booking.firm, day),
    )


@handlers.handles(bc.ApproveBooking)
def approve(loader: Loader, command: bc.ApproveBooking) -> tuple[Saved, None]:
    return _step("approve", command, loader), None


@handlers.handles(bc.DeclineBooking)
def decline(loader: Loader, command: bc.DeclineBooking) -> tuple[Saved, None]:
    return _step("decline", command, loader, command.reason, offer_as_of=command.as_of), None


@handlers.handles(bc.PayFee)
def pay_fee(loader: Loader, command: bc.PayFee) -> tuple[Saved, UUID]:
    booking = access.booking(loader, command.booking)
    booking.pay_fee(
        read_park(loader), command.actor, payment_id=command.payment_id, amount=command.amount
    )
    return [booking], command.payment_id


@handlers.handles(bc.CancelBooking)
def cancel(loader: Loader, command: bc.CancelBooking) -> tuple[Saved, None]:
    booking = access.booking(loader, command.booking)
    booking.cancel(read_park(loader), command.actor, command.as_of)
    work = access.Workset(loader)
    _settle(work, command.actor, booking)
    offer_freed_slot(loader, work, command.actor, booking, command.as_of)
    return work.changed(booking), None


def offer_freed_slot(
    loader: Loader, work: access.Workset, actor: Actor, booking: Booking, as_of: datetime
) -> None:
    """Offer the slot a cancellation freed to the first firm waiting for it."""
    venue = access.venue(loader, booking.venue_id)
    calendar = work.calendar(venue.id, business_date(booking.slot.start))
    waitlist.offer_freed(actor, calendar, venue.rules, as_of)


@handlers.handles(bc.CheckIn)
def check_in(loader: Loader, command: bc.CheckIn) -> tuple[Saved, None]:
    return _step("check_in", command, loader, command.at), None


@handlers.handles(bc.RecordNoShow)
def record_no_show(loader: Loader, command: bc.RecordNoShow) -> tuple[Saved, None]:
    return _step("record_no_show", command, loader, command.as_of, offer_as_of=command.as_of), None


@handlers.handles(bc.CompleteBooking)
def complete(loader: Loader, command: bc.CompleteBooking) -> tuple[Saved, None]:
    return _step("complete", command, loader, command.as_of, offer_as_of=command.as_of), None


def booking_firm(command: bc.BookVenue | bc.BookSeries | bc.AcceptOffer) -> FirmId:
    if command.actor.firm is None:
        raise PermissionDenied(f"{command.actor} acts for no firm; a representative books for it")
    return command.actor.firm
