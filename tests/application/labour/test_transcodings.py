"""Stored forms of labour sharing: every labour value survives the store, and snapshots of long
agreements and timesheets load the same aggregate as their events."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import AgreementStatus, DayType, Settlement, Shift, ShiftStatus, WorkingTimePolicy
from sharemarket.application.labour.slice import SLICE
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.shift import ShiftEntry
from sharemarket.domain.labour.timesheet import WorkerTimesheet, timesheet_id
from tests.labour_support import JIAMEI, TONGXIN, open_park, rep, replay, state
from tests.strategies import (
    agreement_statuses,
    day_types,
    settlements,
    shift_entries,
    shift_statuses,
    shifts,
    working_time_policies,
)

LABOUR_VALUES = {
    "day_type": (DayType, day_types()),
    "shift_status": (ShiftStatus, shift_statuses()),
    "labour_agreement_status": (AgreementStatus, agreement_statuses()),
    "working_time_policy": (
        WorkingTimePolicy,
        working_time_policies() | working_time_policies(stricter=True),
    ),
    "labour_shift": (Shift, shifts()),
    "labour_shift_entry": (ShiftEntry, shift_entries()),
    "labour_settlement": (Settlement, settlements()),
}


@pytest.fixture(scope="module")
def transcoder() -> Any:
    """The transcoder the market really stores with."""
    from sharemarket import ShareMarket

    market = ShareMarket.in_memory()
    yield market._app.mapper.transcoder
    market.close()


@pytest.mark.parametrize("name", list(LABOUR_VALUES))
@given(data=st.data())
def test_labour_values_round_trip(transcoder, name, data):
    """value -> market._app.mapper.transcoder encode -> decode gives back an equal value of the same
    type, stored under its fixed name, alone and nested in lists and dicts."""
    cls, strategy = LABOUR_VALUES[name]
    value = data.draw(strategy, label="value")
    encoded = transcoder.encode(value)
    assert name == json.loads(encoded)["_type_"]
    decoded = transcoder.decode(encoded)
    assert value == decoded
    assert cls is type(decoded)
    nested = {"values": [value, value], "one": value}
    assert nested == transcoder.decode(transcoder.encode(nested))


@given(settlements())
def test_settlement_shift_ids_stay_a_tuple(transcoder, settlement):
    """JSON has no tuples: the settlement's shift ids come back as the tuple they were."""
    decoded = transcoder.decode(transcoder.encode(settlement))
    assert settlement.shift_ids == decoded.shift_ids
    assert tuple is type(decoded.shift_ids)


# Snapshots ------------------------------------------------------------------------------------

FIRST = date(2026, 3, 2)  # a Monday
WORKERS = [f"W-{n}" for n in range(1, 11)]


def long_agreement(market) -> Any:
    """An agreement with more than 100 events: 50 shifts recorded and confirmed over a week,
    settled and partly paid, one reversed."""
    open_park(market)
    borrower, lender = rep(TONGXIN), rep(JIAMEI)
    agreement = market.labour.propose_agreement(
        borrower,
        request_id="propose",
        lender=JIAMEI,
        work="修坯 fettling",
        rate_per_hour="22.50",
        first_day=FIRST,
        last_day=FIRST + timedelta(days=27),
        workers=WORKERS,
    )
    market.labour.accept_agreement(lender, request_id="accept", agreement=agreement)
    shift_ids = []
    for day in range(5):
        for worker in WORKERS:
            key = f"{worker}-{day}"
            shift_id = market.labour.record_shift(
                borrower,
                request_id=f"shift-{key}",
                agreement=agreement,
                worker=worker,
                work_date=FIRST + timedelta(days=day),
                minutes=480 + 10 * day,
                overtime=10 * day,
            )
            market.labour.confirm_shift(
                lender, request_id=f"confirm-{key}", agreement=agreement, shift=shift_id
            )
            shift_ids.append(shift_id)
    market.labour.reverse_shift(
        lender, request_id="reverse", agreement=agreement, shift=shift_ids[-1], reason="absent"
    )
    settlement = market.labour.issue_settlement(
        lender,
        request_id="settle",
        agreement=agreement,
        first_day=FIRST,
        last_day=FIRST + timedelta(days=6),
    )
    market.labour.record_payment(
        borrower, request_id="pay", agreement=agreement, settlement=settlement, amount="1000.00"
    )
    return agreement


def assert_snapshot_equals_events(market, aggregate_id, cls) -> None:
    """Snapshotted at each multiple of the interval the labour slice declares; loaded from its
    last snapshot and the events after it, by eventsourcing's repository and by the market's
    own loader (what commands and queries use), it equals the aggregate rebuilt from its events."""
    interval = SLICE.aggregates[cls]
    events = list(market._app.events.get(aggregate_id))
    assert len(events) > interval
    snapshots = [s.originator_version for s in market._app.snapshots.get(aggregate_id)]
    assert list(range(interval, len(events) + 1, interval)) == snapshots
    from_events = replay(events)
    from_snapshot = market._app.repository.get(aggregate_id)
    loaded = market._uow.loader.find(cls, aggregate_id)
    assert cls is type(from_snapshot)
    assert cls is type(loaded)
    assert state(from_events) == state(from_snapshot)
    assert state(from_events) == state(loaded)


def test_long_agreement_loads_the_same_from_a_snapshot(market):
    """An agreement with more than 100 events is snapshotted at version 100; loading it from the
    snapshot plus the later events gives exactly the agreement rebuilt from its events alone."""
    agreement = long_agreement(market)
    assert_snapshot_equals_events(market, agreement, LabourAgreement)
    statement = market.labour.statement(agreement)
    settled = [e for e in market.labour.agreement(agreement).shift_entries() if e.settlement_id]
    assert 49 == len(settled)
    assert statement.owed == statement.settled - statement.paid


def test_long_timesheet_loads_the_same_from_a_snapshot(market):
    """A timesheet with more than 100 events (home hours declared again and again) loads the same
    from its snapshot as from its events."""
    open_park(market)
    for n in range(105):
        market.labour.declare_home_hours(
            rep(JIAMEI),
            request_id=f"home-{n}",
            worker="W-1",
            work_date=FIRST + timedelta(days=n % 5),
            minutes=60 + n,
            overtime=n % 3,
        )
    assert_snapshot_equals_events(market, timesheet_id(JIAMEI, "W-1"), WorkerTimesheet)
