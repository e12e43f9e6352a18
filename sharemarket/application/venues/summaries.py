"""One-line audit summaries of venue-sharing events: venues, bookings, series, calendars, quotas."""

from __future__ import annotations

from sharemarket.application.projections.audit_summaries import SummaryRules, short, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.duration import Minutes
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.quotas import FirmVenueUsage, VenueQuotas
from sharemarket.domain.venues.rules import _clock
from sharemarket.domain.venues.series import BookingSeries
from sharemarket.domain.venues.venue import Venue

summaries = SummaryRules()


def booking(e: object) -> str:
    return f"venue booking {short(e.originator_id)}"  # type: ignore[attr-defined]


@summaries.summary(Venue.Opened)
def opened(e: Venue.Opened, _: PartyBook) -> str:
    fee = f", {e.rules.fee_per_hour}/h" if e.rules.fee_per_hour else ", free of charge"
    approval = ", host approves each booking" if e.rules.approval_required else ""
    return (
        f"{who(e.actor)} opened venue {short(e.originator_id)} {e.name} "
        f"({e.kind.value.replace('_', ' ')}, {e.rules.capacity} persons{fee}{approval})"
    )


@summaries.summary(Venue.RulesChanged)
def rules_changed(e: Venue.RulesChanged, _: PartyBook) -> str:
    return f"{who(e.actor)} changed the rules of venue {short(e.originator_id)}"


@summaries.summary(Venue.ClosedForGood)
def closed(e: Venue.ClosedForGood, _: PartyBook) -> str:
    return f"{who(e.actor)} closed venue {short(e.originator_id)}: {e.reason}"


@summaries.summary(Booking.Requested)
def requested(e: Booking.Requested, _: PartyBook) -> str:
    series = "" if e.series_id is None else f" in series {short(e.series_id)}"
    return (
        f"{who(e.actor)} booked {e.venue_name} {e.slot} for {e.attendees} "
        f"({e.purpose}){series}: {booking(e)}, {e.status.value}"
    )


@summaries.summary(Booking.Approved)
def approved(e: Booking.Approved, _: PartyBook) -> str:
    return f"{who(e.actor)} approved {booking(e)}"


@summaries.summary(Booking.Declined)
def declined(e: Booking.Declined, _: PartyBook) -> str:
    return f"{who(e.actor)} declined {booking(e)}: {e.reason}"


@summaries.summary(Booking.Cancelled)
def cancelled(e: Booking.Cancelled, _: PartyBook) -> str:
    late = " late, counted as a no-show" if e.late else ""
    return f"{who(e.actor)} cancelled {booking(e)}{late}"


@summaries.summary(Booking.CancelledByHost)
def cancelled_by_host(e: Booking.CancelledByHost, book: PartyBook) -> str:
    booker = book.roles(e.originator_id).get("booker")
    told = "" if booker is None else f"; {booker.short} is told"
    return f"{who(e.actor)} cancelled {booking(e)} as host: {e.reason}{told}"


@summaries.summary(Booking.CheckedIn)
def checked_in(e: Booking.CheckedIn, _: PartyBook) -> str:
    return f"{who(e.actor)} checked in {booking(e)} at {e.at:%Y-%m-%d %H:%M}"


@summaries.summary(Booking.NoShowRecorded)
def no_show(e: Booking.NoShowRecorded, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded {booking(e)} as a no-show"


@summaries.summary(Booking.FeePaid)
def fee_paid(e: Booking.FeePaid, _: PartyBook) -> str:
    return f"{who(e.actor)} paid {e.amount} of the fee of venue booking {short(e.originator_id)}"


@summaries.summary(Booking.SettledByClearing)
def fee_cleared(e: Booking.SettledByClearing, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} committed clearing run {short(e.run_id)}, which paid {e.amount} of the "
        f"fee of venue booking {short(e.originator_id)} by netting"
    )


@summaries.summary(Booking.Completed)
def completed(e: Booking.Completed, _: PartyBook) -> str:
    fee = f", fee {e.fee}" if e.fee else ""
    return f"{who(e.actor)} completed {booking(e)}: {Minutes(e.minutes)} used{fee}"


@summaries.summary(BookingSeries.Booked)
def series_booked(e: BookingSeries.Booked, _: PartyBook) -> str:
    skipped = f", skipped {', '.join(sorted(e.skipped))}" if e.skipped else ""
    return (
        f"{who(e.actor)} booked series {short(e.originator_id)} of venue {short(e.venue_id)}: "
        f"{len(e.booked)} dates{skipped}"
    )


