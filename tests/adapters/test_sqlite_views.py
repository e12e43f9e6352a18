"""SQLite views: balances and audit trail from every store, exactly once, tamper-evident."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sharemarket import LABOUR_MINUTES, Minutes, Money, ShareMarket, business_date
from sharemarket.adapters import sqlite_audit_view
from sharemarket.adapters.sqlite_audit_view import SQLiteAuditView
from sharemarket.adapters.sqlite_view_base import SQLiteView
from sharemarket.application.projections.audit import aggregate_key
from sharemarket.application.projections.catalogue import ASSETS, POSTING_RULES
from sharemarket.application.projections.runner import catch_up
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.park_views import (
    ParkViews,
    ProjectionHalted,
    ProjectionTimeout,
    ViewOutOfStep,
    ViewsOfAnotherMarket,
)
from tests.log_positions import nth, positions
from tests.park_scene import BORROWER, LENDER, THIRD, dehua_month, establish

ROOT = Path(__file__).resolve().parents[2]


def dump(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of both view files, tracking included, in a stable order."""
    tables = {
        "journal.sqlite": (
            "journal_postings",
            "journal_balances",
            "journal_pairs",
            "journal_parties",
            "tracking",
        ),
        "audit.sqlite": ("audit_trail", "audit_firms", "audit_parties", "tracking"),
    }
    found: dict[str, list[tuple[Any, ...]]] = {}
    for file, names in tables.items():
        with sqlite3.connect(folder / file) as db:
            for name in names:
                found[f"{file}:{name}"] = sorted(db.execute(f"SELECT * FROM {name}").fetchall())
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "views"


@pytest.fixture
def views(folder: Path) -> Any:
    with ParkViews.sqlite(folder) as v:
        yield v


@pytest.fixture
def month_market(tmp_path: Path) -> Any:
    with ShareMarket.sqlite(tmp_path / "market.sqlite") as market:
        dehua_month(market)
        yield market


def position_of(views: ParkViews, event_type: str) -> int:
    return next(r.position for r in views.all_audit_rows() if r.event_type == event_type)


def test_a_month_of_lending_in_balances_on_every_store(store, views):
    """15h30 received by the borrower and ¥265.00 still owed; 17h30 shared in the park."""
    market = store.open()
    ids = dehua_month(market)

    assert market._app.recorder.max_notification_id() == views.catch_up(market) == views.position()

    borrower, lender = views.balances(BORROWER), views.balances(LENDER)
    assert (Minutes.parse("15h30"), Money.of("265.00")) == (
        borrower.received(LABOUR_MINUTES),
        borrower.payable,
    )
    assert (Minutes.parse("17h30"), Money.of("265.00")) == (
        lender.given(LABOUR_MINUTES),
        lender.receivable,
    )
    assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
    assert Money.of("-265.00") == views.between(LENDER, BORROWER).owes
    assert Minutes.parse("15h30") == views.between(BORROWER, LENDER).net(LABOUR_MINUTES)
    assert (Minutes(120), Money(0)) == (
        views.between(THIRD, LENDER).received(LABOUR_MINUTES),
        views.between(THIRD, LENDER).owes,
    )
    totals = views.totals()
    assert (Minutes.parse("17h30"), Money.of("265.00"), 3) == (
        totals.shared(LABOUR_MINUTES),
        totals.outstanding,
        totals.firms,
    )
    # Every asset of every slice nets to zero across the park.
    assert dict.fromkeys(ASSETS, 0) == {a: totals.amount(ASSETS[a]) for a in ASSETS}
    assert market.labour.statement(ids["main"]).owed == views.between(BORROWER, LENDER).owes


def test_balances_as_of_a_past_position_or_date(month_market, views):
    views.catch_up(month_market)
    billed = position_of(views, "SettlementIssued")
    reversed_at = position_of(views, "ShiftReversed")

    assert Money.of("465.00") == views.balances(BORROWER, as_of=billed).payable
    assert Money.of("265.00") == views.balances(BORROWER, as_of=billed + 1_000).payable
    assert Minutes.parse("16h30") == views.balances(BORROWER, as_of=reversed_at - 1).received(
        LABOUR_MINUTES
    )
    assert Money(0) == views.between(BORROWER, LENDER, as_of=billed - 1).owes
    assert 2 == views.totals(as_of=reversed_at - 1).firms

    day = business_date(next(views.all_audit_rows()).recorded_at)
    assert views.balances(LENDER).lines == views.balances(LENDER, as_of=day).lines
    assert Money.of("265.00") == views.between(BORROWER, LENDER, as_of=day).owes
    assert () == views.balances(LENDER, as_of=day - timedelta(days=1)).lines
    assert 0 == views.totals(as_of=day - timedelta(days=1)).firms


