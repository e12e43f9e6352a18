"""The labour slice's errors (共享用工): agreement rules and the working-time caps."""

from __future__ import annotations

from sharemarket.domain.errors import RuleViolation


class SelfBorrowing(RuleViolation):
    """A firm cannot borrow workers from itself."""

    code = "self_borrowing"


class AgreementNotActive(RuleViolation):
    """The agreement is not accepted, or was declined, withdrawn or closed."""

    code = "agreement_not_active"


class ShiftOutsidePeriod(RuleViolation):
    """The work date lies outside the agreement's period."""

    code = "shift_outside_period"


class WorkerNotOnAgreement(RuleViolation):
    """The worker is not (or no longer) lent under this agreement."""

    code = "worker_not_on_agreement"


class AgreementMinutesCapExceeded(RuleViolation):
    """The shift would take the agreement past its cap on total minutes."""

    code = "agreement_minutes_cap"


class ShiftAlreadySettled(RuleViolation):
    """A settled shift cannot be settled again or reversed."""

    code = "shift_already_settled"


class NothingToSettle(RuleViolation):
    """No confirmed, unsettled shift lies in the settlement's date range."""

    code = "nothing_to_settle"


class Overpayment(RuleViolation):
    """A payment larger than what is still owed on the settlement."""

    code = "overpayment"


class WorkingTimeLimitExceeded(RuleViolation):
    """A labour-law working-time cap for one worker would be broken (劳动法 Art. 36, 38, 41).

    ``rule`` names the cap, ``worker`` and ``day`` say where, ``would_be`` and ``limit`` the numbers
    in minutes.
    """

    code = "working_time_limit"

    def __init__(
        self, message: str, *, rule: str, worker: str, day: object, would_be: int, limit: int
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.worker = worker
        self.day = day
        self.would_be = would_be
        self.limit = limit


class DailyHoursExceeded(WorkingTimeLimitExceeded):
    """A worker's minutes on a day, across every firm, would pass the standard day plus overtime."""

    code = "daily_hours_limit"


class DailyStandardHoursExceeded(WorkingTimeLimitExceeded):
    """A shift's standard minutes would pass the standard day: record the excess as overtime."""

    code = "daily_standard_hours_limit"


class DailyOvertimeExceeded(WorkingTimeLimitExceeded):
    """Overtime extending a workday would pass the daily cap (3h by default, 劳动法 Art. 41)."""

    code = "daily_overtime_limit"


class MonthlyOvertimeExceeded(WorkingTimeLimitExceeded):
    """A worker's overtime in a calendar month would pass the cap (36h by default, Art. 41)."""

    code = "monthly_overtime_limit"


class WeeklyHoursExceeded(WorkingTimeLimitExceeded):
    """A worker's standard hours in a week (Monday-Sunday) would pass the cap (40h by default)."""

    code = "weekly_hours_limit"


class WeeklyRestDayRequired(WorkingTimeLimitExceeded):
    """A worker would work every day of a week (Monday-Sunday): a rest day is due (Art. 38)."""

    code = "weekly_rest_day"
