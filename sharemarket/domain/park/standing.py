"""A member firm's standing (its suspension, departure and return) and its representatives.

A firm that leaves takes its row out of the park into its record (``former.py``): the park holds
its current members only (issue 20). A command on a firm that left changes its record rather
than the park (its representatives), or both (its return): it returns the record it made or
changed (None when only the park changed), to be saved with the park in one transaction. A rule
spanning the two aggregates is decided here, against both.

A mixin of :class:`~sharemarket.domain.park.membership.Park`, whose events these trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sharemarket.domain.actor import Actor, check_user_id
from sharemarket.domain.errors import InvalidTransition, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.errors import LastRepresentative
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.member import NAME_MAX, FirmStatus, has_left
from sharemarket.domain.park.roster import Roster
from sharemarket.domain.text import free_text


class Standing(Roster):
    """The commands on one member firm: its standing and its representatives."""

    if TYPE_CHECKING:  # provided by Park (its events) and Aggregate
        FirmSuspended: Any
        FirmReinstated: Any
        FirmReturned: Any
        FirmDeparted: Any
        LeftRowsMovedOut: Any
        RepresentativeAppointed: Any
        RepresentativeRemoved: Any

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

    def suspend_firm(self, actor: Actor, firm: FirmId, reason: str) -> None:
        self.require_administrator(actor)
        member = self.member(firm)
        if member.status is not FirmStatus.ACTIVE:
            raise InvalidTransition(f"firm {firm} is {member.status.value}, not active")
        self.trigger_event(
            self.FirmSuspended, firm=firm, reason=free_text(reason, "reason", NAME_MAX), actor=actor
        )

    def reinstate_firm(self, actor: Actor, firm: FirmId) -> FormerMember | None:
        self.require_administrator(actor)
        member = self.member(firm)
        if member.status is FirmStatus.ACTIVE:
            raise InvalidTransition(f"firm {firm} is already active")
        former = self.away(firm)
        if former is None:  # suspended, or left before the park kept current members only
            self.trigger_event(self.FirmReinstated, firm=firm, actor=actor)
            return None
        self.trigger_event(
            self.FirmReturned,
            firm=firm,
            name=member.name,
            industry=member.industry,
            size=member.size,
            representatives=member.representatives,
            actor=actor,
        )
        former.come_back(actor)
        return former

    def record_departure(self, actor: Actor, firm: FirmId, reason: str) -> list[FormerMember]:
        """A firm leaves the park: its own representative or an administrator records it. Its
        row leaves the park for its record (made now, or its earlier one if it left before);
        the records it made or changed, the departing firm's first.

        The rows of firms that left before the park kept current members only (``FirmLeft``)
        leave with it, each into a record of its own (``LeftRowsMovedOut``): after one departure
        recorded by this version, the park holds its current members only."""
        member = self.require_admin_or_representative(actor, firm)
        if member.status is FirmStatus.LEFT:
            raise InvalidTransition(f"firm {firm} has already left")
        reason = free_text(reason, "reason", NAME_MAX)
        former = self.former_member(firm)
        if former is None:
            former = FormerMember.record(member, actor)
        else:
            former.leave_again(member, actor)
        earlier = [self.member(FirmId(code)) for code in self.left_before()]
        self.trigger_event(self.FirmDeparted, firm=firm, reason=reason, actor=actor)
        if earlier:
            firms = tuple(m.firm for m in earlier)
            self.trigger_event(self.LeftRowsMovedOut, firms=firms, actor=actor)
        return [former, *(FormerMember.record(m, actor) for m in earlier)]

    def left_before(self) -> list[str]:
        """Credit codes of the firms whose rows the park kept when they left (``FirmLeft``)."""
        return [code for code, row in self.members.items() if has_left(row)]

    def appoint_representative(self, actor: Actor, firm: FirmId, user: str) -> FormerMember | None:
        """An administrator, or one of the firm's own representatives, adds a representative."""
        member = self.require_admin_or_representative(actor, firm)
        check_user_id(user)
        if user in member.representatives:
            raise InvalidTransition(f"{user} already represents {firm}")
        former = self.away(firm)
        if former is None:
            self.trigger_event(self.RepresentativeAppointed, firm=firm, user=user, actor=actor)
            return None
        former.appoint_representative(user, actor)
        return former

    def remove_representative(self, actor: Actor, firm: FirmId, user: str) -> FormerMember | None:
        member = self.require_admin_or_representative(actor, firm)
        if user not in member.representatives:
            raise NotFound(f"{user} does not represent {firm}")
        if len(member.representatives) == 1:
            raise LastRepresentative(
                f"{user} is the last representative of {firm}; appoint another first"
            )
        former = self.away(firm)
        if former is None:
            self.trigger_event(self.RepresentativeRemoved, firm=firm, user=user, actor=actor)
            return None
        former.remove_representative(user, actor)
        return former
