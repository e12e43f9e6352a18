"""The sharing view in memory: for a market without views (``market.matching.sharing_report``).

It holds the same rows as the SQLite and PostgreSQL views and answers with the same queries, so
a report made from the market's log here equals the one the park's views give.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, Tracking

from sharemarket.application.matching.sharing_view import SharingBatch, SharingView
from sharemarket.application.projections.errors import ViewOutOfStep
from sharemarket.application.projections.parties import Roles
from sharemarket.domain.firm_id import FirmId


class MemorySharingView(SharingView):
    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._tracking: dict[str, int] = {}
        self._needs: dict[tuple[str, str], list[int]] = {}  # (kind, day) -> counts and open
        self._waits: dict[tuple[str, int], int] = {}
        self._shares: dict[tuple[str, str, str, str, int], int] = {}
        self._facts: dict[str, str] = {}
        self._parties: dict[str, dict[str, str]] = {}

    def insert_tracking(self, tracking: Tracking) -> None:
        # As every tracking recorder (eventsourcing's TrackingRecorderTestCase): a position
        # not past the one held is refused, so an event is never applied twice.
        with self._lock:
            held = self._tracking.get(tracking.application_name)
            if held is not None and tracking.notification_id <= held:
                raise IntegrityError(
                    f"the sharing view already stands at position {held} of "
                    f"{tracking.application_name}, not before {tracking.notification_id}"
                )
            self._tracking[tracking.application_name] = tracking.notification_id

    def max_tracking_id(self, application_name: str) -> int | None:
        return self._tracking.get(application_name)

    def write_sharing(self, batch: SharingBatch, tracking: Tracking, after: int | None) -> None:
        with self._lock:
            if self._tracking.get(tracking.application_name) != after:
                raise ViewOutOfStep(f"the sharing view no longer stands at position {after}")
            for day, kind, posted, matched, fulfilled, closed in batch.need_rows():
                earlier = [d for k, d in self._needs if k == kind and d < day]
                row = self._needs.get((kind, day))
                if row is None:
                    base = self._needs[(kind, max(earlier))][4] if earlier else 0
                    row = self._needs[(kind, day)] = [0, 0, 0, 0, base]
                for i, count in enumerate((posted, matched, fulfilled, closed)):
                    row[i] += count
                for (k, d), later in self._needs.items():
                    if k == kind and d >= day:
                        later[4] += posted - closed
            for key, count in batch.waits.items():
                self._waits[key] = self._waits.get(key, 0) + count
            for share, amount in batch.shares.items():
                self._shares[share] = self._shares.get(share, 0) + amount
            self._facts.update(batch.facts)
            for aggregate_id, role, firm in batch.parties:
                self._parties.setdefault(aggregate_id, {})[role] = firm
            self._tracking[tracking.application_name] = tracking.notification_id

    def fact(self, key: str) -> str | None:
        return self._facts.get(key)

    def stored_roles(self, aggregate_id: UUID) -> Roles:
        roles = self._parties.get(str(aggregate_id), {})
        return {role: FirmId(firm) for role, firm in roles.items()}

    def need_counts(self, first: date, last: date) -> list[tuple[str, int, int, int]]:
        sums: dict[str, list[int]] = {}
        for (kind, day), row in self._needs.items():
            if first.isoformat() <= day <= last.isoformat():
                into = sums.setdefault(kind, [0, 0, 0])
                for i in range(3):
                    into[i] += row[i]
        return [(kind, *counts) for kind, counts in sums.items()]  # type: ignore[misc]

    def open_needs(self, kinds: Sequence[str], last: date) -> list[tuple[str, int]]:
        latest: dict[str, tuple[str, int]] = {}
        for (kind, day), row in self._needs.items():
            if kind in kinds and last.isoformat() >= day >= latest.get(kind, ("", 0))[0]:
                latest[kind] = (day, row[4])
        return [(kind, found[1]) for kind, found in latest.items()]

    def waits(self, first: date, last: date) -> list[tuple[int, int]]:
        sums: dict[int, int] = {}
        for (day, days), count in self._waits.items():
            if first.isoformat() <= day <= last.isoformat():
                sums[days] = sums.get(days, 0) + count
        return sorted(sums.items())

    def shares(self, first: date, last: date) -> list[tuple[str, str, str, int, int]]:
        sums: dict[tuple[str, str, str, int], int] = {}
        for (day, *key), amount in self._shares.items():
            if first.isoformat() <= day <= last.isoformat():
                k: Any = tuple(key)
                sums[k] = sums.get(k, 0) + amount
        return [(*key, amount) for key, amount in sums.items()]

    def clear(self) -> None:
        with self._lock:
            self._clear()

    def close(self) -> None:
        pass
