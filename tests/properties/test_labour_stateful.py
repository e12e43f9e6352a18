"""A stateful test: the real application beside a small pure-Python model of labour sharing.

Four firms lend and borrow under several agreements; each firm has workers W-1 and W-2. Every
rule runs one command on the market and the same step on the model; the model predicts whether
the market accepts it or which error it raises (for a shift: the agreement's rules, then each
working-time cap in turn). After every step the invariants are checked: no worker is over a cap,
minutes lent equal minutes borrowed, every statement equals the model, nothing is owed below
zero, and each timesheet books exactly what the model booked.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from sharemarket import (
    LABOUR_LAW,
    AgreementMinutesCapExceeded,
    AgreementNotActive,
    AgreementStatus,
    DailyHoursExceeded,
    DailyOvertimeExceeded,
    DailyStandardHoursExceeded,
    DayType,
    FirmId,
    InvalidTransition,
    Minutes,
    Money,
    MonthlyOvertimeExceeded,
    NotFound,
    NothingToSettle,
    Overpayment,
    PermissionDenied,
    SelfBorrowing,
    ShareMarket,
    ShareMarketError,
    ShiftAlreadySettled,
    ShiftOutsidePeriod,
    ShiftStatus,
    WeeklyHoursExceeded,
    WeeklyRestDayRequired,
    WorkerNotOnAgreement,
    WorkingTimePolicy,
)
from sharemarket.application.park.calendar import china_day
from sharemarket.domain.labour.timesheet import home_entry
from tests.labour_support import (
    ADMIN,
    GUANFU,
    JIAMEI,
    SHUNMEI,
    TONGXIN,
    cap_violations,
    open_park,
    rep,
)

FIRMS = (TONGXIN, JIAMEI, SHUNMEI, GUANFU)
WORKERS = ("W-1", "W-2")
FIRST = date(2026, 3, 23)  # Monday; the period runs two weeks, into April
LAST = FIRST + timedelta(days=13)
# Work dates: the period and a day either side of it (refused).
DATES = tuple(FIRST + timedelta(days=n) for n in range(-1, 15))
STANDARD = (60, 120, 240, 360, 420, 480, 540)
OVERTIME = (0, 0, 0, 30, 60, 120, 180, 240)
REST_DAY_LENGTHS = (120, 240, 480, 600, 660, 720)
HOME_LENGTHS = (0, 60, 120, 240, 480)
RATES = (Money.of("22.50"), Money.zero(), Money.of("18.33"))
TIGHT = WorkingTimePolicy(
    daily_standard=Minutes(360),
    daily_overtime_max=Minutes(120),
    monthly_overtime_max=Minutes(600),
    weekly_standard_max=Minutes(1200),
)
NO_WEEKLY_CAP = WorkingTimePolicy(weekly_standard_max=None, monthly_overtime_max=Minutes(900))
LIVE = (ShiftStatus.PENDING, ShiftStatus.CONFIRMED, ShiftStatus.DISPUTED)
index = st.integers(min_value=0, max_value=50)
SHIFT_ARGUMENTS = {
    "a": index,
    "w": index,
    "d": index,
    "standard": st.sampled_from(STANDARD),
    "extra": st.sampled_from(OVERTIME),
    "rest_length": st.sampled_from(REST_DAY_LENGTHS),
    "day_type": st.sampled_from(
        [DayType.WORKDAY, DayType.WORKDAY, DayType.REST_DAY, DayType.STATUTORY_HOLIDAY]
    ),
}


def pick(seq: Any, n: int) -> Any:
    return seq[n % len(seq)]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def predict_booking(
    entries: dict[str, tuple[date, int, int, DayType]],
    key: str,
    on: date,
    minutes: int,
    overtime: int,
    day_type: DayType,
    policy: WorkingTimePolicy,
) -> type[ShareMarketError] | None:
    """Which cap, if any, booking ``key`` would break: checked in the order the law lists them
    (day total, standard day, workday overtime, month, standard week, rest day)."""
    others = {k: v for k, v in entries.items() if k != key}
    same_day = [v for v in others.values() if v[0] == on]
    total = sum(v[1] for v in same_day) + minutes
    standard = sum(v[1] - v[2] for v in same_day) + minutes - overtime
    workday_ot = sum(v[2] for v in same_day if v[3] is DayType.WORKDAY)
    workday_ot += overtime if day_type is DayType.WORKDAY else 0
    month = (on.year, on.month)
    month_ot = sum(v[2] for v in others.values() if (v[0].year, v[0].month) == month) + overtime
    week = [v for v in others.values() if monday(v[0]) == monday(on)]
    if total > policy.daily_max.value:
        return DailyHoursExceeded
    if standard > policy.daily_standard.value:
        return DailyStandardHoursExceeded
    if workday_ot > policy.daily_overtime_max.value:
        return DailyOvertimeExceeded
    if month_ot > policy.monthly_overtime_max.value:
        return MonthlyOvertimeExceeded
    if policy.weekly_standard_max is not None:
        week_standard = sum(v[1] - v[2] for v in week) + minutes - overtime
        if week_standard > policy.weekly_standard_max.value:
            return WeeklyHoursExceeded
    if policy.weekly_rest_day and len({v[0] for v in week if v[0] != on} | {on}) == 7:
        return WeeklyRestDayRequired
    return None


def amount_of(rate: Money, shifts: list[dict[str, Any]], policy: WorkingTimePolicy) -> Money:
    """The settlement's amount, exactly, rounded half up once."""
    weighted = Fraction(0)
    for s in shifts:
        multiplier = Fraction(policy.multiplier(s["day_type"]))
        weighted += Fraction(s["minutes"] - s["overtime"]) + s["overtime"] * multiplier
    exact = Fraction(rate.fen) * weighted / 60
    whole, rest = divmod(exact.numerator, exact.denominator)
    return Money(whole + (1 if 2 * rest >= exact.denominator else 0))


