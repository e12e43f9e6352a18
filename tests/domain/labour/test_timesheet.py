"""WorkerTimesheet: every working-time cap of WorkingTimePolicy, across all of a worker's hours."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    LABOUR_LAW,
    DailyHoursExceeded,
    DailyOvertimeExceeded,
    DailyStandardHoursExceeded,
    DayType,
    Minutes,
    MonthlyOvertimeExceeded,
    NotFound,
    RuleViolation,
    WeeklyHoursExceeded,
    WeeklyRestDayRequired,
    WorkingTimeLimitExceeded,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry, timesheet_id
from tests.labour_support import (
    JIAMEI,
    SHUNMEI,
    cap_violations,
    recomputed_days,
    rep,
    replay,
    state,
)

W = "W-17"
MON = date(2026, 3, 2)  # a Monday
HOME = rep(JIAMEI)
STRICTER = WorkingTimePolicy(
    daily_standard=Minutes(7 * 60),
    daily_overtime_max=Minutes(60),
    monthly_overtime_max=Minutes(10 * 60),
    weekly_standard_max=Minutes(35 * 60),
)
NO_WEEKLY_CAP = WorkingTimePolicy(weekly_standard_max=None)


def day(n: int) -> date:
    """The n-th day after Monday 2026-03-02."""
    return MON + timedelta(days=n)


def new_sheet() -> WorkerTimesheet:
    return WorkerTimesheet.open(JIAMEI, W, HOME)


def book(
    sheet: WorkerTimesheet,
    entry: str,
    work_date: date,
    minutes: int,
    overtime: int | None = None,
    day_type: DayType = DayType.WORKDAY,
    policy: WorkingTimePolicy = LABOUR_LAW,
) -> None:
    if overtime is None:
        overtime = 0 if day_type is DayType.WORKDAY else minutes
    sheet.book(
        HOME,
        entry=entry,
        work_date=work_date,
        minutes=Minutes(minutes),
        overtime=Minutes(overtime),
        day_type=day_type,
        policy=policy,
    )


def refused(sheet: WorkerTimesheet, error: type[Exception], *args, **kwargs) -> Exception:
    """Book, expect ``error``, and check that nothing was recorded and nothing changed."""
    before, pending = state(sheet), list(sheet.pending_events)
    with pytest.raises(error) as info:
        book(sheet, *args, **kwargs)
    assert before == state(sheet)
    assert pending == list(sheet.pending_events)
    return info.value


def booked(bookings: list[tuple], policy: WorkingTimePolicy = LABOUR_LAW) -> WorkerTimesheet:
    sheet = new_sheet()
    for entry, work_date, minutes, overtime, day_type in bookings:
        book(sheet, entry, work_date, minutes, overtime, day_type, policy)
    return sheet


WD, REST, HOLIDAY = DayType.WORKDAY, DayType.REST_DAY, DayType.STATUTORY_HOLIDAY
# Twelve workdays of three overtime-only hours: 36h of overtime in March 2026, six days a week.
MONTH_OF_OVERTIME = [
    (f"ot-{n}", day(n), 180, 180, WD) for n in (0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12)
]
FIVE_STANDARD_DAYS = [(f"std-{n}", day(n), 480, 0, WD) for n in range(5)]
# The week Monday 2026-03-30 to Sunday 2026-04-05 crosses from March into April.
CROSS_MONTH_WEEK = [(f"x-{n}", date(2026, 3, 30) + timedelta(days=n), 480, 0, WD) for n in range(5)]
SIX_SHORT_DAYS = [(f"d-{n}", day(n), 60, 0, WD) for n in range(6)]

#: (case, earlier bookings, offending booking (entry, date, minutes, overtime, day type),
#:  policy, error, code, rule, day, would_be, limit)
CAPS = [
    (
        "daily total 11h",
        [("a", MON, 480, 0, WD)],
        ("b", MON, 210, 210, WD),
        LABOUR_LAW,
        DailyHoursExceeded,
        "daily_hours_limit",
        "daily_hours",
        MON,
        690,
        660,
    ),
    (
        "daily total 11h on a rest day",
        [],
        ("a", day(5), 661, 661, REST),
        LABOUR_LAW,
        DailyHoursExceeded,
        "daily_hours_limit",
        "daily_hours",
        day(5),
        661,
        660,
    ),
    (
        "daily standard 8h",
        [("home", MON, 300, 0, WD)],
        ("b", MON, 181, 0, WD),
        LABOUR_LAW,
        DailyStandardHoursExceeded,
        "daily_standard_hours_limit",
        "daily_standard_hours",
        MON,
        481,
        480,
    ),
    (
        "workday overtime 3h",
        [("a", MON, 420, 0, WD)],
        ("b", MON, 211, 211, WD),
        LABOUR_LAW,
        DailyOvertimeExceeded,
        "daily_overtime_limit",
        "daily_overtime",
        MON,
        211,
        180,
    ),
    (
        "workday overtime 3h, split between two entries",
        [("a", MON, 400, 100, WD)],
        ("b", MON, 81, 81, WD),
        LABOUR_LAW,
        DailyOvertimeExceeded,
        "daily_overtime_limit",
        "daily_overtime",
        MON,
        181,
        180,
    ),
    (
        "monthly overtime 36h",
        MONTH_OF_OVERTIME,
        ("late", day(14), 60, 60, WD),
        LABOUR_LAW,
        MonthlyOvertimeExceeded,
        "monthly_overtime_limit",
        "monthly_overtime",
        day(14),
        2220,
        2160,
    ),
    (
        "monthly overtime 36h, rest-day work counts in full",
        [
            ("sat-1", day(5), 660, 660, REST),
            ("sat-2", day(12), 660, 660, REST),
            ("sat-3", day(19), 660, 660, REST),
            ("mon", MON, 180, 180, WD),
        ],
        ("hol", day(22), 60, 60, HOLIDAY),
        LABOUR_LAW,
        MonthlyOvertimeExceeded,
        "monthly_overtime_limit",
        "monthly_overtime",
        day(22),
        2220,
        2160,
    ),
    (
        "weekly standard 40h",
        FIVE_STANDARD_DAYS,
        ("sat", day(5), 60, 0, WD),
        LABOUR_LAW,
        WeeklyHoursExceeded,
        "weekly_hours_limit",
        "weekly_hours",
        day(5),
        2460,
        2400,
    ),
    (
        "weekly standard 40h in a week that crosses a month boundary",
        CROSS_MONTH_WEEK,
        ("sat", date(2026, 4, 4), 60, 0, WD),
        LABOUR_LAW,
        WeeklyHoursExceeded,
        "weekly_hours_limit",
        "weekly_hours",
        date(2026, 4, 4),
        2460,
        2400,
    ),
    (
        "one rest day a week",
        SIX_SHORT_DAYS,
        ("sun", day(6), 60, 0, WD),
        LABOUR_LAW,
        WeeklyRestDayRequired,
        "weekly_rest_day",
        "weekly_rest_day",
        day(6),
        7,
        6,
    ),
    (
        "one rest day a week: the seventh day may be any day",
        [(f"d-{n}", day(n), 60, 0, WD) for n in range(1, 7)],
        ("mon", MON, 60, 0, WD),
        LABOUR_LAW,
        WeeklyRestDayRequired,
        "weekly_rest_day",
        "weekly_rest_day",
        MON,
        7,
        6,
    ),
    (
        "stricter daily total",
        [("a", MON, 420, 0, WD)],
        ("b", MON, 61, 61, WD),
        STRICTER,
        DailyHoursExceeded,
        "daily_hours_limit",
        "daily_hours",
        MON,
        481,
        480,
    ),
    (
        "stricter daily standard",
        [],
        ("a", MON, 421, 0, WD),
        STRICTER,
        DailyStandardHoursExceeded,
        "daily_standard_hours_limit",
        "daily_standard_hours",
        MON,
        421,
        420,
    ),
    (
        "stricter workday overtime",
        [("a", MON, 360, 0, WD)],
        ("b", MON, 61, 61, WD),
        STRICTER,
        DailyOvertimeExceeded,
        "daily_overtime_limit",
        "daily_overtime",
        MON,
        61,
        60,
    ),
    (
        "stricter monthly overtime",
        [(f"ot-{n}", day(n), 60, 60, WD) for n in (0, 1, 2, 3, 4, 5, 7, 8, 9, 10)],
        ("late", day(11), 30, 30, WD),
        STRICTER,
        MonthlyOvertimeExceeded,
        "monthly_overtime_limit",
        "monthly_overtime",
        day(11),
        630,
        600,
    ),
    (
        "stricter weekly standard",
        [(f"std-{n}", day(n), 420, 0, WD) for n in range(5)],
        ("sat", day(5), 60, 0, WD),
        STRICTER,
        WeeklyHoursExceeded,
        "weekly_hours_limit",
        "weekly_hours",
        day(5),
        2160,
        2100,
    ),
]


@pytest.mark.parametrize(
    ("earlier", "offending", "policy", "error", "code", "rule", "on", "would_be", "limit"),
    [case[1:] for case in CAPS],
    ids=[case[0] for case in CAPS],
)
def test_each_cap_refuses_with_its_own_error_and_records_nothing(
    earlier, offending, policy, error, code, rule, on, would_be, limit
):
    """A booking over a cap raises that cap's error, naming the rule, worker, day and numbers in
    minutes, and leaves the timesheet exactly as it was (no event, no state change)."""
    sheet = booked(earlier, policy)
    entry, work_date, minutes, overtime, day_type = offending
    err = refused(sheet, error, entry, work_date, minutes, overtime, day_type, policy)
    assert isinstance(err, WorkingTimeLimitExceeded)
    assert isinstance(err, RuleViolation)
    assert (code, rule, W, on, would_be, limit) == (
        err.code,
        err.rule,
        err.worker,
        err.day,
        err.would_be,
        err.limit,
    )


MINUTE_CAPS = [case for case in CAPS if case[4] is not WeeklyRestDayRequired]


@pytest.mark.parametrize(
    ("earlier", "offending", "policy", "would_be", "limit"),
    [(case[1], case[2], case[3], case[8], case[9]) for case in MINUTE_CAPS],
    ids=[case[0] for case in MINUTE_CAPS],
)
def test_each_cap_accepts_a_booking_that_reaches_it_exactly(
    earlier, offending, policy, would_be, limit
):
    """The minute caps are inclusive: shortening the offending booking until it lands exactly
    on the limit is accepted (the limit itself is allowed, one minute more is not)."""
    sheet = booked(earlier, policy)
    entry, work_date, minutes, overtime, day_type = offending
    excess = would_be - limit
    minutes -= excess
    overtime = max(0, overtime - excess) if day_type is WD else minutes
    book(sheet, entry, work_date, minutes, overtime, day_type, policy)
    assert [] == cap_violations(sheet.entries, policy)


def test_daily_total_message_names_the_worker_the_numbers_and_the_split():
    """A person can act on the message: who, which day, how long, and the limit with its parts."""
    sheet = booked([("a", MON, 480, 0, WD)])
    err = refused(sheet, DailyHoursExceeded, "b", MON, 210, 210)
    expected = (
        "worker W-17 would work 11h30 on 2026-03-02; "
        "the daily limit is 11h00 (8h00 + 3h00 overtime)"
    )
    assert expected == str(err)


def test_stricter_policy_message_uses_its_own_numbers():
    """The message quotes the policy in force, not the Labour Law defaults."""
    sheet = booked([("a", MON, 420, 0, WD)], STRICTER)
    err = refused(sheet, DailyHoursExceeded, "b", MON, 90, 90, WD, STRICTER)
    expected = (
        "worker W-17 would work 8h30 on 2026-03-02; the daily limit is 8h00 (7h00 + 1h00 overtime)"
    )
    assert expected == str(err)


def test_cross_month_week_names_both_ends_of_the_week():
    """The weekly cap runs Monday to Sunday even when the month changes in the middle."""
    sheet = booked(CROSS_MONTH_WEEK)
    err = refused(sheet, WeeklyHoursExceeded, "sat", date(2026, 4, 4), 60)
    assert "week 2026-03-30 to 2026-04-05" in str(err)


def test_stricter_policy_refuses_what_the_labour_law_allows():
    """Each stricter limit bites where the default policy would have accepted the same hours."""
    for bookings in (
        [("a", MON, 480, 0, WD)],  # 8h standard: over 7h
        [("a", MON, 360, 0, WD), ("b", MON, 120, 120, WD)],  # 2h overtime: over 1h
        [(f"s-{n}", day(n), 420, 0, WD) for n in range(5)] + [("sat", day(5), 60, 0, WD)],
    ):
        assert [] == cap_violations(booked(bookings).entries, LABOUR_LAW)
        with pytest.raises(WorkingTimeLimitExceeded):
            booked(bookings, STRICTER)


def test_no_weekly_cap_allows_six_standard_days():
    """With weekly_standard_max=None a 48-hour standard week is accepted (a special approval);
    the default policy refuses its sixth day."""
    six_days = [(f"s-{n}", day(n), 480, 0, WD) for n in range(6)]
    sheet = booked(six_days, NO_WEEKLY_CAP)
    assert Minutes(48 * 60) == sheet.week_standard(MON)
    with pytest.raises(WeeklyHoursExceeded):
        booked(six_days)


def test_no_weekly_cap_still_keeps_the_rest_day_and_daily_caps():
    """Dropping the weekly cap drops only that cap."""
    sheet = booked([(f"s-{n}", day(n), 480, 0, WD) for n in range(6)], NO_WEEKLY_CAP)
    refused(sheet, WeeklyRestDayRequired, "sun", day(6), 60, 0, WD, NO_WEEKLY_CAP)
    refused(sheet, DailyStandardHoursExceeded, "mon", MON, 1, 0, WD, NO_WEEKLY_CAP)


def test_rest_day_rule_can_be_switched_off():
    """A policy without the weekly rest day lets the worker work all seven days."""
    policy = WorkingTimePolicy(weekly_rest_day=False)
    sheet = booked([*SIX_SHORT_DAYS, ("sun", day(6), 60, 0, WD)], policy)
    assert 7 == len(sheet.days)


def test_rest_day_work_is_not_held_to_the_workday_overtime_cap():
    """On a rest day or holiday every minute is overtime, up to the daily total of 11h, and it
    all counts towards the month's overtime."""
    sheet = booked([("sat", day(5), 660, 660, REST), ("hol", day(12), 600, 600, HOLIDAY)])
    assert Minutes(660) == sheet.day_overtime(day(5))
    assert Minutes(1260) == sheet.month_overtime_total(MON)
    assert Minutes(0) == sheet.week_standard(MON)


