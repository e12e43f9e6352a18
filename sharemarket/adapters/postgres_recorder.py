"""The PostgreSQL event store, checking a save's reads (see ``application.read_checks``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from sharemarket.application.read_checks import READS, ReadChanged, ReadVersions


class PostgresMarketRecorder(PostgresApplicationRecorder):
    checks_reads = True

    def __init__(
        self, datastore: PostgresDatastore, events_table_name: str = "stored_events"
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self._newer_events = SQL(
            "SELECT e.originator_id, r.version FROM {schema}.{table} AS e "
            "JOIN unnest(%s::uuid[], %s::bigint[]) AS r(id, version) "
            "ON e.originator_id = r.id AND e.originator_version > r.version LIMIT 1"
        ).format(schema=Identifier(datastore.schema), table=Identifier(self.events_table_name))

    def _insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        # eventsourcing calls this first inside the insert's transaction. The table lock it
        # takes before inserting is taken here already (taking it again is a no-op), so that
        # no other writer can commit between this check and our commit. Raising here rolls the
        # transaction back.
        super()._insert_events(curs, stored_events, **kwargs)
        reads: ReadVersions = kwargs.get(READS) or {}
        if not reads:
            return
        self._lock_table(curs)
        curs.execute(self._newer_events, (list(reads), list(reads.values())), prepare=True)
        row = curs.fetchone()
        if row is not None:
            raise ReadChanged(row["originator_id"], row["version"])
