"""Parties: which firm stands in which role on an aggregate (lender, borrower, home firm, ...).

Later events of an aggregate often name neither firm (a ``ShiftConfirmed`` carries the shift, not
the lender and the borrower), so the projections remember the roles an aggregate's first event
declares and look them up by aggregate id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar
from uuid import UUID

from sharemarket.domain.firm_id import FirmId

Roles = Mapping[str, FirmId]
PartyRule = Callable[[Any], Roles]
F = TypeVar("F", bound=PartyRule)


class PartyBook(Protocol):
    """Roles known so far, by aggregate id (an empty mapping for an aggregate without parties)."""

    def roles(self, aggregate_id: UUID) -> Roles: ...


def aggregate_of(event_class: type) -> tuple[str, str]:
    """(module, class name) of the aggregate an event class is nested in."""
    return event_class.__module__, event_class.__qualname__.rpartition(".")[0]


class PartyRules:
    """Which event classes declare the parties of their aggregate, and how to read them."""

    def __init__(self) -> None:
        self._rules: dict[type, PartyRule] = {}
        self._with_parties: dict[type, bool] = {}

    def declare(self, *event_classes: type) -> Callable[[F], F]:
        """Decorate ``rule(event) -> {role: FirmId}`` as the reader of these event classes."""

        def register(rule: F) -> F:
            for cls in event_classes:
                if cls in self._rules:
                    raise ValueError(f"{cls.__qualname__} already declares parties")
                self._rules[cls] = rule
            return rule

        return register

    def roles_declared_by(self, event: object) -> Roles | None:
        rule = self._rules.get(type(event))
        return None if rule is None else rule(event)

    def may_have_parties(self, event_class: type) -> bool:
        """False when no event of this event's aggregate declares parties (no lookup needed)."""
        known = self._with_parties.get(event_class)
        if known is None:
            declaring = {aggregate_of(cls) for cls in self._rules}
            known = self._with_parties[event_class] = aggregate_of(event_class) in declaring
        return known

    @property
    def event_classes(self) -> frozenset[type]:
        return frozenset(self._rules)

    @classmethod
    def merge(cls, tables: Iterable[PartyRules]) -> PartyRules:
        merged = cls()
        for table in tables:
            for event_class, rule in table._rules.items():
                merged.declare(event_class)(rule)
        return merged


_NONE: Roles = {}


class BatchPartyBook:
    """Roles declared in the batch being processed, in front of those a view already stores.

    Roles never change once declared, so what was looked up is kept (up to ``cache_max`` ids).
    Aggregates of a kind that never declares parties (the park, request receipts) are not looked
    up at all: :meth:`for_event` answers for them at once.
    """

    def __init__(
        self,
        stored: Callable[[UUID], Roles],
        cache: dict[UUID, Roles],
        rules: PartyRules,
        cache_max: int = 50_000,
    ) -> None:
        self._stored = stored
        self._cache = cache
        self._rules = rules
        self._cache_max = cache_max
        self.declared: dict[UUID, Roles] = {}

    def for_event(self, event: Any) -> Roles:
        """The roles of the event's aggregate."""
        if not self._rules.may_have_parties(type(event)):
            return _NONE
        return self.roles(event.originator_id)

    def declare(self, aggregate_id: UUID, roles: Roles) -> None:
        self.declared[aggregate_id] = dict(roles)

    def roles(self, aggregate_id: UUID) -> Roles:
        found = self.declared.get(aggregate_id)
        if found is not None:
            return found
        found = self._cache.get(aggregate_id)
        if found is None:
            found = self._stored(aggregate_id)
            if len(self._cache) >= self._cache_max:
                self._cache.clear()
            self._cache[aggregate_id] = found
        return found
