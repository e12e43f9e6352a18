"""Where a snapshot is written (kernel.snapshots): on SQLite and PostgreSQL with its command's
events, in one transaction; in memory after it. And what a snapshot that fails does to its
command: one that cannot be taken or encoded, or stored after the command, is logged and the
command is recorded; one that the store cannot write in the command's transaction fails the
command, which records nothing."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.domain import Snapshot

from sharemarket import ShareMarket
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


@pytest.mark.parametrize(
    ("kind", "insert"),
    [
        ("sqlite", "_insert_events"),
        pytest.param("postgres", "_insert_stored_events", marks=pytest.mark.postgres),
    ],
)
def test_a_snapshot_the_store_cannot_write_fails_its_command_and_records_nothing(
    store_factory, kind, insert
):
    """In the command's transaction, a snapshot that cannot be written rolls the command back
    with it: the caller gets the store's error, nothing is recorded, and the same request, sent
    again once the store writes, is decided and recorded with its snapshot."""
    market = store_factory(kind).open()
    recorder = market._app.recorder
    park_of(market, 48)
    last = recorder.max_notification_id()
    snapshot_table = recorder._snapshots  # type: ignore[attr-defined]
    setattr(snapshot_table, insert, failing)
    with pytest.raises(DiskFull):
        admit(market, 48)
    delattr(snapshot_table, insert)
    assert last == recorder.max_notification_id()
    assert 49 == market._app.repository.get(PARK_ID).version
    assert code(48) not in {m.firm for m in market.park.members()}
    assert code(48) == admit(market, 48)
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
