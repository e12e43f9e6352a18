"""Venue-sharing commands (阵地共享) as values: each holds its arguments, coerced and checked.

Each one's ``stored_as`` is kept in request receipts forever: never rename one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import enum_value, market_id, text
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.ids import derived_id
from sharemarket.domain.time import (
    FIRST_BUSINESS_DATE,
    LAST_BUSINESS_DATE,
    TimeSlot,
    business_date,
    is_business_date,
)
from sharemarket.domain.venues.blackout import OverBookings
from sharemarket.domain.venues.booking import REASON_MAX
from sharemarket.domain.venues.quotas import VenueQuota
from sharemarket.domain.venues.rules import CAPACITY_MAX, VenueKind, VenueRules
from sharemarket.domain.venues.series import Recurrence, SeriesConflicts
from sharemarket.domain.venues.venue import NAME_MAX

R = TypeVar("R")
T = TypeVar("T")


def value_of(cls: type[T], value: object, what: str, how: str) -> T:
    """A value the host builds itself (``VenueRules(...)``, ``TimeSlot.on(...)``)."""
    if not isinstance(value, cls):
        raise TypeError(f"{what} is a {cls.__name__}, not {type(value).__name__} {value!r}; {how}")
    return value


def as_instant(value: object, what: str) -> datetime:
    """An aware instant (the domain reads no clock: "now" is an argument) on a business date."""
    if not isinstance(value, datetime):
        raise TypeError(
            f"{what} is an aware datetime (e.g. datetime(2026, 3, 2, 9, tzinfo=PARK_TZ)), not "
            f"{type(value).__name__} {value!r}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(
            f"{what} {value.isoformat()} has no time zone; give an aware datetime (for park time "
            "tzinfo=sharemarket.PARK_TZ)"
        )
    if value.year < FIRST_BUSINESS_DATE.year or value.year > LAST_BUSINESS_DATE.year:
        raise InvalidInput(
            f"{what} {value.isoformat()} lies outside the business dates the market records"
        )
    day = business_date(value)
    if not FIRST_BUSINESS_DATE <= day <= LAST_BUSINESS_DATE:
        raise InvalidInput(f"{what} {value.isoformat()} lies outside the business dates")
    return value


def as_count(value: object, what: str, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is an int, not {type(value).__name__} {value!r}")
    if not 1 <= value <= high:
        raise InvalidInput(f"{what} must be from 1 to {high}, got {value}")
    return value


def _slot(value: Any) -> TimeSlot:
    slot = value_of(TimeSlot, value, "slot", "build one with TimeSlot.on(day, (9, 0), (11, 0))")
    if slot.duration.value > 31 * 24 * 60:
        raise InvalidInput(f"slot {slot} is longer than 31 days")
    as_instant(slot.start, "slot")
    as_instant(slot.end, "slot")
    return slot


def _rules(value: Any) -> VenueRules:
    return value_of(VenueRules, value, "rules", "build them with VenueRules(capacity=...)")


def _quota(value: Any) -> VenueQuota:
    return value_of(VenueQuota, value, "quota", "build one with VenueQuota(period=...)")


def _recurrence(value: Any) -> Recurrence:
    return value_of(Recurrence, value, "recurrence", "build one with Recurrence(first_day=...)")


def _kind(value: VenueKind | str) -> VenueKind:
    return enum_value(VenueKind, value, "kind")


def _over(value: OverBookings | str) -> OverBookings:
    return enum_value(OverBookings, value, "over_bookings")


def _conflicts(value: SeriesConflicts | str) -> SeriesConflicts:
    return enum_value(SeriesConflicts, value, "conflicts")


def _attendees(value: int) -> int:
    return as_count(value, "attendees", CAPACITY_MAX)


def _as_of(value: datetime) -> datetime:
    return as_instant(value, "as_of")


def _at(value: datetime) -> datetime:
    return as_instant(value, "at")


def _optional_as_of(value: datetime | None) -> datetime | None:
    return None if value is None else as_instant(value, "as_of")


def without_none(args: dict[str, Any], name: str) -> dict[str, Any]:
    """A command's arguments without ``name`` when it is None: receipts stored before the
    argument existed were fingerprinted without it, and keep their fingerprints."""
    if args[name] is None:
        del args[name]
    return args


@attrs.frozen(kw_only=True)
class OpenVenue(Command[UUID]):
    stored_as: ClassVar[str] = "venues.open_venue"
    name: str = attrs.field(validator=text(NAME_MAX))
    kind: VenueKind = attrs.field(converter=_kind)
    rules: VenueRules = attrs.field(converter=_rules)

    @property
    def venue_id(self) -> UUID:
        return derived_id("venue", self.request_id)


@attrs.frozen(kw_only=True)
class OnVenue(Command[R]):
    venue: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class ChangeVenueRules(OnVenue[None]):
    stored_as: ClassVar[str] = "venues.change_rules"
    rules: VenueRules = attrs.field(converter=_rules)


@attrs.frozen(kw_only=True)
class CloseVenue(OnVenue[None]):
    stored_as: ClassVar[str] = "venues.close_venue"
    reason: str = attrs.field(validator=text(REASON_MAX))


@attrs.frozen(kw_only=True)
class PlaceBlackout(OnVenue[list[UUID]]):
    stored_as: ClassVar[str] = "venues.place_blackout"
    slot: TimeSlot = attrs.field(converter=_slot)
    reason: str = attrs.field(validator=text(REASON_MAX))
    over_bookings: OverBookings = attrs.field(converter=_over)
    #: When the host blacks out: slots freed beside the blackout are offered from then on.
    as_of: datetime | None = attrs.field(default=None, converter=_optional_as_of)

    def arguments(self) -> dict[str, Any]:
        return without_none(super().arguments(), "as_of")

    @property
    def blackout_id(self) -> UUID:
        return derived_id("venue-blackout", self.request_id)


@attrs.frozen(kw_only=True)
class SetVenueQuota(Command[None]):
    stored_as: ClassVar[str] = "venues.set_quota"
    quota: VenueQuota = attrs.field(converter=_quota)


@attrs.frozen(kw_only=True)
class LiftBlackout(OnVenue[None]):
    stored_as: ClassVar[str] = "venues.lift_blackout"
    day: date = attrs.field(validator=is_business_date)
    blackout: UUID = attrs.field(validator=market_id)
    as_of: datetime = attrs.field(converter=_as_of)
