"""A long catch-up into PostgreSQL views: search indexes built once at the end, writes behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from eventsourcing.persistence import DataError, Tracking

from sharemarket import Money, ShareMarket
from sharemarket.adapters import postgres_audit_view
from sharemarket.adapters.postgres_audit_view import PostgresAuditView
from sharemarket.adapters.postgres_journal_view import PostgresJournalView
from sharemarket.application.projections.catalogue import POSTING_RULES
from sharemarket.application.projections.runner import catch_up
from sharemarket.application.projections.views import JournalBatch
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.park_views import ParkViews, ProjectionHalted
from tests.adapters.conftest import Schemas
from tests.adapters.test_postgres_views import open_views
from tests.park_scene import BORROWER, LENDER, dehua_month

pytestmark = pytest.mark.postgres
SEARCH_INDEXES = {"sm_audit_trail_by_time", "sm_audit_trail_by_aggregate"}
TABLES = (
    "journal_postings",
    "journal_balances",
    "journal_pairs",
    "journal_parties",
    "journal_tracking",
    "audit_trail",
    "audit_firms",
    "audit_parties",
    "audit_tracking",
)


@pytest.fixture
def market(schemas: Schemas) -> Iterator[ShareMarket]:
    with ShareMarket.postgres(schemas.dsn, schema=schemas.new(), pool_size=4) as m:
        dehua_month(m)
        yield m


def trail_indexes(schemas: Schemas, schema: str) -> set[str]:
    rows = schemas.query(
        "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename = 'sm_audit_trail'",
        schema,
    )
    return {row[0] for row in rows}


def dump(schemas: Schemas, schema: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of both views, tracking included, in a stable order."""
    return {
        table: schemas.query(f"SELECT * FROM {schema}.sm_{table} t ORDER BY t::text")
        for table in TABLES
    }


def indexes_at_each_write(
    schemas: Schemas, schema: str, monkeypatch: pytest.MonkeyPatch
) -> list[set[str]]:
    """The trail's indexes as each audit batch is written (filled in as the test runs)."""
    seen: list[set[str]] = []
    write = PostgresAuditView.write_audit

    def watching(view: PostgresAuditView, *args: Any) -> None:
        seen.append(trail_indexes(schemas, schema))
        write(view, *args)

    monkeypatch.setattr(PostgresAuditView, "write_audit", watching)
    return seen


def test_a_long_catch_up_into_an_empty_trail_builds_the_search_indexes_at_the_end(
    market, schemas, monkeypatch
):
    """Without the trail's two search indexes while the rows are written; with them, and the
    same rows as a catch-up that kept them, after."""
    schema, kept = schemas.new(), schemas.new()
    with open_views(schemas, kept) as views:
        views.catch_up(market, batch_size=7)
    full = trail_indexes(schemas, kept)
    with open_views(schemas, schema) as views:
        seen = indexes_at_each_write(schemas, schema, monkeypatch)
        monkeypatch.setattr(postgres_audit_view, "DEFERRED_INDEX_EVENTS", 10)
        views.catch_up(market, batch_size=7)

        assert SEARCH_INDEXES < full
        assert len(seen) > 1
        assert all(found == full - SEARCH_INDEXES for found in seen)
        assert full == trail_indexes(schemas, schema)
        assert dump(schemas, kept) == dump(schemas, schema)
        assert views.verify(deep=True).ok


def test_a_trail_that_holds_rows_keeps_its_search_indexes_while_it_catches_up(
    market, schemas, monkeypatch
):
    schema = schemas.new()
    with open_views(schemas, schema) as views:
        catch_up(market.event_log, views._projections, stop=5)
        seen = indexes_at_each_write(schemas, schema, monkeypatch)
        monkeypatch.setattr(postgres_audit_view, "DEFERRED_INDEX_EVENTS", 1)
        views.catch_up(market, batch_size=7)

        assert seen
        assert all(SEARCH_INDEXES <= found for found in seen)


def test_a_halted_catch_up_still_builds_the_search_indexes(market, schemas, monkeypatch):
    monkeypatch.setitem(POSTING_RULES._rules, LabourAgreement.ShiftReversed, lambda e, b: 1 / 0)
    monkeypatch.setattr(postgres_audit_view, "DEFERRED_INDEX_EVENTS", 10)
    schema = schemas.new()
    with open_views(schemas, schema) as views:
        with pytest.raises(ProjectionHalted):
            views.catch_up(market, batch_size=7)

        assert SEARCH_INDEXES <= trail_indexes(schemas, schema)


def test_indexes_left_unbuilt_by_a_stopped_process_are_built_when_the_views_are_opened(schemas):
    schema = schemas.new()
    with open_views(schemas, schema):
        pass
    schemas.query(
        f"DROP INDEX {schema}.sm_audit_trail_by_time, {schema}.sm_audit_trail_by_aggregate"
    )

    with open_views(schemas, schema):
        assert SEARCH_INDEXES <= trail_indexes(schemas, schema)


