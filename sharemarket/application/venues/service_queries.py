"""``market.venues``, its queries: venues, bookings, days, free slots, usage, monthly reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.park import calendar as park_calendar
from sharemarket.application.park.access import read_park
from sharemarket.application.venues import access
from sharemarket.application.venues import commands as c
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import TimeSlot, business_date, check_business_date
from sharemarket.domain.venues import report, waitlist
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.calendar import VenueDay, venue_day_id
from sharemarket.domain.venues.quotas import FirmVenueUsage, QuotaPeriod, VenueQuota, usage_id
from sharemarket.domain.venues.report import FirmVenueMonth, VenueUtilisation
from sharemarket.domain.venues.schedule import DaySchedule, free_slots, schedule
from sharemarket.domain.venues.venue import Venue
from sharemarket.domain.venues.waitlist import WaitingEntry

#: The most dates one query of free slots or upcoming bookings reads.
QUERY_DAYS_MAX = 92


class VenueQueries(Service):
    """What the market knows of rooms, bookings and use; a query records nothing."""

    # Queries ----------------------------------------------------------------------------------

    def venues(self, host: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every venue opened, oldest first (closed ones too); with ``host``, those
        it hosts. Read from the log (a list for people and tools).

        Raises:
            InvalidInput: The host's credit code is malformed.
        """
        code = None if host is None else as_firm_id(host, "host")
        return created_ids(
            EventLog(self._loader.app),
            (Venue.Opened,),
            None if code is None else lambda e: e.host == code,
        )

    def venue(self, venue: UUID) -> Venue:
        """The venue aggregate, for reading (changes to it are never saved).

        Raises:
            NotFound: The venue does not exist.
        """
        return access.venue(self._loader, as_uuid(venue, "venue"))

    def booking(self, booking: UUID) -> Booking:
        """A booking: its venue, firm, slot, status, the rules it was made under and its fee.

        Raises:
            NotFound: The booking does not exist.
        """
        return access.booking(self._loader, as_uuid(booking, "booking"))

    def day(self, venue: UUID, day: date) -> DaySchedule:
        """The venue's live bookings and blackouts of ``day``.

        Raises:
            InvalidInput: The day is outside the range the market records.
            NotFound: The venue does not exist.
        """
        venue_id = self.venue(venue).id
        check_business_date(day, "day")
        return schedule(self._loader.find(VenueDay, venue_day_id(venue_id, day)), day)

    def free_slots(self, venue: UUID, first_day: date, last_day: date) -> list[TimeSlot]:
        """The free spans of the venue's opening hours from ``first_day`` to ``last_day``.

        Raises:
            InvalidInput: A day is outside the range the market records, or the period ends
                before it starts or covers more than 92 days.
            NotFound: The venue does not exist.
        """
        v = self.venue(venue)
        days = _days(first_day, last_day)
        kinds = self._kinds(v, days)
        return [
            slot
            for d in days
            for slot in free_slots(
                v.rules, self._loader.find(VenueDay, venue_day_id(v.id, d)), d, kinds.get(d)
            )
        ]

    def waitlist(self, venue: UUID, day: date) -> list[WaitingEntry]:
        """The firms waiting for a slot of the venue's ``day``, in turn, with their offers.

        Raises:
            InvalidInput: The day is outside the range the market records.
            NotFound: The venue does not exist.
        """
        venue_id = self.venue(venue).id
        check_business_date(day, "day")
        return waitlist.entries(self._loader.find(VenueDay, venue_day_id(venue_id, day)))

    def _kinds(self, venue: Venue, days: list[date]) -> dict[date, ParkDay]:
        """The park's kind of each day, for a venue that follows the park's calendar (else
        none: its weekdays decide), each year's overrides read once."""
        if not venue.rules.follows_park_calendar:
            return {}
        return park_calendar.park_days(self._loader, days)

    def upcoming(self, firm: FirmId | str, as_of: datetime, last_day: date) -> list[Booking]:
        """The firm's live bookings ending after ``as_of`` and starting by ``last_day``.

        Raises:
            InvalidInput: The credit code is malformed, ``as_of`` has no time zone, or a date
                is outside the range the market records, or the period ends before it starts
                or covers more than 92 days.
        """
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
        """(minutes, bookings) the firm has counted in the week and the month of ``day``.

        Raises:
            InvalidInput: The credit code is malformed, or the day is outside the range the
                market records.
        """
        code = as_firm_id(firm, "firm")
        check_business_date(day, "day")
        counted = {}
        for period in QuotaPeriod:
            usage = self._loader.find(FirmVenueUsage, usage_id(code, period, day))
            counted[period] = (0, 0) if usage is None else usage.booked(None)
        return counted

    def utilisation(self, venue: UUID, month: date) -> VenueUtilisation:
        """The venue's month holding ``month``: hours open, booked, used and no-shows.

        Raises:
            InvalidInput: The date is outside the range the market records.
            NotFound: The venue does not exist.
        """
        v = self.venue(venue)
        check_business_date(month, "month")
        days = report.days_of(month)
        calendars = {d: self._loader.find(VenueDay, venue_day_id(v.id, d)) for d in days}
        kinds = self._kinds(v, days)
        return report.utilisation(v.id, v.rules, month, calendars, kinds)

    def firm_month(self, firm: FirmId | str, month: date) -> FirmVenueMonth:
        """The firm's month holding ``month``: minutes and bookings counted in its quotas,
        minutes and bookings used (checked in or completed), and each monthly quota's rest.

        Raises:
            InvalidInput: The credit code is malformed, or the date is outside the range the
                market records.
            NotFound: The park is not established, or the firm was never admitted.
        """
        code = as_firm_id(firm, "firm")
        check_business_date(month, "month")
        member = read_park(self._loader).member(code)
        usage = self._loader.find(FirmVenueUsage, usage_id(code, QuotaPeriod.MONTH, month))
        bookings = [access.booking(self._loader, b) for b in (usage.booking_ids() if usage else ())]
        quotas = access.quotas(self._loader)
        return report.firm_month(code, member.size, month, usage, quotas, bookings)

    def quotas(self) -> list[VenueQuota]:
        """The park's quotas, by period, venue kind, firm size and venue (none until set)."""
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
