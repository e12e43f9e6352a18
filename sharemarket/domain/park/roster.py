"""The park's roster: what it says of its member firms, and who may act for whom.

Every slice asks the park these questions before it records anything: whether a firm is an
active member, whether the person acting is one of its representatives or a park administrator.
A mixin of :class:`~sharemarket.domain.park.membership.Park`, over the rows it stores
(``member.py``): a member is built from its row once and then read as long as the row stands.
A firm that left is not among those rows: its row is in its own record (``former.py``), which
the roster reads through the lookup the application gives the park (:meth:`Roster.consult`), so
every question is answered of it as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.errors import FirmNotActive
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.member import Built, Member, Row, Rows, built_member, represents

#: Finds the record of a firm that left the park (None: it never left, or was never admitted).
Formers = Callable[[FirmId], FormerMember | None]


class FormerMembersNotConsulted(RuntimeError):
    """A park was asked about a firm that is not among its rows without the lookup of former
    members' records (:meth:`Roster.consult`): a programming error, not a refusal a user sees.
    Without the lookup the park cannot tell a firm that left from one never admitted."""


class Roster:
    """The park's members read as ``Member`` values, and its permission policy."""

    if TYPE_CHECKING:  # provided by Park
        name: str
        administrators: list[str]
        members: Rows
        _built: Built
        _formers: Formers

    def consult(self, formers: Formers) -> None:
        """Read the records of firms that left through ``formers``. A park loaded by the
        application has it (``application.park.access.read_park`` and ``park_for_update``
        attach it); without it, a question about a firm not among the park's rows raises
        ``FormerMembersNotConsulted`` rather than take a firm that left for one never admitted."""
        self._formers = formers

    def former_member(self, firm: FirmId) -> FormerMember | None:
        """The firm's record, if it ever left (whether it is away or has returned).

        Raises:
            FormerMembersNotConsulted: The park has no lookup of former members' records.
        """
        try:
            formers = self._formers
        except AttributeError:
            raise FormerMembersNotConsulted(
                f"the park {self.name!r} cannot say whether firm {firm} left it: it has no "
                "lookup of former members' records; load it with read_park() or "
                "park_for_update() (sharemarket.application.park.access), which attach it "
                "with Park.consult(), or attach one yourself"
            ) from None
        return formers(firm)

    def away(self, firm: FirmId) -> FormerMember | None:
        """The record of a firm that has left and not returned (not one that left before the
        park kept current members only: the park still holds that one's row)."""
        if firm.code in self.members:
            return None
        former = self.former_member(firm)
        return former if former is not None and former.away else None

    # Queries ----------------------------------------------------------------------------------

    def member(self, firm: FirmId) -> Member:
        """The firm as the park holds it, whatever its status."""
        return built_member(self._built_members(), firm.code, self._row(firm), firm)

    def has_admitted(self, firm: FirmId) -> bool:
        """Whether the firm was ever admitted (it may have been suspended or have left since)."""
        return firm.code in self.members or self.away(firm) is not None

    def members_by_code(self, departed: Iterable[FirmId] = ()) -> tuple[Member, ...]:
        """The park's members, any status, and those of the ``departed`` firms that are away
        (the firms whose departure the park's history records), ordered by credit code."""
        built = self._built_members()
        rows = dict(self.members)
        for firm in departed:
            former = self.away(firm)
            if former is not None:
                rows[firm.code] = former.row
        return tuple(built_member(built, code, rows[code]) for code in sorted(rows))

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
        row = self._row(firm)
        if actor.firm != firm or not represents(row, actor.user):
            raise PermissionDenied(
                f"{actor} may not act for {firm}: only that firm's own representatives may "
                "(a park administrator appoints them)"
            )
        if must_be_active:
            return self.require_active(firm)
        return self.member(firm)

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

    def _built_members(self) -> Built:
        try:
            return self._built
        except AttributeError:  # a new park, or one loaded from a snapshot or a copy
            self._built: Built = {}
            return self._built

    def _row(self, firm: FirmId) -> Row:
        row = self.members.get(firm.code)
        if row is not None:
            return row
        former = self.away(firm)
        if former is not None:
            return former.row
        raise NotFound(
            f"firm {firm} is not a member of {self.name}; an administrator admits it first"
        )
