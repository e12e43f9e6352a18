"""A firm that left the park: its record, kept beside the park rather than in it (issue 20).

The park holds its current members only, so that its state is bounded by them and not by every
firm it ever admitted. What decisions still need of a firm that left is kept here, one
aggregate per firm, under an id derived from its credit code: its row as it left (name,
industry, size, representatives), so that its credit code is refused re-admission, its
representatives can still pay what it owes, an administrator can still change them, and a
reinstatement brings it back into the park as it was. A firm that returns and leaves again
reuses its record; the record's state is one row, however often that happens.

The park reads these records through a lookup the application gives it (``Park.consult``); a
command that changes a former member's record returns it, to be saved with the park.
"""

from __future__ import annotations

from functools import lru_cache
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import derived_id
from sharemarket.domain.park.member import (
    FirmSize,
    FirmStatus,
    Member,
    Row,
    representatives_of,
    row_of,
    with_representatives,
)


@lru_cache(maxsize=1024)
def former_member_id(firm: FirmId) -> UUID:
    """The id of the record of ``firm`` once it has left the park."""
    return derived_id("park-former-member", firm.code)


class FormerMember(Aggregate):
    """A firm that left the park (``away``), or that left once and has since returned."""

    class Event(Aggregate.Event):
        """The base of ``FormerMember``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Recorded(Aggregate.Created, Event):
        """The firm left the park for the first time, as it stood then."""

        firm: FirmId
        name: str
        industry: str
        size: FirmSize
        representatives: tuple[str, ...]
        actor: Actor

    class LeftAgain(Event):
        """A firm that had returned left the park again, as it stood then."""

        firm: FirmId
        name: str
        industry: str
        size: FirmSize
        representatives: tuple[str, ...]
        actor: Actor

        def apply(self, former: FormerMember) -> None:
            former.row = _left_row(
                self.firm, self.name, self.industry, self.size, self.representatives
            )
            former.away = True

    class Returned(Event):
        """The firm was reinstated: it is a member of the park again."""

        firm: FirmId
        actor: Actor

        def apply(self, former: FormerMember) -> None:
            former.away = False

    class RepresentativeAppointed(Event):
        firm: FirmId
        user: str
        actor: Actor

        def apply(self, former: FormerMember) -> None:
            reps = [*representatives_of(former.row), self.user]
            former.row = with_representatives(former.row, reps)

    class RepresentativeRemoved(Event):
        firm: FirmId
        user: str
        actor: Actor

        def apply(self, former: FormerMember) -> None:
            reps = [u for u in representatives_of(former.row) if u != self.user]
            former.row = with_representatives(former.row, reps)

    def __init__(
        self,
        firm: FirmId,
        name: str,
        industry: str,
        size: FirmSize,
        representatives: tuple[str, ...],
        actor: Actor,
    ) -> None:
        self.firm = firm
        #: The firm's compact row as the park held it (``member.py``), its status "left".
        self.row: Row = _left_row(firm, name, industry, size, representatives)
        #: Whether the firm is away from the park now (False once it has returned).
        self.away = True

    @classmethod
    def record(cls, member: Member, actor: Actor) -> FormerMember:
        """The record of ``member``, leaving the park for the first time."""
        return cls._create(
            cls.Recorded,
            id=former_member_id(member.firm),
            firm=member.firm,
            name=member.name,
            industry=member.industry,
            size=member.size,
            representatives=member.representatives,
            actor=actor,
        )

    def leave_again(self, member: Member, actor: Actor) -> None:
        if self.away:
            raise ValueError(f"firm {self.firm} has already left")  # the park refuses first
        self.trigger_event(
            self.LeftAgain,
            firm=self.firm,
            name=member.name,
            industry=member.industry,
            size=member.size,
            representatives=member.representatives,
            actor=actor,
        )

    def come_back(self, actor: Actor) -> None:
        """The firm is reinstated: the park holds its row again."""
        self.trigger_event(self.Returned, firm=self.firm, actor=actor)

    def appoint_representative(self, user: str, actor: Actor) -> None:
        self.trigger_event(self.RepresentativeAppointed, firm=self.firm, user=user, actor=actor)

    def remove_representative(self, user: str, actor: Actor) -> None:
        self.trigger_event(self.RepresentativeRemoved, firm=self.firm, user=user, actor=actor)


def _left_row(
    firm: FirmId, name: str, industry: str, size: FirmSize, representatives: tuple[str, ...]
) -> Row:
    return row_of(Member(firm, name, industry, size, FirmStatus.LEFT, representatives))
