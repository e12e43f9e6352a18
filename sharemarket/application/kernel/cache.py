"""The aggregates a market keeps in memory between commands: warm copies and read-mostly copies.

Both exist for speed and both are verified before a decision is recorded (by the save's version
check, or by the reads the save carries: see ``read_checks``), so a stale copy can cost a retry,
never a wrong decision. They are one object so that a market (or a test) can swap the policy.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import cast
from uuid import UUID

from eventsourcing.domain import Aggregate

#: How many recently saved aggregates each market keeps warm in memory.
WARM_AGGREGATES_MAX = 2000


class AggregateCache:
    """Warm copies of aggregates this process saved, and read-only copies of rarely changed ones.

    A command *takes* a warm copy out (so no other thread can see it half-changed); it goes back
    only after the command's own changes were saved. Read-mostly copies (the park, a slice's
    rules) are shared by every command and never changed in place.
    """

    def __init__(self, *, warm_max: int = WARM_AGGREGATES_MAX) -> None:
        self.warm_max = warm_max
        self._warm: OrderedDict[UUID, Aggregate] = OrderedDict()
        self._lock = threading.Lock()
        # id -> (version loaded, the aggregate or None when it did not exist at version 0)
        self._read_mostly: dict[UUID, tuple[int, Aggregate | None]] = {}

    # Warm copies ------------------------------------------------------------------------------

    def take(
        self,
        aggregate_id: UUID,
        newer_events: Callable[[UUID, int], Iterable[object]] | None = None,
    ) -> Aggregate | None:
        """Take the warm copy out, brought up to date by ``newer_events(id, version)`` if given."""
        with self._lock:
            aggregate = self._warm.pop(aggregate_id, None)
        if aggregate is not None and newer_events is not None:
            for event in newer_events(aggregate_id, aggregate.version):
                cast("Aggregate.Event", event).mutate(aggregate)
        return aggregate

    def put_back(self, aggregates: Iterable[Aggregate]) -> None:
        """Keep these saved aggregates warm (the most recent last; the oldest are dropped)."""
        with self._lock:
            warm = self._warm
            for aggregate in aggregates:
                # A command took its copies out: each usually goes in new, at the end, and is
                # moved only if it was there (a UUID's hash is a Python call: one, not two).
                size = len(warm)
                aggregate_id = aggregate.id
                warm[aggregate_id] = aggregate
                if len(warm) == size:
                    warm.move_to_end(aggregate_id)
            while len(self._warm) > self.warm_max:
                self._warm.popitem(last=False)

    def __contains__(self, aggregate_id: UUID) -> bool:
        return aggregate_id in self._warm

    def __len__(self) -> int:
        return len(self._warm)

    # Read-mostly copies -----------------------------------------------------------------------

    def read_mostly(self, aggregate_id: UUID) -> tuple[int, Aggregate | None] | None:
        return self._read_mostly.get(aggregate_id)

    def keep_read_mostly(self, aggregate_id: UUID, aggregate: Aggregate | None) -> int:
        """Remember a fresh read-only copy (None: it does not exist); return its version."""
        version = 0 if aggregate is None else aggregate.version
        self._read_mostly[aggregate_id] = (version, aggregate)
        return version
