"""The PostgreSQL event store, checking a save's reads (see ``application.read_checks``) and
keeping request receipts in a table beside the events (see ``application.kernel.receipts``)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg.sql import SQL, Composed, Identifier

from sharemarket.application.kernel.read_checks import READS, ReadChanged, ReadVersions
from sharemarket.application.kernel.receipts import (
    OLD_RECEIPTS_MARK,
    RECEIPTS,
    StoredReceipts,
    receipts_table,
)
from sharemarket.domain.errors import StoreError


def check_connection(datastore: PostgresDatastore, what: str, *, schema_must_exist: bool) -> None:
    """Connect once, directly, so that a refused login or a missing database is named at once.

    eventsourcing's pool retries a failing connection until its timeout (30 s unless
    ``connect_timeout_s`` is given) and then says only "couldn't get a connection"; one direct
    attempt returns the server's own reason as soon as the server answers.
    """
    pool = datastore.pool
    kwargs = pool.kwargs() if callable(pool.kwargs) else pool.kwargs
    params = {k: v for k, v in (kwargs or {}).items() if k != "row_factory"}
    if pool.get_password_func is not None:
        params["password"] = pool.get_password_func()
    where = f"PostgreSQL at {params.get('host')}:{params.get('port')}"  # never the password
    schema = datastore.schema
    try:
        # libpq's connect_timeout is whole seconds, and it treats 1 as 2.
        with psycopg.connect(**params, connect_timeout=max(2, math.ceil(pool.timeout))) as conn:
            found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
            schema_exists = found.fetchone() is not None
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split("FATAL:", 1)[-1].split()).removeprefix(
            "connection failed: "
        )
        if "authentication failed" in reason or ("role" in reason and "does not exist" in reason):
            fix = "check the user name and password (the DSN, or POSTGRES_USER / _PASSWORD)"
        elif "database" in reason and "does not exist" in reason:
            fix = f"create it (CREATE DATABASE {params.get('dbname')}) or correct the DSN's name"
        else:
            fix = "check that the server is running there and that host and port are right"
        raise StoreError(f"{what}: cannot connect to {where}: {reason}; {fix}") from None
    if schema_must_exist and not schema_exists:
        raise StoreError(
            f"{what}: schema {schema!r} does not exist in database {params.get('dbname')!r} "
            f"({where}); create it first (CREATE SCHEMA {schema}) or give another schema"
        )


class PostgresMarketRecorder(PostgresApplicationRecorder):
    keeps_receipts = True

    def __init__(
        self, datastore: PostgresDatastore, events_table_name: str = "stored_events"
    ) -> None:
        check_connection(datastore, "the market", schema_must_exist=True)
        super().__init__(datastore, events_table_name=events_table_name)
        self._table = SQL("{schema}.{table}").format(
            schema=Identifier(datastore.schema), table=Identifier(self.events_table_name)
        )
        self.receipts_table_name = receipts_table(self.events_table_name)
        self.check_identifier_length(self.receipts_table_name)
        self._receipts = SQL("{schema}.{table}").format(
            schema=Identifier(datastore.schema), table=Identifier(self.receipts_table_name)
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {receipts} "
                "(receipt_id uuid PRIMARY KEY, state bytea NOT NULL)"
            ).format(receipts=self._receipts)
        )
        self._insert_receipt = SQL("INSERT INTO {receipts} VALUES (%s, %s)").format(
            receipts=self._receipts
        )
        self._select_receipt = SQL("SELECT state FROM {receipts} WHERE receipt_id = %s").format(
            receipts=self._receipts
        )
        self._newer_events_by_count: dict[int, Composed] = {}
        if datastore.enable_db_functions:
            index = self.create_insert_function_statement_index
            self.sql_create_statements[index] = self._insert_function()

    def _insert_function(self) -> Composed:
        """eventsourcing's insert function, with the table lock its own inserts take.

        eventsourcing 9.5.6's function (``POSTGRES_ENABLE_DB_FUNCTIONS``) inserts without
        ``LOCK TABLE``: two concurrent saves then draw interleaved notification ids and may
        commit out of their order, so a reader following the log (a view catching up) can pass
        an id that commits later and never see its event. Found by eventsourcing's own
        non-interleaving case, which eventsourcing does not run with its functions. The lock is
        taken first, as eventsourcing's pipelined insert does; it lasts until the call's
        transaction commits.
        """
        return SQL(
            "CREATE OR REPLACE FUNCTION {schema}.{function}(events {schema}.{event}[]) "
            "RETURNS SETOF bigint LANGUAGE plpgsql AS $BODY$ BEGIN "
            "SET LOCAL lock_timeout = '{lock_timeout}s'; "
            "LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE; "
            "NOTIFY {channel}; "
            "RETURN QUERY INSERT INTO {schema}.{table} AS t "
            "(originator_id, originator_version, topic, state) "
            "SELECT originator_id, originator_version, topic, state FROM unnest(events) "
            "RETURNING notification_id; "
            "END; $BODY$"
        ).format(
            schema=Identifier(self.datastore.schema),
            function=Identifier(self.pg_function_name_insert_events),
            event=Identifier(self.stored_event_type_name),
            lock_timeout=self.datastore.lock_timeout,
            channel=Identifier(self.channel_name),
            table=Identifier(self.events_table_name),
        )

    def _newer_events(self, count: int) -> Composed:
        """The check for ``count`` reads: the first read aggregate with a newer event, if any.

        The reads are a VALUES list, one statement per count (a save reads a handful of
        aggregates): PostgreSQL plans it once and reuses the plan. The same check over
        ``unnest`` of two arrays is re-planned at each execution and cost three times as much.
        """
        statement = self._newer_events_by_count.get(count)
        if statement is None:
            reads = SQL(", ").join([SQL("(%s::uuid, %s::bigint)")] * count)
            statement = SQL(
                "SELECT e.originator_id, r.version FROM (VALUES {reads}) AS r(id, version) "
                "JOIN {table} AS e ON e.originator_id = r.id AND e.originator_version > r.version "
                "LIMIT 1"
            ).format(reads=reads, table=self._table)
            self._newer_events_by_count[count] = statement
        return statement

    def create_table(self) -> None:
        """The tables; a store that had events before its receipts table is marked as holding
        receipts written as aggregates (``application.kernel.receipts``)."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                "SELECT to_regclass(%s) AS found",
                (f'"{self.datastore.schema}"."{self.receipts_table_name}"',),
            )
            row = curs.fetchone()
        had_receipts_table = row is not None and row["found"] is not None
        super().create_table()
        if not had_receipts_table:
            with self.datastore.transaction(commit=True) as curs:
                curs.execute(
                    SQL(
                        "INSERT INTO {receipts} SELECT %s, %s "
                        "WHERE EXISTS (SELECT 1 FROM {table}) ON CONFLICT DO NOTHING"
                    ).format(receipts=self._receipts, table=self._table),
                    (OLD_RECEIPTS_MARK, b""),
                )

    def select_receipt(self, receipt_id: UUID) -> bytes | None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self._select_receipt, (receipt_id,), prepare=True)
            row = curs.fetchone()
        return None if row is None else bytes(row["state"])

    def holds_old_receipts(self) -> bool:
        return self.select_receipt(OLD_RECEIPTS_MARK) is not None

    @property
    def checks_reads(self) -> bool:
        # With POSTGRES_ENABLE_DB_FUNCTIONS, eventsourcing inserts through a database function
        # of its own, which this recorder does not extend: the application asks before deciding.
        return not self.datastore.enable_db_functions

    @staticmethod
    @contextmanager
    def _transaction(conn: psycopg.Connection[Any]) -> Iterator[psycopg.Pipeline]:
        """A transaction in a pipeline of its own: ``BEGIN`` goes to the server with the block's
        first statements, and ``COMMIT`` (``ROLLBACK`` if the block raises) with the last sync.

        psycopg's ``conn.transaction()`` inside a pipeline syncs when it begins, when the inner
        pipeline it opens ends, and when it commits; with the outer pipeline's own sync that
        makes five round trips a save (as eventsourcing's insert makes), two of them while the
        save holds the table lock. Here psycopg's own transaction is entered inside the
        pipeline, without the inner pipeline: a save makes two round trips, its statements and
        then ``COMMIT``. The transaction is the same: what the block executes runs between
        ``BEGIN`` and ``COMMIT``, the table lock the block takes lasts until the commit, and a
        failure rolls back as psycopg rolls back (forgetting statements prepared meanwhile).
        The block syncs before it ends, so that an error is raised inside the transaction.
        """
        with conn.pipeline() as pipeline, psycopg.Transaction(conn):
            yield pipeline

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """eventsourcing's pipelined insert, with the receipts and the reads checked in the
        same round trip.

        ``BEGIN``, the table lock, the notification, the inserts, the receipts and the check go to
        the server together and are synchronised once; ``COMMIT`` follows (see ``_transaction``).
        The lock comes first, so no other writer can commit between the check and our commit; the
        inserts do not disturb the check, since what a save reads excludes what it writes. A
        request id already taken violates the receipts' key and raises ``IntegrityError`` at the
        sync. The check's answer is read after the sync and before the commit: raising
        ``ReadChanged`` inside the transaction rolls it back, as any error raised in the block
        does (one that failed before reaching the server included: nothing commits without it).
        """
        reads: ReadVersions = kwargs.get(READS) or {}
        receipts: StoredReceipts = kwargs.get(RECEIPTS) or ()
        if self.datastore.enable_db_functions:
            if not receipts:
                unchecked: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
                return unchecked
            return self._insert_through_function(stored_events, receipts)
        if not receipts and (not reads or not stored_events):
            unchecked = super().insert_events(stored_events, **kwargs)
            return unchecked
        notification_ids: Sequence[int] | None = None
        with (
            self.datastore.get_connection() as conn,
            self._transaction(conn) as pipeline,
            conn.cursor() as check,
            conn.cursor() as written,
            conn.cursor() as curs,
        ):
            if stored_events:
                self._insert_stored_events(curs, stored_events, **kwargs)
            if receipts:
                written.executemany(self._insert_receipt, receipts)
            if reads:
                check.execute(
                    self._newer_events(len(reads)),
                    [value for read in reads.items() for value in read],
                    prepare=True,
                )
            # One sync: a version or receipt conflict raises IntegrityError here (and rolls back).
            pipeline.sync()
            if stored_events:
                notification_ids = self._fetch_ids_after_insert_events(
                    curs, stored_events, **kwargs
                )
            changed = check.fetchone() if reads else None
            if changed is not None:
                raise ReadChanged(changed["originator_id"], changed["version"])
        return notification_ids

    def _insert_through_function(
        self, stored_events: Sequence[StoredEvent], receipts: StoredReceipts
    ) -> Sequence[int]:
        """eventsourcing's insert through its database function, and the receipts, in one
        transaction (eventsourcing's own call runs in a transaction of its own)."""
        pg_stored_events = [
            self.construct_pg_stored_event(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                topic=e.topic,
                state=e.state,
            )
            for e in stored_events
        ]
        with (
            self.datastore.get_connection() as conn,
            conn.transaction(),
            conn.cursor() as curs,
        ):
            notification_ids: list[int] = []
            if pg_stored_events:
                curs.execute(
                    self.sql_invoke_pg_function_insert_events, (pg_stored_events,), prepare=True
                )
                notification_ids = [r[self.pg_function_name_insert_events] for r in curs.fetchall()]
            curs.executemany(self._insert_receipt, receipts)
        return notification_ids
