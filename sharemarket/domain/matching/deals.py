"""Deals made from matches: the reference a match and its listings keep, and the drafter's shape.

An accepted match becomes a deal in the slice of its kind: a labour agreement proposal, a
subcontracting part offer, a venue booking request or a loan application (``*_deal.py``
beside this module). Each kind's slice provides a :class:`DealKind`: how to draft its deal from the
match and the two listings' terms, and how to tell the deal has completed. The matching slice
looks the kind up in its table of deal kinds; a kind that is not there is refused with
``matching_deal_kind_unavailable``. A draft may read what its slice's rules need (``find``)
and may change more than the deal (:class:`Drafted`): all of it is saved with the match.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.checks import of_type
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import PARK_TZ, business_date
from sharemarket.domain.venues.park_days import ParkDay

if TYPE_CHECKING:
    from sharemarket.domain.matching.match import Match
    from sharemarket.domain.matching.terms import Terms


class DealOutcome(enum.Enum):
    """Where a deal made from a match stands."""

    PENDING = "pending"  # still under way
    COMPLETED = "completed"  # done: the match's quantity is met
    FELL_THROUGH = "fell_through"  # declined, withdrawn, or closed with nothing done


@attrs.frozen
class DealRef:
    """Which deal met a match: its kind ("labour_agreement") and its id in that slice."""

    kind: str = attrs.field(validator=of_type(str))
    deal_id: UUID = attrs.field(validator=of_type(UUID))

    def __str__(self) -> str:
        return f"{self.kind.replace('_', ' ')} {self.deal_id}"


def _instant(value: datetime | None) -> datetime | None:
    """An acceptance's instant, held in park time."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(f"an acceptance's time is an aware datetime, not {value!r}")
    return value.astimezone(PARK_TZ)


@attrs.frozen
class Acceptance:
    """When the second side accepts, as it gives it: ``on``, a date (a loan's contract date),
    and ``at``, an instant in park time (a booking's notice is counted from it). A deal that
    needs a date takes ``at``'s date when ``on`` is not given; the two must agree."""

    on: date | None = None
    at: datetime | None = attrs.field(default=None, converter=_instant)
    #: The park's kind of each day a deal may fall on (holidays, adjusted working days), for
    #: a venue that follows the park's calendar: the application reads the calendar, the
    #: draft reads these values. A day not given is not bookable at such a venue.
    park_days: Mapping[date, ParkDay] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.on is not None and self.at is not None and business_date(self.at) != self.on:
            raise InvalidInput(
                f"the acceptance is on {self.on} but at {self.at.isoformat()}, another day: "
                "give one, or both of the same day (in park time)"
            )

    @property
    def day(self) -> date | None:
        """The acceptance's date: ``on``, else the park date of ``at``."""
        if self.on is not None or self.at is None:
            return self.on
        return business_date(self.at)


#: Reads an aggregate of the deal's slice by class and id, or None if there is none yet.
Find = Callable[[type[Aggregate], UUID], Any]


@attrs.frozen
class Drafted:
    """A drafted deal, and the other aggregates of its slice the draft changed (saved with it)."""

    deal: Aggregate
    others: tuple[Aggregate, ...] = ()

    @property
    def aggregates(self) -> tuple[Aggregate, ...]:
        return (self.deal, *self.others)


class DealKind(Protocol):
    """What a slice gives the matching slice so that its kind's matches become its deals."""

    @property
    def name(self) -> str:
        """The deal's name in :class:`DealRef` ("labour_agreement"); stored forever."""
        ...

    @property
    def aggregate(self) -> type[Aggregate]:
        """The aggregate class of the deal, to load it when its outcome is recorded."""
        ...

    def draft(
        self,
        park: Park,
        actor: Actor,
        *,
        deal_id: UUID,
        match: Match,
        need: Terms,
        offer: Terms,
        when: Acceptance,
        find: Find,
    ) -> Drafted:
        """The deal drafted from the match and the two listings' terms (not yet saved).

        ``when`` is the acceptance's date or time as the accepting side gives it (a loan's
        contract date, a booking's as-of time); ``find`` reads what the slice's rules need."""
        ...

    def outcome(self, deal: Any) -> tuple[DealOutcome, str]:
        """Where the deal stands, and why, in words ("closed with 40h confirmed")."""
        ...
