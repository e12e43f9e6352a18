"""A labour agreement does not grow with its history (issue 20): month after month of shifts,
settled and paid, leave its stored state and its snapshot the size they were after the first
month, while the whole history stays readable and commands on closed shifts are refused as
before."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from sharemarket import InvalidTransition, Money, NotFound, ShareMarket, ShiftStatus
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.errors import Overpayment, ShiftAlreadySettled
from tests.labour_support import JIAMEI, TONGXIN, open_park, rep

WORKERS = ("W-1", "W-2")
FIRST = date(2026, 3, 2)  # a Monday


def open_agreement(market: ShareMarket) -> UUID:
    open_park(market)
    agreement = market.labour.propose_agreement(
        rep(TONGXIN),
        request_id="propose",
        lender=JIAMEI,
        work="修坯 fettling",
        rate_per_hour="21.50",
        first_day=FIRST,
        last_day=FIRST + timedelta(days=365),
        workers=WORKERS,
    )
    market.labour.accept_agreement(rep(JIAMEI), request_id="accept", agreement=agreement)
    return agreement


def work_a_month(market: ShareMarket, agreement: UUID, month: int) -> tuple[list[UUID], UUID]:
    """Every weekday of the month's first four weeks, both workers: recorded, confirmed,
    settled, paid in full. Returns the shifts and the settlement."""
    first = FIRST + timedelta(weeks=4 * month)
    shifts = []
    for day in (first + timedelta(days=n) for n in range(28)):
        if day.weekday() >= 5:
            continue
        for worker in WORKERS:
            key = f"{month}-{worker}-{day}"
            shift = market.labour.record_shift(
                rep(TONGXIN),
                request_id=f"r-{key}",
                agreement=agreement,
                worker=worker,
                work_date=day,
                minutes=480,
            )
            market.labour.confirm_shift(
                rep(JIAMEI), request_id=f"c-{key}", agreement=agreement, shift=shift
            )
            shifts.append(shift)
    settlement = market.labour.issue_settlement(
        rep(JIAMEI),
        request_id=f"settle-{month}",
        agreement=agreement,
        first_day=first,
        last_day=first + timedelta(days=27),
    )
    owed = market.labour.settlement(agreement, settlement).amount
    market.labour.record_payment(
        rep(TONGXIN),
        request_id=f"pay-{month}",
        agreement=agreement,
        settlement=settlement,
        amount=owed,
    )
    return shifts, settlement


def snapshot_bytes(market: ShareMarket, agreement: UUID) -> int:
    """The size of the agreement's snapshot, taken now, as JSON (before the store compresses it)."""
    app: Any = market._app
    app.take_snapshot(agreement)
    recorder = app.snapshots.recorder
    stored = recorder.select_events(agreement, desc=True, limit=1)[0].state
    return len(stored_document(app.snapshots.mapper, stored))


def test_months_of_settled_shifts_leave_the_agreement_its_first_size(market):
    """After one month and after four, the stored agreement keeps no shift and no settlement
    (all closed), only the totals and one short entry per settlement paid in full; its
    snapshot grows by those entries alone, while the history holds every shift."""
    agreement = open_agreement(market)
    work_a_month(market, agreement, 0)
    after_one = snapshot_bytes(market, agreement)
    for month in (1, 2, 3):
        work_a_month(market, agreement, month)
    after_four = snapshot_bytes(market, agreement)

    kept = market._app.repository.get(agreement)
    assert isinstance(kept, LabourAgreement)
    assert {} == kept.shifts
    assert {} == kept.settlements
    assert 4 == len(kept.paid_off)
    assert 160 == kept.shifts_recorded
    assert after_four - after_one < 3 * 120  # three more paid_off entries, nothing per shift
    history = market.labour.agreement(agreement)
    assert 160 == len(history.shift_entries())
    assert 160 * 480 == history.statement().confirmed.value == kept.confirmed_minutes
    assert history.statement().owed == Money.zero()


def test_commands_on_closed_shifts_are_refused_as_before(market):
    """A settled shift cannot be reversed or confirmed again, a payment on a settlement paid in
    full is an overpayment, and a shift never recorded is not found: the same errors as when
    the agreement kept everything, and nothing is recorded."""
    agreement = open_agreement(market)
    shifts, settlement = work_a_month(market, agreement, 0)
    end = market._app.recorder.max_notification_id()
    lender, borrower = rep(JIAMEI), rep(TONGXIN)
    with pytest.raises(ShiftAlreadySettled):
        market.labour.reverse_shift(
            lender, request_id="rev", agreement=agreement, shift=shifts[0], reason="late"
        )
    with pytest.raises(InvalidTransition):
        market.labour.confirm_shift(
            lender, request_id="again", agreement=agreement, shift=shifts[1]
        )
    with pytest.raises(Overpayment):
        market.labour.record_payment(
            borrower, request_id="more", agreement=agreement, settlement=settlement, amount="0.01"
        )
    with pytest.raises(NotFound):
        market.labour.withdraw_shift(
            borrower, request_id="w", agreement=agreement, shift=UUID(int=7)
        )
    assert end == market._app.recorder.max_notification_id()
    entry = market.labour.agreement(agreement).shift(shifts[0])
    assert (ShiftStatus.CONFIRMED, settlement) == (entry.status, entry.settlement_id)


def test_a_closed_shift_in_an_unsaved_batch_is_refused_from_the_batch(market):
    """Inside a batch the history read for a refusal includes the batch's unsaved events: a
    shift recorded and withdrawn in the batch is refused a confirmation as withdrawn, not as
    unknown."""
    agreement = open_agreement(market)
    end = market._app.recorder.max_notification_id()
    lender, borrower = rep(JIAMEI), rep(TONGXIN)
    with market.batch():
        shift = market.labour.record_shift(
            borrower,
            request_id="r",
            agreement=agreement,
            worker="W-1",
            work_date=FIRST,
            minutes=480,
        )
        market.labour.withdraw_shift(borrower, request_id="w", agreement=agreement, shift=shift)
        with pytest.raises(InvalidTransition, match="withdrawn"):
            market.labour.confirm_shift(lender, request_id="c", agreement=agreement, shift=shift)
    # The shift (agreement, new timesheet, hours) and its withdrawal (agreement, hours), each
    # with its receipt (not an event): the refused confirmation recorded nothing.
    assert 5 == market.event_log.count_after(end)
    assert market._uow.receipt("r") is not None
    assert market._uow.receipt("w") is not None
    assert market._uow.receipt("c") is None
