"""A catch-up into SQLite views writes each batch in place, once, in order, on its own thread
(``SQLiteView.write_behind``: written behind, on a thread of its own, it was slower)."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from sharemarket import Money
from sharemarket.adapters.sqlite_audit_view import SQLiteAuditView
from sharemarket.adapters.sqlite_journal_view import SQLiteJournalView
from sharemarket.adapters.sqlite_sharing import SQLiteSharingView
from sharemarket.application.projections.catalogue import PARTY_RULES, POSTING_RULES
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.park_views import ParkViews
from tests.adapters.test_sqlite_views import dump, folder, month_market
from tests.log_positions import nth, positions
from tests.park_scene import BORROWER, LENDER

__all__ = ["folder", "month_market"]  # fixtures

WRITES = (
    (SQLiteJournalView, "write_journal"),
    (SQLiteAuditView, "write_audit"),
    (SQLiteSharingView, "write_sharing"),
)


def writers(monkeypatch: pytest.MonkeyPatch, pause_s: float = 0.0) -> list[tuple[str, Any]]:
    """(thread name, view, tracking) of each batch written to a view, once written; each write
    first pauses ``pause_s`` (to give the next batch's preparation time to run ahead)."""
    written: list[tuple[str, Any]] = []
    for view_class, method in WRITES:
        write = getattr(view_class, method)

        def recording(
            view: Any, batch: Any, tracking: Any, after: Any, write: Any = write, name: str = method
        ) -> None:
            time.sleep(pause_s)
            write(view, batch, tracking, after)
            written.append(
                (threading.current_thread().name, (name, after, tracking.notification_id))
            )

        monkeypatch.setattr(view_class, method, recording)
    return written


def test_a_long_catch_up_writes_each_batch_in_place_once_in_order(
    month_market, folder, monkeypatch
):
    """Each batch is written on the catch-up's own thread before the next is prepared: each
    once, each from the position the one before it reached, each view's in one transaction with
    its tracking (the write methods, unchanged)."""
    written = writers(monkeypatch)
    with ParkViews.sqlite(folder) as views:
        last = views.catch_up(month_market, batch_size=7)

    assert last == month_market._app.recorder.max_notification_id()
    assert len(written) > 6
    assert all(name == threading.current_thread().name for name, _ in written)
    for _, method in WRITES:
        steps = [(after, reached) for _, (name, after, reached) in written if name == method]
        assert [None, *(reached for _, reached in steps[:-1])] == [after for after, _ in steps]
        assert last == steps[-1][1]


def test_a_short_catch_up_writes_on_the_callers_thread(month_market, folder, monkeypatch):
    """One batch or less: one write a view, on the caller's thread."""
    written = writers(monkeypatch)
    with ParkViews.sqlite(folder) as views:
        views.catch_up(month_market)

    assert len(written) == 3
    assert all(name == threading.current_thread().name for name, _ in written)


def test_a_read_of_a_view_sees_the_batch_that_declared_its_parties(
    month_market, folder, monkeypatch
):
    """An aggregate's parties are looked up in the view when they are not remembered: the
    lookup sees the batch that declared them, written before the next is prepared."""
    writers(monkeypatch, pause_s=0.05)
    with ParkViews.sqlite(folder) as views:

        class Forgetful(dict[Any, Any]):
            def update(self, *args: Any, **kwargs: Any) -> None:
                """Roles declared in a batch are not remembered: the next batch reads them."""

        for projection in views._projections:
            projection._roles = Forgetful()
        views.catch_up(month_market, batch_size=7)

        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        assert views.verify(deep=True).ok


def test_a_write_that_fails_is_raised_and_the_views_resume_where_they_stand(
    month_market, tmp_path: Path, monkeypatch
):
    clean, failed = tmp_path / "clean", tmp_path / "failed"
    with ParkViews.sqlite(clean) as views:
        views.catch_up(month_market, batch_size=7)
    calls: list[int] = []
    write = SQLiteAuditView.write_audit

    def failing_third(view: SQLiteAuditView, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise ConnectionError("the disk went away")
        write(view, *args)

    with ParkViews.sqlite(failed) as views:
        monkeypatch.setattr(SQLiteAuditView, "write_audit", failing_third)
        with pytest.raises(ConnectionError, match="went away"):
            views.catch_up(month_market, batch_size=7)
        assert nth(month_market, 14) == views.audit.max_tracking_id("ShareMarket")  # 2 x 7
        monkeypatch.undo()

        last = month_market._app.recorder.max_notification_id()
        assert last == views.catch_up(month_market, batch_size=7)
        assert views.verify(deep=True).ok
    assert dump(clean) == dump(failed)


def every_row(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of every view file (the sharing view's too)."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for path in sorted(folder.glob("*.sqlite")):
        with closing(sqlite3.connect(path)) as db:
            tables = [
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            for table in tables:
                found[f"{path.name}:{table}"] = sorted(db.execute(f"SELECT * FROM {table}"))
    return found


def test_a_view_is_offered_only_the_events_it_takes_and_its_position_moves_past_the_rest(
    month_market, tmp_path: Path, monkeypatch
):
    """An event that adds nothing to the journal or the sharing report (a timesheet's hours) is
    not handed to them, yet every view reaches the last event (batches that end with such
    events too), and the views hold exactly what they hold when every event is offered."""
    offered: dict[str, list[type]] = {}
    filtered, unfiltered = tmp_path / "filtered", tmp_path / "unfiltered"
    last = month_market._app.recorder.max_notification_id()
    with ParkViews.sqlite(filtered) as views:
        for projection in views._projections:

            def spying(*args: Any, add: Any = projection._add, name: str = projection.name) -> None:
                offered.setdefault(name, []).append(type(args[1]))
                add(*args)

            monkeypatch.setattr(projection, "_add", spying)
        assert last == views.catch_up(month_market, batch_size=7)
        assert {last} == {p.view.max_tracking_id("ShareMarket") for p in views._projections}
    monkeypatch.setattr(ViewProjection, "takes", lambda self, event_class: True)
    with ParkViews.sqlite(unfiltered) as views:
        views.catch_up(month_market, batch_size=7)

    # Some events (a timesheet's hours, an agreement proposed) add nothing to the journal or the
    # sharing report: they were not handed to either.
    skipped = set(offered["audit"]) - {*offered["journal"], *offered["sharing"]}
    assert skipped
    assert not any(POSTING_RULES.moves_value(cls) for cls in skipped)
    assert len(offered["audit"]) == len(positions(month_market))
    assert set(offered["journal"]) == {
        cls for cls in offered["audit"] if POSTING_RULES.moves_value(cls)
    } | {cls for cls in offered["audit"] if cls in PARTY_RULES.event_classes}
    assert every_row(filtered) == every_row(unfiltered)
