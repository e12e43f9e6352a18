"""Joint guarantee groups (联保小组): member firms who guarantee each other's loans jointly and
severally. A member's loan needs the guarantee of every other member of its group (checked on
disbursal, with the loan's other guarantees). One aggregate holds every group: a firm belongs to
one group at a time, so its state is bounded by the park's membership.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID, uuid5

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import JointGroupMembership
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

    class Started(Aggregate.Created):
        actor: Actor

    class GroupFormed(Aggregate.Event):
        group: UUID
        name: str
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            groups.groups[str(self.group)] = JointGroup(self.group, self.name)

    class MemberJoined(Aggregate.Event):
        group: UUID
        firm: FirmId
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            g = groups.groups[str(self.group)]
            members = tuple(sorted({*g.members, self.firm}, key=lambda f: f.code))
            groups.groups[str(self.group)] = attrs.evolve(g, members=members)

    class MemberLeft(Aggregate.Event):
        group: UUID
        firm: FirmId
        actor: Actor

        def apply(self, groups: JointGroups) -> None:
            g = groups.groups[str(self.group)]
            members = tuple(f for f in g.members if f != self.firm)
            groups.groups[str(self.group)] = attrs.evolve(g, members=members)

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
