"""Quotas: hours or bookings per firm per week or month, and each firm's usage per period.

A firm's usage of a period counts every booking of the firm, whoever of its representatives made
it, pending and confirmed, checked in, completed, no-shows and late cancellations; a decline or
a timely cancellation releases it. Every booking command saves the firm's usage of the week and
of the month in the same atomic save as the booking, so racing bookings never pass a quota.
"""

from __future__ import annotations

import enum
from datetime import date
from uuid import UUID, uuid5

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.checks import of_type
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE, derived_id
from sharemarket.domain.park.membership import FirmSize, Park
from sharemarket.domain.time import week_of
from sharemarket.domain.venues.errors import VenueQuotaExceeded
from sharemarket.domain.venues.rules import VenueKind, _count, _minutes, _to_minutes
from sharemarket.domain.venues.venue import Venue

VENUE_QUOTAS_ID = uuid5(SHAREMARKET_NAMESPACE, "venue-quotas")


class QuotaPeriod(enum.Enum):
    """The period a venue quota counts a firm's bookings over: a week (Monday to Sunday) or a
    calendar month, in park time."""

    WEEK = "week"
    MONTH = "month"

    def first_day(self, day: date) -> date:
        """The Monday of the week, or the first of the month, holding ``day``."""
        return week_of(day)[0] if self is QuotaPeriod.WEEK else day.replace(day=1)


def _optional_minutes(_: object, attribute: attrs.Attribute[Minutes | None], value: object) -> None:
    if value is not None:
        _minutes(0, 31 * 24 * 60)(_, attribute, value)


