"""Booking: the rule that spans a labour agreement and the lent worker's timesheet.

A shift is recorded on the agreement (between two firms) and its hours are booked on the
worker's timesheet (across every firm the worker works for). ``sharemarket.domain.labour.booking``
checks both before it changes either, so the application can save both in one atomic save.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

import pytest

from sharemarket import (
    LABOUR_LAW,
    AgreementMinutesCapExceeded,
    DailyHoursExceeded,
    DayType,
    InvalidInput,
    InvalidTransition,
    Minutes,
    Money,
    MonthlyOvertimeExceeded,
    PermissionDenied,
    ShiftOutsidePeriod,
    ShiftStatus,
    WorkerNotOnAgreement,
    WorkingTimePolicy,
)
from sharemarket.domain.labour import booking
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.shift import Shift
from sharemarket.domain.labour.timesheet import WorkerTimesheet
from sharemarket.domain.park.membership import Park
from tests.labour_support import GUANFU, JIAMEI, SHUNMEI, TONGXIN, domain_park, rep, state

BORROWER = rep(TONGXIN)  # 同鑫陶瓷 borrows
LENDER = rep(JIAMEI)  # 佳美陶瓷 lends W-1 and W-2
FIRST, LAST = date(2026, 4, 13), date(2026, 5, 10)
MON = date(2026, 4, 13)
TUE = date(2026, 4, 14)


@pytest.fixture
def park() -> Park:
    return domain_park()


def agreement_of(park: Park, **overrides: object) -> LabourAgreement:
    """An accepted agreement, its events already collected (nothing pending)."""
    args: dict[str, object] = {
        "agreement_id": uuid4(),
        "lender": JIAMEI,
        "work": "修坯 fettling",
        "rate_per_hour": Money.of("22.50"),
        "first_day": FIRST,
        "last_day": LAST,
        "workers": ["W-1", "W-2"],
    }
    args.update(overrides)
    agreement = LabourAgreement.propose(park, BORROWER, **args)  # type: ignore[arg-type]
    agreement.accept(park, LENDER)
    agreement.collect_events()
    return agreement


def sheet_of(worker: str = "W-1", home_firm=JIAMEI) -> WorkerTimesheet:
    """A worker's timesheet, opened and its events collected (nothing pending)."""
    sheet = WorkerTimesheet.open(home_firm, worker, rep(home_firm))
    sheet.collect_events()
    return sheet


def a_shift(
    worker: str = "W-1",
    on: date = MON,
    minutes: int = 480,
    overtime: int | None = None,
    day_type: DayType = DayType.WORKDAY,
) -> Shift:
    return Shift.of(
        shift_id=uuid4(),
        worker=worker,
        work_date=on,
        minutes=Minutes(minutes),
        overtime=None if overtime is None else Minutes(overtime),
        day_type=day_type,
    )


def recorded(
    park: Park, agreement: LabourAgreement, sheet: WorkerTimesheet, **kwargs: object
) -> UUID:
    """A shift recorded through ``booking``, the events of both aggregates collected."""
    shift = a_shift(**kwargs)  # type: ignore[arg-type]
    booking.record_shift(park, BORROWER, agreement, sheet, shift, LABOUR_LAW)
    agreement.collect_events()
    sheet.collect_events()
    return shift.shift_id


def refused(
    agreement: LabourAgreement,
    sheet: WorkerTimesheet,
    error: type[Exception],
    call: Callable[[], object],
) -> Exception:
    """``call`` raises ``error``, and neither the agreement nor the timesheet changes or has an
    event pending: there is nothing half-booked for the application to save."""
    before = (state(agreement), state(sheet))
    with pytest.raises(error) as info:
        call()
    assert before == (state(agreement), state(sheet))
    assert [] == list(agreement.pending_events)
    assert [] == list(sheet.pending_events)
    return info.value


def pending(*aggregates: LabourAgreement | WorkerTimesheet) -> list[str]:
    return [type(e).__name__ for a in aggregates for e in a.pending_events]


# Recording ----------------------------------------------------------------------------------------


def test_recording_a_shift_books_it_on_the_agreement_and_on_the_timesheet(park):
    """The agreement holds the shift, pending the lender; the timesheet holds its hours under the
    shift's id, with its overtime and kind of day."""
    agreement, sheet = agreement_of(park), sheet_of()
    shift = a_shift(minutes=600, overtime=120)

    booking.record_shift(park, BORROWER, agreement, sheet, shift, LABOUR_LAW)

    assert ["ShiftRecorded"] == pending(agreement)
    assert ["HoursBooked"] == pending(sheet)
    assert shift == agreement.shift(shift.shift_id).shift
    assert ShiftStatus.PENDING == agreement.shift(shift.shift_id).status
    assert sheet.has_entry(str(shift.shift_id))
    assert Minutes(600) == sheet.day_total(MON)
    assert Minutes(120) == sheet.day_overtime(MON)
    [booked] = sheet.pending_events
    assert (str(shift.shift_id), MON, DayType.WORKDAY, BORROWER) == (
        booked.entry,
        booked.work_date,
        booked.day_type,
        booked.actor,
    )


