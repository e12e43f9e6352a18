"""The SQLite event store's connections: opened as eventsourcing opens them, keeping their
prepared statements."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from sharemarket import ShareMarket
from sharemarket.adapters import sqlite_connections
from sharemarket.adapters.sqlite_connections import STATEMENT_CACHE, SQLiteMarketConnectionPool
from sharemarket.adapters.sqlite_recorder import SQLiteMarketRecorder
from tests.park_scene import ADMIN


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The keyword arguments of every sqlite3.connect the store makes."""
    made: list[dict[str, Any]] = []
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        made.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite_connections.sqlite3, "connect", connect)
    return made


def test_each_connection_keeps_its_prepared_statements(tmp_path, connects):
    """eventsourcing passes ``cached_statements=True``: a cache of one statement, so a command's
    BEGIN, INSERT and read check would be compiled again every time."""
    market = ShareMarket.sqlite(tmp_path / "market.sqlite")
    try:
        market.park.establish(ADMIN, request_id="park", name="德化陶瓷产业园")
        assert isinstance(market._app.recorder, SQLiteMarketRecorder)
        assert isinstance(market._app.recorder.datastore.pool, SQLiteMarketConnectionPool)
        assert connects
        assert all(kw["cached_statements"] == STATEMENT_CACHE for kw in connects)
    finally:
        market.close()


def test_connections_are_set_up_as_eventsourcing_sets_them_up(tmp_path, connects):
    """Write-ahead logging, autocommit mode (transactions begin explicitly), the lock timeout
    the settings give, and usable from any thread."""
    path = tmp_path / "market.sqlite"
    market = ShareMarket.sqlite(path, SQLITE_LOCK_TIMEOUT="7")
    try:
        market.park.establish(ADMIN, request_id="park", name="德化陶瓷产业园")
        assert market._app.recorder.datastore.pool.lock_timeout == 7
        assert {7} == {kw["timeout"] for kw in connects}
        assert all(kw["isolation_level"] is None for kw in connects)
        assert not any(kw["check_same_thread"] for kw in connects)
    finally:
        market.close()
    with sqlite3.connect(path) as raw:
        assert "wal" == raw.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_market_reopened_reads_what_it_recorded(tmp_path):
    path = tmp_path / "market.sqlite"
    with ShareMarket.sqlite(path) as market:
        market.park.establish(ADMIN, request_id="park", name="德化陶瓷产业园")
    with ShareMarket.sqlite(path) as market:
        assert "德化陶瓷产业园" == market.park.name()
