"""Read checks: what a command only read (the park, the labour rules) is checked where it is saved.

A market keeps read-only copies of the park and the labour rules and does not ask the store
before each command whether they are current; the versions it read go with the save and the
event store checks them in the save's transaction. These tests make another market (another
process, in real life) change what the first one holds, and check that nothing slips through.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from sharemarket import (
    DailyOvertimeExceeded,
    FirmNotActive,
    Minutes,
    ShiftStatus,
    WorkingTimePolicy,
)
from sharemarket.application.kernel.read_checks import READS, ReadChanged, checks_reads
from tests.application.kernel.test_warm_aggregates import (
    ADMIN,
    BORROWER,
    BORROWER_REP,
    _agreement,
)

KINDS = ["sqlite", "postgres"]


def _record(market, request_id, agreement, worker="W-1", day=2, minutes=480, overtime=0):
    return market.labour.record_shift(
        BORROWER_REP,
        request_id=request_id,
        agreement=agreement,
        worker=worker,
        work_date=date(2026, 3, day),
        minutes=minutes,
        overtime=overtime,
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_suspension_by_another_market_stops_the_next_command(store_factory, kind):
    """A holds the park (the borrower active) from its last command; B suspends the borrower.
    A's next shift is refused at once, and nothing of it is recorded."""
    store = store_factory(kind)
    a = store.open()
    agreement = _agreement(a)
    _record(a, "s1", agreement)
    b = store.open()
    b.park.suspend_firm(ADMIN, request_id="susp", firm=BORROWER, reason="unpaid fees")
    before = a._app.recorder.max_notification_id()

    with pytest.raises(FirmNotActive):
        _record(a, "s2", agreement, worker="W-2")

    assert before == a._app.recorder.max_notification_id()
    entries = store.open().labour.agreement(agreement).shift_entries()
    assert ["W-1"] == [e.shift.worker for e in entries]


@pytest.mark.parametrize("kind", KINDS)
def test_a_stricter_policy_set_by_another_market_applies_to_the_next_shift(store_factory, kind):
    """A holds the Labour Law rules; B lowers the daily overtime cap to 1h. A shift with 2h of
    overtime, allowed by the rules A held, is refused by the rules in force."""
    store = store_factory(kind)
    a = store.open()
    agreement = _agreement(a)
    _record(a, "s1", agreement)
    b = store.open()
    b.labour.set_working_time_policy(
        ADMIN, request_id="policy", policy=WorkingTimePolicy(daily_overtime_max=Minutes(60))
    )

    with pytest.raises(DailyOvertimeExceeded):
        _record(a, "s2", agreement, worker="W-2", day=3, overtime=120)

    assert 1 == len(store.open().labour.agreement(agreement).shift_entries())


@pytest.mark.parametrize("kind", KINDS)
def test_a_reinstatement_by_another_market_lets_the_next_command_through(store_factory, kind):
    """The other way round: A last saw the borrower suspended (and was refused); B reinstates
    it; A's next shift is recorded, decided on the park as it now is."""
    store = store_factory(kind)
    a = store.open()
    agreement = _agreement(a)
    a.park.suspend_firm(ADMIN, request_id="susp", firm=BORROWER, reason="unpaid fees")
    with pytest.raises(FirmNotActive):
        _record(a, "s1", agreement)
    store.open().park.reinstate_firm(ADMIN, request_id="back", firm=BORROWER)

    shift = _record(a, "s2", agreement)

    assert ShiftStatus.PENDING == store.open().labour.agreement(agreement).shift(shift).status


