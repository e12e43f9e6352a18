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
from collections.abc import Iterable, Mapping
from uuid import UUID, uuid5

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.checks import of_type
from sharemarket.domain.errors import Conflict, InvalidInput, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import (
    GuaranteeClosesCycle,
    GuaranteeLimitExceeded,
    LoanSelfLending,
)
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park

NETWORK_ID = uuid5(SHAREMARKET_NAMESPACE, "funds.guarantee_network")


class CyclePolicy(enum.Enum):
    """What the park does with a guarantee cycle (互保圈, firms guaranteeing each other round a
    loop): only report it in the network report, or refuse the guarantee that would close it."""

    REPORT = "report"  # cycles are reported by the network query
    REFUSE = "refuse"  # a guarantee that would close a cycle is refused


@attrs.frozen
class HeldGuarantee:
    """A guarantee in force: ``guarantor`` answers for ``borrower``'s loan up to ``limit``.

    ``loan`` is a loan of the market, or the id of an external (bank) loan recorded for its
    guarantee alone, whose ``lender`` is then not a member.
    """

    loan: UUID
    guarantor: FirmId = attrs.field(validator=of_type(FirmId))
    borrower: FirmId = attrs.field(validator=of_type(FirmId))
    lender: FirmId = attrs.field(validator=of_type(FirmId))
    limit: Money = attrs.field(validator=of_type(Money))
    external: bool = False

    @property
    def key(self) -> str:
        """The guarantee's key in the network: the loan's id and the guarantor's credit code."""
        return f"{self.loan}:{self.guarantor.code}"


def cycles(edges: Iterable[tuple[FirmId, FirmId]]) -> tuple[tuple[FirmId, ...], ...]:
    """Every elementary cycle of the directed graph guarantor → borrower, each once, starting
    from its smallest credit code (Johnson's idea without its speed: a park has hundreds of
    firms, not millions)."""
    graph: dict[str, set[str]] = {}
    firms: dict[str, FirmId] = {}
    for guarantor, borrower in edges:
        graph.setdefault(guarantor.code, set()).add(borrower.code)
        firms[guarantor.code], firms[borrower.code] = guarantor, borrower
    found: list[tuple[FirmId, ...]] = []
    for start in sorted(graph):
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    found.append(tuple(firms[c] for c in path))
                elif nxt > start and nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return tuple(sorted(found, key=lambda c: [f.code for f in c]))


def reaches(edges: Iterable[tuple[FirmId, FirmId]], source: FirmId) -> set[str]:
    """Credit codes reachable from ``source`` along guarantor → borrower edges (not itself,
    unless on a cycle)."""
    graph: dict[str, set[str]] = {}
    for guarantor, borrower in edges:
        graph.setdefault(guarantor.code, set()).add(borrower.code)
    seen: set[str] = set()
    todo = list(graph.get(source.code, ()))
    while todo:
        code = todo.pop()
        if code not in seen:
            seen.add(code)
            todo.extend(graph.get(code, ()))
    return seen


@attrs.frozen
class GuarantorPosition:
    """A firm's contingent exposure: ``direct`` on the loans it guarantees, and ``through_chains``
    on the loans guaranteed by the firms it guarantees, and so on along the network (what would
    fall on it if defaults spread through the chain)."""

    firm: FirmId
    direct: Money
    through_chains: Money


@attrs.frozen
class NetworkReport:
    """Every guarantor's position, the guarantees in force, and the network's cycles."""

    positions: tuple[GuarantorPosition, ...]
    guarantees: tuple[HeldGuarantee, ...]
    cycles: tuple[tuple[FirmId, ...], ...]


def report(held: Iterable[HeldGuarantee], exposure: dict[str, Money]) -> NetworkReport:
    """The report, given each held guarantee's exposure now (by its key)."""
    guarantees = tuple(sorted(held, key=lambda g: g.key))
    edges = [(g.guarantor, g.borrower) for g in guarantees]
    direct: dict[str, Money] = {}
    firms: dict[str, FirmId] = {}
    for g in guarantees:
        firms[g.guarantor.code] = g.guarantor
        direct[g.guarantor.code] = direct.get(g.guarantor.code, Money(0)) + exposure[g.key]
    positions = []
    for code in sorted(firms):
        chained = reaches(edges, firms[code]) - {code}
        positions.append(
            GuarantorPosition(
                firms[code], direct[code], Money.sum(direct.get(c, Money(0)) for c in chained)
            )
        )
    return NetworkReport(tuple(positions), guarantees, cycles(edges))


class GuaranteeNetwork(Aggregate):
    """The guarantees in force, the most one firm may guarantee, and whether cycles are refused."""

    class Started(Aggregate.Created):
        actor: Actor

    class RulesSet(Aggregate.Event):
        max_per_guarantor: Money | None
        cycles: CyclePolicy
        actor: Actor

        def apply(self, network: GuaranteeNetwork) -> None:
            network.max_per_guarantor = self.max_per_guarantor
            network.cycle_policy = self.cycles

    class GuaranteeHeld(Aggregate.Event):
        guarantee: HeldGuarantee
        actor: Actor

        def apply(self, network: GuaranteeNetwork) -> None:
            network.held[self.guarantee.key] = self.guarantee

    class GuaranteesReleased(Aggregate.Event):
        """The loan ended (closed, rejected, withdrawn): its guarantees leave the network."""

        loan: UUID
        actor: Actor

        def apply(self, network: GuaranteeNetwork) -> None:
            prefix = f"{self.loan}:"
            network.held = {k: g for k, g in network.held.items() if not k.startswith(prefix)}

    def __init__(self, actor: Actor) -> None:
        self.max_per_guarantor: Money | None = None
        self.cycle_policy = CyclePolicy.REPORT
        self.held: dict[str, HeldGuarantee] = {}

    @classmethod
    def start(cls, actor: Actor) -> GuaranteeNetwork:
        return cls._create(cls.Started, id=NETWORK_ID, actor=actor)

    @property
    def guarantees(self) -> tuple[HeldGuarantee, ...]:
        return tuple(self.held[k] for k in sorted(self.held))

    def edges(self) -> list[tuple[FirmId, FirmId]]:
        return [(g.guarantor, g.borrower) for g in self.guarantees]

    def holds(self, loan: UUID) -> bool:
        prefix = f"{loan}:"
        return any(k.startswith(prefix) for k in self.held)

    def exposure_of(self, firm: FirmId, exposures: Mapping[str, Money]) -> Money:
        """What ``firm`` is exposed to now on the guarantees it holds: ``exposures`` by
        guarantee key (a guarantee left out counts its whole limit)."""
        return Money.sum(
            exposures.get(g.key, g.limit) for g in self.held.values() if g.guarantor == firm
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
            guarantee.guarantor.code in reaches(self.edges(), guarantee.borrower)
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
        if guarantee.lender.code in park.members:
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
        if not any(g.external and g.loan == loan for g in self.held.values()):
            raise NotFound(f"{loan} is not an external guarantee held in the network")
        self.release(actor, loan)

    def release(self, actor: Actor, loan: UUID) -> None:
        if not self.holds(loan):
            raise NotFound(f"no guarantee of loan {loan} is held in the guarantee network")
        self.trigger_event(self.GuaranteesReleased, loan=loan, actor=actor)