@summaries.summary(BookingSeries.CancelledFrom)
def series_cancelled(e: BookingSeries.CancelledFrom, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} cancelled series {short(e.originator_id)} from {e.from_day.isoformat()} "
        f"({len(e.cancelled)} bookings)"
    )


@summaries.summary(VenueDay.Opened)
def day_opened(e: VenueDay.Opened, _: PartyBook) -> str:
    return f"calendar of venue {short(e.venue_id)} for {e.day.isoformat()} started"


@summaries.summary(VenueDay.SlotHeld)
def slot_held(e: VenueDay.SlotHeld, _: PartyBook) -> str:
    return f"{who(e.actor)} held {_clock(e.start)}-{_clock(e.end)} for {booking_id(e)}"


@summaries.summary(VenueDay.SlotFreed)
def slot_freed(e: VenueDay.SlotFreed, _: PartyBook) -> str:
    return f"{who(e.actor)} freed the slot of {booking_id(e)}"


@summaries.summary(VenueDay.BlackoutPlaced)
def blackout(e: VenueDay.BlackoutPlaced, _: PartyBook) -> str:
    return f"{who(e.actor)} blacked out {_clock(e.start)}-{_clock(e.end)}"


@summaries.summary(VenueDay.OutcomeRecorded)
def outcome(e: VenueDay.OutcomeRecorded, _: PartyBook) -> str:
    return f"{booking_id(e)} ended {e.outcome.replace('_', ' ')} ({Minutes(e.minutes)})"


@summaries.summary(VenueDay.WaitlistJoined)
def waitlist_joined(e: VenueDay.WaitlistJoined, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} waits for {_clock(e.start)}-{_clock(e.end)} "
        f"(waitlist entry {short(e.entry_id)})"
    )


@summaries.summary(VenueDay.OfferMade)
def offer_made(e: VenueDay.OfferMade, _: PartyBook) -> str:
    return (
        f"the freed slot is offered to waitlist entry {short(e.entry_id)} until "
        f"{e.expires:%Y-%m-%d %H:%M}"
    )


@summaries.summary(VenueDay.OfferClosed)
def offer_closed(e: VenueDay.OfferClosed, _: PartyBook) -> str:
    outcome = "taken" if e.taken else "lapsed"
    return f"the offer to waitlist entry {short(e.entry_id)} {outcome}"


@summaries.summary(VenueDay.WaitlistLeft)
def waitlist_left(e: VenueDay.WaitlistLeft, _: PartyBook) -> str:
    return f"{who(e.actor)} left the waitlist (entry {short(e.entry_id)})"


@summaries.summary(VenueDay.BlackoutLifted)
def blackout_lifted(e: VenueDay.BlackoutLifted, _: PartyBook) -> str:
    return f"{who(e.actor)} lifted blackout {short(e.blackout_id)}"


@summaries.summary(FirmVenueUsage.Started)
def usage_started(e: FirmVenueUsage.Started, _: PartyBook) -> str:
    return f"venue usage of {e.firm.short} for the {e.period.value} from {e.first_day} started"


@summaries.summary(FirmVenueUsage.Counted)
def usage_counted(e: FirmVenueUsage.Counted, _: PartyBook) -> str:
    return f"{Minutes(e.minutes)} of venue booking {short(e.booking_id)} counted"


@summaries.summary(FirmVenueUsage.CountedAtVenue)
def usage_counted_at_venue(e: FirmVenueUsage.CountedAtVenue, _: PartyBook) -> str:
    return (
        f"{Minutes(e.minutes)} of venue booking {short(e.booking_id)} counted "
        f"(venue {short(e.venue_id)})"
    )


@summaries.summary(FirmVenueUsage.Released)
def usage_released(e: FirmVenueUsage.Released, _: PartyBook) -> str:
    return f"venue booking {short(e.booking_id)} released from the count"


@summaries.summary(VenueQuotas.Created)
def quotas_created(e: VenueQuotas.Created, _: PartyBook) -> str:
    return "the park's venue quotas started"


@summaries.summary(VenueQuotas.QuotaSet)
def quota_set(e: VenueQuotas.QuotaSet, _: PartyBook) -> str:
    return f"{who(e.actor)} set the venue quota: {e.quota}"


def booking_id(e: VenueDay.SlotHeld | VenueDay.SlotFreed | VenueDay.OutcomeRecorded) -> str:
    return f"venue booking {short(e.booking_id)}"