def test_one_audit_row_per_event_in_notification_order(month_market, views):
    views.catch_up(month_market)
    rows = list(views.all_audit_rows())
    notifications = month_market._app.recorder.select_notifications(start=None, limit=1_000)

    assert [n.id for n in notifications] == [r.position for r in rows]
    assert [n.topic.rpartition(".")[2] for n in notifications] == [r.event_type for r in rows]
    assert [r.position for r in rows[-3:]] == [r.position for r in views.audit_tail(3)]
    assert views.verify().ok
    assert views.verify(deep=True).ok


def test_audit_queries_by_firm_aggregate_and_time_come_in_pages(month_market, views):
    views.catch_up(month_market)
    rows = list(views.all_audit_rows())

    paged, after = [], None
    while True:
        page = views.audit_rows(firm=THIRD, after=after, limit=4)
        paged.extend(page.rows)
        if page.next_after is None:
            break
        after = page.next_after
    expected = [r for r in rows if any(f.code == THIRD for f in r.firms)]
    assert [r.position for r in expected] == [r.position for r in paged]
    assert len(expected) > 4

    main = next(r.aggregate_id for r in rows if r.event_type == "SettlementIssued")
    by_aggregate = views.audit_rows(aggregate=main, limit=1_000).rows
    assert [r for r in rows if r.aggregate_id == main] == list(by_aggregate)

    since, until = rows[10].recorded_at, rows[20].recorded_at
    in_range = views.audit_rows(since=since, until=until, limit=1_000).rows
    assert [r for r in rows if since <= r.recorded_at < until] == list(in_range)


def test_an_edit_made_directly_in_the_file_is_found(month_market, views, folder):
    """The verifier names the first row whose hash no longer matches."""
    views.catch_up(month_market)
    twelfth = nth(month_market, 12)
    with sqlite3.connect(folder / "audit.sqlite") as db:
        (entry,) = db.execute(
            "SELECT entry FROM audit_trail WHERE position = ?", (twelfth,)
        ).fetchone()
        db.execute(
            "UPDATE audit_trail SET entry = ? WHERE position = ?",
            (entry.replace(b"7h30", b"9h30") if b"7h30" in entry else entry + b" ", twelfth),
        )

    result = views.verify()

    assert (False, twelfth) == (result.ok, result.first_bad_position)


def test_a_row_deleted_from_the_file_is_found(month_market, views, folder):
    views.catch_up(month_market)
    twentieth, twenty_first = nth(month_market, 20), nth(month_market, 21)
    with sqlite3.connect(folder / "audit.sqlite") as db:
        db.execute("DELETE FROM audit_trail WHERE position = ?", (twentieth,))
    assert twenty_first == views.verify().first_bad_position

    with sqlite3.connect(folder / "audit.sqlite") as db:
        db.execute("DELETE FROM audit_trail WHERE position >= ?", (twentieth,))
    result = views.verify()
    assert (False, views.position()) == (result.ok, result.first_bad_position)


def test_deep_verification_finds_a_row_hidden_from_a_firm(month_market, views, folder):
    """The firm index is not hashed; deep verification checks it against the hashed entries."""
    views.catch_up(month_market)
    with sqlite3.connect(folder / "audit.sqlite") as db:
        position = db.execute(
            "SELECT MIN(position) FROM audit_firms WHERE firm = ?", (THIRD,)
        ).fetchone()[0]
        db.execute("DELETE FROM audit_firms WHERE firm = ? AND position = ?", (THIRD, position))

    assert views.verify().ok
    deep = views.verify(deep=True)
    assert (False, position) == (deep.ok, deep.first_bad_position)


