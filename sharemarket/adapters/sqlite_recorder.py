"""The SQLite event store, checking a save's reads (see ``application.read_checks``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore

from sharemarket.application.read_checks import READS, ReadChanged, ReadVersions


class SQLiteMarketRecorder(SQLiteApplicationRecorder):
    checks_reads = True

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        self._newer_event = (
            f"SELECT 1 FROM {self.events_table_name} "
            "WHERE originator_id = ? AND originator_version > ? LIMIT 1"
        )

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        notification_ids = super()._insert_events(c, stored_events, **kwargs)
        # After the inserts this transaction holds SQLite's write lock and reads the newest
        # state: no other writer can commit between this check and our commit. Raising here
        # rolls the inserts back.
        reads: ReadVersions = kwargs.get(READS) or {}
        for aggregate_id, version in reads.items():
            c.execute(self._newer_event, (aggregate_id.hex, version))
            if c.fetchone() is not None:
                raise ReadChanged(aggregate_id, version)
        return notification_ids
