"""The park: its administrators, its member firms, their status and their representatives.

The whole membership is one aggregate. Membership changes are rare (hundreds of firms, a few events
each), and keeping them together makes "a firm is admitted once" and "the park keeps an
administrator" plain invariants of one consistency boundary. Snapshots keep loading it cheap:
each firm is stored as a compact row (``member.py``), about 37 kB for a park of 300 firms.

The park holds its current members only (issue 20): a firm that leaves takes its row into a
record of its own (``former.py``, ``standing.py``), so its state does not grow with the firms that
ever joined.

This module holds the aggregate, its events (their topics are stored: they stay here) and its
founding; its commands and queries are its mixins': who comes in (``admission.py``), a member
firm's standing and representatives (``standing.py``), the roster and permissions
(``roster.py``).
"""

from __future__ import annotations

from typing import Any
from uuid import uuid5

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor, check_user_id
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.park.admission import Admission
from sharemarket.domain.park.member import (
    NAME_MAX,
    FirmSize,
    FirmStatus,
    Member,
    Rows,
    representatives_of,
    row_of,
    rows_of,
    with_representatives,
    with_status,
)
from sharemarket.domain.text import free_text

PARK_ID = uuid5(SHAREMARKET_NAMESPACE, "park")

__all__ = ["NAME_MAX", "PARK_ID", "FirmSize", "FirmStatus", "Member", "Park"]


class Park(Admission, Aggregate):
    """The park's membership register: who administers it, which firms belong, who acts for them."""

    #: Snapshots of version 1 held each member as a ``Member`` value; version 2 holds a compact
    #: row of plain values (``upcast_v1_v2`` turns the one into the other when an old one loads).
    class_version = 2

    #: Members built from their rows (``member.built_member``): every slice's permission checks
    #: read them; and the lookup of former members' records (``Roster.consult``). Slots, not
    #: attributes, so that they are never part of the stored state.
    __slots__ = ("_built", "_formers")

    class Event(Aggregate.Event):
        """The base of ``Park``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Established(Aggregate.Created, Event):
        name: str
        administrator: str
        actor: Actor

    class AdministratorAppointed(Event):
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park.administrators = sorted({*park.administrators, self.user})

    class AdministratorDismissed(Event):
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park.administrators = [u for u in park.administrators if u != self.user]

    class FirmAdmitted(Event):
        firm: FirmId
        name: str
        industry: str
        size: FirmSize
        representatives: tuple[str, ...]
        actor: Actor

        def apply(self, park: Park) -> None:
            _seat_active(park, self)

    class FirmSuspended(Event):
        firm: FirmId
        reason: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park._set_status(self.firm, FirmStatus.SUSPENDED)

    class FirmReinstated(Event):
        firm: FirmId
        actor: Actor

        def apply(self, park: Park) -> None:
            park._set_status(self.firm, FirmStatus.ACTIVE)

    class FirmLeft(Event):
        """A departure as it was recorded until the park kept current members only: the row
        stayed, its status "left". Stores hold these; the park records ``FirmDeparted`` now."""

        firm: FirmId
        reason: str
        actor: Actor

        def apply(self, park: Park) -> None:
            park._set_status(self.firm, FirmStatus.LEFT)

    class FirmDeparted(Event):
        """The firm left the park: its row leaves the park (its ``FormerMember`` record keeps
        it, recorded in the same transaction)."""

        firm: FirmId
        reason: str
        actor: Actor

        def apply(self, park: Park) -> None:
            del park.members[self.firm.code]

    class LeftRowsMovedOut(Event):
        """The rows the park kept of firms that left (``FirmLeft``) moved into records of their
        own (``FormerMember``, recorded in the same transaction)."""

        firms: tuple[FirmId, ...]
        actor: Actor

        def apply(self, park: Park) -> None:
            for firm in self.firms:
                del park.members[firm.code]

    class FirmReturned(Event):
        """A firm that left (``FirmDeparted``) is reinstated: its row comes back, active, as
        its record kept it."""

        firm: FirmId
        name: str
        industry: str
        size: FirmSize
        representatives: tuple[str, ...]
        actor: Actor

        def apply(self, park: Park) -> None:
            _seat_active(park, self)

    class RepresentativeAppointed(Event):
        firm: FirmId
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            row = park.members[self.firm.code]
            reps = [*representatives_of(row), self.user]
            park.members[self.firm.code] = with_representatives(row, reps)

    class RepresentativeRemoved(Event):
        firm: FirmId
        user: str
        actor: Actor

        def apply(self, park: Park) -> None:
            row = park.members[self.firm.code]
            reps = [u for u in representatives_of(row) if u != self.user]
            park.members[self.firm.code] = with_representatives(row, reps)

    def __init__(self, name: str, administrator: str, actor: Actor) -> None:
        self.name = name
        self.administrators: list[str] = [administrator]
        #: The current members (and firms that left before ``FirmDeparted``), by credit code, as
        #: compact rows (see ``member.py``).
        self.members: Rows = {}

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

    def _set_status(self, firm: FirmId, status: FirmStatus) -> None:
        self.members[firm.code] = with_status(self.members[firm.code], status)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot taken when the park kept each member as a ``Member`` value: keep rows."""
        state["members"] = rows_of(state["members"])


def _seat_active(park: Park, event: Park.FirmAdmitted | Park.FirmReturned) -> None:
    """The firm's row, active, as an admission or a return records it."""
    member = Member(
        event.firm,
        event.name,
        event.industry,
        event.size,
        FirmStatus.ACTIVE,
        tuple(event.representatives),
    )
    park.members[event.firm.code] = row_of(member)
