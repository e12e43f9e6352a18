"""The floors sharemarket stands on: a minimal bare-eventsourcing application, and raw sqlite3."""

from __future__ import annotations

import sqlite3
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class Counter(Aggregate):
    """The smallest useful aggregate: one integer, one kind of event."""

    def __init__(self) -> None:
        self.count = 0

    @event("Incremented")
    def increment(self, by: int) -> None:
        self.count += by


class BareApplication(Application[Any]):
    """Bare eventsourcing: no snapshots, no receipts, no rules."""

    name = "Bare"


def sqlite_app(path: str) -> BareApplication:
    return BareApplication(
        env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": path}
    )


def memory_app() -> BareApplication:
    """Bare eventsourcing on its in-memory store (``eventsourcing.popo``): its Python alone."""
    return BareApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def postgres_app(env: dict[str, str]) -> BareApplication:
    """Bare eventsourcing on PostgreSQL: its own application recorder, not sharemarket's."""
    return BareApplication(env={k: v for k, v in env.items() if k != "APPLICATION_RECORDER_TOPIC"})


def raw_sqlite_connection(path: str) -> sqlite3.Connection:
    """A connection set up as eventsourcing sets up its own: WAL, default (FULL) synchronous."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, originator_version "
        "INTEGER, topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    return connection