def test_overtime_of_another_month_does_not_count():
    """The monthly overtime cap is per calendar month: April starts afresh."""
    sheet = booked(MONTH_OF_OVERTIME)
    book(sheet, "april", date(2026, 4, 1), 180, 180)
    assert Minutes(2160) == sheet.month_overtime_total(MON)
    assert Minutes(180) == sheet.month_overtime_total(date(2026, 4, 1))


def test_weeks_are_monday_to_sunday():
    """Sunday 2026-03-29 belongs to the week before the cross-month week; Monday 2026-04-06
    starts a new one."""
    sheet = booked(CROSS_MONTH_WEEK)
    book(sheet, "sun-before", date(2026, 3, 29), 480)
    book(sheet, "mon-after", date(2026, 4, 6), 480)
    assert Minutes(2400) == sheet.week_standard(date(2026, 4, 1))
    assert Minutes(480) == sheet.week_standard(date(2026, 4, 6))


def test_home_hours_count_towards_the_caps():
    """Hours the home firm declares for a day count like any shift."""
    sheet = booked([(home_entry(MON), MON, 360, 0, WD)])
    book(sheet, "shift-1", MON, 120)
    assert Minutes(480) == sheet.day_total(MON)
    refused(sheet, DailyStandardHoursExceeded, "shift-2", MON, 1)


