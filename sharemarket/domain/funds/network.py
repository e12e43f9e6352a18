"""The guarantee network (担保圈): who guarantees whom, for how much, across the park's loans and
the bank loans it arranged.

Regulators and parks watch each firm's total contingent exposure and the cycles of the network
(A guarantees B, B guarantees A, or longer circles: the 互保链 through which defaults spread
between Zhejiang firms after 2012), not just each loan's guarantors. One aggregate holds the
guarantees in force: it is bounded by them (a guarantee leaves it when its loan ends), and it is
in the save of every acceptance, so the limit per guarantor and the cycle rule hold under
concurrency.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import Conflict, InvalidInput, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import (
    GuaranteeClosesCycle,
    GuaranteeLimitExceeded,
    LoanSelfLending,
)
from sharemarket.domain.funds.guarantee_chains import (
    GuarantorPosition,
    NetworkReport,
    cycles,
    reaches,
    reaches_codes,
    report,
)
from sharemarket.domain.funds.guarantees_in_force import (
    BORROWER,
    EXTERNAL,
    GUARANTOR,
    LIMIT,
    HeldGuarantee,
    Row,
    guarantee_of,
    row_of,
    upcast_held,
)
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park

__all__ = [
    "NETWORK_ID",
    "CyclePolicy",
    "GuaranteeNetwork",
    "GuarantorPosition",
    "HeldGuarantee",
    "NetworkReport",
    "cycles",
    "reaches",
    "report",
]

NETWORK_ID = uuid5(SHAREMARKET_NAMESPACE, "funds.guarantee_network")


class CyclePolicy(enum.Enum):
    """What the park does with a guarantee cycle (互保圈, firms guaranteeing each other round a
    loop): only report it in the network report, or refuse the guarantee that would close it."""

    REPORT = "report"  # cycles are reported by the network query
    REFUSE = "refuse"  # a guarantee that would close a cycle is refused


class GuaranteeNetwork(Aggregate):
    """The guarantees in force, the most one firm may guarantee, and whether cycles are refused."""

    #: Snapshots of version 1 kept ``held``, a typed value per guarantee in force; version 2
    #: keeps ``in_force``, a row of plain values each (see ``guarantees_in_force.py``).
    class_version = 2

    class Event(Aggregate.Event):
        """The base of ``GuaranteeNetwork``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Started(Aggregate.Created, Event):
        actor: Actor

    class RulesSet(Event):
        max_per_guarantor: Money | None
        cycles: CyclePolicy
        actor: Actor

        def apply(self, network: GuaranteeNetwork) -> None:
            network.max_per_guarantor = self.max_per_guarantor
            network.cycle_policy = self.cycles

    class GuaranteeHeld(Event):
        guarantee: HeldGuarantee
        actor: Actor

        def apply(self, network: GuaranteeNetwork) -> None:
            network.in_force[self.guarantee.key] = row_of(self.guarantee)

    class GuaranteesReleased(Event):
        """The loan ended (closed, rejected, withdrawn): its guarantees leave the network."""

        loan: UUID
        actor: Actor

        def apply(self, network: GuaranteeNetwork) -> None:
            prefix = f"{self.loan}:"
            network.in_force = {
                k: r for k, r in network.in_force.items() if not k.startswith(prefix)
            }

    def __init__(self, actor: Actor) -> None:
        self.max_per_guarantor: Money | None = None
        self.cycle_policy = CyclePolicy.REPORT
        self.in_force: dict[str, Row] = {}

    @classmethod
    def start(cls, actor: Actor) -> GuaranteeNetwork:
        return cls._create(cls.Started, id=NETWORK_ID, actor=actor)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        upcast_held(state)

    @property
    def held(self) -> dict[str, HeldGuarantee]:
        """The guarantees in force by key, as values."""
        return {key: guarantee_of(key, row) for key, row in self.in_force.items()}

    @property
    def guarantees(self) -> tuple[HeldGuarantee, ...]:
        return tuple(guarantee_of(k, self.in_force[k]) for k in sorted(self.in_force))

    def held_by(self, guarantor: FirmId) -> tuple[HeldGuarantee, ...]:
        """The guarantees in force that ``guarantor`` gives (read from its rows alone)."""
        code = guarantor.code
        return tuple(
            guarantee_of(k, self.in_force[k])
            for k in sorted(self.in_force)
            if self.in_force[k][GUARANTOR] == code
        )

    def edges(self) -> list[tuple[FirmId, FirmId]]:
        return [(g.guarantor, g.borrower) for g in self.guarantees]

    def holds(self, loan: UUID) -> bool:
        prefix = f"{loan}:"
        return any(k.startswith(prefix) for k in self.in_force)

    def exposure_of(self, firm: FirmId, exposures: Mapping[str, Money]) -> Money:
        """What ``firm`` is exposed to now on the guarantees it holds: ``exposures`` by
        guarantee key (a guarantee left out counts its whole limit)."""
        return Money.sum(
            exposures.get(k, Money(r[LIMIT]))
            for k, r in self.in_force.items()
            if r[GUARANTOR] == firm.code
        )

    def set_rules(
        self, park: Park, actor: Actor, max_per_guarantor: Money | None, policy: CyclePolicy
    ) -> None:
        park.require_administrator(actor)
        self.trigger_event(
            self.RulesSet, max_per_guarantor=max_per_guarantor, cycles=policy, actor=actor
        )

    def hold(self, actor: Actor, guarantee: HeldGuarantee, exposures: Mapping[str, Money]) -> None:
        """Admit a guarantee: the guarantor's current exposure (``exposures``, by guarantee
        key) plus its limit within the most one firm may guarantee, and closing no cycle where
        cycles are refused.

        The exposures may be read from loans not saved with the network: a guarantee's exposure
        never rises once accepted (it falls as principal is repaid or the guarantor pays, and
        ends with the loan), so a stale figure is only ever too high, never too low.
        """
        total = self.exposure_of(guarantee.guarantor, exposures)
        most = self.max_per_guarantor
        if most is not None and total + guarantee.limit > most:
            raise GuaranteeLimitExceeded(
                f"{guarantee.guarantor} is exposed to {total} on the guarantees it holds; "
                f"{guarantee.limit} more would pass the most one firm may guarantee in the park, "
                f"{most}"
            )
        if self.cycle_policy is CyclePolicy.REFUSE and (
            guarantee.guarantor.code
            in reaches_codes(
                ((r[GUARANTOR], r[BORROWER]) for r in self.in_force.values()),
                guarantee.borrower.code,
            )
            or guarantee.guarantor == guarantee.borrower
        ):
            raise GuaranteeClosesCycle(
                f"{guarantee.guarantor} guaranteeing {guarantee.borrower} would close a guarantee "
                f"cycle ({guarantee.borrower} already answers, directly or through others, for "
                f"{guarantee.guarantor}); the park refuses guarantee cycles"
            )
        self.trigger_event(self.GuaranteeHeld, guarantee=guarantee, actor=actor)

    def record_external(
        self,
        park: Park,
        actor: Actor,
        guarantee: HeldGuarantee,
        exposures: Mapping[str, Money],
    ) -> None:
        """An administrator records a bank loan's guarantee, so the network sees all of a
        firm's exposure; its lender is not a member, its borrower and guarantor are."""
        park.require_administrator(actor)
        if park.has_admitted(guarantee.lender):
            raise InvalidInput(
                f"lender {guarantee.lender} is a member of the park: record its loan with "
                "request_loan and the guarantee with require_guarantee"
            )
        park.require_active(guarantee.borrower)
        park.require_active(guarantee.guarantor)
        if guarantee.guarantor == guarantee.borrower:
            raise LoanSelfLending(f"{guarantee.guarantor} cannot guarantee its own loan")
        if self.holds(guarantee.loan):
            raise Conflict(f"the external guarantee {guarantee.loan} is already recorded")
        self.hold(actor, guarantee, exposures)

    def release_external(self, park: Park, actor: Actor, loan: UUID) -> None:
        """The bank loan was repaid (or the guarantee discharged): it leaves the network."""
        park.require_administrator(actor)
        prefix = f"{loan}:"
        if not any(r[EXTERNAL] and k.startswith(prefix) for k, r in self.in_force.items()):
            raise NotFound(f"{loan} is not an external guarantee held in the network")
        self.release(actor, loan)

    def release(self, actor: Actor, loan: UUID) -> None:
        if not self.holds(loan):
            raise NotFound(f"no guarantee of loan {loan} is held in the guarantee network")
        self.trigger_event(self.GuaranteesReleased, loan=loan, actor=actor)
