"""Joint guarantee groups (联保小组): member firms who guarantee each other's loans jointly and
severally. A member's loan needs the guarantee of every other member of its group (checked on
disbursal, with the loan's other guarantees). One aggregate holds every group: a firm belongs to
one group at a time, so its state is bounded by the park's membership.

Every disbursal is recorded here (``LoanDisbursalChecked``, which changes no state) and saved
with the loan: a firm joining or leaving a group while a loan is disbursed writes the same
aggregate, so one of the two fails its write and is decided again on the groups as they stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from uuid import UUID, uuid5

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import JointGroupMembership, LoanGuaranteesPending
from sharemarket.domain.funds.guarantees import GuaranteeKind
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text

GROUPS_ID = uuid5(SHAREMARKET_NAMESPACE, "funds.joint_groups")
GROUP_NAME_MAX = 200


def _members(members: Iterable[FirmId]) -> tuple[FirmId, ...]:
    return tuple(members)


@attrs.frozen
class JointGroup:
    """A joint guarantee group and its member firms."""

    group_id: UUID
    name: str
    members: tuple[FirmId, ...] = attrs.field(default=(), converter=_members)


class JointGroups(Aggregate):
    """Every joint guarantee group of the park and its members."""

    class Event(Aggregate.Event):
        """The base of ``JointGroups``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Started(Aggregate.Created, Event):
        actor: Actor

    class GroupFormed(Event):
        group: UUID
        name: str
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            groups.groups[str(self.group)] = JointGroup(self.group, self.name)

    class MemberJoined(Event):
        group: UUID
        firm: FirmId
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            g = groups.groups[str(self.group)]
            members = tuple(sorted({*g.members, self.firm}, key=lambda f: f.code))
            groups.groups[str(self.group)] = attrs.evolve(g, members=members)

    class MemberLeft(Event):
        group: UUID
        firm: FirmId
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            g = groups.groups[str(self.group)]
            members = tuple(f for f in g.members if f != self.firm)
            groups.groups[str(self.group)] = attrs.evolve(g, members=members)

    class LoanDisbursalChecked(Event):
        """A loan of ``borrower`` was disbursed against the groups as they stood (``group``:
        the borrower's, or None); recorded so that the disbursal and a change of membership
        cannot both be decided on the same version of the groups."""

        loan: UUID
        borrower: FirmId
        group: UUID | None
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            pass  # a fact for the write's sake: the state holds the groups only

    def __init__(self, actor: Actor) -> None:
        self.groups: dict[str, JointGroup] = {}

    @classmethod
    def start(cls, actor: Actor) -> JointGroups:
        return cls._create(cls.Started, id=GROUPS_ID, actor=actor)

    def group(self, group: UUID) -> JointGroup:
        try:
            return self.groups[str(group)]
        except KeyError:
            raise NotFound(f"joint guarantee group {group} does not exist") from None

    def group_of(self, firm: FirmId) -> JointGroup | None:
        return next((g for g in self.groups.values() if firm in g.members), None)

    def check_disbursal(
        self,
        park: Park,
        actor: Actor,
        loan: UUID,
        borrower: FirmId,
        kinds: Mapping[FirmId, GuaranteeKind],
    ) -> None:
        """A member's loan needs a joint-and-several guarantee (``kinds``: each guarantor's
        accepted kind) from every other active member of its group; the check is recorded."""
        group = self.group_of(borrower)
        if group is not None:
            missing = [
                f
                for f in group.members
                if f != borrower
                and park.member(f).is_active
                and kinds.get(f) is not GuaranteeKind.JOINT_AND_SEVERAL
            ]
            if missing:
                raise LoanGuaranteesPending(
                    f"{borrower} is in the joint guarantee group {group.name!r}: its loan needs "
                    f"a joint-and-several guarantee from every other member; missing: "
                    f"{', '.join(str(f) for f in missing)}"
                )
        self.trigger_event(
            self.LoanDisbursalChecked,
            loan=loan,
            borrower=borrower,
            group=None if group is None else group.group_id,
            actor=actor,
        )

    def form(self, park: Park, actor: Actor, group: UUID, name: str) -> None:
        park.require_administrator(actor)
        text = free_text(name, "name", GROUP_NAME_MAX)
        self.trigger_event(self.GroupFormed, group=group, name=text, actor=actor)

    def join(self, park: Park, actor: Actor, group: UUID, firm: FirmId) -> None:
        park.require_administrator(actor)
        park.require_active(firm)
        g = self.group(group)
        current = self.group_of(firm)
        if current is not None:
            raise JointGroupMembership(
                f"{firm} is already in the joint guarantee group {current.name!r}; a firm "
                "belongs to one group at a time"
            )
        self.trigger_event(self.MemberJoined, group=g.group_id, firm=firm, actor=actor)

    def leave(self, park: Park, actor: Actor, group: UUID, firm: FirmId) -> None:
        park.require_administrator(actor)
        g = self.group(group)
        if firm not in g.members:
            raise JointGroupMembership(f"{firm} is not in the joint guarantee group {g.name!r}")
        self.trigger_event(self.MemberLeft, group=g.group_id, firm=firm, actor=actor)
