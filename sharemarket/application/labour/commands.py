"""Labour-sharing commands (共享用工) as values: each holds its arguments, coerced and checked.

Each one's ``stored_as`` is kept in request receipts forever: it is the name the command had
when it was first recorded, so stores written before the slices existed still replay.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import NOT_AN_ARGUMENT, Command, Part
from sharemarket.application.kernel.inputs import (
    as_firm_id,
    as_minutes,
    as_money,
    as_opaque_id,
    as_optional_minutes,
    enum_value,
    market_id,
    opaque_ids,
    text,
)
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.labour.inputs import require_calendar_day
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import derived_id
from sharemarket.domain.labour.agreement import REASON_MAX, WORK_MAX
from sharemarket.domain.labour.policy import DayType, WorkingTimePolicy
from sharemarket.domain.labour.shift import Shift, check_shift_terms, default_overtime
from sharemarket.domain.labour.workers import WORKER_REF_MAX
from sharemarket.domain.money import Money
from sharemarket.domain.time import is_business_date

R = TypeVar("R")

# One converter per field that converts: attrs hands a converter the value alone, and the
# boundary's messages name the parameter.


def as_day_type(value: DayType | str) -> DayType:
    return enum_value(DayType, value, "day_type")


def _policy(value: WorkingTimePolicy) -> WorkingTimePolicy:
    if not isinstance(value, WorkingTimePolicy):
        raise TypeError(
            f"policy is a WorkingTimePolicy, not {type(value).__name__} {value!r}; "
            "build one with WorkingTimePolicy(...)"
        )
    return value


def _lender(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "lender")


def _rate(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "rate_per_hour")


def _amount(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "amount")


def _minutes(value: Minutes | int) -> Minutes:
    return as_minutes(value, "minutes")


def _overtime(value: Minutes | int) -> Minutes:
    return as_minutes(value, "overtime")


def _optional_overtime(value: Minutes | int | None) -> Minutes | None:
    return as_optional_minutes(value, "overtime")


def _minutes_cap(value: Minutes | int | None) -> Minutes | None:
    return as_optional_minutes(value, "minutes_cap")


def _worker(value: str) -> str:
    return as_opaque_id(value, "worker", WORKER_REF_MAX)


def _workers(values: Iterable[str]) -> tuple[str, ...]:
    return opaque_ids(values, "workers", WORKER_REF_MAX)


_REASON = text(REASON_MAX)


@attrs.frozen(kw_only=True)
class SetWorkingTimePolicy(Command[None]):
    stored_as: ClassVar[str] = "set_working_time_policy"
    policy: WorkingTimePolicy = attrs.field(converter=_policy)


@attrs.frozen(kw_only=True)
class ProposeAgreement(Command[UUID]):
    stored_as: ClassVar[str] = "propose_labour_agreement"
    lender: FirmId = attrs.field(converter=_lender)
    work: str = attrs.field(validator=text(WORK_MAX))
    rate_per_hour: Money = attrs.field(converter=_rate)
    first_day: date = attrs.field(validator=is_business_date)
    last_day: date = attrs.field(validator=is_business_date)
    workers: tuple[str, ...] = attrs.field(converter=_workers)
    minutes_cap: Minutes | None = attrs.field(default=None, converter=_minutes_cap)

    @property
    def agreement_id(self) -> UUID:
        return derived_id("labour-agreement", self.request_id)


@attrs.frozen(kw_only=True)
class OnAgreement(Command[R]):
    """A command about one agreement."""

    agreement: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class AcceptAgreement(OnAgreement[None]):
    stored_as: ClassVar[str] = "accept_labour_agreement"


@attrs.frozen(kw_only=True)
class DeclineAgreement(OnAgreement[None]):
    stored_as: ClassVar[str] = "decline_labour_agreement"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class WithdrawAgreement(OnAgreement[None]):
    stored_as: ClassVar[str] = "withdraw_labour_agreement"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class CloseAgreement(OnAgreement[None]):
    stored_as: ClassVar[str] = "close_labour_agreement"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class AddWorkers(OnAgreement[None]):
    stored_as: ClassVar[str] = "add_workers"
    workers: tuple[str, ...] = attrs.field(converter=_workers)


@attrs.frozen(kw_only=True)
class RemoveWorkers(OnAgreement[None]):
    stored_as: ClassVar[str] = "remove_workers"
    workers: tuple[str, ...] = attrs.field(converter=_workers)


@attrs.frozen(kw_only=True)
class ShiftTerms(Part):
    """What a shift says: the worker, the day, the minutes, of which overtime, the kind of day.

    Build it with :meth:`of`, which leaves overtime out as none on a workday and as every minute
    on a rest day or statutory holiday (Labour Law Art. 44).
    """

    worker: str = attrs.field(converter=_worker)
    work_date: date = attrs.field(validator=is_business_date)
    minutes: Minutes = attrs.field(converter=_minutes)
    overtime: Minutes = attrs.field(converter=_overtime)
    day_type: DayType = attrs.field(converter=as_day_type)

    def __attrs_post_init__(self) -> None:
        check_shift_terms(self.minutes, self.overtime, self.day_type)

    @classmethod
    def of(
        cls,
        *,
        worker: str,
        work_date: date,
        minutes: Minutes | int,
        overtime: Minutes | int | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> ShiftTerms:
        # A DayType stands as it is (as as_day_type gives it back); the converters check again.
        kind = day_type if type(day_type) is DayType else as_day_type(day_type)
        mins = _minutes(minutes)
        return cls(
            worker=worker,
            work_date=work_date,
            minutes=mins,
            overtime=default_overtime(mins, _optional_overtime(overtime), kind),
            day_type=kind,
        )

    def shift(self, shift_id: UUID) -> Shift:
        """The shift of these terms: they were checked as a shift's as the command was built."""
        return Shift.checked(
            shift_id, self.worker, self.work_date, self.minutes, self.overtime, self.day_type
        )


