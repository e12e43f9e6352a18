"""The PostgreSQL event store, checking a save's reads (see ``application.read_checks``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from sharemarket.application.read_checks import READS, ReadChanged, ReadVersions


class PostgresMarketRecorder(PostgresApplicationRecorder):
    def __init__(
        self, datastore: PostgresDatastore, events_table_name: str = "stored_events"
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self._newer_events = SQL(
            "SELECT e.originator_id, r.version FROM {schema}.{table} AS e "
            "JOIN unnest(%s::uuid[], %s::bigint[]) AS r(id, version) "
            "ON e.originator_id = r.id AND e.originator_version > r.version LIMIT 1"
        ).format(schema=Identifier(datastore.schema), table=Identifier(self.events_table_name))

    @property
    def checks_reads(self) -> bool:
        # With POSTGRES_ENABLE_DB_FUNCTIONS, eventsourcing inserts through a database function of its
        # own, which this recorder does not extend: the application then asks before deciding.
        return not self.datastore.enable_db_functions

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """eventsourcing's pipelined insert, with the reads checked in the same round trip.

        The table lock, the notification, the inserts and the check go to the server together
        and are synchronised once, as eventsourcing does for the inserts alone. The lock comes
        first, so no other writer can commit between the check and our commit; the inserts do
        not disturb the check, since what a save reads excludes what it writes. The check's
        answer is read after the sync and before the commit: raising ``ReadChanged`` inside
        the transaction rolls it back.
        """
        reads: ReadVersions = kwargs.get(READS) or {}
        if not reads or not stored_events or not self.checks_reads:
            return super().insert_events(stored_events, **kwargs)
        exc: Exception | None = None
        notification_ids: Sequence[int] | None = None
        with self.datastore.get_connection() as conn:
            with conn.pipeline() as pipeline, conn.transaction():
                with conn.cursor() as check, conn.cursor() as curs:
                    try:
                        self._insert_stored_events(curs, stored_events, **kwargs)
                        check.execute(
                            self._newer_events, (list(reads), list(reads.values())), prepare=True
                        )
                        # One sync: a version conflict raises IntegrityError here.
                        pipeline.sync()
                        notification_ids = self._fetch_ids_after_insert_events(
                            curs, stored_events, **kwargs
                        )
                    except Exception as e:
                        # As eventsourcing does: re-raised after the pipeline has exited, so
                        # psycopg does not warn about the aborted pipeline.
                        exc = e
                    else:
                        changed = check.fetchone()
                        if changed is not None:
                            raise ReadChanged(changed["originator_id"], changed["version"])
            if exc:
                raise exc
        return notification_ids