def _optional_count(_: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None:
        _count(0, 10_000)(_, attribute, value)


@attrs.frozen(kw_only=True)
class VenueQuota:
    """At most ``max_minutes`` booked and/or ``max_bookings`` per firm per ``period``, on
    venues of ``kind`` (None: all venues) or on one ``venue`` (a host's quota of its own room),
    for firms of ``firm_size`` (None: every firm)."""

    period: QuotaPeriod = attrs.field(validator=of_type(QuotaPeriod))
    max_minutes: Minutes | None = attrs.field(
        default=None, converter=_to_minutes, validator=_optional_minutes
    )
    max_bookings: int | None = attrs.field(default=None, validator=_optional_count)
    kind: VenueKind | None = attrs.field(default=None, validator=of_type(VenueKind, optional=True))
    firm_size: FirmSize | None = attrs.field(
        default=None, validator=of_type(FirmSize, optional=True)
    )
    venue: UUID | None = attrs.field(default=None, validator=of_type(UUID, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.max_minutes is None and self.max_bookings is None:
            raise InvalidInput("a quota sets max_minutes, max_bookings or both; it set neither")
        if self.venue is not None and self.kind is not None:
            raise InvalidInput(
                "a quota of one venue counts the bookings of that venue: give venue or kind, "
                "not both"
            )

    @property
    def key(self) -> str:
        """The quota's key among the rules: its period, venue kind and firm size ("all" where
        it sets none), and its venue when it has one."""
        kind = self.kind.value if self.kind else "all"
        size = self.firm_size.value if self.firm_size else "all"
        key = f"{self.period.value}:{kind}:{size}"
        return key if self.venue is None else f"{key}:{self.venue.hex}"

    def applies(self, kind: VenueKind, size: FirmSize, venue: UUID | None = None) -> bool:
        """Whether the quota counts a booking of ``venue``, of ``kind``, by a firm of ``size``."""
        return (
            self.kind in (None, kind)
            and self.firm_size in (None, size)
            and self.venue in (None, venue)
        )

    def __str__(self) -> str:
        limits = [f"{self.max_minutes}" if self.max_minutes is not None else ""]
        if self.max_bookings is not None:
            limits.append(f"{self.max_bookings} bookings")
        on = f" of {self.kind.value.replace('_', ' ')}s" if self.kind else ""
        on = f" of venue {str(self.venue)[:8]}" if self.venue else on
        size = f" for {self.firm_size.value} firms" if self.firm_size else ""
        return f"{' and '.join(x for x in limits if x)} a {self.period.value}{on}{size}"


class VenueQuotas(Aggregate):
    """The park's quotas, one per (period, kind, firm size, venue): the administrators set
    any, a host those of its own venues."""

    class Event(Aggregate.Event):
        """The base of ``VenueQuotas``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Created(Aggregate.Created, Event):
        pass

    class QuotaSet(Event):
        quota: VenueQuota
        actor: Actor

        def apply(self, quotas: VenueQuotas) -> None:
            quotas.quotas[self.quota.key] = self.quota

    def __init__(self) -> None:
        self.quotas: dict[str, VenueQuota] = {}

    @classmethod
    def first(cls) -> VenueQuotas:
        return cls._create(cls.Created, id=VENUE_QUOTAS_ID)

    def set_quota(
        self, park: Park, actor: Actor, quota: VenueQuota, venue: Venue | None = None
    ) -> None:
        """Set or replace the quota of its (period, kind, firm size, venue). A park
        administrator sets any quota; a representative of a host only the quota of one venue
        it hosts (``venue``, the venue the quota names)."""
        if quota.venue is not None:
            if venue is None or venue.id != quota.venue:
                raise ValueError(f"the venue the quota names, {quota.venue}, was not given")
            venue.require_host(park, actor)
        elif not actor.is_administrator:
            raise PermissionDenied(
                f"{actor} may set quotas only for venues its firm hosts (VenueQuota(venue=...)); "
                "a quota of every venue or of a kind of venue is set by a park administrator"
            )
        else:
            park.require_administrator(actor)
        self.trigger_event(self.QuotaSet, quota=quota, actor=actor)


def usage_id(firm: FirmId, period: QuotaPeriod, day: date) -> UUID:
    return derived_id("venue-usage", f"{firm.code}:{period.value}:{period.first_day(day)}")


class FirmVenueUsage(Aggregate):
    """One firm's counted bookings in one week or month: booking id -> [kind, minutes, venue]
    (the venue's id in hex; absent for bookings counted before quotas of one venue)."""

    class Event(Aggregate.Event):
        """The base of ``FirmVenueUsage``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Started(Aggregate.Created, Event):
        firm: FirmId
        period: QuotaPeriod
        first_day: date

    class Counted(Event):
        booking_id: UUID
        kind: VenueKind
        minutes: int

        def apply(self, usage: FirmVenueUsage) -> None:
            usage.entries[str(self.booking_id)] = [self.kind.value, self.minutes]

    class CountedAtVenue(Event):
        """A booking counted with its venue, so that a quota of one venue can count it
        (bookings counted before quotas of one venue existed are ``Counted``, without it)."""

        booking_id: UUID
        kind: VenueKind
        minutes: int
        venue_id: UUID

        def apply(self, usage: FirmVenueUsage) -> None:
            usage.entries[str(self.booking_id)] = [self.kind.value, self.minutes, self.venue_id.hex]

    class Released(Event):
        booking_id: UUID

        def apply(self, usage: FirmVenueUsage) -> None:
            usage.entries.pop(str(self.booking_id), None)

    def __init__(self, firm: FirmId, period: QuotaPeriod, first_day: date) -> None:
        self.firm = firm
        self.period = period
        self.first_day = first_day
        self.entries: dict[str, list[str | int]] = {}

    @classmethod
    def start(cls, firm: FirmId, period: QuotaPeriod, day: date) -> FirmVenueUsage:
        return cls._create(
            cls.Started,
            id=usage_id(firm, period, day),
            firm=firm,
            period=period,
            first_day=period.first_day(day),
        )

    def booked(self, kind: VenueKind | None, venue: UUID | None = None) -> tuple[int, int]:
        """(minutes, bookings) counted, on venues of ``kind`` (None: all), or on ``venue``."""
        chosen = [
            e
            for e in self.entries.values()
            if (kind is None or e[0] == kind.value)
            and (venue is None or (len(e) > 2 and e[2] == venue.hex))
        ]
        return sum(int(e[1]) for e in chosen), len(chosen)

    def booking_ids(self) -> list[UUID]:
        return sorted(UUID(b) for b in self.entries)

    def check(self, kind: VenueKind, minutes: int, quotas: list[VenueQuota]) -> None:
        """Refuse with the quota a booking of ``minutes`` more would pass (records nothing)."""
        for quota in quotas:
            if quota.period is not self.period:
                continue
            used, bookings = self.booked(quota.kind, quota.venue)
            if quota.max_minutes is not None and used + minutes > quota.max_minutes.value:
                raise VenueQuotaExceeded(
                    f"firm {self.firm} has booked {Minutes(used)} in the {self.period.value} "
                    f"from {self.first_day}; {Minutes(minutes)} more would pass the quota of "
                    f"{quota}"
                )
            if quota.max_bookings is not None and bookings + 1 > quota.max_bookings:
                raise VenueQuotaExceeded(
                    f"firm {self.firm} has {bookings} bookings in the {self.period.value} from "
                    f"{self.first_day}; one more would pass the quota of {quota}"
                )

    def count(self, booking_id: UUID, kind: VenueKind, minutes: int, venue_id: UUID) -> None:
        """Count the booking (checked first with :meth:`check`)."""
        self.trigger_event(
            self.CountedAtVenue,
            booking_id=booking_id,
            kind=kind,
            minutes=minutes,
            venue_id=venue_id,
        )

    def release(self, booking_id: UUID) -> None:
        if str(booking_id) in self.entries:
            self.trigger_event(self.Released, booking_id=booking_id)
