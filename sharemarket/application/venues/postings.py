"""Venue sharing (阵地共享) in the journal: venue minutes a host gives, and fees where charged.

A completed booking of 120 minutes posts -120 venue minutes given by the host and +120 received
by the booking firm, so the park sees who shares its rooms; a fee, where the venue charges one,
posts receivable by the host and payable by the booker. A firm booking its own room posts
nothing. Every other step (requests, approvals, cancellations, no-shows, calendars, usage)
moves no value.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sharemarket.application.projections.journal import (
    AccountKind,
    Asset,
    Posting,
    PostingRules,
    owed,
    paid,
    transfer,
)
from sharemarket.application.projections.parties import PartyBook, PartyRules, Roles
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.quotas import FirmVenueUsage, VenueQuotas
from sharemarket.domain.venues.series import BookingSeries
from sharemarket.domain.venues.venue import Venue

VENUE_MINUTES: Asset[Minutes] = Asset("VENUE_MINUTES", Minutes)
"""Minutes of a venue used by another firm: given by the host, received by the booker."""

postings = PostingRules()
parties = PartyRules()


@parties.declare(Venue.Opened)
def venue_parties(event: Venue.Opened) -> Roles:
    return {"host": event.host}


@parties.declare(Booking.Requested)
def booking_parties(event: Booking.Requested) -> Roles:
    return {"host": event.host, "booker": event.firm}


@parties.declare(BookingSeries.Booked)
def series_parties(event: BookingSeries.Booked) -> Roles:
    return {"booker": event.firm}


@parties.declare(FirmVenueUsage.Started)
def usage_parties(event: FirmVenueUsage.Started) -> Roles:
    return {"firm": event.firm}


def host_and_booker(book: PartyBook, booking_id: UUID) -> tuple[FirmId, FirmId]:
    roles = book.roles(booking_id)
    try:
        return roles["host"], roles["booker"]
    except KeyError:
        raise LookupError(
            f"venue booking {booking_id} has no known host and booker: its Requested "
            "event was never projected"
        ) from None


@postings.rule(Booking.Completed)
def completed(event: Booking.Completed, book: PartyBook) -> Sequence[Posting]:
    host, booker = host_and_booker(book, event.originator_id)
    if host == booker:
        return ()
    reference = f"venue booking {event.originator_id}"
    minutes = transfer(
        VENUE_MINUTES,
        event.minutes,
        source=host,
        source_kind=AccountKind.GIVEN,
        target=booker,
        target_kind=AccountKind.RECEIVED,
        reference=reference,
    )
    fee = owed(
        event.fee.fen,
        debtor=booker,
        creditor=host,
        reference=f"fee of {reference}",
    )
    return (*minutes, *fee)


def fee_paid_back(
    event: Booking.FeePaid | Booking.SettledByClearing, book: PartyBook, why: str
) -> Sequence[Posting]:
    host, booker = host_and_booker(book, event.originator_id)
    if host == booker:  # a firm's own room: its fee was never posted (see ``completed``)
        return ()
    return paid(
        event.amount.fen,
        debtor=booker,
        creditor=host,
        reference=f"{why} on the fee of venue booking {event.originator_id}",
    )


@postings.rule(Booking.FeePaid)
def fee_paid(event: Booking.FeePaid, book: PartyBook) -> Sequence[Posting]:
    """A payment clears that much of the fee's receivable and payable."""
    return fee_paid_back(event, book, f"payment {event.payment_id}")


@postings.rule(Booking.SettledByClearing)
def fee_cleared(event: Booking.SettledByClearing, book: PartyBook) -> Sequence[Posting]:
    return fee_paid_back(event, book, f"clearing run {event.run_id}")


postings.moves_no_value(
    Venue.Opened,
    Venue.RulesChanged,
    Venue.ClosedForGood,
    # A booking moves value only once used (Completed); a no-show is counted, not posted.
    Booking.Requested,
    Booking.Approved,
    Booking.Declined,
    Booking.Cancelled,
    Booking.CancelledByHost,
    Booking.CheckedIn,
    Booking.NoShowRecorded,
    BookingSeries.Booked,
    BookingSeries.CancelledFrom,
    VenueDay.Opened,
    VenueDay.SlotHeld,
    VenueDay.SlotFreed,
    VenueDay.BlackoutPlaced,
    VenueDay.OutcomeRecorded,
    VenueDay.WaitlistJoined,
    VenueDay.OfferMade,
    VenueDay.OfferClosed,
    VenueDay.WaitlistLeft,
    VenueDay.BlackoutLifted,
    FirmVenueUsage.Started,
    FirmVenueUsage.Counted,
    FirmVenueUsage.CountedAtVenue,
    FirmVenueUsage.Released,
    VenueQuotas.Created,
    VenueQuotas.QuotaSet,
)
