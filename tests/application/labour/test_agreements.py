"""Labour sharing through the application, on memory, SQLite and PostgreSQL.

The Dehua scene: in the spring Canton-Fair season 同鑫陶瓷 (Tongxin) is short of workers and
borrows fettlers from 佳美 (Jiamei) and a glazer from 顺美 (Shunmei); 冠福 (Guanfu) borrows one
of Jiamei's fettlers too, so the working-time caps must hold across both borrowers and Jiamei's
own hours. Every refusal is checked twice: the error, and that nothing was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from sharemarket import (
    LABOUR_LAW,
    AgreementMinutesCapExceeded,
    AgreementNotActive,
    AgreementStatus,
    DailyHoursExceeded,
    DailyOvertimeExceeded,
    DailyStandardHoursExceeded,
    DayType,
    InvalidInput,
    InvalidTransition,
    Minutes,
    Money,
    NotFound,
    NothingToSettle,
    Overpayment,
    PermissionDenied,
    PersonalDataRefused,
    RequestIdReused,
    SelfBorrowing,
    ShareMarket,
    ShareMarketError,
    ShiftAlreadySettled,
    ShiftOutsidePeriod,
    ShiftStatus,
    WorkerNotOnAgreement,
    WorkingTimePolicy,
)
from tests.labour_support import (
    ADMIN,
    GUANFU,
    JIAMEI,
    OUTSIDER,
    SHUNMEI,
    TONGXIN,
    open_park,
    rep,
    state,
)

FIRST, LAST = date(2026, 4, 13), date(2026, 5, 10)  # spring Canton Fair season
MON, TUE, WED = date(2026, 4, 13), date(2026, 4, 14), date(2026, 4, 15)
SAT = date(2026, 4, 18)
LABOUR_DAY = date(2026, 5, 1)
FETTLER_1, FETTLER_2, GLAZER = "W-F1", "W-F2", "W-G1"
WORKERS = ((JIAMEI, FETTLER_1), (JIAMEI, FETTLER_2), (SHUNMEI, GLAZER))


@dataclass
class Scene:
    """The ids the Dehua scene created."""

    market: ShareMarket
    fettling: UUID = field(default=UUID(int=0))  # Tongxin borrows fettlers from Jiamei
    glazing: UUID = field(default=UUID(int=0))  # Tongxin borrows a glazer from Shunmei
    guanfu: UUID = field(default=UUID(int=0))  # Guanfu borrows a fettler from Jiamei
    shifts: dict[str, UUID] = field(default_factory=dict)
    settlements: dict[str, UUID] = field(default_factory=dict)

    @property
    def agreements(self) -> tuple[UUID, ...]:
        return (self.fettling, self.glazing, self.guanfu)


def propose(market: ShareMarket, key: str, borrower, lender, workers, rate, **kwargs) -> UUID:
    agreement = market.labour.propose_agreement(
        rep(borrower),
        request_id=f"propose-{key}",
        lender=lender,
        work=kwargs.pop("work", "修坯 fettling"),
        rate_per_hour=rate,
        first_day=FIRST,
        last_day=LAST,
        workers=workers,
        **kwargs,
    )
    market.labour.accept_agreement(rep(lender), request_id=f"accept-{key}", agreement=agreement)
    return agreement


def shift(scene: Scene, key: str, agreement: UUID, borrower, worker, on, minutes, **kw) -> UUID:
    shift_id = scene.market.labour.record_shift(
        rep(borrower),
        request_id=f"shift-{key}",
        agreement=agreement,
        worker=worker,
        work_date=on,
        minutes=minutes,
        **kw,
    )
    scene.shifts[key] = shift_id
    return shift_id


def confirm(scene: Scene, key: str, agreement: UUID, lender) -> None:
    scene.market.labour.confirm_shift(
        rep(lender), request_id=f"confirm-{key}", agreement=agreement, shift=scene.shifts[key]
    )


def dehua(market: ShareMarket) -> Scene:
    """The scene up to the first settlements and a partial payment."""
    open_park(market)
    scene = Scene(market)
    scene.fettling = propose(market, "fettling", TONGXIN, JIAMEI, [FETTLER_1, FETTLER_2], "22.50")
    scene.glazing = propose(
        market,
        "glazing",
        TONGXIN,
        SHUNMEI,
        [GLAZER],
        "25.00",
        work="上釉 glazing",
        minutes_cap=600,
    )
    scene.guanfu = propose(market, "guanfu", GUANFU, JIAMEI, [FETTLER_1], "20.00")

    # Week of Monday 13 April.
    shift(scene, "f1-mon", scene.fettling, TONGXIN, FETTLER_1, MON, 480)
    shift(scene, "f2-mon", scene.fettling, TONGXIN, FETTLER_2, MON, 600, overtime=120)
    shift(scene, "g1-sat", scene.glazing, TONGXIN, GLAZER, SAT, 480, day_type="rest_day")
    # Jiamei keeps F1 at home for four hours on Tuesday; both borrowers use the rest of the day.
    market.labour.declare_home_hours(
        rep(JIAMEI), request_id="home-f1-tue", worker=FETTLER_1, work_date=TUE, minutes=240
    )
    shift(scene, "f1-tue", scene.fettling, TONGXIN, FETTLER_1, TUE, 240)
    shift(scene, "f1-tue-guanfu", scene.guanfu, GUANFU, FETTLER_1, TUE, 180, overtime=180)
    # F2 on Tuesday: recorded as 10h, disputed ("left at 17:00"), re-recorded as 8h.
    shift(scene, "f2-tue-wrong", scene.fettling, TONGXIN, FETTLER_2, TUE, 600, overtime=120)
    market.labour.dispute_shift(
        rep(JIAMEI),
        request_id="dispute-f2-tue",
        agreement=scene.fettling,
        shift=scene.shifts["f2-tue-wrong"],
        reason="left at 17:00",
    )
    scene.shifts["f2-tue"] = market.labour.rerecord_shift(
        rep(TONGXIN),
        request_id="shift-f2-tue",
        agreement=scene.fettling,
        shift=scene.shifts["f2-tue-wrong"],
        work_date=TUE,
        minutes=480,
    )
    for key in ("f1-mon", "f2-mon", "f1-tue", "f2-tue"):
        confirm(scene, key, scene.fettling, JIAMEI)
    confirm(scene, "g1-sat", scene.glazing, SHUNMEI)
    confirm(scene, "f1-tue-guanfu", scene.guanfu, JIAMEI)
    # Labour Day: F1 recorded, not yet confirmed.
    shift(
        scene,
        "f1-may1",
        scene.fettling,
        TONGXIN,
        FETTLER_1,
        LABOUR_DAY,
        360,
        day_type=DayType.STATUTORY_HOLIDAY,
    )

    scene.settlements["fettling-w16"] = market.labour.issue_settlement(
        rep(JIAMEI),
        request_id="settle-fettling-w16",
        agreement=scene.fettling,
        first_day=MON,
        last_day=MON + timedelta(days=6),
    )
    scene.settlements["glazing-w16"] = market.labour.issue_settlement(
        rep(SHUNMEI),
        request_id="settle-glazing-w16",
        agreement=scene.glazing,
        first_day=MON,
        last_day=MON + timedelta(days=6),
    )
    market.labour.record_payment(
        rep(TONGXIN),
        request_id="pay-fettling-1",
        agreement=scene.fettling,
        settlement=scene.settlements["fettling-w16"],
        amount="500.00",
    )
    return scene


@pytest.fixture
def scene(market: ShareMarket) -> Scene:
    return dehua(market)


def observe(scene: Scene) -> tuple[Any, ...]:
    """What anyone can see: the end of the log, every statement and every timesheet."""
    market = scene.market
    sheets = []
    for home, worker in WORKERS:
        sheet = market.labour.timesheet(home, worker)
        sheets.append(None if sheet is None else state(sheet))
    return (
        market._app.recorder.max_notification_id(),
        [market.labour.statement(a) for a in scene.agreements],
        sheets,
    )


def assert_refused(scene: Scene, error: type[ShareMarketError], command: Callable[[], object]):
    before = observe(scene)
    with pytest.raises(error) as caught:
        command()
    assert error is type(caught.value)
    assert before == observe(scene)
    return caught.value


# The scene --------------------------------------------------------------------------------------


def test_dehua_scene_statements(scene):
    """The borrowing and lending firms see the hours and amounts of the season: confirmed
    minutes by worker and by date, the Labour Day shift still pending, what was settled, paid
    and is still owed."""
    market = scene.market
    fettling = market.labour.statement(scene.fettling)
    assert AgreementStatus.ACTIVE == fettling.status
    assert (TONGXIN, JIAMEI) == (fettling.borrower, fettling.lender)
    assert {FETTLER_1: Minutes(720), FETTLER_2: Minutes(1080)} == fettling.confirmed_by_worker
    assert {MON: Minutes(1080), TUE: Minutes(720)} == fettling.confirmed_by_date
    assert {FETTLER_1: Minutes(360)} == fettling.pending_by_worker
    assert {LABOUR_DAY: Minutes(360)} == fettling.pending_by_date
    # F1 Mon 8h ¥180 + F2 Mon 8h + 2h x 150 % ¥247.50 + F1 Tue 4h ¥90 + F2 Tue 8h ¥180
    assert Money.of("697.50") == fettling.settled
    assert Money.of("500.00") == fettling.paid
    assert Money.of("197.50") == fettling.owed

    glazing = market.labour.statement(scene.glazing)
    assert Money.of("400.00") == glazing.settled  # 8h on a rest day x 200 % x ¥25
    assert Money.zero() == glazing.paid
    assert Money.of("400.00") == glazing.owed

    guanfu = market.labour.statement(scene.guanfu)
    assert {FETTLER_1: Minutes(180)} == guanfu.confirmed_by_worker
    assert Money.zero() == guanfu.settled


def test_dehua_scene_worker_hours_across_firms(scene):
    """F1's Tuesday adds Jiamei's own 4h, Tongxin's 4h and Guanfu's 3h of overtime: 11h, the
    daily limit, across the home firm and both borrowers."""
    sheet = scene.market.labour.timesheet(JIAMEI, FETTLER_1)
    assert Minutes(660) == sheet.day_total(TUE)
    assert Minutes(180) == sheet.day_overtime(TUE)
    assert Minutes(480 + 480) == sheet.week_standard(MON)
    # The disputed 10h shift was withdrawn when re-recorded: F2's Tuesday is 8h.
    assert Minutes(480) == scene.market.labour.timesheet(JIAMEI, FETTLER_2).day_total(TUE)
    assert scene.market.labour.timesheet(SHUNMEI, FETTLER_1) is None


def test_dehua_scene_settles_pays_and_closes(scene):
    """The season ends: Labour Day is confirmed after closing, settled, and everything is paid;
    nothing is owed and no new shift is accepted."""
    market = scene.market
    market.labour.close_agreement(
        rep(TONGXIN), request_id="close-fettling", agreement=scene.fettling, reason="orders out"
    )
    confirm(scene, "f1-may1", scene.fettling, JIAMEI)
    may = market.labour.issue_settlement(
        rep(JIAMEI),
        request_id="settle-may",
        agreement=scene.fettling,
        first_day=FIRST,
        last_day=LAST,
    )
    assert Money.of("405.00") == market.labour.settlement(scene.fettling, may).amount  # 6h x 300 %
    market.labour.record_payment(
        rep(TONGXIN),
        request_id="pay-fettling-2",
        agreement=scene.fettling,
        settlement=scene.settlements["fettling-w16"],
        amount="197.50",
    )
    market.labour.record_payment(
        rep(TONGXIN),
        request_id="pay-may",
        agreement=scene.fettling,
        settlement=may,
        amount="405.00",
    )
    statement = market.labour.statement(scene.fettling)
    assert AgreementStatus.CLOSED == statement.status
    assert (Money.of("1102.50"), Money.of("1102.50"), Money.zero()) == (
        statement.settled,
        statement.paid,
        statement.owed,
    )
    assert_refused(
        scene,
        AgreementNotActive,
        lambda: market.labour.record_shift(
            rep(TONGXIN),
            request_id="late",
            agreement=scene.fettling,
            worker=FETTLER_2,
            work_date=WED,
            minutes=60,
        ),
    )


def test_caps_hold_across_borrowers_and_home_hours(scene):
    """Guanfu cannot add a minute to F1's full Tuesday; the message names the worker, the day,
    the hours and the limit."""
    err = assert_refused(
        scene,
        DailyHoursExceeded,
        lambda: scene.market.labour.record_shift(
            rep(GUANFU),
            request_id="guanfu-more",
            agreement=scene.guanfu,
            worker=FETTLER_1,
            work_date=TUE,
            minutes=30,
            overtime=30,
        ),
    )
    assert (
        "worker W-F1 would work 11h30 on 2026-04-14; the daily limit is 11h00 (8h00 + 3h00 "
        "overtime)" == str(err)
    )
    assert ("daily_hours", FETTLER_1, TUE, 690, 660) == (
        err.rule,
        err.worker,
        err.day,
        err.would_be,
        err.limit,
    )


def test_releasing_hours_lets_another_borrower_use_them(scene):
    """A reversed confirmed shift or a withdrawn pending one releases the worker's hours, which
    can then be booked again."""
    market = scene.market
    market.labour.reverse_shift(
        rep(GUANFU),
        request_id="reverse-guanfu-tue",
        agreement=scene.guanfu,
        shift=scene.shifts["f1-tue-guanfu"],
        reason="F1 went home early",
    )
    assert Minutes(480) == market.labour.timesheet(JIAMEI, FETTLER_1).day_total(TUE)
    shift(scene, "guanfu-tue-2", scene.guanfu, GUANFU, FETTLER_1, TUE, 180, overtime=180)
    assert Minutes(660) == market.labour.timesheet(JIAMEI, FETTLER_1).day_total(TUE)
    market.labour.withdraw_shift(
        rep(TONGXIN),
        request_id="withdraw-may1",
        agreement=scene.fettling,
        shift=scene.shifts["f1-may1"],
    )
    assert Minutes(0) == market.labour.timesheet(JIAMEI, FETTLER_1).day_total(LABOUR_DAY)


def test_correcting_a_confirmed_shift_keeps_both_in_history(scene):
    """A confirmed shift is corrected by a reversing entry plus a new shift in one command;
    the history holds both, and only the new one counts once confirmed."""
    market = scene.market
    old = scene.shifts["f1-tue-guanfu"]
    new = market.labour.correct_shift(
        rep(GUANFU),
        request_id="correct-guanfu-tue",
        agreement=scene.guanfu,
        shift=old,
        reason="was 2h",
        work_date=TUE,
        minutes=120,
        overtime=120,
    )
    agreement = market.labour.agreement(scene.guanfu)
    assert ShiftStatus.REVERSED == agreement.shift(old).status
    assert Minutes(180) == agreement.shift(old).shift.minutes
    assert ShiftStatus.PENDING == agreement.shift(new).status
    names = [type(e).__name__ for e in market._app.events.get(scene.guanfu)]
    assert ["ShiftReversed", "ShiftRecorded"] == names[-2:]
    assert Minutes(600) == market.labour.timesheet(JIAMEI, FETTLER_1).day_total(TUE)
    assert {} == market.labour.statement(scene.guanfu).confirmed_by_worker


def test_home_hours_are_replaced_and_cleared(scene):
    """Declaring a day again replaces the home hours; zero minutes clears them."""
    market = scene.market
    market.labour.declare_home_hours(
        rep(JIAMEI), request_id="home-f1-tue-2", worker=FETTLER_1, work_date=TUE, minutes=60
    )
    assert Minutes(480) == market.labour.timesheet(JIAMEI, FETTLER_1).day_total(TUE)
    market.labour.declare_home_hours(
        rep(JIAMEI), request_id="home-f1-tue-3", worker=FETTLER_1, work_date=TUE, minutes=0
    )
    assert Minutes(420) == market.labour.timesheet(JIAMEI, FETTLER_1).day_total(TUE)


def test_a_stricter_park_policy_applies_to_later_shifts(scene):
    """An administrator sets a stricter policy; the next shift is checked against it, and
    settlements use its multipliers."""
    market = scene.market
    assert LABOUR_LAW == market.labour.working_time_policy()
    stricter = WorkingTimePolicy(daily_overtime_max=Minutes(60), workday_overtime_multiplier="2")
    market.labour.set_working_time_policy(ADMIN, request_id="policy-1", policy=stricter)
    assert stricter == market.labour.working_time_policy()
    assert_refused(
        scene,
        DailyOvertimeExceeded,
        lambda: market.labour.record_shift(
            rep(TONGXIN),
            request_id="wed-ot",
            agreement=scene.fettling,
            worker=FETTLER_2,
            work_date=WED,
            minutes=540,
            overtime=90,
        ),
    )
    shift(scene, "f2-wed", scene.fettling, TONGXIN, FETTLER_2, WED, 540, overtime=60)
    confirm(scene, "f2-wed", scene.fettling, JIAMEI)
    settlement = market.labour.issue_settlement(
        rep(JIAMEI),
        request_id="settle-wed",
        agreement=scene.fettling,
        first_day=WED,
        last_day=WED,
    )
    # 8h x ¥22.50 + 1h x 200 % x ¥22.50
    assert Money.of("225.00") == market.labour.settlement(scene.fettling, settlement).amount


# Refusals record nothing ------------------------------------------------------------------------


def _rejections(scene: Scene) -> list[tuple[str, type[ShareMarketError], Callable[[], object]]]:
    m, s = scene.market, scene
    t, j = rep(TONGXIN), rep(JIAMEI)

    def record(actor=t, agreement=None, worker=FETTLER_2, on=WED, minutes=60, **kw):
        return lambda: m.labour.record_shift(
            actor,
            request_id=f"r-{uuid4()}",
            agreement=agreement or s.fettling,
            worker=worker,
            work_date=on,
            minutes=minutes,
            **kw,
        )

    return [
        (
            "self-borrowing",
            SelfBorrowing,
            lambda: m.labour.propose_agreement(
                t,
                request_id="x1",
                lender=TONGXIN,
                work="w",
                rate_per_hour=0,
                first_day=FIRST,
                last_day=LAST,
                workers=["W-1"],
            ),
        ),
        (
            "lender not a member",
            NotFound,
            lambda: m.labour.propose_agreement(
                t,
                request_id="x2",
                lender=OUTSIDER,
                work="w",
                rate_per_hour=0,
                first_day=FIRST,
                last_day=LAST,
                workers=["W-1"],
            ),
        ),
        (
            "resident ID as worker",
            PersonalDataRefused,
            lambda: m.labour.propose_agreement(
                t,
                request_id="x3",
                lender=JIAMEI,
                work="w",
                rate_per_hour=0,
                first_day=FIRST,
                last_day=LAST,
                workers=["350526199001011234"],
            ),
        ),
        (
            "phone number added as worker",
            PersonalDataRefused,
            lambda: m.labour.add_workers(
                j, request_id="x4", agreement=s.fettling, workers=["+86 138-1234-5678"]
            ),
        ),
        ("name in a shift", PersonalDataRefused, record(worker="张伟")),
        (
            "borrower declines",
            PermissionDenied,
            lambda: m.labour.decline_agreement(
                t, request_id="x5", agreement=s.fettling, reason="no"
            ),
        ),
        (
            "accept twice",
            AgreementNotActive,
            lambda: m.labour.accept_agreement(j, request_id="x6", agreement=s.fettling),
        ),
        (
            "withdraw after shifts",
            InvalidTransition,
            lambda: m.labour.withdraw_agreement(
                t, request_id="x7", agreement=s.fettling, reason="no"
            ),
        ),
        (
            "third firm closes",
            PermissionDenied,
            lambda: m.labour.close_agreement(
                rep(GUANFU), request_id="x8", agreement=s.fettling, reason="no"
            ),
        ),
        ("unknown agreement", NotFound, record(agreement=uuid4())),
        ("shift before the period", ShiftOutsidePeriod, record(on=FIRST - timedelta(days=1))),
        ("shift after the period", ShiftOutsidePeriod, record(on=LAST + timedelta(days=1))),
        ("worker not lent", WorkerNotOnAgreement, record(worker="W-F9")),
        ("lender records a shift", PermissionDenied, record(actor=j)),
        ("shift over the daily cap", DailyHoursExceeded, record(worker=FETTLER_1, on=TUE)),
        ("workday overtime over 3h", DailyOvertimeExceeded, record(minutes=420, overtime=240)),
        ("standard hours over 8h", DailyStandardHoursExceeded, record(minutes=481)),
        (
            "agreement minutes cap",
            AgreementMinutesCapExceeded,
            record(agreement=s.glazing, worker=GLAZER, on=WED, minutes=180),
        ),
        ("overtime larger than the shift", InvalidInput, record(minutes=60, overtime=61)),
        (
            "borrower confirms",
            PermissionDenied,
            lambda: m.labour.confirm_shift(
                t, request_id="x9", agreement=s.fettling, shift=s.shifts["f1-may1"]
            ),
        ),
        (
            "confirm twice",
            InvalidTransition,
            lambda: m.labour.confirm_shift(
                j, request_id="x10", agreement=s.fettling, shift=s.shifts["f1-mon"]
            ),
        ),
        (
            "withdraw a confirmed shift",
            InvalidTransition,
            lambda: m.labour.withdraw_shift(
                t, request_id="x11", agreement=s.fettling, shift=s.shifts["f1-tue"]
            ),
        ),
        (
            "reverse a settled shift",
            ShiftAlreadySettled,
            lambda: m.labour.reverse_shift(
                t, request_id="x12", agreement=s.fettling, shift=s.shifts["f1-mon"], reason="x"
            ),
        ),
        (
            "lender corrects (may reverse, may not record)",
            PermissionDenied,
            lambda: m.labour.correct_shift(
                j,
                request_id="x13",
                agreement=s.guanfu,
                shift=s.shifts["f1-tue-guanfu"],
                reason="x",
                work_date=TUE,
                minutes=60,
            ),
        ),
        (
            "re-record over the cap",
            DailyHoursExceeded,
            lambda: m.labour.rerecord_shift(
                t,
                request_id="x14",
                agreement=s.fettling,
                shift=s.shifts["f1-may1"],
                work_date=TUE,
                minutes=60,
            ),
        ),
        (
            "settle again",
            NothingToSettle,
            lambda: m.labour.issue_settlement(
                j, request_id="x15", agreement=s.fettling, first_day=MON, last_day=TUE
            ),
        ),
        (
            "borrower settles",
            PermissionDenied,
            lambda: m.labour.issue_settlement(
                t, request_id="x16", agreement=s.fettling, first_day=MON, last_day=LAST
            ),
        ),
        (
            "overpayment",
            Overpayment,
            lambda: m.labour.record_payment(
                t,
                request_id="x17",
                agreement=s.fettling,
                settlement=s.settlements["fettling-w16"],
                amount="197.51",
            ),
        ),
        (
            "payment to another agreement's settlement",
            NotFound,
            lambda: m.labour.record_payment(
                t,
                request_id="x18",
                agreement=s.fettling,
                settlement=s.settlements["glazing-w16"],
                amount="1.00",
            ),
        ),
        (
            "lender pays",
            PermissionDenied,
            lambda: m.labour.record_payment(
                j,
                request_id="x19",
                agreement=s.fettling,
                settlement=s.settlements["fettling-w16"],
                amount="1.00",
            ),
        ),
        (
            "home hours over the cap",
            DailyStandardHoursExceeded,
            lambda: m.labour.declare_home_hours(
                j, request_id="x20", worker=FETTLER_2, work_date=MON, minutes=60
            ),
        ),
        (
            "home hours by an unappointed user",
            PermissionDenied,
            lambda: m.labour.declare_home_hours(
                rep(JIAMEI, 3), request_id="x21", worker=FETTLER_2, work_date=WED, minutes=60
            ),
        ),
        (
            "policy set by a firm",
            PermissionDenied,
            lambda: m.labour.set_working_time_policy(
                j, request_id="x22", policy=WorkingTimePolicy()
            ),
        ),
        (
            "request id reused with other arguments",
            RequestIdReused,
            lambda: m.labour.record_shift(
                t,
                request_id="shift-f1-mon",
                agreement=s.fettling,
                worker=FETTLER_1,
                work_date=MON,
                minutes=479,
            ),
        ),
        (
            "request id reused for another command",
            RequestIdReused,
            lambda: m.labour.confirm_shift(
                j, request_id="shift-f1-mon", agreement=s.fettling, shift=s.shifts["f1-may1"]
            ),
        ),
    ]


def test_each_rejected_command_records_nothing(scene, subtests):
    """Every refused labour command raises its own error and changes nothing: the notification
    log ends where it did, and every statement and timesheet reads as before."""
    for name, error, command in _rejections(scene):
        with subtests.test(msg=name):
            assert_refused(scene, error, command)


# Retries ----------------------------------------------------------------------------------------


def test_retried_commands_return_the_first_result_and_record_once(scene):
    """record_shift, confirm_shift, issue_settlement and record_payment retried with the same
    request id return the same id and record nothing more."""
    market = scene.market
    t, j = rep(TONGXIN), rep(JIAMEI)

    def record() -> UUID:
        return market.labour.record_shift(
            t,
            request_id="retry-shift",
            agreement=scene.fettling,
            worker=FETTLER_2,
            work_date=WED,
            minutes=480,
        )

    def confirm_() -> None:
        market.labour.confirm_shift(
            j, request_id="retry-confirm", agreement=scene.fettling, shift=first
        )

    def settle() -> UUID:
        return market.labour.issue_settlement(
            j, request_id="retry-settle", agreement=scene.fettling, first_day=WED, last_day=WED
        )

    def pay() -> UUID:
        return market.labour.record_payment(
            t,
            request_id="retry-pay",
            agreement=scene.fettling,
            settlement=settlement,
            amount="100.00",
        )

    first = record()
    for command, expected in ((record, first), (confirm_, None)):
        if expected is None:
            command()
        before = observe(scene)
        assert expected == command()
        assert before == observe(scene)
    settlement = settle()
    before = observe(scene)
    assert settlement == settle()
    assert before == observe(scene)
    payment = pay()
    before = observe(scene)
    assert payment == pay()
    assert before == observe(scene)
    statement = market.labour.statement(scene.fettling)
    assert Money.of("600.00") == statement.paid  # 500 + 100, once
    recorded = [
        e
        for e in market._app.events.get(scene.fettling)
        if type(e).__name__ == "ShiftRecorded" and e.shift.shift_id == first
    ]
    assert 1 == len(recorded)


def test_a_receipt_keeps_what_the_command_returned(scene):
    """A request receipt stores the command's result for its replays: a shift's id for
    record_shift, nothing for confirm_shift (which returns nothing), not the shift itself."""
    market = scene.market
    shift = market.labour.record_shift(
        rep(TONGXIN),
        request_id="receipt-shift",
        agreement=scene.fettling,
        worker=FETTLER_2,
        work_date=WED,
        minutes=480,
    )
    market.labour.confirm_shift(
        rep(JIAMEI), request_id="receipt-confirm", agreement=scene.fettling, shift=shift
    )
    recorded = market._uow.receipt("receipt-shift")
    confirmed = market._uow.receipt("receipt-confirm")
    assert recorded is not None
    assert confirmed is not None
    assert (shift, None) == (recorded.result, confirmed.result)


def test_retries_after_reopening_record_nothing(store):
    """A retry against a market reopened on the same store still finds the first result."""
    scene = dehua(store.open())
    reopened = store.open()
    again = Scene(reopened, scene.fettling, scene.glazing, scene.guanfu, scene.shifts)
    before = observe(again)
    assert scene.shifts["f1-mon"] == reopened.labour.record_shift(
        rep(TONGXIN),
        request_id="shift-f1-mon",
        agreement=scene.fettling,
        worker=FETTLER_1,
        work_date=MON,
        minutes=480,
    )
    assert before == observe(again)


# Reopening --------------------------------------------------------------------------------------


def test_reopening_the_store_gives_the_same_statements_and_timesheets(store):
    """Everything the scene recorded reads the same from a market opened afresh on the store."""
    scene = dehua(store.open())
    expected = observe(scene)
    reopened = Scene(store.open(), scene.fettling, scene.glazing, scene.guanfu)
    assert expected == observe(reopened)
    assert scene.market.labour.settlement(
        scene.fettling, scene.settlements["fettling-w16"]
    ) == reopened.market.labour.settlement(scene.fettling, scene.settlements["fettling-w16"])


# Queries ----------------------------------------------------------------------------------------


def test_statement_of_a_fresh_agreement_is_empty(market):
    """A proposed agreement shows no minutes and no money."""
    open_park(market)
    agreement = market.labour.propose_agreement(
        rep(TONGXIN),
        request_id="p",
        lender=JIAMEI,
        work="彩绘 painting",
        rate_per_hour="18",
        first_day=FIRST,
        last_day=LAST,
        workers=["W-P1"],
    )
    statement = market.labour.statement(agreement)
    assert AgreementStatus.PROPOSED == statement.status
    assert ({}, {}, {}, {}) == (
        statement.confirmed_by_worker,
        statement.pending_by_worker,
        statement.confirmed_by_date,
        statement.pending_by_date,
    )
    assert (Money.zero(), Money.zero(), Money.zero()) == (
        statement.settled,
        statement.paid,
        statement.owed,
    )
    assert (Minutes(0), Minutes(0)) == (statement.confirmed, statement.pending)


def test_settlement_query_and_unknown_ids(scene):
    """A settlement reads back with its shifts; unknown agreements and settlements are
    NotFound."""
    market = scene.market
    settlement = market.labour.settlement(scene.fettling, scene.settlements["fettling-w16"])
    assert {scene.shifts[k] for k in ("f1-mon", "f2-mon", "f1-tue", "f2-tue")} == set(
        settlement.shift_ids
    )
    assert Minutes(1800) == settlement.minutes
    with pytest.raises(NotFound):
        market.labour.statement(uuid4())
    with pytest.raises(NotFound):
        market.labour.settlement(scene.fettling, uuid4())
    with pytest.raises(TypeError):
        market.labour.statement(str(scene.fettling))


# Batches ----------------------------------------------------------------------------------------


def test_a_refused_command_caught_inside_a_batch_records_nothing(scene):
    """A host importing shifts in a batch may catch a refusal and go on: the refused shift must
    not be recorded, and the worker's hours must stay within the caps."""
    market = scene.market
    with market.batch():
        shift(scene, "f2-wed", scene.fettling, TONGXIN, FETTLER_2, WED, 480)
        with pytest.raises(DailyHoursExceeded):
            # 8h + 4h on the same day: the agreement records the shift, then the timesheet
            # refuses it.
            market.labour.record_shift(
                rep(TONGXIN),
                request_id="f2-wed-more",
                agreement=scene.fettling,
                worker=FETTLER_2,
                work_date=WED,
                minutes=240,
                overtime=240,
            )
    statement = market.labour.statement(scene.fettling)
    sheet = market.labour.timesheet(JIAMEI, FETTLER_2)
    assert Minutes(480) == sheet.day_total(WED)
    assert {FETTLER_1: Minutes(360), FETTLER_2: Minutes(480)} == statement.pending_by_worker


