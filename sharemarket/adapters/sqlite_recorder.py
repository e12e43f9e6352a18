"""The SQLite event store, checking a save's reads (see ``application.read_checks``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, StoredEvent
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
)

from sharemarket.application.kernel.read_checks import READS, ReadChanged, ReadVersions

#: Prepared statements each connection keeps (sqlite3's own default).
STATEMENT_CACHE = 128


class SQLiteMarketConnectionPool(SQLiteConnectionPool):
    """eventsourcing's connection pool, with each connection keeping its prepared statements.

    eventsourcing 9.5.6 opens its connections with ``cached_statements=True``, which sqlite3
    reads as a cache of one statement: a command's BEGIN, INSERT and read check then evict one
    another and each is compiled again every time. This pool opens them exactly as eventsourcing
    does (same settings, same write-ahead-log setup) but with sqlite3's default cache.
    """

    def _create_connection(self) -> SQLiteConnection:
        try:
            c = sqlite3.connect(
                database=self.db_name,
                uri=True,
                check_same_thread=False,
                isolation_level=None,  # Auto-commit mode: transactions begin explicitly.
                cached_statements=STATEMENT_CACHE,
                timeout=self.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT,
            )
        except (sqlite3.Error, TypeError) as e:
            raise InterfaceError(e) from e
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal:
            cursor = c.cursor()
            cursor.execute("PRAGMA journal_mode;")
            if cursor.fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL;")
                self.journal_mode_was_changed_to_wal = True
            self.is_journal_mode_wal = True
        c.row_factory = sqlite3.Row
        return SQLiteConnection(sqlite_conn=c, max_age=self.max_age)


class SQLiteMarketFactory(SQLiteFactory):
    """eventsourcing's SQLite store, its connections drawn from ``SQLiteMarketConnectionPool``."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        shipped = self.datastore.pool  # no connection is open yet
        self.datastore.pool = SQLiteMarketConnectionPool(
            db_name=shipped.db_name,
            lock_timeout=shipped.lock_timeout,
            pool_size=shipped.pool_size,
            max_overflow=shipped.max_overflow,
            pool_timeout=shipped.pool_timeout,
            max_age=shipped.max_age,
            pre_ping=shipped.pre_ping,
        )
        shipped.close()


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