def test_hours_of_several_agreements_add_up_on_the_one_timesheet(park):
    """The timesheet is the worker's across agreements: a second borrower's shift on the same
    day is checked against the hours the first one booked."""
    first, sheet = agreement_of(park), sheet_of()
    second = LabourAgreement.propose(
        park,
        rep(GUANFU),
        agreement_id=uuid4(),
        lender=JIAMEI,
        work="上釉 glazing",
        rate_per_hour=Money.of("24.00"),
        first_day=FIRST,
        last_day=LAST,
        workers=["W-1"],
    )
    second.accept(park, LENDER)
    second.collect_events()
    recorded(park, first, sheet, minutes=480)

    evening = a_shift(minutes=240, overtime=240)
    error = refused(
        second,
        sheet,
        DailyHoursExceeded,
        lambda: booking.record_shift(park, rep(GUANFU), second, sheet, evening, LABOUR_LAW),
    )
    assert (720, 660) == (error.would_be, error.limit)


# A refusal changes neither ------------------------------------------------------------------------


def test_a_working_time_cap_refusal_changes_neither_aggregate(park):
    """The agreement would take the shift, the timesheet refuses it (the day is full): the
    agreement records nothing either."""
    agreement, sheet = agreement_of(park), sheet_of()
    recorded(park, agreement, sheet, on=MON, minutes=600, overtime=120)

    refused(
        agreement,
        sheet,
        DailyHoursExceeded,
        lambda: booking.record_shift(
            park, BORROWER, agreement, sheet, a_shift(on=MON, minutes=120, overtime=120), LABOUR_LAW
        ),
    )


def test_a_stricter_policy_is_the_one_the_timesheet_applies(park):
    """The policy passed in is the cap checked: 2h of overtime is fine by law, not by a park
    allowing 1h a month; refused, neither aggregate changes."""
    agreement, sheet = agreement_of(park), sheet_of()
    strict = WorkingTimePolicy(monthly_overtime_max=Minutes(60))
    shift = a_shift(minutes=600, overtime=120)

    refused(
        agreement,
        sheet,
        MonthlyOvertimeExceeded,
        lambda: booking.record_shift(park, BORROWER, agreement, sheet, shift, strict),
    )


def test_an_agreement_cap_refusal_changes_neither_aggregate(park):
    """The agreement's cap on total minutes refuses the shift before the timesheet books it."""
    agreement, sheet = agreement_of(park, minutes_cap=Minutes(600)), sheet_of()
    recorded(park, agreement, sheet, on=MON, minutes=480)

    refused(
        agreement,
        sheet,
        AgreementMinutesCapExceeded,
        lambda: booking.record_shift(
            park, BORROWER, agreement, sheet, a_shift(on=TUE, minutes=480), LABOUR_LAW
        ),
    )
    assert Minutes(0) == sheet.day_total(TUE)


@pytest.mark.parametrize(
    ("error", "actor", "shift"),
    [
        (PermissionDenied, LENDER, a_shift()),  # only the borrower records shifts
        (WorkerNotOnAgreement, BORROWER, a_shift(worker="W-9")),
        (ShiftOutsidePeriod, BORROWER, a_shift(on=date(2026, 5, 11))),
    ],
    ids=["lender-records", "worker-not-lent", "outside-period"],
)
def test_an_agreement_refusal_changes_neither_aggregate(park, error, actor, shift):
    agreement, sheet = agreement_of(park), sheet_of(shift.worker)
    refused(
        agreement,
        sheet,
        error,
        lambda: booking.record_shift(park, actor, agreement, sheet, shift, LABOUR_LAW),
    )


# The timesheet must be the lent worker's ----------------------------------------------------------


@pytest.mark.parametrize(
    ("worker", "home_firm"),
    [("W-2", JIAMEI), ("W-1", SHUNMEI), ("W-1", TONGXIN)],
    ids=["another-worker", "another-home-firm", "the-borrowers-worker"],
)
def test_a_timesheet_of_another_worker_or_home_firm_is_refused(park, worker, home_firm):
    """The hours of W-1 lent by 佳美 belong on W-1@佳美's timesheet, not on another worker's,
    nor on a W-1 of another firm (two firms may use the same reference)."""
    agreement, wrong = agreement_of(park), sheet_of(worker, home_firm)
    error = refused(
        agreement,
        wrong,
        InvalidInput,
        lambda: booking.record_shift(park, BORROWER, agreement, wrong, a_shift(), LABOUR_LAW),
    )
    assert "does not hold shifts of worker W-1" in str(error)


