"""Group commit: commands that threads of one market issue at once share one transaction, and
each still gets its own answer (recorded, decided again, refused, replayed)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError

from sharemarket import ShareMarket
from sharemarket.application.kernel.snapshots import SNAPSHOTS
from sharemarket.domain.duration import Minutes
from sharemarket.domain.labour.errors import DailyHoursExceeded
from tests.conftest import Store
from tests.labour_support import ADMIN, JIAMEI, TONGXIN, open_park, rep

DAY = date(2026, 3, 2)  # a Monday
WAIT_SECONDS = 20
DURABLE = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def open_agreements(market: ShareMarket, count: int) -> list[UUID]:
    """``count`` accepted agreements, agreement i with its own worker ``W-i``."""
    made = []
    for i in range(count):
        agreement = market.labour.propose_agreement(
            rep(TONGXIN),
            request_id=f"propose-{i}",
            lender=JIAMEI,
            work="修坯 fettling",
            rate_per_hour="20.00",
            first_day=date(2026, 3, 1),
            last_day=date(2026, 3, 31),
            workers=[f"W-{i}"],
        )
        market.labour.accept_agreement(rep(JIAMEI), request_id=f"accept-{i}", agreement=agreement)
        made.append(agreement)
    return made


def shift(
    market: ShareMarket, agreement: UUID, worker: str, *, day: date = DAY, hours: int = 6, rid: str
) -> UUID:
    return market.labour.record_shift(
        rep(TONGXIN),
        request_id=rid,
        agreement=agreement,
        worker=worker,
        work_date=day,
        minutes=hours * 60,
    )


def stored_events(market: ShareMarket) -> int:
    return len(market._app.recorder.select_notifications(start=None, limit=100_000))


class Transactions:
    """Counts the event store's transactions (``insert_events`` calls) and can hold the first
    one until ``others`` saves wait behind it, so that those are committed as one group."""

    def __init__(self, market: ShareMarket) -> None:
        self.market = market
        self.calls: list[int] = []  # events per transaction, in order
        self.snapshots: list[int] = []  # snapshots written in each transaction, in order
        self.hold_for = 0
        self.then: Callable[[], None] | None = None
        self.fail_group = False

    def insert_events(self, real: Any, stored_events: Any, **kwargs: Any) -> Any:
        events = list(stored_events)
        self.calls.append(len(events))
        self.snapshots.append(len(kwargs.get(SNAPSHOTS) or ()))
        if self.hold_for:
            wanted, self.hold_for = self.hold_for, 0
            deadline = time.monotonic() + WAIT_SECONDS
            while self.market._app.group_commit.waiting < wanted:
                assert time.monotonic() < deadline, "the other saves never queued"
                time.sleep(0.001)
            if self.then is not None:
                self.then()
        elif self.fail_group and len(self.calls) == 2:
            raise IntegrityError("made to fail: the group's transaction")
        return real(events, **kwargs)


@contextmanager
def counting(market: ShareMarket) -> Iterator[Transactions]:
    recorder = market._app.recorder
    real = recorder.insert_events
    seen = Transactions(market)
    recorder.insert_events = lambda events, **kw: seen.insert_events(real, events, **kw)
    try:
        yield seen
    finally:
        del recorder.insert_events


def together(
    seen: Transactions,
    first: Callable[[], Any],
    others: list[Callable[[], Any]],
    *,
    queued: int | None = None,
) -> tuple[Any, list[Any]]:
    """Run ``first``, and ``others`` while first's transaction is held until ``queued`` of them
    (all unless told) wait behind it: those are then committed as one group. Each result, or
    the error raised."""

    def outcome(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except Exception as exc:  # compared by the tests
            return exc

    seen.hold_for = len(others) if queued is None else queued
    with ThreadPoolExecutor(1 + len(others)) as pool:
        leading = pool.submit(outcome, first)
        deadline = time.monotonic() + WAIT_SECONDS
        while not seen.calls:  # first holds its transaction open before the others start
            assert time.monotonic() < deadline
            time.sleep(0.001)
        following = [pool.submit(outcome, call) for call in others]
        return leading.result(WAIT_SECONDS), [f.result(WAIT_SECONDS) for f in following]


THREADS = 6


def test_commands_of_concurrent_threads_on_distinct_aggregates_share_one_transaction(store):
    """Six threads record shifts on their own agreements while a seventh command commits: the
    six wait behind it and are recorded together, in one transaction, each with its result."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, THREADS + 1)
    before = stored_events(market)
    with counting(market) as seen:
        first, results = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [
                lambda i=i: shift(market, agreements[i], f"W-{i}", rid=f"s-{i}")
                for i in range(1, THREADS + 1)
            ],
        )
    each = seen.calls[0]  # the events of one shift: agreement, new timesheet, receipt
    assert [each, THREADS * each] == seen.calls  # the first command, then the group's
    assert all(isinstance(r, UUID) for r in [first, *results])
    assert THREADS + 1 == len({first, *results})
    assert before + (THREADS + 1) * each == stored_events(market)
    for i, agreement in enumerate(agreements):
        assert {DAY: Minutes(360)} == market.labour.statement(agreement).pending_by_date, i
    # The same requests again replay their results and record nothing.
    assert results == [shift(market, agreements[i], f"W-{i}", rid=f"s-{i}") for i in range(1, 7)]
    assert before + (THREADS + 1) * each == stored_events(market)


