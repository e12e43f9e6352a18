"""The Loader: how handlers and queries load aggregates, inside or outside a unit of work."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, DomainEventProtocol
from eventsourcing.persistence import PersistenceError

from sharemarket.application.kernel.app import MarketApplication
from sharemarket.application.kernel.cache import AggregateCache
from sharemarket.application.kernel.unit import Unit
from sharemarket.domain.errors import NotFound, StoreError

A = TypeVar("A", bound=Aggregate)


def project(
    aggregate: Aggregate | None, events: Iterable[DomainEventProtocol[Any]]
) -> Aggregate | None:
    """eventsourcing's ``project_aggregate`` without its runtime Protocol check per event.

    ``project_aggregate`` asserts ``isinstance(event, CanMutateProtocol)`` before each
    ``mutate``: a runtime Protocol check that walks the protocol's members, about 35 us an event
    on Python 3.11, a third of replaying a timesheet's events after its snapshot. The events and
    snapshots this market stores are eventsourcing's own classes, which all have ``mutate``.
    """
    for event in events:
        aggregate = cast("Aggregate.Event", event).mutate(aggregate)
    return aggregate


class _ThreadState(threading.local):
    """The unit of work of the calling thread; None outside a command or batch (a class
    default, so the hot path reads an attribute instead of ``getattr`` with a default)."""

    unit: Unit | None = None


class Loader:
    """Loads aggregates for the unit of work of the calling thread (a command's, a batch's).

    What a unit loaded it keeps, so a command that loads the same aggregate twice, or a batch
    whose commands share one, sees one copy. Outside a unit (a query) each call loads afresh.
    """

    def __init__(self, app: MarketApplication, cache: AggregateCache) -> None:
        self.app = app
        self.cache = cache
        self.checks_reads = app.checks_reads
        self._local = _ThreadState()

    @property
    def unit(self) -> Unit | None:
        return self._local.unit

    @unit.setter
    def unit(self, unit: Unit | None) -> None:
        self._local.unit = unit

    def find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        """The aggregate, or None if it was never recorded."""
        # Aggregate classes are ABCs (a Python-level isinstance): their exact type is tried
        # first. Each dict lookup hashes the UUID in Python: one lookup where one will do.
        unit = self._local.unit
        if unit is not None:
            held = unit.aggregates.get(aggregate_id)
            if held is not None:
                if type(held) is not cls and not isinstance(held, cls):
                    raise NotFound(
                        f"{aggregate_id} is a {type(held).__name__}, not a {cls.__name__}"
                    )
                if unit.seen_in_step is not None:
                    unit.seen_in_step.setdefault(aggregate_id, held.version)
                return held
        catch_up = unit is None or not unit.optimistic
        try:
            warm = self.cache.take(aggregate_id, self._newer_events if catch_up else None)
            if warm is not None and not catch_up and unit is not None:
                unit.unverified.add(aggregate_id)
            aggregate: Aggregate = warm or self.app.repository.get(
                aggregate_id, projector_func=project
            )
        except AggregateNotFoundError:
            return None
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to load {cls.__name__}: {exc}") from None
        if type(aggregate) is not cls and not isinstance(aggregate, cls):
            raise NotFound(f"{aggregate_id} is a {type(aggregate).__name__}, not a {cls.__name__}")
        if unit is not None:
            unit.aggregates[aggregate_id] = aggregate
            if unit.seen_in_step is not None:
                unit.seen_in_step.setdefault(aggregate_id, None)
        return aggregate

    def get(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        """The aggregate, or :class:`NotFound` naming ``what`` was looked for."""
        aggregate = self.find(cls, aggregate_id)
        if aggregate is None:
            raise NotFound(f"{what} does not exist in this market")
        return aggregate

    def read_only(self, cls: type[A], aggregate_id: UUID, *, trust_cache: bool = False) -> A | None:
        """An aggregate that rarely changes, for reading only (never mutate or save it).

        Commands of every kind check the park's membership and their slice's rules; loading them
        from a snapshot each time would dominate the command path. A copy is kept and reused
        while one cheap query shows no newer event was stored (by any process). When the store
        checks a save's reads (read_checks), an optimistic command skips that query: the version
        it read is checked in the transaction that records its decision.

        Inside a unit each is read once: every later read (the next commands of a batch) gets
        the copy whose version the unit's save checks, with one lookup.

        ``trust_cache`` outside a unit skips that query too, for a value that a unit of work
        reads again before it is relied on (labour's day type from the park's calendar): the
        copy may be stale, and the caller must not decide anything with it alone.
        """
        unit = self._local.unit
        if unit is not None:
            held = unit.aggregates.get(aggregate_id)
            if held is None and aggregate_id in unit.read_copies:
                held = unit.read_copies[aggregate_id]  # read earlier in this unit
                if held is None:
                    return None
            elif held is not None and unit.seen_in_step is not None:
                # A copy an earlier command loaded (for update, maybe warm and unchecked): the
                # step relies on it, so a refusal checks it too (unit_reads).
                unit.seen_in_step.setdefault(aggregate_id, held.version)
            if held is not None:
                return held if type(held) is cls or isinstance(held, cls) else None
        cached = self.cache.read_mostly(aggregate_id)
        # Trusted without asking: checked by the save.
        trusted = (trust_cache and unit is None) or (
            unit is not None and unit.optimistic and self.checks_reads
        )
        try:
            if cached is None or (
                not trusted
                and self.app.recorder.select_events(aggregate_id, gt=cached[0] or None, limit=1)
            ):
                try:
                    fresh: Aggregate | None = self.app.repository.get(
                        aggregate_id, projector_func=project
                    )
                except AggregateNotFoundError:
                    fresh = None
                if fresh is not None and not isinstance(fresh, cls):
                    raise NotFound(
                        f"{aggregate_id} is a {type(fresh).__name__}, not a {cls.__name__}"
                    )
                cached = (self.cache.keep_read_mostly(aggregate_id, fresh), fresh)
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to load {cls.__name__}: {exc}") from None
        version, aggregate = cached
        if unit is not None:
            unit.reads.setdefault(aggregate_id, version)
            unit.read_copies.setdefault(aggregate_id, aggregate)
        return aggregate if type(aggregate) is cls or isinstance(aggregate, cls) else None

    def history(self, aggregate_id: UUID) -> list[Any]:
        """Every event of the aggregate from its first, those the calling thread's unit holds
        unsaved included: for an aggregate that forgets what closed (a labour agreement), the
        whole history a query or a refusal reads. It costs the length of the history."""
        unit = self._local.unit
        held = None if unit is None else unit.aggregates.get(aggregate_id)
        if held is not None and unit is not None and unit.seen_in_step is not None:
            unit.seen_in_step.setdefault(aggregate_id, held.version)  # relied on, as read_only
        pending: list[Any] = [] if held is None else list(held.pending_events)
        stored_to = None if held is None else held.version - len(pending)
        try:
            stored = list(self.app.events.get(aggregate_id, lte=stored_to))
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to read {aggregate_id}: {exc}") from None
        return stored + pending

    def _newer_events(self, aggregate_id: UUID, version: int) -> list[object]:
        return list(self.app.events.get(aggregate_id, gt=version))