def test_redeclaring_home_hours_replaces_the_earlier_declaration():
    """Declaring a day again replaces it, and the caps are checked without the old hours."""
    sheet = booked([(home_entry(MON), MON, 360, 0, WD), ("shift", MON, 120, 0, WD)])
    book(sheet, home_entry(MON), MON, 360)  # the same again: still 8h, not 14h
    assert Minutes(480) == sheet.day_total(MON)
    book(sheet, home_entry(MON), MON, 240)
    assert Minutes(360) == sheet.day_total(MON)
    refused(sheet, DailyStandardHoursExceeded, home_entry(MON), MON, 361)
    assert Minutes(360) == sheet.day_total(MON)


def test_rebooking_an_entry_on_another_day_moves_its_hours():
    """An entry booked again on another date leaves the first date and is checked on the new
    one without its old hours."""
    sheet = booked([("a", MON, 480, 0, WD)])
    book(sheet, "a", day(1), 480)
    assert Minutes(0) == sheet.day_total(MON)
    assert Minutes(480) == sheet.day_total(day(1))
    assert [day(1).isoformat()] == list(sheet.days)


def test_rebooking_does_not_count_the_old_overtime_twice_in_the_month():
    """Replacing an entry within the month is checked against the month without its old value."""
    sheet = booked(MONTH_OF_OVERTIME)
    book(sheet, "ot-0", MON, 180, 180)  # replaces itself: the month stays at 36h
    assert Minutes(2160) == sheet.month_overtime_total(MON)
    book(sheet, "ot-0", MON, 120, 120)
    book(sheet, "extra", day(14), 60, 60)
    assert Minutes(2160) == sheet.month_overtime_total(MON)


