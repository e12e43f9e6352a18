"""The SQLite store's saves: one connection kept open for them, the pool's writer lock taken,
each transaction begun IMMEDIATE (``sqlite_connections.Writing``)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import ConnectionPoolClosedError

from sharemarket import FirmSize, ShareMarket
from sharemarket.adapters.sqlite_connections import SQLiteMarketConnectionPool
from sharemarket.adapters.sqlite_recorder import SQLiteMarketRecorder
from sharemarket.domain.errors import StoreError
from sharemarket.domain.firm_id import check_character
from tests.park_scene import ADMIN

#: How long a save that must wait is given to show it does not go ahead (seconds).
WAIT_S = 0.3


@pytest.fixture
def market(tmp_path: Path) -> Iterator[ShareMarket]:
    with ShareMarket.sqlite(tmp_path / "market.sqlite", lock_timeout_s=1) as market:
        market.park.establish(ADMIN, request_id="park", name="德化陶瓷产业园")
        yield market


def pool_of(market: ShareMarket) -> SQLiteMarketConnectionPool:
    pool = market._app.recorder.datastore.pool
    assert isinstance(pool, SQLiteMarketConnectionPool)
    return pool


def admit(market: ShareMarket, n: int) -> None:
    first_17 = f"9135010000000{n:04d}"
    market.park.admit_firm(
        ADMIN,
        request_id=f"admit-{n}",
        firm=first_17 + check_character(first_17),
        name=f"陶瓷厂 {n}",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=[f"rep-{n}"],
    )


def events(market: ShareMarket) -> int:
    return market._app.recorder.max_notification_id() or 0


def test_every_save_writes_on_the_one_saving_connection(market, monkeypatch):
    """Each save's statements run on the pool's saving connection, with the pool's writer lock
    held, and none takes a writer from the pool (loads still read through it)."""
    pool = pool_of(market)
    seen: list[tuple[Any, bool, bool]] = []
    insert = SQLiteMarketRecorder._insert_events

    def watched(self: SQLiteMarketRecorder, c: Any, *args: Any, **kwargs: Any) -> Any:
        raw = c.sqlite_cursor.connection
        seen.append((raw, raw.in_transaction, pool._writer_lock.locked()))
        return insert(self, c, *args, **kwargs)

    monkeypatch.setattr(SQLiteMarketRecorder, "_insert_events", watched)
    writers_taken = []
    get_connection = pool.get_connection

    def taking(*args: Any, is_writer: bool | None = None, **kwargs: Any) -> Any:
        if is_writer:
            writers_taken.append(is_writer)
        return get_connection(*args, is_writer=is_writer, **kwargs)

    monkeypatch.setattr(pool, "get_connection", taking)
    for n in range(5):
        admit(market, n)
    assert len(seen) == 5
    assert {id(raw) for raw, _, _ in seen} == {id(pool._saving._sqlite_conn)}
    assert all(in_transaction and locked for _, in_transaction, locked in seen)
    assert not writers_taken
    assert not pool._writer_lock.locked()


def test_a_save_waits_for_a_writer_the_pool_handed_out(market):
    pool = pool_of(market)
    before = events(market)
    writer = pool.get_connection(is_writer=True)
    saving = threading.Thread(target=admit, args=(market, 1))
    saving.start()
    saving.join(WAIT_S)
    assert saving.is_alive(), "the save went ahead while the pool's writer was out"
    assert events(market) == before
    pool.put_connection(writer)
    saving.join(10)
    assert not saving.is_alive()
    assert events(market) > before


def test_a_save_waits_for_another_process_writing(market, tmp_path):
    """BEGIN IMMEDIATE takes SQLite's write lock first: a save waits (up to the lock timeout)
    for a writer on another connection, then goes ahead."""
    other = sqlite3.connect(tmp_path / "market.sqlite", isolation_level=None)
    try:
        before = events(market)
        other.execute("BEGIN IMMEDIATE")
        saving = threading.Thread(target=admit, args=(market, 1))
        saving.start()
        saving.join(WAIT_S)
        assert saving.is_alive(), "the save went ahead while another connection wrote"
        other.execute("COMMIT")
        saving.join(10)
        assert not saving.is_alive()
        assert events(market) > before
    finally:
        other.close()


def test_a_writer_held_past_the_lock_timeout_fails_the_save_and_records_nothing(market, tmp_path):
    """The save is refused with a StoreError naming the lock; the writer lock is released, so the
    next save, once the other writer is gone, goes ahead."""
    other = sqlite3.connect(tmp_path / "market.sqlite", isolation_level=None)
    try:
        before = events(market)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="locked"):
            admit(market, 1)
        assert events(market) == before
        other.execute("COMMIT")
    finally:
        other.close()
    assert not pool_of(market)._writer_lock.locked()
    admit(market, 1)
    assert events(market) > before


def test_a_failed_save_is_rolled_back_and_decided_again(market, monkeypatch):
    """A failure inside the transaction, after the rows were inserted, rolls them back and is
    converted as eventsourcing converts it (an IntegrityError: decided again and saved); the
    saving connection is left outside any transaction and the writer lock free."""
    pool = pool_of(market)
    before = events(market)
    admit(market, 1)
    one_command = events(market) - before
    insert = SQLiteMarketRecorder._insert_events
    failures = []

    def failing_once(self: SQLiteMarketRecorder, *args: Any, **kwargs: Any) -> Any:
        inserted = insert(self, *args, **kwargs)
        if not failures:
            failures.append(inserted)
            raise sqlite3.IntegrityError("UNIQUE constraint failed (injected)")
        return inserted

    monkeypatch.setattr(SQLiteMarketRecorder, "_insert_events", failing_once)
    before = events(market)
    admit(market, 2)
    assert failures, "the injected failure did not happen"
    assert events(market) - before == one_command  # the first attempt's rows rolled back
    assert not pool._saving._sqlite_conn.in_transaction
    assert not pool._writer_lock.locked()
    assert {"陶瓷厂 1", "陶瓷厂 2"} <= {member.name for member in market.park.members()}


def test_closing_the_market_closes_the_saving_connection(tmp_path):
    market = ShareMarket.sqlite(tmp_path / "market.sqlite")
    market.park.establish(ADMIN, request_id="park", name="德化陶瓷产业园")
    saving = pool_of(market)._saving
    assert saving is not None
    assert not saving.closed
    market.close()
    assert saving.closed
    with pytest.raises(sqlite3.ProgrammingError):
        saving._sqlite_conn.execute("SELECT 1")


def test_a_closed_pool_opens_no_saving_connection(tmp_path):
    market = ShareMarket.sqlite(tmp_path / "market.sqlite")
    pool = pool_of(market)
    market.close()
    with pytest.raises(ConnectionPoolClosedError, match="closed"):
        pool.saving_connection()
    assert pool._saving is None


def test_an_in_memory_database_saves_through_the_pool():
    """Its readers and writers exclude each other through the pool (shared cache), so its saves
    take their connection there."""
    pool = SQLiteMarketConnectionPool(db_name="file:saving?mode=memory&cache=shared")
    try:
        assert not pool.writes_directly
    finally:
        pool.close()


def test_a_commit_that_fails_inside_its_transaction_leaves_the_next_save_free(market, monkeypatch):
    """SQLite ends a transaction whose COMMIT failed on an I/O error, not after every error: one
    left open is rolled back, so the next save can begin (the failed command records nothing)."""
    saving = pool_of(market).saving_connection()
    commit = type(saving).commit
    failures = []

    def failing_once(self: Any) -> None:
        if not failures:
            failures.append(self)
            raise sqlite3.OperationalError("disk I/O error (injected; the transaction stays open)")
        commit(self)

    monkeypatch.setattr(type(saving), "commit", failing_once)
    before = events(market)
    with pytest.raises(StoreError, match="injected"):
        admit(market, 1)
    assert failures
    assert not saving._sqlite_conn.in_transaction
    assert events(market) == before
    admit(market, 1)
    assert events(market) > before
