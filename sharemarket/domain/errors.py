"""The one error hierarchy of sharemarket: each error has a stable ``code`` and a useful message."""

from __future__ import annotations

from typing import ClassVar


class ShareMarketError(Exception):
    """Root of every error the public API raises.

    ``code`` is stable: host programs switch on it. The message says what is wrong and how to
    fix it.
    """

    code: ClassVar[str] = "sharemarket_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(ShareMarketError, ValueError):
    """A value given to the library is malformed (a bad firm code, a negative amount...)."""

    code = "invalid_input"


class RuleViolation(ShareMarketError):
    """A well-formed command would break a rule of the park or of the law (one subclass a rule)."""

    code = "rule_violation"


class NotFound(ShareMarketError, LookupError):
    """The command refers to something the market has never recorded."""

    code = "not_found"


class PermissionDenied(ShareMarketError):
    """The actor may not take this step."""

    code = "permission_denied"


class Conflict(ShareMarketError):
    """The command conflicts with what is already recorded."""

    code = "conflict"


class RequestIdReused(Conflict):
    """A request id was used before for a different command or different arguments."""

    code = "request_id_reused"


class ConcurrentUpdate(Conflict):
    """Other writers kept changing the same records; the command was retried and gave up."""

    code = "concurrent_update"


class StoreError(ShareMarketError):
    """The event store failed (database unreachable, disk full, misconfigured)."""

    code = "store_error"


# Membership rules -----------------------------------------------------------------------------


class FirmAlreadyAdmitted(Conflict):
    """A firm with this unified social credit code is already a member (or was one)."""

    code = "firm_already_admitted"


class ParkAlreadyEstablished(Conflict):
    """The market already has a park; a market holds exactly one."""

    code = "park_already_established"


class FirmNotActive(RuleViolation):
    """A suspended firm, or one that left, can do nothing new."""

    code = "firm_not_active"


class LastAdministrator(RuleViolation):
    """The park must keep at least one administrator."""

    code = "last_administrator"


class LastRepresentative(RuleViolation):
    """A member firm must keep at least one representative."""

    code = "last_representative"


class InvalidTransition(RuleViolation):
    """The step does not apply in the current state (reinstating an active firm, ...)."""

    code = "invalid_transition"


# Labour-sharing rules (共享用工) --------------------------------------------------------------


class PersonalDataRefused(InvalidInput):
    """A worker reference looks like personal data (an ID number, a phone number, a name).

    The event log is immutable and PIPL gives people a right to deletion, so workers are named
    only by an opaque reference the host software chooses.
    """

    code = "personal_data_refused"


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
    code = "daily_hours_limit"


class DailyStandardHoursExceeded(WorkingTimeLimitExceeded):
    code = "daily_standard_hours_limit"


class DailyOvertimeExceeded(WorkingTimeLimitExceeded):
    code = "daily_overtime_limit"


class MonthlyOvertimeExceeded(WorkingTimeLimitExceeded):
    code = "monthly_overtime_limit"


class WeeklyHoursExceeded(WorkingTimeLimitExceeded):
    code = "weekly_hours_limit"


class WeeklyRestDayRequired(WorkingTimeLimitExceeded):
    code = "weekly_rest_day"
