"""A shift: minutes one lent worker worked on one date, of which overtime, on a kind of day."""

from __future__ import annotations

import enum
from datetime import date
from uuid import UUID

import attrs

from sharemarket.domain.checks import of_type
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.labour.policy import DayType
from sharemarket.domain.labour.workers import check_worker_ref
from sharemarket.domain.time import is_business_date

DAY_MINUTES = 24 * 60


class ShiftStatus(enum.Enum):
    """Where a shift stands between the two firms; only confirmed shifts count and settle."""

    PENDING = "pending"  # recorded by the borrower, awaiting the lender
    CONFIRMED = "confirmed"  # agreed by both sides: counts in every balance
    DISPUTED = "disputed"  # the lender objects; the borrower withdraws or re-records it
    WITHDRAWN = "withdrawn"  # taken back before confirmation; counts nowhere
    REVERSED = "reversed"  # a confirmed shift cancelled by a reversing entry


def default_overtime(minutes: Minutes, overtime: Minutes | None, day_type: DayType) -> Minutes:
    """Overtime as given, or, left out, none on a workday and every minute on any other day."""
    if overtime is not None:
        return overtime
    return Minutes(0) if day_type is DayType.WORKDAY else minutes


def check_shift_terms(minutes: Minutes, overtime: Minutes, day_type: DayType) -> None:
    """Raise InvalidInput unless ``minutes``, ``overtime`` of them, on ``day_type`` make a shift."""
    if not 0 < minutes.value <= DAY_MINUTES:
        raise InvalidInput(f"a shift lasts more than 0 and at most 24h00 minutes, got {minutes}")
    if not 0 <= overtime.value <= minutes.value:
        raise InvalidInput(f"overtime {overtime} must be between 0h00 and the shift's {minutes}")
    if day_type is not DayType.WORKDAY and overtime != minutes:
        raise InvalidInput(
            f"on a {day_type.value.replace('_', ' ')} every minute worked is overtime "
            f"(Labour Law Art. 44): overtime must equal the shift's {minutes}, "
            f"got {overtime}; leave overtime out to have it set"
        )


@attrs.frozen
class Shift:
    """What the borrowing firm records. Overtime is part of ``minutes``, not on top of it.

    On a rest day or a statutory holiday every minute is overtime; leave ``overtime`` out (or
    give it equal to ``minutes``). On a workday overtime defaults to none.
    """

    shift_id: UUID = attrs.field(validator=of_type(UUID))
    worker: str = attrs.field(validator=lambda _, __, v: check_worker_ref(v))
    work_date: date = attrs.field(validator=is_business_date)
    minutes: Minutes = attrs.field(validator=of_type(Minutes))
    overtime: Minutes = attrs.field(validator=of_type(Minutes))
    day_type: DayType = attrs.field(validator=of_type(DayType))

    def __attrs_post_init__(self) -> None:
        check_shift_terms(self.minutes, self.overtime, self.day_type)

    @classmethod
    def of(
        cls,
        *,
        shift_id: UUID,
        worker: str,
        work_date: date,
        minutes: Minutes,
        overtime: Minutes | None = None,
        day_type: DayType = DayType.WORKDAY,
    ) -> Shift:
        """A shift; overtime left out is none on a workday and every minute on another day."""
        overtime = default_overtime(minutes, overtime, day_type)
        return cls(shift_id, worker, work_date, minutes, overtime, day_type)

    @classmethod
    def checked(
        cls,
        shift_id: UUID,
        worker: str,
        work_date: date,
        minutes: Minutes,
        overtime: Minutes,
        day_type: DayType,
    ) -> Shift:
        """A shift of terms already checked as a shift's are: a command's terms (checked as the
        command was built) or an agreement's row (checked when the shift was recorded).

        The validators are not run again (recording a shift builds it from the command's terms,
        confirming it from the agreement's row: checking the same worker reference, date and
        minutes again took about 5 us each time). Anything else builds a shift with the
        constructor or :meth:`of`."""
        shift = object.__new__(cls)
        put = object.__setattr__  # the way attrs itself fills a frozen instance
        put(shift, "shift_id", shift_id)
        put(shift, "worker", worker)
        put(shift, "work_date", work_date)
        put(shift, "minutes", minutes)
        put(shift, "overtime", overtime)
        put(shift, "day_type", day_type)
        return shift

    @property
    def standard(self) -> Minutes:
        """The shift's minutes that are not overtime."""
        return self.minutes - self.overtime


@attrs.frozen
class ShiftEntry:
    """A shift as an agreement holds it: its status and the settlement that paid it, if any."""

    shift: Shift
    status: ShiftStatus
    settlement_id: UUID | None = None
    note: str = ""
