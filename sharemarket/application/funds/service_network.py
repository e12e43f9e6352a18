"""``market.funds``, the guarantee network and joint guarantee groups (联保小组)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.funds.network_history import network_as_of
from sharemarket.application.kernel.commands import Service
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.groups import GROUPS_ID, JointGroup, JointGroups
from sharemarket.domain.funds.network import NETWORK_ID, CyclePolicy, NetworkReport, report
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date


class NetworkService(Service):
    """The guarantee network's rules and report, external guarantees, joint groups."""

    # The guarantee network -------------------------------------------------------------------

    def set_guarantee_rules(
        self,
        actor: Actor,
        *,
        request_id: str,
        max_per_guarantor: Money | Decimal | str | int,
        cycles: CyclePolicy | str,
    ) -> None:
        """The most one firm may guarantee in total (what it is exposed to now: a guarantee's
        limit until its loan is disbursed, its exposure after), and whether a guarantee closing
        a cycle is refused or only reported. An administrator sets them; they apply to the
        guarantees accepted or recorded from then on.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        self._run(
            c.SetGuaranteeRules(
                actor=actor,
                request_id=request_id,
                max_per_guarantor=max_per_guarantor,
                cycles=cycles,
            )
        )

    def record_external_guarantee(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        borrower: FirmId | str,
        guarantor: FirmId | str,
        limit: Money | Decimal | str | int,
    ) -> UUID:
        """A bank loan the park arranged, recorded for its guarantee alone (lender: the bank's
        credit code, not a member), recorded by an administrator for its guarantee alone, so
        the network sees all of the guarantor's exposure; returns the guarantee's id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the lender is a member
                of the park (its loan is recorded with ``request_loan``).
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the borrower or the guarantor is not a
                member.
            FirmNotActive: The borrower or the guarantor is suspended or left.
            LoanSelfLending: The guarantor is the borrower.
            GuaranteeLimitExceeded: The guarantee would take the guarantor past the most one firm
                may guarantee.
            GuaranteeClosesCycle: The guarantee would close a guarantee cycle, and the park's
                rules refuse cycles.
        """
        return self._run(
            c.RecordExternalGuarantee(
                actor=actor,
                request_id=request_id,
                lender=lender,
                borrower=borrower,
                guarantor=guarantor,
                limit=limit,
            )
        )

    def release_external_guarantee(self, actor: Actor, *, request_id: str, guarantee: UUID) -> None:
        """An administrator records that an external guarantee ended (the bank loan repaid, or
        the guarantee discharged): it leaves the guarantee network.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or no external guarantee of that id is held
                in the network.
        """
        self._run(
            c.ReleaseExternalGuarantee(actor=actor, request_id=request_id, guarantee=guarantee)
        )

    def guarantee_network(self, as_of: date | None = None) -> NetworkReport:
        """Every guarantor's contingent exposure now (direct, and through chains), the
        guarantees in force, and the cycles of the network (互保链); with ``as_of``, as they
        stood on that date, rebuilt from the stored events (``network_history``).

        Raises:
            InvalidInput: ``as_of`` lies outside the business dates the market records.
        """
        if as_of is not None:
            day = check_business_date(as_of, "as_of")
            events = self._loader.app.events
            return network_as_of(events.get(NETWORK_ID), lambda loan: events.get(loan), day)
        network = access.network_if_any(self._loader)
        if network is None:
            return report((), {})
        exposure = {}
        guarantees = network.guarantees
        for g in guarantees:
            if g.external:
                exposure[g.key] = g.limit
            else:
                exposure[g.key] = access.loan(self._loader, g.loan).exposure(g.guarantor)
        return report(guarantees, exposure)

    # Joint guarantee groups (联保小组) ----------------------------------------------------------

    def form_joint_group(self, actor: Actor, *, request_id: str, name: str) -> UUID:
        """An administrator forms a joint guarantee group; a member's loan then needs the
        joint-and-several guarantee of every other member before it is disbursed. Returns the
        group's id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        return self._run(c.FormJointGroup(actor=actor, request_id=request_id, name=name))

    def join_joint_group(
        self, actor: Actor, *, request_id: str, group: UUID, firm: FirmId | str
    ) -> None:
        """An administrator adds a member firm to a joint guarantee group; a firm belongs to
        one group at a time.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the firm is not a member, or the group does
                not exist.
            FirmNotActive: The firm is suspended or left.
            JointGroupMembership: The firm is already in a joint guarantee group.
        """
        self._run(c.JoinJointGroup(actor=actor, request_id=request_id, group=group, firm=firm))

    def leave_joint_group(
        self, actor: Actor, *, request_id: str, group: UUID, firm: FirmId | str
    ) -> None:
        """An administrator takes a firm out of a joint guarantee group; its loans disbursed
        from then on need no guarantee from the group.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the group does not exist.
            JointGroupMembership: The firm is not in the group.
        """
        self._run(c.LeaveJointGroup(actor=actor, request_id=request_id, group=group, firm=firm))

    def joint_groups(self) -> tuple[JointGroup, ...]:
        """Every joint guarantee group with its members, by id."""
        found = self._loader.find(JointGroups, GROUPS_ID)
        return () if found is None else tuple(found.groups[k] for k in sorted(found.groups))
