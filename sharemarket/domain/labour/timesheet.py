"""WorkerTimesheet: one worker's hours across the home firm and every borrowing firm.

This aggregate is the consistency boundary of the working-time caps. Every shift of a worker,
through any agreement with any borrowing firm, and every day of home hours the home (lending)
firm declares, is booked here; the application saves the timesheet in the same atomic ``save``
as the agreement that records the shift. Two shifts for one worker recorded at the same moment
through two different agreements therefore both write the next version of this one timesheet:
one commits, the other gets an optimistic-concurrency conflict, is decided again against the
updated hours and is refused if it would break a cap. No cap can be exceeded by a race.

A worker is identified by the home firm and the host's opaque reference, so two firms that happen
to use the same reference never share a timesheet. Pending shifts count towards the caps as soon
as they are recorded (a confirmation can then never break one); a withdrawn or reversed shift
releases its hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.labour.errors import (
    DailyHoursExceeded,
    DailyOvertimeExceeded,
    DailyStandardHoursExceeded,
    MonthlyOvertimeExceeded,
    WeeklyHoursExceeded,
    WeeklyRestDayRequired,
)
from sharemarket.domain.labour.policy import DayType, WorkingTimePolicy
from sharemarket.domain.labour.timesheet_window import BookedWindow
from sharemarket.domain.labour.workers import check_worker_ref
from sharemarket.domain.time import check_business_date, week_of

# Indexes into the per-day totals [total, overtime, workday overtime] (plain ints: cheap to apply
# and to snapshot).
_TOTAL, _OVERTIME, _WORKDAY_OT = 0, 1, 2
#: The totals of a day with no hours booked (never changed in place).
_NO_HOURS = (0, 0, 0)


@lru_cache(maxsize=4096)  # asked at every shift of the worker
def timesheet_id(home_firm: FirmId, worker: str) -> UUID:
    return uuid5(SHAREMARKET_NAMESPACE, f"worker:{home_firm.code}:{worker}")


def home_entry(day: date) -> str:
    return f"home:{day.isoformat()}"


class WorkerTimesheet(BookedWindow, Aggregate):
    """Booked minutes of one worker by day, with the totals the caps are checked against.

    The stored timesheet keeps the last three months booked (see ``timesheet_window.py``)."""

    #: Snapshots of version 1 kept every day ever booked; version 2 keeps the window
    #: (``BookedWindow.upcast_v1_v2`` cuts an old one down when it is loaded).
    class_version = 2

    class Event(Aggregate.Event):
        """The base of ``WorkerTimesheet``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Opened(Aggregate.Created, Event):
        home_firm: FirmId
        worker: str
        actor: Actor

    class HoursBooked(Event):
        """Hours booked under ``entry`` (a shift id, or ``home:<date>``), replacing any earlier."""

        entry: str
        work_date: date
        minutes: Minutes
        overtime: Minutes
        day_type: DayType
        actor: Actor

        def apply(self, sheet: WorkerTimesheet) -> None:
            sheet._remove(self.entry)
            workday_ot = self.overtime.value if self.day_type is DayType.WORKDAY else 0
            sheet._add(
                self.entry, self.work_date, self.minutes.value, self.overtime.value, workday_ot
            )

    class HoursReleased(Event):
        entry: str
        actor: Actor

        def apply(self, sheet: WorkerTimesheet) -> None:
            sheet._remove(self.entry)

    def __init__(self, home_firm: FirmId, worker: str, actor: Actor) -> None:
        self.home_firm = home_firm
        self.worker = worker
        # entry -> [iso date, total, overtime, workday overtime]
        self.entries: dict[str, list[int | str]] = {}
        # iso date -> [total, overtime, workday overtime]
        self.days: dict[str, list[int]] = {}
        # "YYYY-MM" -> overtime minutes
        self.month_overtime: dict[str, int] = {}

    @classmethod
    def open(cls, home_firm: FirmId, worker: str, actor: Actor) -> WorkerTimesheet:
        check_worker_ref(worker)
        return cls._create(
            cls.Opened,
            id=timesheet_id(home_firm, worker),
            home_firm=home_firm,
            worker=worker,
            actor=actor,
        )

    # Queries ----------------------------------------------------------------------------------

    def day_total(self, day: date) -> Minutes:
        return Minutes(self._day(day)[_TOTAL])

    def day_overtime(self, day: date) -> Minutes:
        return Minutes(self._day(day)[_OVERTIME])

    def month_overtime_total(self, day: date) -> Minutes:
        return Minutes(self.month_overtime.get(_month(day), 0))

    def week_standard(self, day: date) -> Minutes:
        return Minutes(sum(_standard(self.days.get(d, _NO_HOURS)) for d in _week_keys(day)))

    def has_entry(self, entry: str) -> bool:
        return entry in self.entries

    # Commands ---------------------------------------------------------------------------------

    def book(
        self,
        actor: Actor,
        *,
        entry: str,
        work_date: date,
        minutes: Minutes,
        overtime: Minutes,
        day_type: DayType,
        policy: WorkingTimePolicy,
    ) -> None:
        """Book hours if every cap of ``policy`` still holds; otherwise raise and record nothing."""
        check_business_date(work_date, "work_date")
        self._require_window(work_date)
        self.check_caps(
            entry=entry,
            work_date=work_date,
            minutes=minutes,
            overtime=overtime,
            day_type=day_type,
            policy=policy,
        )
        self.trigger_event(
            self.HoursBooked,
            entry=entry,
            work_date=work_date,
            minutes=minutes,
            overtime=overtime,
            day_type=day_type,
            actor=actor,
        )

    def release(self, actor: Actor, entry: str, work_date: date | None = None) -> None:
        """Release the hours booked under ``entry`` (worked on ``work_date``, when known: a
        date outside the stored window is released on the history)."""
        if work_date is not None:
            self._require_window(work_date)
        if entry not in self.entries:
            raise NotFound(f"worker {self.worker} has no hours booked under {entry}")
        self.trigger_event(self.HoursReleased, entry=entry, actor=actor)

    def check_caps(
        self,
        *,
        entry: str,
        work_date: date,
        minutes: Minutes,
        overtime: Minutes,
        day_type: DayType,
        policy: WorkingTimePolicy,
    ) -> None:
        # The caps read the days' totals by ISO date (the keys of ``days``), the week's seven
        # keys worked out once per date (``_week_keys``), and nothing is copied but the one day
        # the entry was booked on, if it is booked again.
        key = work_date.isoformat()
        old = self.entries.get(entry)
        old_key = None if old is None else str(old[0])
        days = self.days

        def without_old(day: str) -> Sequence[int]:
            """The day's totals as if ``entry`` were not booked (read only: not a copy)."""
            totals = days.get(day, _NO_HOURS)
            if day != old_key or old is None:
                return totals
            return [totals[i] - int(old[i + 1]) for i in range(3)]

        workday_ot = overtime.value if day_type is DayType.WORKDAY else 0
        today = without_old(key)
        total = today[_TOTAL] + minutes.value
        standard = today[_TOTAL] - today[_OVERTIME] + minutes.value - overtime.value
        day_workday_ot = today[_WORKDAY_OT] + workday_ot
        w, d = self.worker, work_date

        if total > policy.daily_max.value:
            raise DailyHoursExceeded(
                f"worker {w} would work {Minutes(total)} on {d}; the daily limit is "
                f"{policy.daily_max} ({policy.daily_standard} + {policy.daily_overtime_max} "
                "overtime)",
                rule="daily_hours",
                worker=w,
                day=d,
                would_be=total,
                limit=policy.daily_max.value,
            )
        if standard > policy.daily_standard.value:
            raise DailyStandardHoursExceeded(
                f"worker {w} would work {Minutes(standard)} of standard hours on {d}; the "
                f"standard day is {policy.daily_standard}: record the excess as overtime",
                rule="daily_standard_hours",
                worker=w,
                day=d,
                would_be=standard,
                limit=policy.daily_standard.value,
            )
        if day_workday_ot > policy.daily_overtime_max.value:
            raise DailyOvertimeExceeded(
                f"worker {w} would work {Minutes(day_workday_ot)} of overtime on workday {d}; "
                f"the daily overtime limit is {policy.daily_overtime_max}",
                rule="daily_overtime",
                worker=w,
                day=d,
                would_be=day_workday_ot,
                limit=policy.daily_overtime_max.value,
            )
        month = key[:7]
        month_ot = self.month_overtime.get(month, 0) + overtime.value
        if old is not None and old_key is not None and old_key[:7] == month:
            month_ot -= int(old[2])
        if month_ot > policy.monthly_overtime_max.value:
            raise MonthlyOvertimeExceeded(
                f"worker {w} would work {Minutes(month_ot)} of overtime in {month} with the "
                f"shift on {d}; the monthly overtime limit is {policy.monthly_overtime_max}",
                rule="monthly_overtime",
                worker=w,
                day=d,
                would_be=month_ot,
                limit=policy.monthly_overtime_max.value,
            )
        week = _week_keys(d)
        # The other days of the week, each looked up once for both weekly rules.
        others = [without_old(x) for x in week if x != key]
        if policy.weekly_standard_max is not None:
            week_standard = standard
            for totals in others:
                week_standard += totals[_TOTAL] - totals[_OVERTIME]
            if week_standard > policy.weekly_standard_max.value:
                raise WeeklyHoursExceeded(
                    f"worker {w} would work {Minutes(week_standard)} of standard hours in the "
                    f"week {week[0]} to {week[-1]} with the shift on {d}; the weekly limit is "
                    f"{policy.weekly_standard_max}",
                    rule="weekly_hours",
                    worker=w,
                    day=d,
                    would_be=week_standard,
                    limit=policy.weekly_standard_max.value,
                )
        if policy.weekly_rest_day and total > 0:
            worked = sum(1 for totals in others if totals[_TOTAL] > 0) + 1
            if worked == len(week):
                raise WeeklyRestDayRequired(
                    f"worker {w} would work every day of the week {week[0]} to {week[-1]} with "
                    f"the shift on {d}; at least one rest day a week is required",
                    rule="weekly_rest_day",
                    worker=w,
                    day=d,
                    would_be=worked,
                    limit=6,
                )

    # State changes (run again on every replay) ------------------------------------------------

    def _day(self, day: date) -> Sequence[int]:
        return self.days.get(day.isoformat(), _NO_HOURS)

    def _add(self, entry: str, day: date, total: int, overtime: int, workday_ot: int) -> None:
        self.move_window(day)
        if not self.keeps(day):  # decided on the history; too old for the window
            return
        key = day.isoformat()
        self.entries[entry] = [key, total, overtime, workday_ot]
        totals = self.days.setdefault(key, [0, 0, 0])
        totals[_TOTAL] += total
        totals[_OVERTIME] += overtime
        totals[_WORKDAY_OT] += workday_ot
        if overtime and self.keeps_month(key[:7]):
            # A month appears only while it holds overtime (see _remove), and only while the
            # window keeps it (a day of the straddling week may lie in the month before).
            month = key[:7]
            self.month_overtime[month] = self.month_overtime.get(month, 0) + overtime

    def _remove(self, entry: str) -> None:
        old = self.entries.pop(entry, None)
        if old is None:
            return
        key = str(old[0])
        totals = self.days[key]
        for i in range(3):
            totals[i] -= int(old[i + 1])
        if totals == [0, 0, 0]:
            del self.days[key]
        month = key[:7]
        if not self.keeps_month(month):  # the straddling week's days of a month dropped
            return
        left = self.month_overtime.get(month, 0) - int(old[2])
        if left:
            self.month_overtime[month] = left
        else:
            # Other entries of the month may remain: they have no overtime, nothing to keep.
            self.month_overtime.pop(month, None)


def _standard(totals: Sequence[int]) -> int:
    return totals[_TOTAL] - totals[_OVERTIME]


def _month(day: date) -> str:
    return day.isoformat()[:7]


@lru_cache(maxsize=1024)  # asked at every booking: nearly three years of dates
def _week_keys(day: date) -> tuple[str, ...]:
    """The ISO dates of the week (Monday to Sunday) holding ``day``: the keys of ``days``."""
    monday, _ = week_of(day)
    return tuple((monday + timedelta(days=i)).isoformat() for i in range(7))
