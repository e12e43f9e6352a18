"""``market.labour``: workers lent for hours between member firms (共享用工)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_opaque_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.labour import access
from sharemarket.application.labour import commands as c
from sharemarket.application.labour.shared_hours import SharedHours, shared_hours
from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import AgreementStatement, LabourAgreement
from sharemarket.domain.labour.policy import DayType, WorkingTimePolicy
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.timesheet import WorkerTimesheet, timesheet_id
from sharemarket.domain.labour.workers import WORKER_REF_MAX
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

MinutesIn = Minutes | int
MoneyIn = Money | Decimal | str | int


class LabourService(Service):
    """Workers lent for hours between member firms, within the caps of the working-time policy."""

    # Policy -----------------------------------------------------------------------------------

    def working_time_policy(self) -> WorkingTimePolicy:
        """The park's working-time policy (the Labour Law until an administrator sets one)."""
        return access.policy(self._loader)

    def set_working_time_policy(
        self, actor: Actor, *, request_id: str, policy: WorkingTimePolicy
    ) -> None:
        """An administrator sets the caps on a worker's hours and the overtime multipliers.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        self._run(c.SetWorkingTimePolicy(actor=actor, request_id=request_id, policy=policy))

    # Agreements -------------------------------------------------------------------------------

    def propose_agreement(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        work: str,
        rate_per_hour: MoneyIn,
        first_day: date,
        last_day: date,
        workers: Iterable[str],
        minutes_cap: MinutesIn | None = None,
    ) -> UUID:
        """The actor's firm proposes to borrow ``workers`` from ``lender``; returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the lender (or the actor's firm) is not a
                member.
            FirmNotActive: The borrowing or the lending firm is suspended or left.
            SelfBorrowing: The lender is the actor's own firm.
        """
        return self._run(
            c.ProposeAgreement(
                actor=actor,
                request_id=request_id,
                lender=lender,
                work=work,
                rate_per_hour=rate_per_hour,
                first_day=first_day,
                last_day=last_day,
                workers=workers,
                minutes_cap=minutes_cap,
            )
        )

    def accept_agreement(self, actor: Actor, *, request_id: str, agreement: UUID) -> None:
        """The lending firm accepts: shifts may be recorded from now on.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            FirmNotActive: The lending or the borrowing firm is suspended or left.
            AgreementNotActive: The agreement is not a proposal (accepted, declined, withdrawn).
        """
        self._run(c.AcceptAgreement(actor=actor, request_id=request_id, agreement=agreement))

    def decline_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """The lending firm turns a proposed agreement down, giving a reason.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement is not a proposal (accepted, declined, withdrawn).
        """
        self._run(
            c.DeclineAgreement(
                actor=actor, request_id=request_id, agreement=agreement, reason=reason
            )
        )

    def withdraw_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """Either firm calls the agreement off before its first shift.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of either firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            InvalidTransition: The agreement is declined, withdrawn or closed, or has shifts.
        """
        self._run(
            c.WithdrawAgreement(
                actor=actor, request_id=request_id, agreement=agreement, reason=reason
            )
        )

    def close_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """Either firm ends the agreement: no new shifts; recorded ones remain and settle.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of either firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement is not active (not accepted yet, or already ended).
        """
        self._run(
            c.CloseAgreement(actor=actor, request_id=request_id, agreement=agreement, reason=reason)
        )

    def add_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        """The lending firm lends more workers under an active agreement.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            FirmNotActive: The lending or the borrowing firm is suspended or left.
            AgreementNotActive: The agreement is not active.
        """
        self._run(
            c.AddWorkers(actor=actor, request_id=request_id, agreement=agreement, workers=workers)
        )

    def remove_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        """The lending firm takes workers off an active agreement; recorded shifts remain.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement is not active.
            WorkerNotOnAgreement: A worker named is not on the agreement.
        """
        self._run(
            c.RemoveWorkers(
                actor=actor, request_id=request_id, agreement=agreement, workers=workers
            )
        )

    # Shifts -----------------------------------------------------------------------------------

    def record_shift(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        worker: str,
        work_date: date,
        minutes: MinutesIn,
        overtime: MinutesIn | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> UUID:
        """The borrowing firm records a shift; it counts once the lending firm confirms it.

        The worker's hours are booked on their timesheet in the same atomic save, and the
        working-time caps are checked across every agreement and the home firm's own hours.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the borrowing firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            FirmNotActive: The borrowing or the lending firm is suspended or left.
            AgreementNotActive: The agreement is not active (not accepted yet, or closed).
            WorkerNotOnAgreement: The worker is not lent under the agreement.
            ShiftOutsidePeriod: The work date lies outside the agreement's period.
            AgreementMinutesCapExceeded: The shift would take the agreement past its minutes cap.
            DailyHoursExceeded: The worker's minutes that day, across every firm, would pass the
                standard day plus overtime.
            DailyStandardHoursExceeded: The standard (not overtime) minutes would pass the
                standard day.
            DailyOvertimeExceeded: Overtime on a workday would pass the daily cap.
            MonthlyOvertimeExceeded: The worker's overtime in the month would pass the cap.
            WeeklyHoursExceeded: The worker's standard hours in the week would pass the cap.
            WeeklyRestDayRequired: The worker would work every day of the week.
        """
        terms = c.ShiftTerms.of(
            worker=worker,
            work_date=work_date,
            minutes=minutes,
            overtime=overtime,
            day_type=day_type,
        )
        return self._run(
            c.RecordShift(actor=actor, request_id=request_id, agreement=agreement, shift=terms)
        )

    def confirm_shift(self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID) -> None:
        """The lending firm confirms a shift the borrower recorded; only confirmed shifts settle.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or the shift does not exist.
            InvalidTransition: The shift is not pending.
        """
        self._run(
            c.ConfirmShift(actor=actor, request_id=request_id, agreement=agreement, shift=shift)
        )

    def dispute_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID, reason: str
    ) -> None:
        """The lending firm disputes a pending shift, giving a reason; it is not settled.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or the shift does not exist.
            InvalidTransition: The shift is not pending.
        """
        self._run(
            c.DisputeShift(
                actor=actor, request_id=request_id, agreement=agreement, shift=shift, reason=reason
            )
        )

    def withdraw_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID
    ) -> None:
        """The borrowing firm takes back a pending or disputed shift; its hours are released.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the borrowing firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or the shift does not exist.
            InvalidTransition: The shift is neither pending nor disputed (a confirmed one is
                reversed).
        """
        self._run(
            c.WithdrawShift(actor=actor, request_id=request_id, agreement=agreement, shift=shift)
        )

    def rerecord_shift(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        shift: UUID,
        work_date: date,
        minutes: MinutesIn,
        overtime: MinutesIn | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> UUID:
        """Replace a disputed (or pending) shift by a new one for the same worker, atomically.

        The new shift is checked as :meth:`record_shift` checks one, the old one's hours released.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the borrowing firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or the shift does not exist.
            InvalidTransition: The old shift is neither pending nor disputed.
            FirmNotActive: The borrowing or the lending firm is suspended or left.
            AgreementNotActive: The agreement is not active (not accepted yet, or closed).
            WorkerNotOnAgreement: The worker is not lent under the agreement.
            ShiftOutsidePeriod: The work date lies outside the agreement's period.
            AgreementMinutesCapExceeded: The shift would take the agreement past its minutes cap.
            DailyHoursExceeded: The worker's minutes that day, across every firm, would pass the
                standard day plus overtime.
            DailyStandardHoursExceeded: The standard (not overtime) minutes would pass the
                standard day.
            DailyOvertimeExceeded: Overtime on a workday would pass the daily cap.
            MonthlyOvertimeExceeded: The worker's overtime in the month would pass the cap.
            WeeklyHoursExceeded: The worker's standard hours in the week would pass the cap.
            WeeklyRestDayRequired: The worker would work every day of the week.
        """
        return self._run(
            c.RerecordShift(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                shift=shift,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=day_type,
            )
        )

    def reverse_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID, reason: str
    ) -> None:
        """Cancel a confirmed, unsettled shift by a reversing entry; its hours are released.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of either firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or the shift does not exist.
            ShiftAlreadySettled: The shift was settled.
            InvalidTransition: The shift is not confirmed.
        """
        self._run(
            c.ReverseShift(
                actor=actor, request_id=request_id, agreement=agreement, shift=shift, reason=reason
            )
        )

    def correct_shift(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        shift: UUID,
        reason: str,
        work_date: date,
        minutes: MinutesIn,
        overtime: MinutesIn | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> UUID:
        """The borrowing firm corrects a confirmed shift: a reversing entry plus a new shift.

        Both stay in the history; the new shift counts once the lending firm confirms it. It is
        checked as :meth:`record_shift` checks one, the old one's hours released.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the borrowing firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or the shift does not exist.
            ShiftAlreadySettled: The old shift was settled.
            InvalidTransition: The old shift is not confirmed.
            FirmNotActive: The borrowing or the lending firm is suspended or left.
            AgreementNotActive: The agreement is not active (not accepted yet, or closed).
            WorkerNotOnAgreement: The worker is not lent under the agreement.
            ShiftOutsidePeriod: The work date lies outside the agreement's period.
            AgreementMinutesCapExceeded: The shift would take the agreement past its minutes cap.
            DailyHoursExceeded: The worker's minutes that day, across every firm, would pass the
                standard day plus overtime.
            DailyStandardHoursExceeded: The standard (not overtime) minutes would pass the
                standard day.
            DailyOvertimeExceeded: Overtime on a workday would pass the daily cap.
            MonthlyOvertimeExceeded: The worker's overtime in the month would pass the cap.
            WeeklyHoursExceeded: The worker's standard hours in the week would pass the cap.
            WeeklyRestDayRequired: The worker would work every day of the week.
        """
        return self._run(
            c.CorrectShift(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                shift=shift,
                reason=reason,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=day_type,
            )
        )

    def declare_home_hours(
        self,
        actor: Actor,
        *,
        request_id: str,
        worker: str,
        work_date: date,
        minutes: MinutesIn,
        overtime: MinutesIn | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> None:
        """The home (lending) firm declares a worker's own hours at home for a day.

        They count towards the worker's caps like any shift. Declaring a day again replaces the
        earlier declaration; zero minutes clears it.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the actor's firm is not a member, or zero
                minutes clear a day that holds no declaration.
            FirmNotActive: The home firm is suspended or left.
            DailyHoursExceeded: The worker's minutes that day, across every firm, would pass the
                standard day plus overtime.
            DailyStandardHoursExceeded: The standard (not overtime) minutes would pass the
                standard day.
            DailyOvertimeExceeded: Overtime on a workday would pass the daily cap.
            MonthlyOvertimeExceeded: The worker's overtime in the month would pass the cap.
            WeeklyHoursExceeded: The worker's standard hours in the week would pass the cap.
            WeeklyRestDayRequired: The worker would work every day of the week.
        """
        self._run(
            c.DeclareHomeHours(
                actor=actor,
                request_id=request_id,
                worker=worker,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=day_type,
            )
        )

    # Settlement and payment -------------------------------------------------------------------

    def issue_settlement(
        self, actor: Actor, *, request_id: str, agreement: UUID, first_day: date, last_day: date
    ) -> UUID:
        """The lending firm bills the confirmed, unsettled shifts of a date range.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement was never accepted (proposed, declined, withdrawn).
            NothingToSettle: No confirmed, unsettled shift lies in the date range.
        """
        return self._run(
            c.IssueSettlement(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                first_day=first_day,
                last_day=last_day,
            )
        )

    def record_payment(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        settlement: UUID,
        amount: MoneyIn,
    ) -> UUID:
        """The borrowing firm records a payment against a settlement (never more than owed).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the borrowing firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or settlement does not exist.
            Overpayment: The payment is more than is still owed on the settlement.
        """
        return self._run(
            c.RecordPayment(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                settlement=settlement,
                amount=amount,
            )
        )

    # Queries ----------------------------------------------------------------------------------

    def agreements(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every agreement proposed, oldest first; with ``firm``, those it lends
        or borrows under. Read from the log (a list for people and tools).

        Raises:
            InvalidInput: The credit code is malformed.
        """
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (LabourAgreement.Proposed,),
            None if code is None else lambda e: code in (e.lender, e.borrower),
        )

    def agreement(self, agreement: UUID) -> LabourAgreement:
        """The agreement aggregate, for reading (changes to it are never saved).

        Raises:
            NotFound: The agreement does not exist.
        """
        return access.agreement(self._loader, as_uuid(agreement, "agreement"))

    def statement(self, agreement: UUID) -> AgreementStatement:
        """Minutes by worker and date (confirmed, pending), amounts settled, paid and owed.

        Raises:
            NotFound: The agreement does not exist.
        """
        return self.agreement(agreement).statement()

    def settlement(self, agreement: UUID, settlement: UUID) -> Settlement:
        """One settlement of the agreement: its date range, shifts, minutes and amount.

        Raises:
            NotFound: The agreement, or the settlement under it, does not exist.
        """
        return self.agreement(agreement).settlement(as_uuid(settlement, "settlement"))

    def timesheet(self, home_firm: FirmId | str, worker: str) -> WorkerTimesheet | None:
        """A worker's booked hours across every firm (None if nothing was ever booked).

        Raises:
            InvalidInput: The home firm's credit code or the worker reference is malformed.
        """
        firm = as_firm_id(home_firm, "home_firm")
        ref = as_opaque_id(worker, "worker", WORKER_REF_MAX)
        return self._loader.find(WorkerTimesheet, timesheet_id(firm, ref))

    def shared_hours(self, first_day: date, last_day: date) -> tuple[SharedHours, ...]:
        """Confirmed minutes (less reversed ones) worked from ``first_day`` to ``last_day``
        (work dates, both counted), by calendar week and (lender, borrower): read from the
        market's whole history, a report rather than a command path.

        Raises:
            InvalidInput: A date is outside the range the market records, or ``last_day`` is
                before ``first_day``.
        """
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(f"the period ends on {last_day}, before it starts on {first_day}")
        return shared_hours(EventLog(self._loader.app), first_day, last_day)