def test_snapshots_that_commands_of_a_group_make_due_are_stored_with_the_group(store):
    """Two commands of a group each take their agreement to its snapshot interval (24 events:
    proposed, accepted, 22 shifts): both snapshots are stored, on SQLite and PostgreSQL in the
    group's one transaction, in memory after it, and each agreement loads as its events make
    it."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 3)
    days = [d for d in (date(2026, 3, n) for n in range(2, 32)) if d.weekday() < 5]
    for i in (1, 2):
        for day in days[:21]:
            shift(market, agreements[i], f"W-{i}", day=day, rid=f"before-{i}-{day}")
    with counting(market) as seen:
        first, crossing = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="first"),
            [
                lambda i=i: shift(market, agreements[i], f"W-{i}", day=days[21], rid=f"cross-{i}")
                for i in (1, 2)
            ],
        )
    assert all(isinstance(r, UUID) for r in [first, *crossing])
    assert 2 == len(seen.calls)  # the first command, then the group
    assert ([0, 2] if store.durable else [0, 0]) == seen.snapshots
    app = market._app
    assert app.snapshots is not None
    for i in (1, 2):
        (row,) = app.snapshots.recorder.select_events(agreements[i], desc=True, limit=1)
        assert 24 == row.originator_version
        snapshot = app.snapshots.mapper.to_domain_event(row)
        assert vars(snapshot.mutate(None)) == vars(app.repository.get(agreements[i]))


def test_one_caller_commits_each_command_itself(store):
    """With no other thread, each command is its own transaction, committed at once."""
    market = store.open()
    open_park(market)
    (agreement,) = open_agreements(market, 1)
    with counting(market) as seen:
        for n in range(3):
            shift(market, agreement, "W-0", day=date(2026, 3, 2 + n), rid=f"s-{n}")
    assert 3 == len(seen.calls)


def test_two_commands_on_one_aggregate_in_a_group_are_both_recorded(store):
    """Two threads record shifts of one worker on one agreement in the same group: the first is
    committed with the group, the second overlaps it, is decided again on the state the first
    left and is recorded after it, with its own result."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 2)
    with counting(market) as seen:
        _, (one, two) = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [
                lambda: shift(market, agreements[1], "W-1", day=DAY, rid="s-1"),
                lambda: shift(market, agreements[1], "W-1", day=date(2026, 3, 3), rid="s-2"),
            ],
        )
    assert isinstance(one, UUID)
    assert isinstance(two, UUID)
    assert one != two
    assert 3 == len(seen.calls)  # the first, the group (one command), the second alone
    statement = market.labour.statement(agreements[1])
    assert {DAY: Minutes(360), date(2026, 3, 3): Minutes(360)} == statement.pending_by_date


def test_a_group_cannot_take_a_worker_past_the_daily_cap(store):
    """Two 6-hour shifts of one worker on one day in one group: the second is decided again on
    the first's result and refused (11h daily cap); the first stays recorded."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 2)
    with counting(market) as seen:
        _, (one, two) = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [
                lambda: shift(market, agreements[1], "W-1", rid="s-1"),
                lambda: shift(market, agreements[1], "W-1", rid="s-2"),
            ],
        )
    # The two threads race: whichever queued first is recorded, the other refused.
    assert sorted(type(r).__name__ for r in (one, two)) == ["DailyHoursExceeded", "UUID"]
    assert {DAY: Minutes(360)} == market.labour.statement(agreements[1]).pending_by_date


def test_a_refused_command_does_not_undo_the_others_of_its_group(store):
    """A command refused while the others of its group wait records nothing, and they are
    recorded."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 3)
    before = stored_events(market)
    with counting(market) as seen:
        _, results = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [
                lambda: shift(market, agreements[1], "W-1", rid="s-1"),
                lambda: shift(market, agreements[2], "W-2", hours=12, rid="refused"),
            ],
            queued=1,  # the refused command never reaches its save
        )
    assert isinstance(results[0], UUID)
    assert isinstance(results[1], DailyHoursExceeded)
    assert 2 == len(seen.calls)  # s-0, then s-1 alone; nothing of the refused one
    assert before + sum(seen.calls) == stored_events(market)
    assert {} == market.labour.statement(agreements[2]).pending_by_date


