"""The park: its administrators, its member firms, their status and their representatives.

The whole membership is one aggregate. Membership changes are rare (hundreds of firms, a few events
each), and keeping them together makes "a firm is admitted once" and "the park keeps an
administrator" plain invariants of one consistency boundary. Snapshots keep loading it cheap.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from uuid import uuid5

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor, check_user_id
from sharemarket.domain.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.park.errors import (
    FirmAlreadyAdmitted,
    FirmNotActive,
    LastAdministrator,
    LastRepresentative,
)
from sharemarket.domain.text import free_text

PARK_ID = uuid5(SHAREMARKET_NAMESPACE, "park")
NAME_MAX = 200


class FirmSize(enum.Enum):
    """Enterprise size class (大中小微企业划型)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class FirmStatus(enum.Enum):
    """A member firm's standing in the park: active, suspended (暂停) or left (退出)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    LEFT = "left"


def _user_ids(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        # A str is an iterable of one-character "user ids": "rep-1" would make five of them.
        raise TypeError(f"representatives is a list of user ids, not a str: write [{values!r}]")
    return tuple(sorted({check_user_id(v) for v in values}))


@attrs.frozen
class Member:
    """What the park holds about one member firm."""

    firm: FirmId
    name: str
    industry: str
    size: FirmSize
    status: FirmStatus
    representatives: tuple[str, ...] = attrs.field(converter=_user_ids)

    @property
    def is_active(self) -> bool:
        """Whether the firm may undertake anything new (neither suspended nor gone)."""
        return self.status is FirmStatus.ACTIVE


class Park(Aggregate):
    """The park's membership register: who administers it, which firms belong, who acts for them."""

    class Established(Aggregate.Created):
        name: str
        administrator: str
        actor: Actor

    class AdministratorAppointed(Aggregate.Event):
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park.administrators = sorted({*park.administrators, self.user})

    class AdministratorDismissed(Aggregate.Event):
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park.administrators = [u for u in park.administrators if u != self.user]

    class FirmAdmitted(Aggregate.Event):
        firm: FirmId
        name: str
        industry: str
        size: FirmSize
        representatives: tuple[str, ...]
        actor: Actor

        def apply(self, park: Park) -> None:
            park.members[self.firm.code] = Member(
                self.firm,
                self.name,
                self.industry,
                self.size,
                FirmStatus.ACTIVE,
                tuple(self.representatives),
            )

    class FirmSuspended(Aggregate.Event):
        firm: FirmId
        reason: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park._set_status(self.firm, FirmStatus.SUSPENDED)

    class FirmReinstated(Aggregate.Event):
        firm: FirmId
        actor: Actor

        def apply(self, park: Park) -> None:
            park._set_status(self.firm, FirmStatus.ACTIVE)

    class FirmLeft(Aggregate.Event):
        firm: FirmId
        reason: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park._set_status(self.firm, FirmStatus.LEFT)

    class RepresentativeAppointed(Aggregate.Event):
        firm: FirmId
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            member = park.members[self.firm.code]
            reps = tuple(sorted({*member.representatives, self.user}))
            park.members[self.firm.code] = attrs.evolve(member, representatives=reps)

    class RepresentativeRemoved(Aggregate.Event):
        firm: FirmId
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            member = park.members[self.firm.code]
            reps = tuple(u for u in member.representatives if u != self.user)
            park.members[self.firm.code] = attrs.evolve(member, representatives=reps)

    def __init__(self, name: str, administrator: str, actor: Actor) -> None:
        self.name = name
        self.administrators: list[str] = [administrator]
        self.members: dict[str, Member] = {}

    @classmethod
    def establish(cls, *, name: str, administrator: str) -> Park:
        """Found the park with its first administrator, who is also the one acting."""
        check_user_id(administrator)
        actor = Actor.administrator(administrator)
        return cls._create(
            cls.Established,
            id=PARK_ID,
            name=free_text(name, "park name", NAME_MAX),
            administrator=administrator,
            actor=actor,
        )

    # Queries ----------------------------------------------------------------------------------

    def member(self, firm: FirmId) -> Member:
        try:
            return self.members[firm.code]
        except KeyError:
            raise NotFound(
                f"firm {firm} is not a member of {self.name}; an administrator admits it first"
            ) from None

    def is_administrator(self, user: str) -> bool:
        return user in self.administrators

    # Permission policy ------------------------------------------------------------------------

    def require_administrator(self, actor: Actor) -> None:
        """Only a current park administrator, acting as one, may pass."""
        if not actor.is_administrator or not self.is_administrator(actor.user):
            raise PermissionDenied(
                f"{actor} may not do this: only a park administrator of {self.name} may"
            )

    def require_representative(
        self, actor: Actor, firm: FirmId, *, must_be_active: bool = True
    ) -> Member:
        """Only a representative of ``firm``, acting for it, may pass; and the firm must be active.

        ``must_be_active=False`` lets a suspended firm discharge what it already owes (pay a
        settlement), which is not "something new".
        """
        member = self.member(firm)
        if actor.firm != firm or actor.user not in member.representatives:
            raise PermissionDenied(
                f"{actor} may not act for {firm}: only that firm's own representatives may "
                "(a park administrator appoints them)"
            )
        if must_be_active:
            self.require_active(firm)
        return member

    def require_active(self, firm: FirmId) -> Member:
        member = self.member(firm)
        if not member.is_active:
            raise FirmNotActive(
                f"firm {firm} ({member.name}) is {member.status.value} and can do nothing new; "
                "a park administrator can reinstate it"
            )
        return member

    def require_admin_or_representative(self, actor: Actor, firm: FirmId) -> Member:
        if actor.is_administrator:
            self.require_administrator(actor)
            return self.member(firm)
        return self.require_representative(actor, firm)

    # Commands ---------------------------------------------------------------------------------

    def appoint_administrator(self, actor: Actor, user: str) -> None:
        self.require_administrator(actor)
        check_user_id(user)
        if self.is_administrator(user):
            raise InvalidTransition(f"{user} is already an administrator of {self.name}")
        self.trigger_event(self.AdministratorAppointed, user=user, actor=actor)

    def dismiss_administrator(self, actor: Actor, user: str) -> None:
        self.require_administrator(actor)
        if not self.is_administrator(user):
            raise NotFound(f"{user} is not an administrator of {self.name}")
        if len(self.administrators) == 1:
            raise LastAdministrator(
                f"{user} is the last administrator of {self.name}; appoint another first"
            )
        self.trigger_event(self.AdministratorDismissed, user=user, actor=actor)

    def admit_firm(
        self,
        actor: Actor,
        *,
        firm: FirmId,
        name: str,
        industry: str,
        size: FirmSize,
        representatives: Iterable[str],
    ) -> None:
        self.require_administrator(actor)
        if not isinstance(firm, FirmId):
            raise TypeError(f"firm is a FirmId, not {type(firm).__name__}")
        if not isinstance(size, FirmSize):
            raise InvalidInput(f"size {size!r} must be one of {[s.value for s in FirmSize]}")
        reps = _user_ids(representatives)
        if not reps:
            raise InvalidInput(f"firm {firm} needs at least one representative to act for it")
        if firm.code in self.members:
            existing = self.members[firm.code]
            raise FirmAlreadyAdmitted(
                f"firm {firm} is already a member of {self.name} as {existing.name!r} "
                f"({existing.status.value}); a firm is admitted once"
            )
        self.trigger_event(
            self.FirmAdmitted,
            firm=firm,
            name=free_text(name, "firm name", NAME_MAX),
            industry=free_text(industry, "industry", NAME_MAX),
            size=size,
            representatives=reps,
            actor=actor,
        )

    def suspend_firm(self, actor: Actor, firm: FirmId, reason: str) -> None:
        self.require_administrator(actor)
        member = self.member(firm)
        if member.status is not FirmStatus.ACTIVE:
            raise InvalidTransition(f"firm {firm} is {member.status.value}, not active")
        self.trigger_event(
            self.FirmSuspended, firm=firm, reason=free_text(reason, "reason", NAME_MAX), actor=actor
        )

    def reinstate_firm(self, actor: Actor, firm: FirmId) -> None:
        self.require_administrator(actor)
        member = self.member(firm)
        if member.status is FirmStatus.ACTIVE:
            raise InvalidTransition(f"firm {firm} is already active")
        self.trigger_event(self.FirmReinstated, firm=firm, actor=actor)

    def record_departure(self, actor: Actor, firm: FirmId, reason: str) -> None:
        """A firm leaves the park: its own representative or an administrator records it."""
        member = self.require_admin_or_representative(actor, firm)
        if member.status is FirmStatus.LEFT:
            raise InvalidTransition(f"firm {firm} has already left")
        self.trigger_event(
            self.FirmLeft, firm=firm, reason=free_text(reason, "reason", NAME_MAX), actor=actor
        )

    def appoint_representative(self, actor: Actor, firm: FirmId, user: str) -> None:
        """An administrator, or one of the firm's own representatives, adds a representative."""
        member = self.require_admin_or_representative(actor, firm)
        check_user_id(user)
        if user in member.representatives:
            raise InvalidTransition(f"{user} already represents {firm}")
        self.trigger_event(self.RepresentativeAppointed, firm=firm, user=user, actor=actor)

    def remove_representative(self, actor: Actor, firm: FirmId, user: str) -> None:
        member = self.require_admin_or_representative(actor, firm)
        if user not in member.representatives:
            raise NotFound(f"{user} does not represent {firm}")
        if len(member.representatives) == 1:
            raise LastRepresentative(
                f"{user} is the last representative of {firm}; appoint another first"
            )
        self.trigger_event(self.RepresentativeRemoved, firm=firm, user=user, actor=actor)

    def _set_status(self, firm: FirmId, status: FirmStatus) -> None:
        self.members[firm.code] = attrs.evolve(self.members[firm.code], status=status)
