"""Booking commands (阵地共享) as values: bookings, series, their steps, fees and the waitlist.

Each one's ``stored_as`` is kept in request receipts forever: never rename one.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import as_money, market_id, text
from sharemarket.application.venues.commands import (
    OnVenue,
    _as_of,
    _at,
    _attendees,
    _conflicts,
    _optional_as_of,
    _recurrence,
    _slot,
    without_none,
)
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import (
    TimeSlot,
    is_business_date,
)
from sharemarket.domain.venues.booking import PURPOSE_MAX, REASON_MAX
from sharemarket.domain.venues.series import Recurrence, SeriesBooked, SeriesConflicts

R = TypeVar("R")


@attrs.frozen(kw_only=True)
class BookVenue(OnVenue[UUID]):
    stored_as: ClassVar[str] = "venues.book"
    slot: TimeSlot = attrs.field(converter=_slot)
    attendees: int = attrs.field(converter=_attendees)
    purpose: str = attrs.field(validator=text(PURPOSE_MAX))
    as_of: datetime = attrs.field(converter=_as_of)

    @property
    def booking_id(self) -> UUID:
        return derived_id("venue-booking", self.request_id)


@attrs.frozen(kw_only=True)
class BookSeries(OnVenue[SeriesBooked]):
    stored_as: ClassVar[str] = "venues.book_series"
    recurrence: Recurrence = attrs.field(converter=_recurrence)
    attendees: int = attrs.field(converter=_attendees)
    purpose: str = attrs.field(validator=text(PURPOSE_MAX))
    conflicts: SeriesConflicts = attrs.field(converter=_conflicts)
    as_of: datetime = attrs.field(converter=_as_of)

    @property
    def series_id(self) -> UUID:
        return derived_id("venue-series", self.request_id)


@attrs.frozen(kw_only=True)
class CancelSeries(Command[list[UUID]]):
    stored_as: ClassVar[str] = "venues.cancel_series"
    series: UUID = attrs.field(validator=market_id)
    from_day: date = attrs.field(validator=is_business_date)
    as_of: datetime = attrs.field(converter=_as_of)


@attrs.frozen(kw_only=True)
class OnBooking(Command[R]):
    booking: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class ApproveBooking(OnBooking[None]):
    stored_as: ClassVar[str] = "venues.approve_booking"


@attrs.frozen(kw_only=True)
class DeclineBooking(OnBooking[None]):
    stored_as: ClassVar[str] = "venues.decline_booking"
    reason: str = attrs.field(validator=text(REASON_MAX))
    #: When the host declines: the freed slot is offered to a waiting firm from then on.
    as_of: datetime | None = attrs.field(default=None, converter=_optional_as_of)

    def arguments(self) -> dict[str, Any]:
        return without_none(super().arguments(), "as_of")


@attrs.frozen(kw_only=True)
class CancelBooking(OnBooking[None]):
    stored_as: ClassVar[str] = "venues.cancel_booking"
    as_of: datetime = attrs.field(converter=_as_of)


@attrs.frozen(kw_only=True)
class CheckIn(OnBooking[None]):
    stored_as: ClassVar[str] = "venues.check_in"
    at: datetime = attrs.field(converter=_at)


@attrs.frozen(kw_only=True)
class RecordNoShow(OnBooking[None]):
    stored_as: ClassVar[str] = "venues.record_no_show"
    as_of: datetime = attrs.field(converter=_as_of)


@attrs.frozen(kw_only=True)
class CompleteBooking(OnBooking[None]):
    stored_as: ClassVar[str] = "venues.complete_booking"
    as_of: datetime = attrs.field(converter=_as_of)


def _fee_payment(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "amount")


@attrs.frozen(kw_only=True)
class PayFee(OnBooking[UUID]):
    stored_as: ClassVar[str] = "venues.pay_fee"
    amount: Money = attrs.field(converter=_fee_payment)

    @property
    def payment_id(self) -> UUID:
        return derived_id("venues-fee-payment", self.request_id)


@attrs.frozen(kw_only=True)
class JoinWaitlist(OnVenue[UUID]):
    stored_as: ClassVar[str] = "venues.join_waitlist"
    slot: TimeSlot = attrs.field(converter=_slot)
    attendees: int = attrs.field(converter=_attendees)
    purpose: str = attrs.field(validator=text(PURPOSE_MAX))
    as_of: datetime = attrs.field(converter=_as_of)

    @property
    def entry_id(self) -> UUID:
        return derived_id("venue-waitlist", self.request_id)


@attrs.frozen(kw_only=True)
class AcceptOffer(OnVenue[UUID]):
    stored_as: ClassVar[str] = "venues.accept_offer"
    day: date = attrs.field(validator=is_business_date)
    entry: UUID = attrs.field(validator=market_id)
    as_of: datetime = attrs.field(converter=_as_of)

    @property
    def booking_id(self) -> UUID:
        return derived_id("venue-booking", self.request_id)


@attrs.frozen(kw_only=True)
class LeaveWaitlist(OnVenue[None]):
    stored_as: ClassVar[str] = "venues.leave_waitlist"
    day: date = attrs.field(validator=is_business_date)
    entry: UUID = attrs.field(validator=market_id)
    as_of: datetime = attrs.field(converter=_as_of)
