"""Where a snapshot is written (kernel.snapshots): on SQLite and PostgreSQL with its command's
events, in one transaction; in memory after it. And what a snapshot that fails does to its
command: one that cannot be taken or encoded, or stored after the command, is logged and the
command is recorded; one that the store cannot write in the command's transaction fails the
command, which records nothing."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from eventsourcing.domain import Snapshot

from sharemarket import ShareMarket, StoreError
from sharemarket.domain.park.membership import PARK_ID
from tests.application.kernel.test_snapshots import (
    admit,
    code,
    latest_row,
    park_of,
    replayed,
    state,
)


class DiskFull(OSError):
    """What the snapshot store raises in the tests below."""


def failing(*args: Any, **kwargs: Any) -> Any:
    raise DiskFull("database or disk is full")


def test_a_durable_store_writes_a_snapshot_with_its_command_and_memory_after_it(store):
    """The save crossing the park's interval of 50: SQLite and PostgreSQL write the snapshot in
    the command's transaction (the snapshot store's own ``put``, which writes after a command,
    is not used); memory writes it after. Either way the park loads from it as from events."""
    market = store.open()
    app = market._app
    assert app.snapshots is not None
    assert app.snapshots_with_events == store.durable
    put, calls = app.snapshots.put, []
    park_of(market, 48)  # the park's 49th event: one before its interval
    app.snapshots.put = lambda *a, **k: calls.append(a) or put(*a, **k)  # type: ignore[method-assign]
    try:
        assert code(48) == admit(market, 48)
    finally:
        app.snapshots.put = put  # type: ignore[method-assign]
    assert (not calls) == store.durable
    assert 50 == latest_row(market, PARK_ID).originator_version
    assert state(replayed(market, PARK_ID)) == state(app.repository.get(PARK_ID))


@pytest.mark.snapshot_failures
def test_a_snapshot_that_cannot_be_taken_leaves_its_command_recorded_and_is_logged(
    market, caplog, monkeypatch
):
    """On every store: the save crossing the park's interval records its command, returns its
    result and logs the snapshot's failure; the park loads from its events, and the save that
    crosses the next interval snapshots it."""
    park_of(market, 48)
    monkeypatch.setattr(Snapshot, "take", classmethod(failing))
    with caplog.at_level("WARNING", logger="sharemarket.snapshots"):
        admitted = admit(market, 48)
    monkeypatch.undo()
    assert_logged_and_recorded(market, admitted, caplog)


@pytest.mark.snapshot_failures
def test_a_snapshot_not_stored_after_its_command_leaves_it_recorded_and_is_logged(caplog):
    """A store that writes snapshots after their command (memory): a snapshot store that fails
    then is logged; the command stays recorded and its result is returned."""
    market = ShareMarket.in_memory()
    snapshots = market._app.snapshots
    assert snapshots is not None
    park_of(market, 48)
    put, snapshots.put = snapshots.put, failing  # type: ignore[method-assign]
    with caplog.at_level("WARNING", logger="sharemarket.snapshots"):
        admitted = admit(market, 48)
    snapshots.put = put  # type: ignore[method-assign]
    assert_logged_and_recorded(market, admitted, caplog)


def store_full(kind: str) -> Exception:
    """What each database raises when its disk is full (eventsourcing converts it)."""
    if kind == "sqlite":
        return sqlite3.OperationalError("database or disk is full")
    import psycopg

    return psycopg.errors.DiskFull("could not extend file: No space left on device")


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize(
    ("kind", "insert"),
    [
        ("sqlite", "_insert_events"),
        pytest.param("postgres", "_insert_stored_events", marks=pytest.mark.postgres),
    ],
)
def test_a_snapshot_written_with_its_command_fails_or_stays_with_it(
    store_factory, kind, insert, when
):
    """In the command's transaction, the snapshot is one of the command's writes: if the disk
    fills as it is written (``before``), or as anything after it is (``after``: the snapshot's
    row was written), the caller gets a ``StoreError`` and nothing is left, neither the events
    nor the snapshot; the same request, sent again once the store writes, is decided and
    recorded with its snapshot."""
    market = store_factory(kind).open()
    app = market._app
    assert app.snapshots is not None
    recorder = app.recorder
    park_of(market, 48)
    last = recorder.max_notification_id()
    snapshot_table = recorder._snapshots  # type: ignore[attr-defined]
    real = getattr(snapshot_table, insert)

    def full(*args: Any, **kwargs: Any) -> None:
        if when == "after":
            real(*args, **kwargs)
        raise store_full(kind)

    setattr(snapshot_table, insert, full)
    with pytest.raises(StoreError, match=r"full|No space"):
        admit(market, 48)
    delattr(snapshot_table, insert)
    assert last == recorder.max_notification_id()
    assert not app.snapshots.recorder.select_events(PARK_ID, limit=1)
    assert 49 == app.repository.get(PARK_ID).version
    assert code(48) not in {m.firm for m in market.park.members()}
    assert code(48) == admit(market, 48)
    assert 50 == latest_row(market, PARK_ID).originator_version


def test_a_store_keeps_snapshots_only_of_a_table_in_its_own_database(tmp_path):
    """Asked again, a store answers for the snapshot recorder it is given: one of another
    SQLite file is written after its commands (and its snapshots never go to the first)."""
    with (
        ShareMarket.sqlite(tmp_path / "a.sqlite") as a,
        ShareMarket.sqlite(tmp_path / "b.sqlite") as b,
    ):
        assert a._app.snapshots is not None
        assert b._app.snapshots is not None
        mine, theirs = a._app.snapshots.recorder, b._app.snapshots.recorder
        assert a._app.recorder.keep_snapshots_of(mine)  # type: ignore[attr-defined]
        assert not a._app.recorder.keep_snapshots_of(theirs)  # type: ignore[attr-defined]
        assert a._app.recorder._snapshots is None  # type: ignore[attr-defined]
        assert a._app.recorder.keep_snapshots_of(mine)  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_postgres_with_database_functions_writes_snapshots_after_the_command(store_factory):
    """eventsourcing's database functions insert in one call, with no room for the snapshot:
    the store says so, and the snapshot is written after the command, as in memory."""
    market = store_factory("postgres").open(POSTGRES_ENABLE_DB_FUNCTIONS="y")
    app = market._app
    assert app.snapshots is not None
    assert not app.snapshots_with_events
    park_of(market, 48)
    put, calls = app.snapshots.put, []
    app.snapshots.put = lambda *a, **k: calls.append(a) or put(*a, **k)  # type: ignore[method-assign]
    try:
        assert code(48) == admit(market, 48)
    finally:
        app.snapshots.put = put  # type: ignore[method-assign]
    assert calls
    assert 50 == latest_row(market, PARK_ID).originator_version


def assert_logged_and_recorded(market: ShareMarket, admitted: Any, caplog: Any) -> None:
    assert code(48) == admitted
    assert ["sharemarket.snapshots"] == [r.name for r in caplog.records]
    assert isinstance(caplog.records[0].exc_info[1], DiskFull)
    snapshots = market._app.snapshots
    assert snapshots is not None
    assert not snapshots.recorder.select_events(PARK_ID, limit=1)
    assert 50 == market._app.repository.get(PARK_ID).version
    assert state(replayed(market, PARK_ID)) == state(market._app.repository.get(PARK_ID))
    assert code(48) == admit(market, 48)  # the host's retry replays it
    for n in range(49, 99):
        admit(market, n)
    assert 100 == latest_row(market, PARK_ID).originator_version