def test_two_readers_of_one_log_apply_each_event_once(month_market, folder, monkeypatch):
    """Two processes catching up the same view files: whoever is late writes nothing twice."""
    refused: list[str] = []
    move = SQLiteView._move_tracking

    def counting(self: SQLiteView, c: Any, tracking: Any, after: Any) -> None:
        try:
            move(self, c, tracking, after)
        except ViewOutOfStep:
            refused.append(self.parties_table)
            raise

    monkeypatch.setattr(SQLiteView, "_move_tracking", counting)
    with ParkViews.sqlite(folder) as first, ParkViews.sqlite(folder) as second:
        middle = month_market._app.recorder.max_notification_id() // 2
        with ShareMarket.sqlite(month_market._app.env["SQLITE_DBNAME"]) as reader:
            # The second reads its position (the middle) and keeps it...
            catch_up(reader.event_log, second._projections, stop=middle)
            # ...while the first moves the views to the end.
            first.catch_up(reader)
            # The second's batch from the middle is refused and it carries on from the end.
            assert first.position() == second.catch_up(reader)
        assert refused, "the late reader's batch was refused, not applied again"
        before = dump(folder)
        first.rebuild(month_market, journal=True, audit=True)
        assert before == dump(folder)
    assert Money.of("265.00") == ParkViews.sqlite(folder).between(BORROWER, LENDER).owes


def test_a_failing_rule_halts_before_its_event_and_resumes_after_the_fix(
    month_market, views, folder, monkeypatch
):
    """Everything before the bad event is kept, nothing of it; after the fix nothing is lost."""

    def broken(event: Any, book: Any) -> Any:
        raise ZeroDivisionError("a bug in a mapping module")

    monkeypatch.setitem(POSTING_RULES._rules, LabourAgreement.ShiftReversed, broken)
    reversal = month_market._app.recorder.select_notifications(
        start=None,
        limit=1_000,
        topics=["sharemarket.domain.labour.agreement:LabourAgreement.ShiftReversed"],
    )[0].id

    with pytest.raises(ProjectionHalted) as halted:
        views.catch_up(month_market, batch_size=7)
    assert ("journal", reversal, "LabourAgreement.ShiftReversed") == (
        halted.value.projection,
        halted.value.position,
        halted.value.event_type,
    )
    assert isinstance(halted.value.__cause__, ZeroDivisionError)
    before_it = positions(month_market)[positions(month_market).index(reversal) - 1]
    assert before_it == views.journal.max_tracking_id("ShareMarket")
    assert Minutes.parse("16h30") == views.balances(BORROWER).received(LABOUR_MINUTES)
    with pytest.raises(ProjectionHalted):
        views.catch_up(month_market)  # still broken: still halted at the same event

    monkeypatch.undo()
    views.catch_up(month_market)
    incremental = dump(folder)
    views.rebuild(month_market, journal=True, audit=True)
    assert incremental == dump(folder)
    assert Minutes.parse("15h30") == views.balances(BORROWER).received(LABOUR_MINUTES)


def test_a_crash_before_the_view_commits_records_nothing_and_is_caught_up_once(
    month_market, views, folder, monkeypatch
):
    moved = SQLiteView._move_tracking

    def crash(self: SQLiteView, c: Any, tracking: Any, after: Any) -> None:
        moved(self, c, tracking, after)
        raise KeyboardInterrupt("the process dies before the view commits")

    monkeypatch.setattr(SQLiteView, "_move_tracking", crash)
    with pytest.raises(KeyboardInterrupt):
        views.catch_up(month_market)
    assert (None, ()) == (views.position(), views.balances(BORROWER).lines)

    monkeypatch.undo()
    views.catch_up(month_market)
    assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
    incremental = dump(folder)
    views.rebuild(month_market, journal=True, audit=True)
    assert incremental == dump(folder)


CRASHING_CATCH_UP = """
import os, sys
from sharemarket import ShareMarket
from sharemarket.adapters import sqlite_audit_view
from sharemarket.adapters.sqlite_audit_view import SQLiteAuditView
from sharemarket.adapters.sqlite_view_base import SQLiteView
from sharemarket.park_views import ParkViews

moved = SQLiteView._move_tracking
calls = [0]

def die_in_the_fourth_write(self, c, tracking, after):
    moved(self, c, tracking, after)
    calls[0] += 1
    if calls[0] == 4:  # journal, audit and sharing wrote their first batch
        os._exit(9)  # killed inside the view's transaction, after the tracking row moved

SQLiteView._move_tracking = die_in_the_fourth_write
market = ShareMarket.sqlite(sys.argv[1])
ParkViews.sqlite(sys.argv[2]).catch_up(market, batch_size=10)
"""


