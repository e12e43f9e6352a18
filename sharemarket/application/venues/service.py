"""``market.venues``: shared rooms (阵地共享), their bookings, series and quotas."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.park.access import read_park
from sharemarket.application.venues import access, china_calendar
from sharemarket.application.venues import commands as c
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.time import TimeSlot, business_date, check_business_date
from sharemarket.domain.venues import report, waitlist
from sharemarket.domain.venues.blackout import OverBookings
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.calendar import VenueDay, venue_day_id
from sharemarket.domain.venues.park_days import ParkDay
from sharemarket.domain.venues.quotas import FirmVenueUsage, QuotaPeriod, VenueQuota, usage_id
from sharemarket.domain.venues.report import FirmVenueMonth, VenueUtilisation
from sharemarket.domain.venues.rules import VenueKind, VenueRules
from sharemarket.domain.venues.schedule import DaySchedule, free_slots, schedule
from sharemarket.domain.venues.series import Recurrence, SeriesBooked, SeriesConflicts
from sharemarket.domain.venues.venue import Venue
from sharemarket.domain.venues.waitlist import WaitingEntry

#: The most dates one query of free slots or upcoming bookings reads.
QUERY_DAYS_MAX = 92


class VenuesService(Service):
    """Venues hosts open to the park's firms, bookings of them, recurring series and quotas."""

    # Venues -----------------------------------------------------------------------------------

    def open_venue(
        self,
        actor: Actor,
        *,
        request_id: str,
        name: str,
        kind: VenueKind | str,
        rules: VenueRules,
    ) -> UUID:
        """A representative of the host firm opens one of its rooms to the park's firms."""
        return self._run(
            c.OpenVenue(actor=actor, request_id=request_id, name=name, kind=kind, rules=rules)
        )

    def change_rules(
        self, actor: Actor, *, request_id: str, venue: UUID, rules: VenueRules
    ) -> None:
        """New bookings follow the new rules; bookings already made keep the old ones."""
        self._run(c.ChangeVenueRules(actor=actor, request_id=request_id, venue=venue, rules=rules))

    def close_venue(self, actor: Actor, *, request_id: str, venue: UUID, reason: str) -> None:
        """The venue takes no new booking; bookings already made stand."""
        self._run(c.CloseVenue(actor=actor, request_id=request_id, venue=venue, reason=reason))

    def place_blackout(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        slot: TimeSlot,
        reason: str,
        over_bookings: OverBookings | str = OverBookings.REFUSE,
    ) -> list[UUID]:
        """The host blacks out a slot (up to 31 days). Over live bookings it is refused, unless
        ``over_bookings="cancel_bookings"``: then it cancels them, each booker told by an event,
        and returns their ids."""
        return self._run(
            c.PlaceBlackout(
                actor=actor,
                request_id=request_id,
                venue=venue,
                slot=slot,
                reason=reason,
                over_bookings=over_bookings,
            )
        )

    def set_quota(self, actor: Actor, *, request_id: str, quota: VenueQuota) -> None:
        """An administrator sets (or replaces) the quota of a period, venue kind and firm size."""
        self._run(c.SetVenueQuota(actor=actor, request_id=request_id, quota=quota))

    def set_park_day(
        self, actor: Actor, *, request_id: str, day: date, kind: ParkDay | str
    ) -> None:
        """An administrator overrides China's calendar for one date of the park (a year's
        calendar not yet published, a local closure): venues that follow the park's calendar
        open or close by it."""
        self._run(c.SetParkDay(actor=actor, request_id=request_id, day=day, kind=kind))

    # Bookings ---------------------------------------------------------------------------------

    def book(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        slot: TimeSlot,
        attendees: int,
        purpose: str,
        as_of: datetime,
    ) -> UUID:
        """A representative books ``slot`` for their firm, as of ``as_of`` (the notice counts
        from it). Pending if the host approves each booking, else confirmed."""
        return self._run(
            c.BookVenue(
                actor=actor,
                request_id=request_id,
                venue=venue,
                slot=slot,
                attendees=attendees,
                purpose=purpose,
                as_of=as_of,
            )
        )

    def book_series(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        recurrence: Recurrence,
        attendees: int,
        purpose: str,
        as_of: datetime,
        conflicts: SeriesConflicts | str = SeriesConflicts.ALL_OR_NOTHING,
    ) -> SeriesBooked:
        """Book every date of ``recurrence``: all or nothing, or skipping the dates that are
        taken, blacked out or closed (reported in the result)."""
        return self._run(
            c.BookSeries(
                actor=actor,
                request_id=request_id,
                venue=venue,
                recurrence=recurrence,
                attendees=attendees,
                purpose=purpose,
                conflicts=conflicts,
                as_of=as_of,
            )
        )

    def cancel_series(
        self, actor: Actor, *, request_id: str, series: UUID, from_day: date, as_of: datetime
    ) -> list[UUID]:
        """Cancel the series' live bookings from ``from_day`` on; the ids cancelled."""
        return self._run(
            c.CancelSeries(
                actor=actor, request_id=request_id, series=series, from_day=from_day, as_of=as_of
            )
        )

    def join_waitlist(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        slot: TimeSlot,
        attendees: int,
        purpose: str,
        as_of: datetime,
    ) -> UUID:
        """Wait for a taken slot; when it frees, the first firm waiting whose slot is free is
        offered it for the venue's ``offer_hold``. Returns the waitlist entry's id."""
        return self._run(
            c.JoinWaitlist(
                actor=actor,
                request_id=request_id,
                venue=venue,
                slot=slot,
                attendees=attendees,
                purpose=purpose,
                as_of=as_of,
            )
        )

    def accept_offer(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        day: date,
        entry: UUID,
        as_of: datetime,
    ) -> UUID:
        """The offered firm books the slot it waited for, before the offer lapses."""
        return self._run(
            c.AcceptOffer(
                actor=actor, request_id=request_id, venue=venue, day=day, entry=entry, as_of=as_of
            )
        )

    def approve(self, actor: Actor, *, request_id: str, booking: UUID) -> None:
        self._run(c.ApproveBooking(actor=actor, request_id=request_id, booking=booking))

    def decline(self, actor: Actor, *, request_id: str, booking: UUID, reason: str) -> None:
        self._run(
            c.DeclineBooking(actor=actor, request_id=request_id, booking=booking, reason=reason)
        )

    def cancel(self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime) -> None:
        """The booker cancels; within the venue's late-cancellation notice it counts as a
        no-show (and in the firm's quotas)."""
        self._run(c.CancelBooking(actor=actor, request_id=request_id, booking=booking, as_of=as_of))

    def pay_fee(
        self, actor: Actor, *, request_id: str, booking: UUID, amount: Money | Decimal | str | int
    ) -> UUID:
        """The booking firm pays (part of) the fee of a used room; never more than is owed."""
        return self._run(
            c.PayFee(actor=actor, request_id=request_id, booking=booking, amount=amount)
        )

    def check_in(self, actor: Actor, *, request_id: str, booking: UUID, at: datetime) -> None:
        self._run(c.CheckIn(actor=actor, request_id=request_id, booking=booking, at=at))

    def record_no_show(
        self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime
    ) -> None:
        """The host records a no-show, kept as a fact and counted against the firm."""
        self._run(c.RecordNoShow(actor=actor, request_id=request_id, booking=booking, as_of=as_of))

    def complete(self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime) -> None:
        """The host records a checked-in booking used: its minutes (and fee) are posted."""
        self._run(
            c.CompleteBooking(actor=actor, request_id=request_id, booking=booking, as_of=as_of)
        )

    # Queries ----------------------------------------------------------------------------------

    def venues(self, host: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every venue opened, oldest first (closed ones too); with ``host``, those
        it hosts. Read from the log (a list for people and tools)."""
        code = None if host is None else as_firm_id(host, "host")
        return created_ids(
            EventLog(self._loader.app),
            (Venue.Opened,),
            None if code is None else lambda e: e.host == code,
        )

    def venue(self, venue: UUID) -> Venue:
        """The venue aggregate, for reading (changes to it are never saved)."""
        return access.venue(self._loader, as_uuid(venue, "venue"))

    def booking(self, booking: UUID) -> Booking:
        return access.booking(self._loader, as_uuid(booking, "booking"))

    def day(self, venue: UUID, day: date) -> DaySchedule:
        """The venue's live bookings and blackouts of ``day``."""
        venue_id = self.venue(venue).id
        check_business_date(day, "day")
        return schedule(self._loader.find(VenueDay, venue_day_id(venue_id, day)), day)

    def free_slots(self, venue: UUID, first_day: date, last_day: date) -> list[TimeSlot]:
        """The free spans of the venue's opening hours from ``first_day`` to ``last_day``."""
        v = self.venue(venue)
        return [
            slot
            for d in _days(first_day, last_day)
            for slot in free_slots(
                v.rules, self._loader.find(VenueDay, venue_day_id(v.id, d)), d, self._kind(v, d)
            )
        ]

    def waitlist(self, venue: UUID, day: date) -> list[WaitingEntry]:
        """The firms waiting for a slot of the venue's ``day``, in turn, with their offers."""
        venue_id = self.venue(venue).id
        check_business_date(day, "day")
        return waitlist.entries(self._loader.find(VenueDay, venue_day_id(venue_id, day)))

    def park_day(self, day: date) -> ParkDay:
        """The kind of ``day`` in the park: an override, else China's calendar (调休 included)."""
        return china_calendar.park_day(self._loader, check_business_date(day, "day"))

    def _kind(self, venue: Venue, day: date) -> ParkDay | None:
        if not venue.rules.follows_park_calendar:
            return None
        return china_calendar.park_day(self._loader, day)

    def upcoming(self, firm: FirmId | str, as_of: datetime, last_day: date) -> list[Booking]:
        """The firm's live bookings ending after ``as_of`` and starting by ``last_day``."""
        code = as_firm_id(firm, "firm")
        as_of = c.as_instant(as_of, "as_of")
        first = business_date(as_of)
        found: dict[UUID, Booking] = {}
        months = {d.replace(day=1) for d in _days(first, last_day)}
        for month in sorted(months):
            usage = self._loader.find(FirmVenueUsage, usage_id(code, QuotaPeriod.MONTH, month))
            for booking_id in usage.booking_ids() if usage is not None else ():
                b = access.booking(self._loader, booking_id)
                if b.status.holds_slot and b.slot.end > as_of and b.slot.start.date() <= last_day:
                    found[b.id] = b
        return sorted(found.values(), key=lambda b: b.slot.start)

    def usage(self, firm: FirmId | str, day: date) -> dict[QuotaPeriod, tuple[int, int]]:
        """(minutes, bookings) the firm has counted in the week and the month of ``day``."""
        code = as_firm_id(firm, "firm")
        check_business_date(day, "day")
        counted = {}
        for period in QuotaPeriod:
            usage = self._loader.find(FirmVenueUsage, usage_id(code, period, day))
            counted[period] = (0, 0) if usage is None else usage.booked(None)
        return counted

    def utilisation(self, venue: UUID, month: date) -> VenueUtilisation:
        """The venue's month holding ``month``: hours open, booked, used and no-shows."""
        v = self.venue(venue)
        check_business_date(month, "month")
        days = report.days_of(month)
        calendars = {d: self._loader.find(VenueDay, venue_day_id(v.id, d)) for d in days}
        kinds = {d: k for d in days if (k := self._kind(v, d)) is not None}
        return report.utilisation(v.id, v.rules, month, calendars, kinds)

    def firm_month(self, firm: FirmId | str, month: date) -> FirmVenueMonth:
        """The firm's month holding ``month``: minutes and bookings counted, quota left."""
        code = as_firm_id(firm, "firm")
        check_business_date(month, "month")
        member = read_park(self._loader).member(code)
        usage = self._loader.find(FirmVenueUsage, usage_id(code, QuotaPeriod.MONTH, month))
        return report.firm_month(code, member.size, month, usage, access.quotas(self._loader))

    def quotas(self) -> list[VenueQuota]:
        return sorted(access.quotas(self._loader), key=lambda q: q.key)


def _days(first_day: date, last_day: date) -> list[date]:
    check_business_date(first_day, "first_day")
    check_business_date(last_day, "last_day")
    if last_day < first_day:
        raise InvalidInput(f"last_day {last_day} is before first_day {first_day}")
    count = (last_day - first_day).days + 1
    if count > QUERY_DAYS_MAX:
        raise InvalidInput(f"the query covers {count} days; ask for at most {QUERY_DAYS_MAX}")
    return [first_day + timedelta(days=n) for n in range(count)]