def test_agreement_lifecycle_commands(market):
    """Declining, withdrawing and changing the workers through the market, on every store."""
    open_park(market)

    def proposal(key: str) -> UUID:
        return market.labour.propose_agreement(
            rep(TONGXIN),
            request_id=f"p-{key}",
            lender=JIAMEI,
            work="倒坯 slip casting",
            rate_per_hour=Money.of("20.00"),
            first_day=FIRST,
            last_day=LAST,
            workers=["W-1"],
        )

    declined, withdrawn, running = proposal("d"), proposal("w"), proposal("r")
    market.labour.decline_agreement(
        rep(JIAMEI), request_id="decline", agreement=declined, reason="our kilns are full"
    )
    market.labour.withdraw_agreement(
        rep(TONGXIN), request_id="withdraw", agreement=withdrawn, reason="order cancelled"
    )
    market.labour.accept_agreement(rep(JIAMEI), request_id="accept", agreement=running)
    market.labour.add_workers(
        rep(JIAMEI), request_id="add", agreement=running, workers=["W-2", "W-3"]
    )
    market.labour.remove_workers(
        rep(JIAMEI), request_id="remove", agreement=running, workers=["W-1"]
    )
    assert (AgreementStatus.DECLINED, AgreementStatus.WITHDRAWN, AgreementStatus.ACTIVE) == tuple(
        market.labour.statement(a).status for a in (declined, withdrawn, running)
    )
    assert ["W-2", "W-3"] == market.labour.agreement(running).workers