@attrs.frozen(kw_only=True)
class RecordShift(OnAgreement[UUID]):
    stored_as: ClassVar[str] = "record_shift"
    shift: ShiftTerms
    calendar_day: bool = attrs.field(default=False, metadata=NOT_AN_ARGUMENT)

    def check_premises(self, loader: Loader) -> None:
        require_calendar_day(loader, self.calendar_day, self.shift.work_date, self.shift.day_type)

    @property
    def shift_id(self) -> UUID:
        return derived_id("labour-shift", self.request_id)


@attrs.frozen(kw_only=True)
class OnShift(OnAgreement[R]):
    """A command about one shift of an agreement."""

    shift: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class ConfirmShift(OnShift[None]):
    stored_as: ClassVar[str] = "confirm_shift"


@attrs.frozen(kw_only=True)
class DisputeShift(OnShift[None]):
    stored_as: ClassVar[str] = "dispute_shift"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class WithdrawShift(OnShift[None]):
    stored_as: ClassVar[str] = "withdraw_shift"


@attrs.frozen(kw_only=True)
class ReverseShift(OnShift[None]):
    stored_as: ClassVar[str] = "reverse_shift"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class NewTerms(OnShift[UUID]):
    """A shift replaced by a new one for the same worker (fields as the replacement has them)."""

    work_date: date = attrs.field(validator=is_business_date)
    minutes: Minutes = attrs.field(converter=_minutes)
    overtime: Minutes | None = attrs.field(default=None, converter=_optional_overtime)
    day_type: DayType = attrs.field(default=DayType.WORKDAY, converter=as_day_type)
    calendar_day: bool = attrs.field(default=False, metadata=NOT_AN_ARGUMENT)

    def check_premises(self, loader: Loader) -> None:
        require_calendar_day(loader, self.calendar_day, self.work_date, self.day_type)

    def replacement(self, worker: str) -> Shift:
        return Shift.of(
            shift_id=derived_id("labour-shift", self.request_id),
            worker=worker,
            work_date=self.work_date,
            minutes=self.minutes,
            overtime=self.overtime,
            day_type=self.day_type,
        )


@attrs.frozen(kw_only=True)
class RerecordShift(NewTerms):
    stored_as: ClassVar[str] = "rerecord_shift"


@attrs.frozen(kw_only=True)
class CorrectShift(NewTerms):
    stored_as: ClassVar[str] = "correct_shift"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class DeclareHomeHours(Command[None]):
    """The home firm's own hours for a worker on a day; zero minutes clears the day."""

    stored_as: ClassVar[str] = "declare_home_hours"
    worker: str = attrs.field(converter=_worker)
    work_date: date = attrs.field(validator=is_business_date)
    minutes: Minutes = attrs.field(converter=_minutes)
    overtime: Minutes | None = attrs.field(default=None, converter=_optional_overtime)
    day_type: DayType = attrs.field(default=DayType.WORKDAY, converter=as_day_type)
    calendar_day: bool = attrs.field(default=False, metadata=NOT_AN_ARGUMENT)

    def check_premises(self, loader: Loader) -> None:
        require_calendar_day(loader, self.calendar_day, self.work_date, self.day_type)

    def __attrs_post_init__(self) -> None:
        if self.minutes.value:
            check_shift_terms(self.minutes, self.resolved_overtime, self.day_type)
        elif self.overtime:
            raise InvalidInput("zero minutes clears a day's home hours and takes no overtime")

    @property
    def resolved_overtime(self) -> Minutes:
        return default_overtime(self.minutes, self.overtime, self.day_type)


@attrs.frozen(kw_only=True)
class IssueSettlement(OnAgreement[UUID]):
    stored_as: ClassVar[str] = "issue_settlement"
    first_day: date = attrs.field(validator=is_business_date)
    last_day: date = attrs.field(validator=is_business_date)

    @property
    def settlement_id(self) -> UUID:
        return derived_id("labour-settlement", self.request_id)


@attrs.frozen(kw_only=True)
class RecordPayment(OnAgreement[UUID]):
    stored_as: ClassVar[str] = "record_payment"
    settlement: UUID = attrs.field(validator=market_id)
    amount: Money = attrs.field(converter=_amount)

    @property
    def payment_id(self) -> UUID:
        return derived_id("labour-payment", self.request_id)