class LabourMarket(RuleBasedStateMachine):
    """The market and the model side by side."""

    def __init__(self) -> None:
        super().__init__()
        self.market = self.open_market()
        open_park(self.market, FIRMS)
        self.policy = LABOUR_LAW
        self.n = 0
        self.agreements: list[dict[str, Any]] = []
        self.shifts: dict[UUID, dict[str, Any]] = {}
        self.settlements: list[dict[str, Any]] = []
        # (home firm, worker) -> entry -> (date, minutes, overtime, day type)
        self.sheets: dict[tuple[FirmId, str], dict[str, tuple[date, int, int, DayType]]] = {
            (firm, worker): {} for firm in FIRMS for worker in WORKERS
        }
        self.done: list[tuple[Any, Any]] = []

    def open_market(self) -> ShareMarket:
        return ShareMarket.in_memory()

    def teardown(self) -> None:
        self.market.close()

    def rid(self) -> str:
        self.n += 1
        return f"step-{self.n}"

    def run(self, command: Any, expected: type[ShareMarketError] | None) -> Any:
        """Run ``command``; it must succeed if ``expected`` is None, else raise exactly that and
        record nothing."""
        if expected is None:
            result = command()
            self.done.append((command, result))
            return result
        before = self.market._app.recorder.max_notification_id()
        with pytest.raises(ShareMarketError) as caught:
            command()
        assert expected is type(caught.value), f"expected {expected.__name__}: {caught.value!r}"
        assert before == self.market._app.recorder.max_notification_id()
        return None

    # Rules ------------------------------------------------------------------------------------

    @initialize(policy=st.sampled_from([LABOUR_LAW, TIGHT, NO_WEEKLY_CAP]))
    def set_policy(self, policy: WorkingTimePolicy) -> None:
        if policy != LABOUR_LAW:
            self.market.labour.set_working_time_policy(ADMIN, request_id="policy", policy=policy)
        self.policy = policy
        assert policy == self.market.labour.working_time_policy()

    @initialize(
        agreements=st.lists(
            st.tuples(index, st.integers(1, 3), st.sampled_from(RATES)), min_size=1, max_size=3
        )
    )
    def first_agreements(self, agreements: list[tuple[int, int, Money]]) -> None:
        """Start with agreements between different firms, lending both workers."""
        for b, step, rate in agreements:
            self.propose_and_accept(b, b + step, 3, None, rate)

    @rule(
        b=index,
        le=index,
        mask=st.integers(1, 3),
        cap=st.sampled_from([None, None, 900, 2400]),
        rate=st.sampled_from(RATES),
    )
    def propose_and_accept(self, b: int, le: int, mask: int, cap: int | None, rate: Money):
        borrower, lender = pick(FIRMS, b), pick(FIRMS, le)
        workers = [w for k, w in enumerate(WORKERS) if mask & (1 << k)]
        m = self.market

        def propose() -> UUID:
            return m.labour.propose_agreement(
                rep(borrower),
                request_id=rid,
                lender=lender,
                work="修坯 fettling",
                rate_per_hour=rate,
                first_day=FIRST,
                last_day=LAST,
                workers=workers,
                minutes_cap=cap,
            )

        rid = self.rid()
        agreement = self.run(propose, SelfBorrowing if borrower == lender else None)
        if agreement is None:
            return
        accept_id = self.rid()
        self.run(
            lambda: m.labour.accept_agreement(
                rep(lender), request_id=accept_id, agreement=agreement
            ),
            None,
        )
        self.agreements.append(
            {
                "id": agreement,
                "borrower": borrower,
                "lender": lender,
                "workers": workers,
                "cap": cap,
                "rate": rate,
                "status": AgreementStatus.ACTIVE,
            }
        )

    def booked(self, agreement: dict[str, Any]) -> int:
        return sum(
            s["minutes"]
            for s in self.shifts.values()
            if s["agreement"] == agreement["id"] and s["status"] in LIVE
        )

    # More shifts and confirmations than any other step: the same step under several rules.
    @precondition(lambda self: self.agreements)
    @rule(**SHIFT_ARGUMENTS)
    def record_shift(self, **kwargs: Any) -> None:
        self._record_shift(**kwargs)

    @precondition(lambda self: self.agreements)
    @rule(**SHIFT_ARGUMENTS)
    def record_another_shift(self, **kwargs: Any) -> None:
        self._record_shift(**kwargs)

    @precondition(lambda self: self.agreements)
    @rule(**SHIFT_ARGUMENTS)
    def record_a_third_shift(self, **kwargs: Any) -> None:
        self._record_shift(**kwargs)

    def _record_shift(
        self, a: int, w: int, d: int, standard: int, extra: int, rest_length: int, day_type: DayType
    ) -> None:
        agreement = pick(self.agreements, a)
        worker, on = pick(WORKERS, w), pick(DATES, d)
        if day_type is DayType.WORKDAY:
            minutes, overtime = standard + extra, extra
        else:
            minutes = overtime = rest_length
        expected: type[ShareMarketError] | None
        if agreement["status"] is not AgreementStatus.ACTIVE:
            expected = AgreementNotActive
        elif worker not in agreement["workers"]:
            expected = WorkerNotOnAgreement
        elif not FIRST <= on <= LAST:
            expected = ShiftOutsidePeriod
        elif agreement["cap"] is not None and self.booked(agreement) + minutes > agreement["cap"]:
            expected = AgreementMinutesCapExceeded
        else:
            expected = predict_booking(
                self.sheets[(agreement["lender"], worker)],
                "new",
                on,
                minutes,
                overtime,
                day_type,
                self.policy,
            )
        m, rid = self.market, self.rid()
        shift_id = self.run(
            lambda: m.labour.record_shift(
                rep(agreement["borrower"]),
                request_id=rid,
                agreement=agreement["id"],
                worker=worker,
                work_date=on,
                minutes=minutes,
                overtime=overtime if day_type is DayType.WORKDAY else None,
                day_type=day_type,
            ),
            expected,
        )
        if shift_id is not None:
            self.shifts[shift_id] = {
                "agreement": agreement["id"],
                "lender": agreement["lender"],
                "borrower": agreement["borrower"],
                "worker": worker,
                "date": on,
                "minutes": minutes,
                "overtime": overtime,
                "day_type": day_type,
                "status": ShiftStatus.PENDING,
                "settled": False,
            }
            self.sheets[(agreement["lender"], worker)][str(shift_id)] = (
                on,
                minutes,
                overtime,
                day_type,
            )

    @precondition(lambda self: self.agreements)
    @rule(
        a=index,
        w=index,
        week=st.integers(0, 1),
        standard=st.sampled_from((240, 360, 480)),
        extra=st.sampled_from((0, 60)),
    )
    def work_every_day_of_a_week(self, a: int, w: int, week: int, standard: int, extra: int):
        """One worker every day Monday to Sunday: the weekly standard cap and the rest day
        come into play."""
        for k in range(7):
            d = DATES.index(FIRST + timedelta(days=7 * week + k))
            self._record_shift(a, w, d, standard, extra, 0, DayType.WORKDAY)

    def pick_shift(self, s: int, wanted: set[ShiftStatus]) -> tuple[UUID, dict[str, Any]]:
        """Mostly a shift the step applies to; one time in four any shift."""
        apt = [k for k, v in self.shifts.items() if v["status"] in wanted]
        shift_id = pick(apt if apt and s % 4 else list(self.shifts), s)
        return shift_id, self.shifts[shift_id]

    def has_shift(*statuses: ShiftStatus) -> Any:
        """A precondition: some shift is in one of ``statuses``."""
        return lambda self: any(v["status"] in statuses for v in self.shifts.values())

    @precondition(has_shift(ShiftStatus.PENDING))
    @rule(s=index)
    def confirm(self, s: int) -> None:
        shift_id, shift = self.pick_shift(s, {ShiftStatus.PENDING})
        ok = shift["status"] is ShiftStatus.PENDING
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.confirm_shift(
                rep(shift["lender"]), request_id=rid, agreement=shift["agreement"], shift=shift_id
            ),
            None if ok else InvalidTransition,
        )
        if ok:
            shift["status"] = ShiftStatus.CONFIRMED

    @precondition(has_shift(ShiftStatus.PENDING))
    @rule(s=index)
    def confirm_another(self, s: int) -> None:
        self.confirm(s)

    @precondition(has_shift(ShiftStatus.PENDING))
    @rule(s=index)
    def dispute(self, s: int) -> None:
        shift_id, shift = self.pick_shift(s, {ShiftStatus.PENDING})
        ok = shift["status"] is ShiftStatus.PENDING
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.dispute_shift(
                rep(shift["lender"]),
                request_id=rid,
                agreement=shift["agreement"],
                shift=shift_id,
                reason="not seen that day",
            ),
            None if ok else InvalidTransition,
        )
        if ok:
            shift["status"] = ShiftStatus.DISPUTED

    def release(self, shift_id: UUID, shift: dict[str, Any]) -> None:
        del self.sheets[(shift["lender"], shift["worker"])][str(shift_id)]

    @precondition(has_shift(ShiftStatus.PENDING, ShiftStatus.DISPUTED))
    @rule(s=index)
    def withdraw(self, s: int) -> None:
        shift_id, shift = self.pick_shift(s, {ShiftStatus.PENDING, ShiftStatus.DISPUTED})
        ok = shift["status"] in (ShiftStatus.PENDING, ShiftStatus.DISPUTED)
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.withdraw_shift(
                rep(shift["borrower"]), request_id=rid, agreement=shift["agreement"], shift=shift_id
            ),
            None if ok else InvalidTransition,
        )
        if ok:
            shift["status"] = ShiftStatus.WITHDRAWN
            self.release(shift_id, shift)

    @precondition(has_shift(ShiftStatus.CONFIRMED))
    @rule(s=index, by_lender=st.booleans())
    def reverse(self, s: int, by_lender: bool) -> None:
        shift_id, shift = self.pick_shift(s, {ShiftStatus.CONFIRMED})
        if shift["settled"]:
            expected: type[ShareMarketError] | None = ShiftAlreadySettled
        elif shift["status"] is not ShiftStatus.CONFIRMED:
            expected = InvalidTransition
        else:
            expected = None
        who = rep(shift["lender"] if by_lender else shift["borrower"])
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.reverse_shift(
                who, request_id=rid, agreement=shift["agreement"], shift=shift_id, reason="wrong"
            ),
            expected,
        )
        if expected is None:
            shift["status"] = ShiftStatus.REVERSED
            self.release(shift_id, shift)

    @rule(f=index, w=index, d=index, minutes=st.sampled_from(HOME_LENGTHS))
    def declare_home_hours(self, f: int, w: int, d: int, minutes: int) -> None:
        firm, worker, on = pick(FIRMS, f), pick(WORKERS, w), pick(DATES, d)
        sheet = self.sheets[(firm, worker)]
        key = home_entry(on)
        # No day type is given: the park's calendar says what the day is (China's, no override);
        # on a rest day or holiday every minute is overtime.
        kind = DayType(china_day(on).value)
        overtime = 0 if kind is DayType.WORKDAY else minutes
        if minutes == 0:
            expected: type[ShareMarketError] | None = None if key in sheet else NotFound
        else:
            expected = predict_booking(sheet, key, on, minutes, overtime, kind, self.policy)
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.declare_home_hours(
                rep(firm), request_id=rid, worker=worker, work_date=on, minutes=minutes
            ),
            expected,
        )
        if expected is None:
            if minutes:
                sheet[key] = (on, minutes, overtime, kind)
            else:
                del sheet[key]

    @precondition(has_shift(ShiftStatus.CONFIRMED))
    @rule(a=index, d1=index, d2=index, whole_period=st.booleans())
    def settle(self, a: int, d1: int, d2: int, whole_period: bool) -> None:
        billable = {
            s["agreement"]
            for s in self.shifts.values()
            if s["status"] is ShiftStatus.CONFIRMED and not s["settled"]
        }
        apt = [x for x in self.agreements if x["id"] in billable]
        agreement = pick(apt if apt and a % 4 else self.agreements, a)
        first, last = sorted((pick(DATES, d1), pick(DATES, d2)))
        if whole_period:
            first, last = DATES[0], DATES[-1]
        chosen = [
            s
            for s in self.shifts.values()
            if s["agreement"] == agreement["id"]
            and s["status"] is ShiftStatus.CONFIRMED
            and not s["settled"]
            and first <= s["date"] <= last
        ]
        m, rid = self.market, self.rid()
        settlement = self.run(
            lambda: m.labour.issue_settlement(
                rep(agreement["lender"]),
                request_id=rid,
                agreement=agreement["id"],
                first_day=first,
                last_day=last,
            ),
            None if chosen else NothingToSettle,
        )
        if settlement is None:
            return
        for s in chosen:
            s["settled"] = True
        expected = amount_of(agreement["rate"], chosen, self.policy)
        assert expected == m.labour.settlement(agreement["id"], settlement).amount
        self.settlements.append(
            {"id": settlement, "agreement": agreement, "amount": expected, "paid": Money.zero()}
        )

    @precondition(lambda self: self.settlements)
    @rule(k=index, part=st.integers(1, 5))
    def pay(self, k: int, part: int) -> None:
        settlement = pick(self.settlements, k)
        owed = settlement["amount"] - settlement["paid"]
        # 1-4 quarters of what is owed; 5: a fen more than owed.
        amount = Money(owed.fen + 1) if part == 5 else Money(max(1, owed.fen * part // 4))
        if amount > owed:
            expected: type[ShareMarketError] | None = Overpayment
        else:
            expected = None
        agreement = settlement["agreement"]
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.record_payment(
                rep(agreement["borrower"]),
                request_id=rid,
                agreement=agreement["id"],
                settlement=settlement["id"],
                amount=amount,
            ),
            expected,
        )
        if expected is None:
            settlement["paid"] += amount

    @precondition(lambda self: self.agreements)
    @rule(a=index, by_lender=st.booleans(), really=st.integers(0, 3))
    def close(self, a: int, by_lender: bool, really: int) -> None:
        if really:  # closing ends an agreement's story: do it a quarter of the times drawn
            return
        agreement = pick(self.agreements, a)
        ok = agreement["status"] is AgreementStatus.ACTIVE
        who = rep(agreement["lender"] if by_lender else agreement["borrower"])
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.close_agreement(
                who, request_id=rid, agreement=agreement["id"], reason="season over"
            ),
            None if ok else AgreementNotActive,
        )
        if ok:
            agreement["status"] = AgreementStatus.CLOSED

    @precondition(lambda self: self.shifts)
    @rule(s=index)
    def outsider_confirms(self, s: int) -> None:
        """The borrowing firm, or a third firm, cannot confirm a shift."""
        shift_id, shift = self.pick_shift(s, {ShiftStatus.PENDING})
        outsider = next(f for f in FIRMS if f != shift["lender"])
        m, rid = self.market, self.rid()
        self.run(
            lambda: m.labour.confirm_shift(
                rep(outsider), request_id=rid, agreement=shift["agreement"], shift=shift_id
            ),
            PermissionDenied,
        )

    @precondition(lambda self: self.done)
    @rule(k=index)
    def retry(self, k: int) -> None:
        """A command sent again with its request id returns its first result, records nothing."""
        command, result = pick(self.done, k)
        before = self.market._app.recorder.max_notification_id()
        assert result == command()
        assert before == self.market._app.recorder.max_notification_id()

    # Invariants ---------------------------------------------------------------------------

    @invariant()
    def caps_never_exceeded_and_timesheets_match_the_model(self) -> None:
        for (firm, worker), model in self.sheets.items():
            sheet = self.market.labour.timesheet(firm, worker)
            entries = {} if sheet is None else sheet.entries
            assert [] == cap_violations(entries, self.policy)
            expected = {k: [v[0].isoformat(), v[1], v[2]] for k, v in model.items()}
            assert expected == {k: list(row[:3]) for k, row in entries.items()}

    @invariant()
    def statements_equal_the_model_and_lent_equals_borrowed(self) -> None:
        lent: dict[FirmId, Minutes] = {}
        borrowed: dict[FirmId, Minutes] = {}
        for agreement in self.agreements:
            statement = self.market.labour.statement(agreement["id"])
            mine = [s for s in self.shifts.values() if s["agreement"] == agreement["id"]]
            by_worker: dict[str, dict[str, Minutes]] = {"confirmed": {}, "pending": {}}
            by_date: dict[str, dict[date, Minutes]] = {"confirmed": {}, "pending": {}}
            for s in mine:
                kind = {ShiftStatus.CONFIRMED: "confirmed", ShiftStatus.PENDING: "pending"}.get(
                    s["status"]
                )
                if kind is None:
                    continue
                w, d = by_worker[kind], by_date[kind]
                w[s["worker"]] = w.get(s["worker"], Minutes(0)) + Minutes(s["minutes"])
                d[s["date"]] = d.get(s["date"], Minutes(0)) + Minutes(s["minutes"])
            assert agreement["status"] == statement.status
            assert by_worker["confirmed"] == statement.confirmed_by_worker
            assert by_worker["pending"] == statement.pending_by_worker
            assert by_date["confirmed"] == statement.confirmed_by_date
            assert by_date["pending"] == statement.pending_by_date
            settlements = [x for x in self.settlements if x["agreement"] is agreement]
            assert Money.sum(x["amount"] for x in settlements) == statement.settled
            assert Money.sum(x["paid"] for x in settlements) == statement.paid
            assert not statement.owed.is_negative()
            confirmed = statement.confirmed
            lent[agreement["lender"]] = lent.get(agreement["lender"], Minutes(0)) + confirmed
            borrowed[agreement["borrower"]] = (
                borrowed.get(agreement["borrower"], Minutes(0)) + confirmed
            )
        assert Minutes.sum(lent.values()) == Minutes.sum(borrowed.values())


LabourMarket.TestCase.settings = settings(stateful_step_count=50)
TestLabourMarket = LabourMarket.TestCase


class LabourMarketOnSQLite(LabourMarket):
    """The same machine on an SQLite file (a few short runs: each step writes to disk)."""

    def open_market(self) -> ShareMarket:
        self.folder = tempfile.TemporaryDirectory()
        return ShareMarket.sqlite(Path(self.folder.name) / "market.sqlite")

    def teardown(self) -> None:
        super().teardown()
        self.folder.cleanup()


LabourMarketOnSQLite.TestCase.settings = settings(max_examples=3, stateful_step_count=20)
TestLabourMarketOnSQLite = LabourMarketOnSQLite.TestCase
