"""Warm aggregates (the unit of work's AggregateCache): a market's in-memory copies never hide
another writer's events or a failure."""

from __future__ import annotations

from datetime import date

import pytest

from sharemarket import Actor, FirmSize, InvalidInput, ShiftStatus

LENDER = "91350100M000100Y43"
BORROWER = "91110000802100433B"
ADMIN = Actor.administrator("admin-1")
LENDER_REP = Actor.for_firm("rep-l", LENDER)
BORROWER_REP = Actor.for_firm("rep-b", BORROWER)


def _agreement(market):
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    for rid, firm, rep in (("a-l", LENDER, "rep-l"), ("a-b", BORROWER, "rep-b")):
        market.park.admit_firm(
            ADMIN,
            request_id=rid,
            firm=firm,
            name=rid,
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[rep],
        )
    agreement = market.labour.propose_agreement(
        BORROWER_REP,
        request_id="ag",
        lender=LENDER,
        work="彩绘 painting",
        rate_per_hour="18.00",
        first_day=date(2026, 3, 1),
        last_day=date(2026, 3, 31),
        workers=["W-1", "W-2"],
    )
    market.labour.accept_agreement(LENDER_REP, request_id="acc", agreement=agreement)
    return agreement


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_warm_agreement_catches_up_with_another_writer(store_factory, kind):
    """Market A holds the agreement warm; market B (another process in real life) records a
    shift; A's next command sees B's shift and can confirm it."""
    store = store_factory(kind)
    a = store.open()
    agreement = _agreement(a)
    a.labour.record_shift(
        BORROWER_REP,
        request_id="s1",
        agreement=agreement,
        worker="W-1",
        work_date=date(2026, 3, 2),
        minutes=480,
    )
    assert agreement in a._uow.cache  # A's copy is warm: its next command starts from it
    b = store.open()
    s2 = b.labour.record_shift(
        BORROWER_REP,
        request_id="s2",
        agreement=agreement,
        worker="W-2",
        work_date=date(2026, 3, 2),
        minutes=420,
    )
    a.labour.confirm_shift(LENDER_REP, request_id="c2", agreement=agreement, shift=s2)
    statement = store.open().labour.statement(agreement)
    assert {"W-2": 420} == {w: m.value for w, m in statement.confirmed_by_worker.items()}
    assert {"W-1": 480} == {w: m.value for w, m in statement.pending_by_worker.items()}


def test_a_command_that_fails_half_way_leaves_no_trace_in_the_warm_copy(market):
    """Re-recording a disputed shift withdraws it and records a new one; when the new one is
    refused, the withdrawal must not linger in the market's memory either."""
    agreement = _agreement(market)
    shift = market.labour.record_shift(
        BORROWER_REP,
        request_id="s1",
        agreement=agreement,
        worker="W-1",
        work_date=date(2026, 3, 2),
        minutes=480,
    )
    market.labour.dispute_shift(
        LENDER_REP, request_id="d1", agreement=agreement, shift=shift, reason="worked 7h, not 8h"
    )
    assert agreement in market._uow.cache  # the refused command starts from the warm copy
    before = market._app.recorder.max_notification_id()
    with pytest.raises(InvalidInput):
        market.labour.rerecord_shift(
            BORROWER_REP,
            request_id="r1",
            agreement=agreement,
            shift=shift,
            work_date=date(2026, 3, 2),
            minutes=420,
            overtime=500,
        )
    assert before == market._app.recorder.max_notification_id()
    # Whatever copy the cache still holds is the saved one: the shift disputed, not withdrawn.
    kept = market._uow.cache.take(agreement)
    if kept is not None:
        assert ShiftStatus.DISPUTED == kept.shift(shift).status
        assert not kept.pending_events
        market._uow.cache.put_back([kept])
    assert ShiftStatus.DISPUTED == market.labour.agreement(agreement).shift(shift).status
    new = market.labour.rerecord_shift(
        BORROWER_REP,
        request_id="r2",
        agreement=agreement,
        shift=shift,
        work_date=date(2026, 3, 2),
        minutes=420,
    )
    assert ShiftStatus.PENDING == market.labour.agreement(agreement).shift(new).status


def test_a_unit_reads_each_read_only_copy_once(market):
    """Every command of a batch reads the read-only copy the batch read first, the one whose
    version its save checks, even if this process keeps a newer one meanwhile."""
    from sharemarket.domain.park.membership import PARK_ID, Park

    market.park.establish(Actor.administrator("admin-1"), request_id="p", name="Dehua park")
    loader = market._uow.loader
    with market.batch():
        first = loader.read_only(Park, PARK_ID)
        assert first is not None
        market._uow.cache.keep_read_mostly(PARK_ID, None)  # as if another thread read afresh
        assert first is loader.read_only(Park, PARK_ID)
    assert loader.read_only(Park, PARK_ID, trust_cache=True) is None  # the process's copy
