"""Request receipts: rows keyed by the request id, written in the command's transaction, and the
receipts written as aggregates before them.

A command's receipt is written with its events under a unique key on the request id: a row of a
receipts table (in memory, PostgreSQL, SQLite stores that have one) or of SQLite's events table,
outside the notification log. Stores written before hold ``RequestReceipt`` aggregates instead;
their request ids still replay and are still refused for other arguments, in single commands
and in batches.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from sharemarket import FirmId, RequestIdReused, ShareMarket
from sharemarket.adapters.sqlite_receipts import COLUMNS, RECEIPT_TOPIC
from sharemarket.application.kernel.receipts import (
    OLD_RECEIPTS_MARK,
    RECEIPTS,
    finds_old_receipts,
)
from sharemarket.domain.park.errors import FirmAlreadyAdmitted
from sharemarket.domain.requests import Receipt, RequestReceipt
from tests.application.kernel.test_group_commit import counting, open_agreements, shift, together
from tests.application.kernel.test_idempotency import (
    ADMIN,
    OTHER,
    TONGXIN,
    admit,
    establish,
    observe,
    stored_events,
)
from tests.conftest import Store
from tests.labour_support import open_park

#: The receipts table's name (a view of the receipts on a store this version made).
TABLE = "stored_events_receipts"
DURABLE = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
#: Stores written before the receipts table: SQLite's as this version finds them (receipts
#: then go to the events table), SQLite's as versions 7ccc1f1 to 333b8a7 left them (a receipts
#: table marked as written beside old receipt aggregates), PostgreSQL's (the same, as it is
#: made by this version).
OLD_KINDS = ["sqlite", "sqlite-marked", pytest.param("postgres", marks=pytest.mark.postgres)]


def receipt_events(market: ShareMarket, request_id: str) -> list[Any]:
    return list(market._app.recorder.select_events(RequestReceipt.id_for(request_id), limit=1))


def marked_receipts_table(path: Any) -> None:
    """What versions 7ccc1f1 to 333b8a7 did on opening a store with events and no receipts
    table: make the table, marked as written beside old receipt aggregates."""
    with sqlite3.connect(path) as conn:
        conn.execute(f"DROP VIEW IF EXISTS {TABLE}")
        conn.execute(f"CREATE TABLE {TABLE} {COLUMNS}")
        conn.execute(f"INSERT INTO {TABLE} VALUES (?, ?)", (OLD_RECEIPTS_MARK.hex, b""))


def old_store(store_factory: Callable[[str], Store], kind: str) -> tuple[Store, FirmId]:
    """A store of ``kind`` (``OLD_KINDS``) written before the receipts table, and the firm its
    old admission admitted."""
    store = store_factory("sqlite" if kind == "sqlite-marked" else kind)
    first = written_before_the_receipts_table(store)
    if kind == "sqlite-marked":
        marked_receipts_table(store.path)
    return store, first


def written_before_the_receipts_table(store: Store) -> FirmId:
    """Make ``store`` a store the code before the receipts table wrote: the park and one
    admission, each with a ``RequestReceipt`` aggregate, and no receipts table. The admitted
    firm (the admission's result)."""
    market = store.open()
    market._app.keeps_receipts = False  # the code before: receipts as aggregates
    establish(market)
    first = admit(market, "admit-old")
    assert receipt_events(market, "admit-old")
    table = market._app.recorder.receipts_table_name
    market.close()
    if store.kind == "sqlite":
        with sqlite3.connect(store.path) as conn:
            conn.execute(f"DROP VIEW {table}")  # a new store's (sqlite_receipts)
    else:
        import psycopg

        assert store.dsn is not None
        with psycopg.connect(store.dsn, autocommit=True) as conn:
            conn.execute(f"DROP TABLE {store.schema}.{table}")
    return first


def table_row(market: ShareMarket, request_id: str) -> bytes | StoredEvent | None:
    row: bytes | StoredEvent | None = market._app.recorder.select_receipt(
        RequestReceipt.id_for(request_id)
    )
    return row


def receipts_in_log(market: ShareMarket) -> bool:
    return getattr(market._app.recorder, "receipts_in_log", False) is True


def assert_receipt_row(market: ShareMarket, request_id: str) -> None:
    """The request id's receipt is stored where the store keeps receipts, and not as an event."""
    assert isinstance(table_row(market, request_id), bytes)
    rows = receipt_events(market, request_id)
    if receipts_in_log(market):
        assert [(1, RECEIPT_TOPIC)] == [(r.originator_version, r.topic) for r in rows]
    else:
        assert [] == rows


def test_a_command_writes_its_receipt_beside_its_events_not_as_one(store):
    market = store.open()
    establish(market)
    before = stored_events(market)
    assert TONGXIN == admit(market, "admit-1")
    assert before + 1 == stored_events(market)  # the admission alone
    assert_receipt_row(market, "admit-1")
    receipt = market._uow.receipt("admit-1")
    assert isinstance(receipt, Receipt)
    assert (receipt.request_id, receipt.command, receipt.result) == (
        "admit-1",
        "admit_firm",
        TONGXIN,
    )
    assert ADMIN == receipt.actor
    assert not market._app.holds_old_receipts
    assert receipts_in_log(market) is (store.kind == "sqlite")


def test_receipts_in_the_events_table_are_not_in_the_notification_log(tmp_path):
    """SQLite keeps receipts in its events table: no reader of the log sees them, and the log's
    last position is its last event's, so a follower waiting for it gets there."""
    with ShareMarket.sqlite(tmp_path / "market.sqlite") as market:
        establish(market)
        admit(market, "admit-1")
        recorder = market._app.recorder
        notifications = recorder.select_notifications(start=None, limit=1_000)
        assert notifications
        assert RECEIPT_TOPIC not in {n.topic for n in notifications}
        assert notifications[-1].id == recorder.max_notification_id()
        # The receipts' rows sit among the events: the ids of the notifications skip them.
        assert notifications[-1].id - notifications[0].id + 1 > len(notifications)
        tail = recorder.select_notifications(
            start=notifications[0].id, limit=2, stop=notifications[-1].id, inclusive_of_start=False
        )
        assert [n.id for n in notifications[1:3]] == [n.id for n in tail]
        only = recorder.select_notifications(start=None, limit=1_000, topics=[RECEIPT_TOPIC])
        assert [] == list(only)


def test_a_new_sqlite_store_refuses_versions_that_write_receipts_to_a_table(tmp_path):
    """The receipts table's name is a view of the receipts in the events table: a version
    from before finds each request id's receipt by its statement, and cannot write one."""
    path = tmp_path / "market.sqlite"
    with ShareMarket.sqlite(path) as market:
        establish(market)
        admit(market, "admit-1")
        state = table_row(market, "admit-1")
    with sqlite3.connect(path) as conn:
        (kind,) = conn.execute(
            "SELECT type FROM sqlite_master WHERE name = 'stored_events_receipts'"
        ).fetchone()
        assert "view" == kind
        found = conn.execute(
            "SELECT state FROM stored_events_receipts WHERE receipt_id = ?",
            (RequestReceipt.id_for("admit-1").hex,),
        ).fetchall()
        assert [(state,)] == found
        with pytest.raises(sqlite3.OperationalError, match="cannot modify"):
            conn.execute(
                "INSERT INTO stored_events_receipts VALUES (?, ?)",
                (RequestReceipt.id_for("admit-2").hex, b"{}"),
            )


@pytest.mark.parametrize("kind", DURABLE)
def test_a_new_store_is_not_marked_as_holding_old_receipts(store_factory, kind):
    store = store_factory(kind)
    establish(store.open())
    assert not store.open()._app.holds_old_receipts


@pytest.mark.parametrize("kind", OLD_KINDS)
def test_a_request_id_recorded_as_an_aggregate_replays_and_refuses_other_arguments(
    store_factory, kind
):
    """On a store written before the receipts table, an old request id replays its result,
    is refused for other arguments and for another command, and records nothing."""
    store, first = old_store(store_factory, kind)
    market = store.open()
    # SQLite's events table: old receipts share the new rows' key (one query, one unique
    # index); a receipts table is marked as written beside old receipt aggregates.
    assert receipts_in_log(market) is (kind == "sqlite")
    assert market._app.holds_old_receipts is not receipts_in_log(market)
    before = observe(market)
    assert first == admit(market, "admit-old")
    with pytest.raises(RequestIdReused):
        admit(market, "admit-old", OTHER, name="Another firm")
    with pytest.raises(RequestIdReused):
        market.park.suspend_firm(ADMIN, request_id="admit-old", firm=TONGXIN, reason="x")
    assert before == observe(market)
    old = market._uow.receipt("admit-old")
    assert old is not None
    assert (old.request_id, old.command, old.result) == ("admit-old", "admit_firm", first)
    if finds_old_receipts(market._app.recorder):  # SQLite's store
        assert isinstance(table_row(market, "admit-old"), StoredEvent)
    else:
        assert isinstance(old, RequestReceipt)
        assert table_row(market, "admit-old") is None
    # A new request id is recorded as the store keeps receipts now, and then replays.
    assert OTHER == admit(market, "admit-new", OTHER, name="Another firm")
    assert isinstance(market._uow.receipt("admit-new"), Receipt)
    assert_receipt_row(market, "admit-new")
    assert OTHER == admit(market, "admit-new", OTHER, name="Another firm")


@pytest.mark.parametrize("kind", OLD_KINDS)
def test_an_old_request_id_in_a_batch_replays_and_a_reuse_undoes_the_batch(store_factory, kind):
    store, first = old_store(store_factory, kind)
    market = store.open()
    before = observe(market)
    with market.batch():
        assert first == admit(market, "admit-old")
    assert before == observe(market)

    def reuse_in_a_batch() -> None:
        with market.batch():
            admit(market, "admit-other", OTHER, name="Another firm")
            admit(market, "admit-old", OTHER, name="Another firm")

    with pytest.raises(RequestIdReused):
        reuse_in_a_batch()
    assert before == observe(market)
    assert market._uow.receipt("admit-other") is None


def test_a_request_id_used_twice_in_a_batch_replays_from_the_batch(store):
    market = store.open()
    establish(market)
    before = stored_events(market)
    with market.batch():
        assert TONGXIN == admit(market, "admit-1")
        assert TONGXIN == admit(market, "admit-1")
        with pytest.raises(RequestIdReused):
            admit(market, "admit-1", OTHER, name="Another firm")
        with pytest.raises(FirmAlreadyAdmitted):
            admit(market, "admit-2")  # already a member
    assert before + 1 == stored_events(market)
    assert market._uow.receipt("admit-1") is not None
    assert market._uow.receipt("admit-2") is None


def test_one_request_id_for_two_commands_of_a_group_records_one(store):
    """Two threads of one group use one request id for commands on different aggregates:
    nothing else keeps them apart, yet exactly one records and the other is refused."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 3)
    before = stored_events(market)
    with counting(market) as seen:
        _, (one, two) = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [lambda i=i: shift(market, agreements[i], f"W-{i}", rid="same") for i in (1, 2)],
        )
    outcomes = [one, two]
    assert 1 == sum(isinstance(o, RequestIdReused) for o in outcomes), outcomes
    each = seen.calls[0]
    assert before + 2 * each == stored_events(market)
    assert market._uow.receipt("same") is not None


def test_an_encrypted_store_enciphers_its_receipts_and_keys_them_by_a_derived_id(tmp_path):
    """The receipts table shows what the old receipt aggregates showed: a UUID derived from the
    request id; the command, arguments' fingerprint, result and actor are enciphered."""
    from eventsourcing.cryptography import AESCipher

    path = tmp_path / "sealed.sqlite"
    key = AESCipher.create_key(num_bytes=32)
    with ShareMarket.sqlite(path, encryption_key=key) as market:
        establish(market)
        admit(market, "admit-secret-request")
        table = market._app.recorder.receipts_table_name
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT receipt_id, state FROM {table}").fetchall()
    assert {
        RequestReceipt.id_for("park").hex,
        RequestReceipt.id_for("admit-secret-request").hex,
    } == {r[0] for r in rows}
    for _, state in rows:
        assert b"admit" not in state
        assert b"admin-1" not in state
    with ShareMarket.sqlite(path, encryption_key=key) as reopened:
        assert TONGXIN == admit(reopened, "admit-secret-request")


#: The receipts tables of SQLite stores made by versions 7ccc1f1 to 333b8a7 (store v3 of
#: ``tests/fixtures`` has the first).
TABLE_LAYOUTS = {
    "without rowid, before 5d69148": (
        "(receipt_id TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID"
    ),
    "rowid, from 5d69148": COLUMNS,
}


def receipts_schema(path: Any) -> tuple[str, list[Any]]:
    with sqlite3.connect(path) as conn:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'stored_events_receipts'"
        ).fetchone()
        keys = [k for (k,) in conn.execute("SELECT receipt_id FROM stored_events_receipts")]
    return sql, keys


