"""The journal and the audit trail in PostgreSQL, in a configurable schema and table prefix.

Each view is an eventsourcing ``PostgresTrackingRecorder`` named after its projection: with the
prefix ``"sm_"`` the journal's tables are ``sm_journal_postings``, ``sm_journal_balances``,
``sm_journal_pairs``, ``sm_journal_parties`` and its tracking table ``sm_journal_tracking``.
A batch is written with ``COPY`` in one transaction with a compare-and-set of the tracking row,
so an event is applied exactly once whichever process gets there first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError, Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg import Cursor
from psycopg.pq import TransactionStatus
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Composed, Identifier

from sharemarket.adapters.postgres_connections import check_connection
from sharemarket.application.projections.audit_view import VERIFY_PAGE, AuditQuery, AuditView
from sharemarket.application.projections.balances import AsOf
from sharemarket.application.projections.errors import ViewOutOfStep
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.application.projections.parties import Roles
from sharemarket.application.projections.views import AuditBatch, JournalBatch, PartyRow, PostingRow
from sharemarket.domain.errors import InvalidInput, StoreError
from sharemarket.domain.firm_id import FirmId

_PREFIX = re.compile(r"^[a-z_][a-z0-9_]{0,39}$")
# The column types of each table, in order, for COPY's binary format.
_POSTING_TYPES = ("int8", "int4", "date", "text", "text", "text", "text", "int8", "text")
_TRAIL_TYPES = ("int8", "int8", "int8", "bytea", "bytea")
_FIRM_TYPES = ("text", "int8")


def _dated(postings: Iterable[PostingRow]) -> Iterator[tuple[Any, ...]]:
    """Postings with their day as a date (binary COPY sends a date, not its ISO text)."""
    days: dict[str, date] = {}
    for row in postings:
        day = days.get(row[2])
        if day is None:
            day = days[row[2]] = date.fromisoformat(row[2])
        yield (row[0], row[1], day, *row[3:])


#: Events a catch-up must bring to an empty audit trail for the trail's two search indexes to be
#: built once at the end instead of row by row (as for SQLite, sqlite_views.py).
DEFERRED_INDEX_EVENTS = 20_000
_TRAIL_INDEXES = (
    "CREATE INDEX IF NOT EXISTS {trail_by_time} ON {schema}.{trail} (at_us)",
    "CREATE INDEX IF NOT EXISTS {trail_by_aggregate} ON {schema}.{trail} (aggregate_key, position)",
)


def check_prefix(prefix: str) -> str:
    """A table prefix: lower-case letters, digits and underscores, at most 40 characters."""
    if prefix and not _PREFIX.match(prefix):
        raise InvalidInput(
            f"table prefix {prefix!r} must be lower-case letters, digits and underscores, "
            "start with a letter or underscore and have at most 40 characters"
        )
    return prefix


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


class PostgresJournalView(PostgresView, JournalView):
    table_suffixes = ("postings", "balances", "pairs")

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        tracking_table_name: str = "journal_tracking",
        **kwargs: Any,
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)

    def create_statements(self) -> list[str]:
        return [
            *super().create_statements(),
            "CREATE TABLE IF NOT EXISTS {schema}.{postings} ("
            "position bigint NOT NULL, seq integer NOT NULL, day date NOT NULL, "
            "firm text NOT NULL, counterparty text NOT NULL, asset text NOT NULL, "
            "kind text NOT NULL, amount bigint NOT NULL, reference text NOT NULL, "
            "PRIMARY KEY (position, seq))",
            "CREATE INDEX IF NOT EXISTS {postings_by_firm} ON {schema}.{postings} (firm, position)",
            "CREATE TABLE IF NOT EXISTS {schema}.{balances} ("
            "firm text NOT NULL, asset text NOT NULL, kind text NOT NULL, "
            "amount bigint NOT NULL, PRIMARY KEY (firm, asset, kind))",
            "CREATE TABLE IF NOT EXISTS {schema}.{pairs} ("
            "firm text NOT NULL, counterparty text NOT NULL, asset text NOT NULL, "
            "kind text NOT NULL, amount bigint NOT NULL, "
            "PRIMARY KEY (firm, counterparty, asset, kind))",
        ]

    def _identifiers(self) -> dict[str, Identifier]:
        ids = super()._identifiers()
        ids["postings_by_firm"] = Identifier(f"{self.base_name}_postings_by_firm")
        return ids

    def write_journal(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        with self._writing(tracking, after) as curs:
            if batch.postings:
                self._copy(curs, "postings", _POSTING_TYPES, _dated(batch.postings))
            with curs.connection.pipeline():
                if batch.balances:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{balances} AS t VALUES (%s, %s, %s, %s) "
                            "ON CONFLICT (firm, asset, kind) "
                            "DO UPDATE SET amount = t.amount + EXCLUDED.amount"
                        ),
                        [(*key, amount) for key, amount in batch.balances.items()],
                    )
                if batch.pairs:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{pairs} AS t VALUES (%s, %s, %s, %s, %s) "
                            "ON CONFLICT (firm, counterparty, asset, kind) "
                            "DO UPDATE SET amount = t.amount + EXCLUDED.amount"
                        ),
                        [(*key, amount) for key, amount in batch.pairs.items()],
                    )
                self._insert_parties(curs, batch.parties)
                curs.execute("COMMIT")

    def sums(
        self, firm: str | None, counterparty: str | None, as_of: AsOf
    ) -> list[tuple[str, str, int]]:
        where: list[str] = []
        params: list[Any] = []
        if as_of is None:
            table = "balances" if counterparty is None else "pairs"
        else:
            table = "postings"
            where.append("position <= %s" if isinstance(as_of, int) else "day <= %s")
            params.append(as_of)
        if firm is not None:
            where.append("firm = %s")
            params.append(firm)
        if counterparty is not None:
            where.append("counterparty = %s")
            params.append(counterparty)
        statement = (
            "SELECT asset, kind, SUM(amount)::bigint AS amount FROM {schema}.{" + table + "}"
        )
        if where:
            statement += " WHERE " + " AND ".join(where)
        statement += " GROUP BY asset, kind"
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql(statement), params)
            return [(row["asset"], row["kind"], row["amount"]) for row in curs.fetchall()]

    def firm_count(self, as_of: AsOf) -> int:
        params: list[Any] = []
        if as_of is None:
            statement = "SELECT COUNT(DISTINCT firm) AS n FROM {schema}.{balances}"
        else:
            column = "position" if isinstance(as_of, int) else "day"
            statement = (
                "SELECT COUNT(DISTINCT firm) AS n FROM {schema}.{postings} "
                f"WHERE {column} <= %s"
            )
            params.append(as_of)
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql(statement), params)
            row = curs.fetchone()
            return 0 if row is None else int(row["n"])


class PostgresAuditView(PostgresView, AuditView):
    table_suffixes = ("trail", "firms")

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        tracking_table_name: str = "audit_tracking",
        **kwargs: Any,
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)

    def _identifiers(self) -> dict[str, Identifier]:
        ids = super()._identifiers()
        for index in ("trail_by_time", "trail_by_aggregate"):
            ids[index] = Identifier(f"{self.base_name}_{index}")
        return ids

    def create_statements(self) -> list[str]:
        return [
            *super().create_statements(),
            "CREATE TABLE IF NOT EXISTS {schema}.{trail} ("
            "position bigint PRIMARY KEY, at_us bigint NOT NULL, aggregate_key bigint NOT NULL, "
            "entry bytea NOT NULL, hash bytea NOT NULL)",
            *_TRAIL_INDEXES,
            "CREATE TABLE IF NOT EXISTS {schema}.{firms} ("
            "firm text NOT NULL, position bigint NOT NULL, PRIMARY KEY (firm, position))",
        ]

    def write_audit(self, batch: AuditBatch, tracking: Tracking, after: int | None) -> None:
        with self._writing(tracking, after) as curs:
            self._copy(curs, "trail", _TRAIL_TYPES, batch.trail())
            self._copy(curs, "firms", _FIRM_TYPES, batch.firms())
            with curs.connection.pipeline():
                self._insert_parties(curs, batch.parties)
                curs.execute("COMMIT")

    @contextmanager
    def catching_up(self, backlog: int) -> Iterator[None]:
        """Fill an empty trail without its two search indexes, then build them once.

        Aggregate ids are random, so once the aggregate index outgrows the server's cache each
        batch of rows reads and writes again most of its pages; sorting the keys once at the
        end costs a fraction of that (a 200,000-event catch-up took 12 % less of the server's
        time). Queries answer the same meanwhile, more slowly. Should the process stop before,
        the indexes are made again when the view is next opened.
        """
        deferred = backlog >= DEFERRED_INDEX_EVENTS and self._drop_indexes_if_empty()
        try:
            yield
        finally:
            if deferred:
                self._build_indexes()

    def _drop_indexes_if_empty(self) -> bool:
        with self.datastore.transaction(commit=True) as curs:
            # The lock first: no row can arrive between the check and the drop.
            curs.execute(self.sql("LOCK TABLE {schema}.{trail} IN ACCESS EXCLUSIVE MODE"))
            curs.execute(self.sql("SELECT EXISTS (SELECT 1 FROM {schema}.{trail}) AS found"))
            row = curs.fetchone()
            if row is None or row["found"]:
                return False
            curs.execute(
                self.sql(
                    "DROP INDEX IF EXISTS {schema}.{trail_by_time}, {schema}.{trail_by_aggregate}"
                )
            )
        return True

    def _build_indexes(self) -> None:
        with self.datastore.transaction(commit=True) as curs:
            # One builder at a time (CREATE INDEX IF NOT EXISTS is not safe against another
            # building the same index at once), and no writer while the keys are sorted.
            curs.execute(self.sql("LOCK TABLE {schema}.{trail} IN SHARE ROW EXCLUSIVE MODE"))
            for statement in _TRAIL_INDEXES:
                curs.execute(self.sql(statement))

    def head(self) -> tuple[int, bytes] | None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self.sql(
                    "SELECT position, hash FROM {schema}.{trail} ORDER BY position DESC LIMIT 1"
                )
            )
            row = curs.fetchone()
            return None if row is None else (row["position"], bytes(row["hash"]))

    def select_entries(self, query: AuditQuery) -> list[tuple[int, bytes, bytes]]:
        statement, params = query.sql(
            trail="{schema}.{trail}", firms="{schema}.{firms}", param="%s"
        )
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cur:
            cur.execute(self.sql(statement), params, binary=True)
            return [(p, bytes(e), bytes(h)) for p, e, h in cur.fetchall()]

    def select_tail(self, count: int) -> list[tuple[int, bytes, bytes]]:
        statement = self.sql(
            "SELECT position, entry, hash FROM {schema}.{trail} ORDER BY position DESC LIMIT %s"
        )
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cur:
            cur.execute(statement, (count,), binary=True)
            return [(p, bytes(e), bytes(h)) for p, e, h in reversed(cur.fetchall())]

    def chain(self, *, deep: bool = False, page: int = VERIFY_PAGE) -> Iterator[tuple[Any, ...]]:
        columns = "position, at_us, aggregate_key, entry, hash" if deep else "position, entry, hash"
        statement = self.sql(
            f"SELECT {columns} FROM {{schema}}.{{trail}} "
            "WHERE position > %s ORDER BY position LIMIT %s"
        )
        after = -1
        while True:
            with (
                self.datastore.get_connection() as conn,
                conn.cursor(row_factory=tuple_row) as cur,
            ):
                cur.execute(statement, (after, page), binary=True)
                rows: list[tuple[Any, ...]] = cur.fetchall()
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1][0]

    def indexed_firms(self) -> list[str]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql("SELECT DISTINCT firm FROM {schema}.{firms} ORDER BY firm"))
            return [row["firm"] for row in curs.fetchall()]

    def indexed_positions(self, firm: str) -> Iterator[int]:
        statement = self.sql(
            "SELECT position FROM {schema}.{firms} WHERE firm = %s AND position > %s "
            "ORDER BY position LIMIT %s"
        )
        after = -1
        while True:
            with self.datastore.transaction(commit=False) as curs:
                curs.execute(statement, (firm, after, VERIFY_PAGE))
                positions = [row["position"] for row in curs.fetchall()]
            yield from positions
            if len(positions) < VERIFY_PAGE:
                return
            after = positions[-1]


def open_postgres_views(
    datastore: PostgresDatastore, *, prefix: str = ""
) -> tuple[PostgresJournalView, PostgresAuditView]:
    """Open (creating if missing) the two views in the datastore's schema.

    A refused connection, a missing database or a schema the user may not create is a
    ``StoreError`` naming the cause.
    """
    check_prefix(prefix)
    check_connection(datastore, "the views", schema_must_exist=False)
    try:
        with datastore.transaction(commit=True) as curs:
            curs.execute(
                SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(Identifier(datastore.schema))
            )
        journal = PostgresJournalView(datastore, tracking_table_name=f"{prefix}journal_tracking")
        audit = PostgresAuditView(datastore, tracking_table_name=f"{prefix}audit_tracking")
        for view in (journal, audit):
            view.create_table()
    except PersistenceError as exc:
        datastore.close()
        raise StoreError(
            f"the views: cannot create their tables in schema {datastore.schema!r}: {exc}; "
            "grant the user CREATE on the database (or the schema), or give another schema"
        ) from None
    return journal, audit


def views_env(settings: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """Settings for eventsourcing's factory, prefixed with each projection's name."""
    env: dict[str, str] = {}
    for name in names:
        for key, value in settings.items():
            env[f"{name.upper()}_{key}"] = value
    return env
