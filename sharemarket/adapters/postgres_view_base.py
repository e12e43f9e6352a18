"""What every PostgreSQL view builds on: ``PostgresView``.

Its tables are named after its tracking table, in the datastore's schema; a batch is written in
one transaction that first moves the tracking row by compare-and-set, rows sent with ``COPY``.
The journal (``postgres_journal_view.py``), the audit trail (``postgres_audit_view.py``) and the
sharing view (``postgres_sharing.py``) are subclasses of ``PostgresView``; ``postgres_views.py``
opens them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg import Cursor
from psycopg.pq import TransactionStatus
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier

from sharemarket.application.projections.errors import ViewOutOfStep
from sharemarket.application.projections.parties import Roles
from sharemarket.application.projections.views import PartyRow
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId


class PostgresView(PostgresTrackingRecorder):
    """Tables named after the tracking table, tracking moved by compare-and-set."""

    table_suffixes: tuple[str, ...] = ()
    write_behind = True

    def __init__(
        self, datastore: PostgresDatastore, *, tracking_table_name: str, **kwargs: Any
    ) -> None:
        if not datastore.single_row_tracking:
            raise InvalidInput("sharemarket views need single-row tracking (the default)")
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        self.base_name = tracking_table_name.removesuffix("_tracking")
        self.tables = {s: f"{self.base_name}_{s}" for s in (*self.table_suffixes, "parties")}
        for table in self.tables.values():
            self.check_identifier_length(table)
        self.sql_create_statements.extend(
            SQL(statement).format(schema=Identifier(datastore.schema), **self._identifiers())
            for statement in self.create_statements()
        )

    def _identifiers(self) -> dict[str, Identifier]:
        ids = {name: Identifier(table) for name, table in self.tables.items()}
        ids["tracking"] = Identifier(self.tracking_table_name)
        return ids

    def sql(self, statement: str) -> Composed:
        """A statement with ``{schema}``, ``{tracking}`` and this view's tables filled in."""
        return SQL(statement).format(
            schema=Identifier(self.datastore.schema), **self._identifiers()
        )

    def create_statements(self) -> list[str]:
        return [
            "CREATE TABLE IF NOT EXISTS {schema}.{parties} ("
            "aggregate_id text NOT NULL, role text NOT NULL, firm text NOT NULL, "
            "PRIMARY KEY (aggregate_id, role))"
        ]

    @contextmanager
    def _writing(self, tracking: Tracking, after: int | None) -> Iterator[Cursor[DictRow]]:
        """A transaction that first moves the tracking row from ``after`` (compare-and-set).

        Its start, its commit setting and the compare-and-set go to the server together, in one
        round trip; end the body with a pipeline that holds the last statements and ``COMMIT``
        (else it is committed on leaving). Any error rolls it back. Few round trips matter
        when a catch-up writes behind: each one waits for this thread to get the interpreter
        back from the thread preparing the next batch.
        """
        with self.datastore.get_connection() as conn:
            curs = conn.cursor()
            try:
                with conn.pipeline():
                    curs.execute("BEGIN")
                    # A view's commit need not wait for the disk: if the server crashes, the
                    # last batches are lost together with the tracking rows that say they were
                    # applied, and are applied again. (The market's own events keep
                    # PostgreSQL's durable commits.)
                    curs.execute("SET LOCAL synchronous_commit TO OFF")
                    self._move_tracking(curs, tracking, after)
                yield curs
                if conn.info.transaction_status != TransactionStatus.IDLE:
                    curs.execute("COMMIT")
            except BaseException:
                with suppress(Exception):  # a broken connection: the pool lets it go
                    conn.rollback()
                raise

    def _move_tracking(self, curs: Cursor[DictRow], tracking: Tracking, after: int | None) -> None:
        if after is None:
            curs.execute(
                self.sql(
                    "INSERT INTO {schema}.{tracking} VALUES (%s, %s) "
                    "ON CONFLICT (application_name) DO NOTHING RETURNING notification_id"
                ),
                (tracking.application_name, tracking.notification_id),
            )
        else:
            curs.execute(
                self.sql(
                    "UPDATE {schema}.{tracking} SET notification_id = %s "
                    "WHERE application_name = %s AND notification_id = %s "
                    "RETURNING notification_id"
                ),
                (tracking.notification_id, tracking.application_name, after),
            )
        if curs.fetchone() is None:
            raise ViewOutOfStep(
                f"view {self.base_name} no longer stands at position {after} of "
                f"{tracking.application_name}; another process moved it on"
            )

    def _copy(
        self,
        curs: Cursor[DictRow],
        table: str,
        types: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> None:
        """``COPY`` the rows in, in COPY's binary format: with the column types given, psycopg
        packs each row in C, and bytea travels as itself (in the text format as hex, twice the
        bytes for the server to read and decode)."""
        with curs.copy(
            self.sql("COPY {schema}.{" + table + "} FROM STDIN (FORMAT BINARY)")
        ) as copy:
            copy.set_types(types)
            write = copy.write_row
            for row in rows:
                write(row)

    def _insert_parties(self, curs: Cursor[DictRow], rows: list[PartyRow]) -> None:
        # Usually a few rows a batch (each role of an aggregate that declares its parties):
        # sent with the commit rather than in a COPY of their own (two more round trips).
        if rows:
            curs.executemany(self.sql("INSERT INTO {schema}.{parties} VALUES (%s, %s, %s)"), rows)

    def stored_roles(self, aggregate_id: UUID) -> Roles:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self.sql("SELECT role, firm FROM {schema}.{parties} WHERE aggregate_id = %s"),
                (str(aggregate_id),),
            )
            return {row["role"]: FirmId(row["firm"]) for row in curs.fetchall()}

    def clear(self) -> None:
        with self.datastore.transaction(commit=True) as curs:
            for name in self.tables:
                curs.execute(self.sql("TRUNCATE {schema}.{" + name + "}"))
            curs.execute(
                self.sql("DELETE FROM {schema}.{tracking} WHERE application_name <> %s"),
                (self.table_migration_identifier,),
            )

    def close(self) -> None:
        self.datastore.close()