def replays_refuses_and_records(market: ShareMarket) -> None:
    """``admit-1`` (which admitted TONGXIN) replays and is refused for another firm, recording
    nothing; a new request id is recorded where the store keeps receipts."""
    before = observe(market)
    assert TONGXIN == admit(market, "admit-1")
    with pytest.raises(RequestIdReused):
        admit(market, "admit-1", OTHER, name="Another firm")
    assert before == observe(market)
    assert OTHER == admit(market, "admit-2", OTHER, name="Another firm")
    assert_receipt_row(market, "admit-2")


@pytest.mark.parametrize("layout", TABLE_LAYOUTS.values(), ids=TABLE_LAYOUTS.keys())
def test_a_sqlite_store_with_a_receipts_table_keeps_it(tmp_path, layout):
    """A store whose receipts table exists keeps it: its receipts replay, new ones are written
    to it (not to the events table), a reused request id is refused."""
    path = tmp_path / "market.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(f"CREATE TABLE stored_events_receipts {layout}")
    with ShareMarket.sqlite(path) as market:
        establish(market)
        assert TONGXIN == admit(market, "admit-1")
    with ShareMarket.sqlite(path) as market:
        assert not receipts_in_log(market)
        assert not market._app.holds_old_receipts
        replays_refuses_and_records(market)
    sql, keys = receipts_schema(path)
    assert sql.endswith(layout)
    expected = ("park", "admit-1", "admit-2")
    assert sorted(keys) == sorted(RequestReceipt.id_for(r).hex for r in expected)