def test_withdrawing_or_reversing_through_another_timesheet_is_refused(park):
    """Releasing hours from the wrong timesheet would free a cap the worker still uses."""
    agreement, sheet, wrong = agreement_of(park), sheet_of(), sheet_of("W-2")
    pending_shift = recorded(park, agreement, sheet, on=MON)
    confirmed_shift = recorded(park, agreement, sheet, on=TUE)
    agreement.confirm_shift(park, LENDER, confirmed_shift)
    agreement.collect_events()

    refused(
        agreement,
        wrong,
        InvalidInput,
        lambda: booking.withdraw_shift(park, BORROWER, agreement, wrong, pending_shift),
    )
    refused(
        agreement,
        wrong,
        InvalidInput,
        lambda: booking.reverse_shift(
            park, BORROWER, agreement, wrong, confirmed_shift, "wrong day"
        ),
    )
    assert sheet.has_entry(str(pending_shift))
    assert sheet.has_entry(str(confirmed_shift))


# Withdrawing, reversing, replacing ---------------------------------------------------------------


def test_withdrawing_a_shift_releases_its_hours(park):
    agreement, sheet = agreement_of(park), sheet_of()
    shift_id = recorded(park, agreement, sheet)

    withdrawn = booking.withdraw_shift(park, BORROWER, agreement, sheet, shift_id)

    assert shift_id == withdrawn.shift_id
    assert shift_id not in agreement.book  # closed: the stored agreement forgets it
    assert not sheet.has_entry(str(shift_id))
    assert Minutes(0) == sheet.day_total(MON)
    assert ["ShiftWithdrawn", "HoursReleased"] == pending(agreement, sheet)


def test_reversing_a_confirmed_shift_releases_its_hours(park):
    agreement, sheet = agreement_of(park), sheet_of()
    shift_id = recorded(park, agreement, sheet)
    agreement.confirm_shift(park, LENDER, shift_id)
    agreement.collect_events()

    booking.reverse_shift(park, LENDER, agreement, sheet, shift_id, "worked at home that day")

    assert shift_id not in agreement.book
    assert not sheet.has_entry(str(shift_id))
    assert ["ShiftReversed", "HoursReleased"] == pending(agreement, sheet)


def test_a_shift_that_cannot_be_withdrawn_keeps_its_hours(park):
    """A confirmed shift is reversed, not withdrawn: refused, its hours stay booked."""
    agreement, sheet = agreement_of(park), sheet_of()
    shift_id = recorded(park, agreement, sheet)
    agreement.confirm_shift(park, LENDER, shift_id)
    agreement.collect_events()

    refused(
        agreement,
        sheet,
        InvalidTransition,
        lambda: booking.withdraw_shift(park, BORROWER, agreement, sheet, shift_id),
    )
    assert sheet.has_entry(str(shift_id))


def test_re_recording_releases_the_old_hours_before_booking_the_new(park):
    """An 8h shift re-recorded as 11h on the same day: booked on top of the old hours, the day
    would hold 19h and be refused; the old hours are released first, so the day holds 11h."""
    agreement, sheet = agreement_of(park), sheet_of()
    old = recorded(park, agreement, sheet, on=MON, minutes=480)
    agreement.dispute_shift(park, LENDER, old, "he stayed three more hours")
    agreement.collect_events()
    new = a_shift(on=MON, minutes=660, overtime=180)

    booking.replace_shift(park, BORROWER, agreement, sheet, old=old, new=new, policy=LABOUR_LAW)

    assert old not in agreement.book
    assert ShiftStatus.PENDING == agreement.shift(new.shift_id).status
    assert not sheet.has_entry(str(old))
    assert sheet.has_entry(str(new.shift_id))
    assert Minutes(660) == sheet.day_total(MON)
    assert ["ShiftWithdrawn", "ShiftRecorded"] == pending(agreement)
    assert ["HoursReleased", "HoursBooked"] == pending(sheet)


def test_a_correction_reverses_the_old_shift_and_books_the_new(park):
    """With a reason the confirmed shift is reversed (both entries kept) and replaced; its
    hours are released before the new ones are checked against the day's cap."""
    agreement, sheet = agreement_of(park), sheet_of()
    old = recorded(park, agreement, sheet, on=MON, minutes=600, overtime=120)
    agreement.confirm_shift(park, LENDER, old)
    agreement.collect_events()
    new = a_shift(on=MON, minutes=660, overtime=180)

    booking.replace_shift(
        park,
        BORROWER,
        agreement,
        sheet,
        old=old,
        new=new,
        policy=LABOUR_LAW,
        reason="the attendance system missed an hour",
    )

    assert old not in agreement.book
    assert ShiftStatus.PENDING == agreement.shift(new.shift_id).status
    assert Minutes(660) == sheet.day_total(MON)
    assert Minutes(180) == sheet.day_overtime(MON)
    assert {str(new.shift_id)} == set(sheet.entries)