def test_release_frees_the_hours():
    """Released hours count nowhere any more, and no empty day or month is left behind."""
    sheet = booked([("a", MON, 660, 180, WD)])
    refused(sheet, DailyHoursExceeded, "b", MON, 1)
    sheet.release(HOME, "a")
    assert {} == sheet.days
    assert {} == sheet.month_overtime
    assert not sheet.has_entry("a")
    book(sheet, "b", MON, 660, 180)
    assert Minutes(660) == sheet.day_total(MON)


def test_hours_without_overtime_can_be_released_one_after_another():
    """Two bookings without overtime in one month: releasing the first must not forget the
    month, so the second can still be released or replaced (it used to raise KeyError: the
    month's overtime total was dropped when it reached zero while other entries remained)."""
    sheet = booked([("a", MON, 60, 0, WD), ("b", day(1), 60, 0, WD), ("c", day(2), 60, 0, WD)])
    sheet.release(HOME, "a")
    book(sheet, "b", day(1), 120)  # replacing releases first
    sheet.release(HOME, "b")
    sheet.release(HOME, "c")
    assert {} == sheet.entries
    assert {} == sheet.days
    assert {} == sheet.month_overtime


def test_releasing_an_unknown_entry_is_refused_and_records_nothing():
    """NotFound, and the timesheet is unchanged."""
    sheet = booked([("a", MON, 60, 0, WD)])
    before, pending = state(sheet), list(sheet.pending_events)
    with pytest.raises(NotFound):
        sheet.release(HOME, "nope")
    assert before == state(sheet)
    assert pending == list(sheet.pending_events)


