"""Working-time policy: the labour-law caps on a worker's hours and the overtime pay multipliers."""

from __future__ import annotations

import enum
import re
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid5

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.checks import of_type
from sharemarket.domain.duration import MINUTES_MAX, Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.park.calendar import ParkCalendarYear, ParkDay, kind_of_day
from sharemarket.domain.park.membership import Park

LABOUR_RULES_ID = uuid5(SHAREMARKET_NAMESPACE, "labour-rules")


class DayType(enum.Enum):
    """What kind of day a shift falls on; it decides the overtime multiplier (劳动法 Art. 44)."""

    WORKDAY = "workday"
    REST_DAY = "rest_day"
    STATUTORY_HOLIDAY = "statutory_holiday"


def day_type_on(year: ParkCalendarYear | None, day: date, official: ParkDay) -> DayType:
    """A shift's day type when the caller gives none: the park's kind of ``day``, that is the
    administrators' override in ``year`` (the park's overrides of ``day``'s year, if any), else
    the ``official`` (China's) calendar's. A 调休 Saturday worked is an ordinary workday."""
    return _DAY_TYPE_OF[kind_of_day(year, day, official)]


#: A kind of park day as a shift's day type (the two enums share their values).
_DAY_TYPE_OF = {kind: DayType(kind.value) for kind in ParkDay}

#: The highest overtime multiplier a policy may set: the law's highest is 3 (a statutory
#: holiday); a higher one is a typo that would multiply every settlement.
MULTIPLIER_MAX = 10


def _duration(_: object, attribute: attrs.Attribute[Minutes], value: Minutes) -> None:
    if not isinstance(value, Minutes):
        raise TypeError(
            f"{attribute.name} is Minutes (e.g. Minutes(480)), not {type(value).__name__} {value!r}"
        )
    if not 0 <= value.value <= MINUTES_MAX:
        raise InvalidInput(
            f"{attribute.name} must be from 0 to {MINUTES_MAX} minutes, got {value.value}"
        )


def _optional_duration(_: object, attribute: attrs.Attribute[Minutes], value: object) -> None:
    if value is not None:
        _duration(_, attribute, value)  # type: ignore[arg-type]


def _decimal(value: Any) -> Any:
    """A multiplier written as decimal text or an int, as a Decimal. Anything else is left as
    it is, for :func:`_multiplier` to refuse naming the field (a converter is not told it)."""
    if isinstance(value, str) and _MULTIPLIER_TEXT.fullmatch(value.strip()):
        return Decimal(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _multiplier(_: object, attribute: attrs.Attribute[Decimal], value: object) -> None:
    if isinstance(value, str):
        raise InvalidInput(
            f"{attribute.name} {value!r} is not a decimal number; write it with ASCII digits "
            "like '1.5' or '3'"
        )
    if not isinstance(value, Decimal):
        never = "; never a float" if isinstance(value, float) else ""
        raise TypeError(
            f"{attribute.name} is a Decimal, a decimal string or an int (e.g. Decimal('1.5')), "
            f"not {type(value).__name__} {value!r}{never}"
        )
    if not value.is_finite() or not 1 <= value <= MULTIPLIER_MAX:
        raise InvalidInput(f"{attribute.name} must be from 1 to {MULTIPLIER_MAX}, got {value}")


#: A multiplier written as text: ASCII digits, perhaps a decimal point and more digits.
_MULTIPLIER_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@attrs.frozen
class WorkingTimePolicy:
    """The caps that apply to one worker across the home firm and every borrowing firm.

    Defaults follow the Labour Law and the State Council's 1995 working-time rule: an 8-hour
    standard day, overtime at most 3 hours a day and 36 hours a calendar month, a 40-hour standard
    week (Monday-Sunday) and at least one rest day in each such week. Work on a rest day or a
    statutory holiday is overtime in full: it counts towards the monthly overtime cap, is paid at
    the rest-day or holiday multiplier, and is not held to the 3-hour cap on *extending* a workday
    (the daily total cap of standard + overtime hours still applies). Hosts may configure stricter
    values, or different ones where a special working-hours approval exists.
    """

    daily_standard: Minutes = attrs.field(default=Minutes(8 * 60), validator=_duration)
    daily_overtime_max: Minutes = attrs.field(default=Minutes(3 * 60), validator=_duration)
    monthly_overtime_max: Minutes = attrs.field(default=Minutes(36 * 60), validator=_duration)
    weekly_standard_max: Minutes | None = attrs.field(
        default=Minutes(40 * 60), validator=_optional_duration
    )
    weekly_rest_day: bool = attrs.field(default=True, validator=of_type(bool))
    workday_overtime_multiplier: Decimal = attrs.field(
        default=Decimal("1.5"), converter=_decimal, validator=_multiplier
    )
    rest_day_multiplier: Decimal = attrs.field(
        default=Decimal("2"), converter=_decimal, validator=_multiplier
    )
    holiday_multiplier: Decimal = attrs.field(
        default=Decimal("3"), converter=_decimal, validator=_multiplier
    )

    @property
    def daily_max(self) -> Minutes:
        """The most a worker may work in a day: the standard day plus the overtime cap."""
        return self.daily_standard + self.daily_overtime_max

    def multiplier(self, day_type: DayType) -> Decimal:
        """What one overtime minute on this kind of day is paid, as a multiple of the rate."""
        if day_type is DayType.WORKDAY:
            return self.workday_overtime_multiplier
        if day_type is DayType.REST_DAY:
            return self.rest_day_multiplier
        return self.holiday_multiplier


LABOUR_LAW = WorkingTimePolicy()
"""The working-time policy of the Labour Law (劳动法): the defaults of
:class:`WorkingTimePolicy`, the park's policy until an administrator sets another."""


class LabourRules(Aggregate):
    """The park's working-time policy, set by an administrator; the Labour Law until then."""

    class Event(Aggregate.Event):
        """The base of ``LabourRules``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Created(Aggregate.Created, Event):
        policy: WorkingTimePolicy
        actor: Actor

    class PolicySet(Event):
        policy: WorkingTimePolicy
        actor: Actor

        def apply(self, rules: LabourRules) -> None:
            rules.policy = self.policy

    def __init__(self, policy: WorkingTimePolicy, actor: Actor) -> None:
        self.policy = policy

    @classmethod
    def first(cls, park: Park, actor: Actor, policy: WorkingTimePolicy) -> LabourRules:
        park.require_administrator(actor)
        _check_policy(policy)
        return cls._create(cls.Created, id=LABOUR_RULES_ID, policy=policy, actor=actor)

    def set_policy(self, park: Park, actor: Actor, policy: WorkingTimePolicy) -> None:
        park.require_administrator(actor)
        _check_policy(policy)
        self.trigger_event(self.PolicySet, policy=policy, actor=actor)


def _check_policy(policy: object) -> None:
    if not isinstance(policy, WorkingTimePolicy):
        raise TypeError(f"policy is a WorkingTimePolicy, not {type(policy).__name__}")