def test_a_group_whose_transaction_fails_records_each_command_on_its_own(store):
    """If the group's transaction fails, each command is recorded in one of its own and gets
    its own answer."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 4)
    with counting(market) as seen:
        seen.fail_group = True
        _, results = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [lambda i=i: shift(market, agreements[i], f"W-{i}", rid=f"s-{i}") for i in (1, 2, 3)],
        )
    assert all(isinstance(r, UUID) for r in results)
    each = seen.calls[0]
    assert [each, 3 * each, each, each, each] == seen.calls  # the group failed; each alone
    for agreement in agreements:
        assert {DAY: Minutes(360)} == market.labour.statement(agreement).pending_by_date


@pytest.mark.parametrize("kind", DURABLE)
def test_a_group_that_lost_a_race_to_another_process_records_the_others(store_factory, kind):
    """Another market on the same store records a shift of one group member's worker while the
    group waits: the group's transaction conflicts, the others are recorded on their own, and
    the one that lost is decided again on the new state (and refused past the daily cap)."""
    store: Store = store_factory(kind)
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 4)
    elsewhere = store.open()
    with counting(market) as seen:
        seen.then = lambda: shift(elsewhere, agreements[2], "W-2", hours=6, rid="elsewhere")
        _, results = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [lambda i=i: shift(market, agreements[i], f"W-{i}", rid=f"s-{i}") for i in (1, 2, 3)],
        )
    assert isinstance(results[0], UUID)
    assert isinstance(results[2], UUID)
    assert isinstance(results[1], DailyHoursExceeded)  # 6h elsewhere + 6h > 11h
    for i, agreement in enumerate(agreements):
        assert {DAY: Minutes(360)} == market.labour.statement(agreement).pending_by_date, i


def test_one_request_id_from_two_threads_of_a_group_is_recorded_once(store):
    """The same request from two threads in one group: recorded once, both get its result."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 2)
    before = stored_events(market)
    with counting(market) as seen:
        _, (one, two) = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [lambda: shift(market, agreements[1], "W-1", rid="same") for _ in range(2)],
        )
    assert isinstance(one, UUID)
    assert one == two
    each = seen.calls[0]
    assert before + 2 * each == stored_events(market)
    assert {DAY: Minutes(360)} == market.labour.statement(agreements[1]).pending_by_date


def test_concurrent_callers_without_a_hold_all_commit(store):
    """Eight threads each recording shifts of their own worker, with no help to meet: every
    shift is recorded once, and (when they met) in fewer transactions than commands."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 8)
    barrier = threading.Barrier(8, timeout=WAIT_SECONDS)

    def work(i: int) -> None:
        barrier.wait()
        for n in range(5):
            shift(market, agreements[i], f"W-{i}", day=date(2026, 3, 2 + n), rid=f"s-{i}-{n}")

    before = stored_events(market)
    with counting(market) as seen, ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(8)))
    assert before + sum(seen.calls) == stored_events(market)
    assert len(seen.calls) <= 40
    for agreement in agreements:
        assert 5 == len(market.labour.statement(agreement).pending_by_date)


def test_a_save_made_while_a_group_is_recorded_by_its_leader_does_not_wait_for_itself(store):
    """A hook running in the leader's thread while it records (here: in the event store's
    insert) that issues a command on the same market is recorded at once, not queued behind the
    leader's own commit (which would never end)."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 3)
    inner: list[UUID] = []
    with counting(market) as seen:
        seen.then = lambda: inner.append(shift(market, agreements[2], "W-2", rid="inner"))
        first, results = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [lambda: shift(market, agreements[1], "W-1", rid="s-1")],
        )
    assert isinstance(first, UUID)
    assert isinstance(results[0], UUID)
    assert 1 == len(inner)
    for agreement in agreements:
        assert {DAY: Minutes(360)} == market.labour.statement(agreement).pending_by_date


def test_a_command_that_reads_what_another_of_its_group_changes_is_decided_again(store):
    """One thread records a shift (it reads the park's membership), another appoints a
    representative (it changes the park) in the same group: whichever queued second cannot
    share the first's transaction (its read would be stale, or the first's would), so it is
    decided again on its own; both are recorded."""
    market = store.open()
    open_park(market)
    agreements = open_agreements(market, 2)
    with counting(market) as seen:
        _, (recorded, appointed) = together(
            seen,
            lambda: shift(market, agreements[0], "W-0", rid="s-0"),
            [
                lambda: shift(market, agreements[1], "W-1", rid="s-1"),
                lambda: market.park.appoint_representative(
                    ADMIN, request_id="appoint", firm=JIAMEI, user="rep-new"
                ),
            ],
        )
    assert isinstance(recorded, UUID)
    assert not isinstance(appointed, Exception)
    assert 3 == len(seen.calls)  # the first, the group of one, the other decided again
    assert "rep-new" in market.park.member(JIAMEI).representatives
    assert {DAY: Minutes(360)} == market.labour.statement(agreements[1]).pending_by_date