def run_python(code: str, *args: str, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_process_killed_mid_transaction_is_caught_up_with_each_event_once(
    month_market, folder, tmp_path
):
    killed = run_python(CRASHING_CATCH_UP, month_market._app.env["SQLITE_DBNAME"], str(folder))
    assert 9 == killed.returncode, killed.stderr

    with ParkViews.sqlite(folder) as views:
        assert nth(month_market, 10) == views.position()  # each view's first batch; then died
        views.catch_up(month_market)
        assert views.verify().ok
        caught_up = dump(folder)
    with ParkViews.sqlite(tmp_path / "fresh") as fresh:
        fresh.catch_up(month_market)
    assert caught_up == dump(tmp_path / "fresh")


WRITER = """
import sys
from sharemarket import ShareMarket
from tests.park_scene import dehua_month
with ShareMarket.sqlite(sys.argv[1]) as market:
    dehua_month(market)
"""


def test_the_follower_keeps_up_with_another_process_writing(tmp_path, views):
    path = tmp_path / "market.sqlite"
    with ShareMarket.sqlite(path) as market, views.follow(market, interval_s=0.01) as follower:
        writer = run_python(WRITER, str(path))
        assert 0 == writer.returncode, writer.stderr
        follower.wait(timeout_s=10)  # the market's last position, read now

        assert market._app.recorder.max_notification_id() == follower.position == views.position()
        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        assert views.verify().ok


def test_the_follower_gives_read_your_writes(tmp_path, views):
    with (
        ShareMarket.sqlite(tmp_path / "m.sqlite") as market,
        views.follow(market, interval_s=5) as follower,
    ):
        dehua_month(market)
        # The poll interval is long: wait() wakes the follower instead of waiting for it.
        follower.wait(market._app.recorder.max_notification_id(), timeout_s=3)
        assert Minutes.parse("17h30") == views.totals().shared(LABOUR_MINUTES)


def test_a_halted_follower_says_why(month_market, views, monkeypatch):
    monkeypatch.setitem(POSTING_RULES._rules, LabourAgreement.PaymentRecorded, lambda e, b: 1 / 0)
    with views.follow(month_market, interval_s=0.01) as follower:
        with pytest.raises(ProjectionHalted) as halted:
            follower.wait(timeout_s=5)
        assert halted.value is follower.error
        assert "LabourAgreement.PaymentRecorded" == halted.value.event_type


def test_waiting_for_a_position_never_reached_times_out(month_market, views):
    with (
        views.follow(month_market, interval_s=0.01) as follower,
        pytest.raises(ProjectionTimeout) as timeout,
    ):
        follower.wait(10**9, timeout_s=0.2)
    assert "projection_timeout" == timeout.value.code


def test_views_are_refused_in_memory():
    from sharemarket import InvalidInput

    with pytest.raises(InvalidInput, match="folder"):
        ParkViews.sqlite(":memory:")


def test_rows_of_an_aggregate_never_include_another_that_shares_its_index_key(
    month_market, views, folder
):
    """The aggregate index holds 8 bytes of the id: a row of another aggregate under the same
    key (a collision, or an edit) is not returned, and deep verification points at it."""
    views.catch_up(month_market)
    rows = list(views.all_audit_rows())
    main = next(r.aggregate_id for r in rows if r.event_type == "SettlementIssued")
    stranger = next(r for r in rows if r.aggregate_id != main)
    with sqlite3.connect(folder / "audit.sqlite") as db:
        db.execute(
            "UPDATE audit_trail SET aggregate_key = ? WHERE position = ?",
            (aggregate_key(main), stranger.position),
        )

    found = views.audit_rows(aggregate=main, limit=1_000).rows
    assert [r for r in rows if r.aggregate_id == main] == list(found)
    assert views.verify().ok
    assert stranger.position == views.verify(deep=True).first_bad_position


def test_audit_pages_by_aggregate_come_in_order(month_market, views):
    views.catch_up(month_market)
    main = next(r.aggregate_id for r in views.all_audit_rows() if r.event_type == "Proposed")
    everything = views.audit_rows(aggregate=main, limit=1_000).rows
    paged, after = [], None
    while True:
        page = views.audit_rows(aggregate=main, after=after, limit=3)
        paged.extend(page.rows)
        if page.next_after is None:
            break
        after = page.next_after
    assert len(everything) > 6
    assert list(everything) == paged


def test_the_sqlite_recorder_has_no_subscriptions_so_views_follow_by_polling(month_market):
    """Why the follower polls: eventsourcing 9.5.6's SQLite recorder cannot be subscribed to."""
    with pytest.raises(NotImplementedError, match="does not support subscriptions"):
        month_market._app.recorder.subscribe(gt=0)


def test_views_of_a_replaced_market_are_refused(month_market, views, tmp_path):
    """A new market file under the old views: they describe another log, so nothing is mixed."""
    views.catch_up(month_market)
    with ShareMarket.sqlite(tmp_path / "new-market.sqlite") as replaced:
        establish(replaced)
        with pytest.raises(ViewsOfAnotherMarket, match="another market"):
            views.catch_up(replaced)
        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        views.rebuild(replaced, journal=True, audit=True)
        assert (replaced._app.recorder.max_notification_id(), ()) == (
            views.position(),
            views.balances(BORROWER).lines,
        )


def test_a_follower_stopped_by_any_error_says_why(month_market, views, tmp_path):
    views.catch_up(month_market)
    with ShareMarket.sqlite(tmp_path / "other.sqlite") as other:
        establish(other)
        with views.follow(other, interval_s=0.01) as follower:
            with pytest.raises(ViewsOfAnotherMarket):
                follower.wait(timeout_s=5)
            assert isinstance(follower.error, ViewsOfAnotherMarket)


def indexes(folder: Path) -> set[str]:
    with sqlite3.connect(folder / "audit.sqlite") as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def indexes_at_each_write(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The audit view's indexes as each batch is written (filled in as the test runs)."""
    seen: list[set[str]] = []
    write = SQLiteAuditView.write_audit

    def watching(view: Any, *args: Any) -> None:
        seen.append(indexes(folder))
        write(view, *args)

    monkeypatch.setattr(SQLiteAuditView, "write_audit", watching)
    return seen


def test_a_long_catch_up_into_an_empty_trail_builds_the_aggregate_index_at_the_end(
    month_market, views, folder, monkeypatch
):
    """Without the index while the rows are written; with it, and the same rows, after."""
    full = indexes(folder)
    seen = indexes_at_each_write(folder, monkeypatch)
    monkeypatch.setattr(sqlite_audit_view, "DEFERRED_INDEX_EVENTS", 10)
    views.catch_up(month_market, batch_size=7)

    assert "audit_trail_by_aggregate" in full
    assert len(seen) > 1
    assert all(found == full - {"audit_trail_by_aggregate"} for found in seen)
    assert full == indexes(folder)
    incremental = dump(folder)
    monkeypatch.setattr(sqlite_audit_view, "DEFERRED_INDEX_EVENTS", 10**9)
    views.rebuild(month_market, journal=True, audit=True)
    assert incremental == dump(folder)
    main = next(r.aggregate_id for r in views.all_audit_rows() if r.event_type == "Proposed")
    assert len(views.audit_rows(aggregate=main, limit=1_000).rows) > 6


def test_a_trail_that_holds_rows_keeps_its_aggregate_index_while_it_catches_up(
    month_market, views, folder, monkeypatch
):
    catch_up(month_market.event_log, views._projections, stop=5)
    seen = indexes_at_each_write(folder, monkeypatch)
    monkeypatch.setattr(sqlite_audit_view, "DEFERRED_INDEX_EVENTS", 1)
    views.catch_up(month_market)

    assert seen
    assert all("audit_trail_by_aggregate" in found for found in seen)


def test_a_halted_catch_up_still_builds_the_aggregate_index(
    month_market, views, folder, monkeypatch
):
    def broken(event: Any, book: Any) -> Any:
        raise ZeroDivisionError("a bug in a mapping module")

    monkeypatch.setitem(POSTING_RULES._rules, LabourAgreement.ShiftReversed, broken)
    monkeypatch.setattr(sqlite_audit_view, "DEFERRED_INDEX_EVENTS", 10)
    with pytest.raises(ProjectionHalted):
        views.catch_up(month_market, batch_size=7)

    assert "audit_trail_by_aggregate" in indexes(folder)


def test_an_index_left_unbuilt_by_a_stopped_process_is_built_when_the_view_is_opened(folder):
    with ParkViews.sqlite(folder):
        pass
    with sqlite3.connect(folder / "audit.sqlite") as db:
        db.execute("DROP INDEX audit_trail_by_aggregate")

    with ParkViews.sqlite(folder):
        assert "audit_trail_by_aggregate" in indexes(folder)