def test_timesheets_are_per_home_firm_and_worker():
    """Two home firms that use the same reference never share a timesheet."""
    assert timesheet_id(JIAMEI, W) != timesheet_id(SHUNMEI, W)
    assert timesheet_id(JIAMEI, W) == new_sheet().id


def test_replaying_collected_events_reproduces_the_state():
    """Bookings, replacements and releases rebuilt from the events equal the live timesheet."""
    sheet = new_sheet()
    events = list(sheet.collect_events())
    for step in (
        lambda: book(sheet, home_entry(MON), MON, 300),
        lambda: book(sheet, "s1", MON, 300, 120),
        lambda: book(sheet, home_entry(MON), MON, 200),
        lambda: book(sheet, "s2", day(5), 600, 600, REST),
        lambda: book(sheet, "s1", day(1), 480, 60),
        lambda: sheet.release(HOME, "s2"),
        lambda: book(sheet, "s3", date(2026, 4, 1), 60, 60),
    ):
        step()
        events.extend(sheet.collect_events())
        assert state(sheet) == state(replay(events))


# Property: any sequence of bookings and releases keeps every cap ----------------------------

bookings = st.tuples(
    st.integers(0, 5),  # entry
    st.integers(0, 40),  # day offset: six weeks across March and April
    st.integers(1, 12 * 60),  # minutes
    st.sampled_from([0, 0, 0, 30, 60, 180, 240, 12 * 60]),  # overtime (clipped to the minutes)
    st.sampled_from(DayType),
    st.booleans(),  # release instead of booking
)


@given(
    st.lists(bookings, max_size=40),
    st.sampled_from(
        [LABOUR_LAW, STRICTER, NO_WEEKLY_CAP, WorkingTimePolicy(weekly_rest_day=False)]
    ),
)
def test_no_sequence_of_bookings_breaks_a_cap(steps, policy):
    """Whatever is booked, replaced or released, the booked hours never break a cap of the
    policy, the day totals always equal the sum of the entries, a refused booking changes
    nothing, and the events replay to the live state."""
    sheet = new_sheet()
    events = list(sheet.collect_events())
    for entry_n, offset, minutes, overtime, day_type, release in steps:
        entry = f"e-{entry_n}"
        if release:
            if sheet.has_entry(entry):
                sheet.release(HOME, entry)
                events.extend(sheet.collect_events())
            continue
        overtime = min(overtime, minutes) if day_type is WD else minutes
        before = state(sheet)
        try:
            book(sheet, entry, day(offset), minutes, overtime, day_type, policy)
        except WorkingTimeLimitExceeded:
            assert before == state(sheet)
            assert [] == list(sheet.pending_events)
        events.extend(sheet.collect_events())
        assert [] == cap_violations(sheet.entries, policy)
        assert recomputed_days(sheet.entries) == sheet.days
    assert state(sheet) == state(replay(events))