def test_two_views_deferring_their_indexes_at_once_apply_each_event_once(
    market, schemas, monkeypatch
):
    """Two catch-ups of the same empty views at once (each its own connections): whichever
    drops or builds the indexes, each event is applied once and both indexes are there after."""
    monkeypatch.setattr(postgres_audit_view, "DEFERRED_INDEX_EVENTS", 10)
    schema = schemas.new()
    errors: list[BaseException] = []
    with open_views(schemas, schema) as first, open_views(schemas, schema) as second:

        def catching_up(views: ParkViews) -> None:
            try:
                views.catch_up(market, batch_size=3)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=catching_up, args=(v,)) for v in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert [] == errors
        last = market._app.recorder.max_notification_id()
        assert (last, last) == (first.position(), second.position())
        assert [(last,)] == schemas.query(f"SELECT COUNT(*) FROM {schema}.sm_audit_trail")
        assert [(14,)] == schemas.query(f"SELECT COUNT(*) FROM {schema}.sm_journal_postings")
        assert Money.of("265.00") == first.between(BORROWER, LENDER).owes
        assert SEARCH_INDEXES <= trail_indexes(schemas, schema)
        assert first.verify(deep=True).ok


def writers(monkeypatch: pytest.MonkeyPatch, pause_s: float = 0.0) -> list[tuple[str, Any]]:
    """(thread name, tracking) of each batch written to either view, once written; each write
    first pauses ``pause_s`` (to give the next batch's preparation time to run ahead)."""
    written: list[tuple[str, Any]] = []
    for view_class, method in (
        (PostgresJournalView, "write_journal"),
        (PostgresAuditView, "write_audit"),
    ):
        write = getattr(view_class, method)

        def recording(view: Any, batch: Any, tracking: Any, after: Any, write: Any = write) -> None:
            time.sleep(pause_s)
            write(view, batch, tracking, after)
            written.append((threading.current_thread().name, (after, tracking.notification_id)))

        monkeypatch.setattr(view_class, method, recording)
    return written


def test_a_long_catch_up_writes_each_batch_behind_once_in_order(market, schemas, monkeypatch):
    """Batches are written on a thread of their own while the next is prepared: each once, each
    from the position the one before it reached."""
    written = writers(monkeypatch)
    with open_views(schemas, schemas.new()) as views:
        last = views.catch_up(market, batch_size=7)

    assert last == market._app.recorder.max_notification_id()
    assert len(written) > 4
    assert all(name != threading.current_thread().name for name, _ in written)
    for view in (0, 1):  # journal, audit: alternate batches
        steps = [step for _, step in written[view::2]]
        assert [None, *(reached for _, reached in steps[:-1])] == [after for after, _ in steps]
        assert last == steps[-1][1]


def test_a_read_of_a_view_waits_for_the_batch_being_written_behind(market, schemas, monkeypatch):
    """An aggregate's parties are looked up in the view when they are not remembered: the
    lookup sees the batch that declared them even while that batch is still being written."""
    writers(monkeypatch, pause_s=0.05)
    with open_views(schemas, schemas.new()) as views:

        class Forgetful(dict[Any, Any]):
            def update(self, *args: Any, **kwargs: Any) -> None:
                """Roles declared in a batch are not remembered: the next batch reads them."""

        for projection in views._projections:
            projection._roles = Forgetful()
        views.catch_up(market, batch_size=7)

        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        assert views.verify(deep=True).ok


def test_a_write_that_fails_behind_is_raised_and_the_views_resume_where_they_stand(
    market, schemas, monkeypatch
):
    schema, clean = schemas.new(), schemas.new()
    with open_views(schemas, clean) as views:
        views.catch_up(market, batch_size=7)
    calls: list[int] = []
    write = PostgresAuditView.write_audit

    def failing_third(view: PostgresAuditView, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise ConnectionError("the server went away")
        write(view, *args)

    with open_views(schemas, schema) as views:
        monkeypatch.setattr(PostgresAuditView, "write_audit", failing_third)
        with pytest.raises(ConnectionError, match="went away"):
            views.catch_up(market, batch_size=7)
        assert 14 == views.audit.max_tracking_id("ShareMarket")  # two batches of 7
        monkeypatch.undo()

        assert market._app.recorder.max_notification_id() == views.catch_up(market, batch_size=7)
        assert dump(schemas, clean) == dump(schemas, schema)
        assert views.verify(deep=True).ok


def test_a_write_that_fails_part_way_leaves_nothing_of_its_batch(market, schemas):
    """The rows copied before a failing statement go with it, and so does the tracking row;
    the connection goes back to the pool fit for the next write."""
    schema = schemas.new()
    batch = JournalBatch(
        postings=[(1, 0, "2026-03-02", "F-1", "F-2", "MONEY", "payable", 5, "r-1")],
        balances={("F-1", "MONEY", "payable"): 2**70},  # beyond bigint: the server refuses it
    )
    with open_views(schemas, schema) as views:
        with pytest.raises(DataError):
            views.journal.write_journal(batch, Tracking("ShareMarket", 1), None)

        assert [] == schemas.query(f"SELECT * FROM {schema}.sm_journal_postings")
        assert None is views.journal.max_tracking_id("ShareMarket")
        assert market._app.recorder.max_notification_id() == views.catch_up(market)
        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