@pytest.mark.postgres
def test_with_eventsourcing_db_functions_the_market_asks_before_deciding(store_factory):
    """POSTGRES_ENABLE_DB_FUNCTIONS makes eventsourcing insert through a database function that the
    PostgreSQL recorder does not extend: the market must then check its read-only copies with
    a query, and a suspension by another market still stops the next command."""
    store = store_factory("postgres")
    a = store.open(POSTGRES_ENABLE_DB_FUNCTIONS="y")
    assert not checks_reads(a._app.recorder)  # else nothing would check the reads
    agreement = _agreement(a)
    _record(a, "s1", agreement)
    store.open(POSTGRES_ENABLE_DB_FUNCTIONS="y").park.suspend_firm(
        ADMIN, request_id="susp", firm=BORROWER, reason="unpaid fees"
    )

    with pytest.raises(FirmNotActive):
        _record(a, "s2", agreement, worker="W-2")

    assert 1 == len(store.open().labour.agreement(agreement).shift_entries())


def test_every_market_store_checks_reads(market):
    """Memory, SQLite and PostgreSQL markets all check reads in the save's transaction (else
    the market falls back to a query per read-only aggregate per command)."""
    assert checks_reads(market._app.recorder)


def _event(originator_id, version):
    return StoredEvent(
        originator_id=originator_id, originator_version=version, topic="t:T", state=b"{}"
    )


def test_the_store_refuses_a_save_whose_read_aggregate_moved_on_and_records_nothing(market):
    read, written = uuid4(), uuid4()
    market._app.recorder.insert_events([_event(read, 1), _event(read, 2)])
    before = market._app.recorder.max_notification_id()

    with pytest.raises(ReadChanged) as refused:
        market._app.recorder.insert_events([_event(written, 1)], **{READS: {read: 1}})

    assert read == refused.value.aggregate_id
    assert before == market._app.recorder.max_notification_id()
    assert [] == market._app.recorder.select_events(written)


def test_the_store_records_a_save_whose_reads_are_current(market):
    read, unborn, written = uuid4(), uuid4(), uuid4()
    market._app.recorder.insert_events([_event(read, 1), _event(read, 2)])

    market._app.recorder.insert_events([_event(written, 1)], **{READS: {read: 2, unborn: 0}})

    assert [1] == [e.originator_version for e in market._app.recorder.select_events(written)]


def test_a_save_that_conflicts_and_whose_read_moved_on_is_refused_and_records_nothing(market):
    """The version conflict and the changed read arrive together (PostgreSQL learns both in one
    round trip): the save is refused as a conflict, and nothing of it is recorded."""
    read, written, other = uuid4(), uuid4(), uuid4()
    market._app.recorder.insert_events([_event(read, 1), _event(read, 2), _event(written, 1)])
    before = market._app.recorder.max_notification_id()

    with pytest.raises(IntegrityError):
        market._app.recorder.insert_events(
            [_event(other, 1), _event(written, 1)], **{READS: {read: 1}}
        )

    assert before == market._app.recorder.max_notification_id()
    assert [] == market._app.recorder.select_events(other)


@pytest.mark.parametrize("reads", [1, 2, 40])
def test_any_one_changed_read_among_many_refuses_the_save(market, reads):
    """A batch may read many aggregates; the last of them moved on."""
    current = [uuid4() for _ in range(reads - 1)]
    moved, written = uuid4(), uuid4()
    market._app.recorder.insert_events(
        [_event(a, 1) for a in current] + [_event(moved, 1), _event(moved, 2)]
    )
    versions = {**dict.fromkeys(current, 1), moved: 1}

    with pytest.raises(ReadChanged) as refused:
        market._app.recorder.insert_events([_event(written, 1)], **{READS: versions})
    market._app.recorder.insert_events([_event(written, 1)], **{READS: {**versions, moved: 2}})

    assert moved == refused.value.aggregate_id
    assert [1] == [e.originator_version for e in market._app.recorder.select_events(written)]


def test_an_aggregate_read_as_missing_that_now_exists_is_a_changed_read(market):
    """Version 0 stands for 'did not exist' (the park before it is established)."""
    born, written = uuid4(), uuid4()
    market._app.recorder.insert_events([_event(born, 1)])

    with pytest.raises(ReadChanged):
        market._app.recorder.insert_events([_event(written, 1)], **{READS: {born: 0}})