def test_a_receipt_row_for_an_old_receipts_request_id_is_refused_by_the_key(store_factory):
    """On SQLite a new receipt and an old receipt aggregate share a key: a writer that did not
    see the old one (a race) cannot record the request id again."""
    store = store_factory("sqlite")
    written_before_the_receipts_table(store)
    market = store.open()
    assert receipts_in_log(market)
    taken = RequestReceipt.id_for("admit-old")
    with pytest.raises(IntegrityError):
        market._app.recorder.insert_events([], **{RECEIPTS: [(taken, b"{}")]})
    assert isinstance(table_row(market, "admit-old"), StoredEvent)


def test_a_marked_receipts_table_finds_receipts_kept_in_the_events_table(tmp_path):
    """Receipts kept in the events table, and then a receipts table marked as beside old
    receipts, as a version 7ccc1f1 to 333b8a7 makes it on a store with events and no such
    table (before 3e2bac5, a store this version opened with CREATE_TABLE off could be one):
    its request ids still replay and are refused for other arguments."""
    path = tmp_path / "market.sqlite"
    with ShareMarket.sqlite(path) as market:
        establish(market)
        admit(market, "admit-1")
    marked_receipts_table(path)
    with ShareMarket.sqlite(path) as market:
        assert not receipts_in_log(market)
        assert market._app.holds_old_receipts
        replays_refuses_and_records(market)


def test_a_store_opened_without_creating_tables_gets_the_view_with_its_first_write(tmp_path):
    """A store whose tables a version before 7ccc1f1 made, opened with CREATE_TABLE off: its
    first write takes the receipts table's name, so that versions 7ccc1f1 to 333b8a7 cannot
    then make a receipts table beside receipts kept in the events table."""
    path = tmp_path / "market.sqlite"
    with ShareMarket.sqlite(path) as market:
        establish(market)
    with sqlite3.connect(path) as conn:
        conn.execute(f"DROP VIEW {TABLE}")
    with ShareMarket.sqlite(path, CREATE_TABLE="false") as market:
        assert receipts_in_log(market)
        assert TONGXIN == admit(market, "admit-1")
    with sqlite3.connect(path) as conn:
        kinds = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (TABLE,)).fetchall()
    assert [("view",)] == kinds
    with ShareMarket.sqlite(path) as market:
        assert TONGXIN == admit(market, "admit-1")
        with pytest.raises(RequestIdReused):
            admit(market, "admit-1", OTHER, name="Another firm")
