"""``market.labour``, its shifts: recorded, confirmed or disputed; and a worker's home hours."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.labour import commands as c
from sharemarket.application.labour.inputs import (
    MinutesIn,
    default_day_type,
    from_calendar,
    run_on_calendar,
)
from sharemarket.domain.actor import Actor
from sharemarket.domain.labour.policy import DayType


class LabourShifts(Service):
    """Shifts worked under an agreement, and the hours a worker works at home."""

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
        day_type: DayType | str | None = None,
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

        def build(fresh: bool) -> c.RecordShift:
            terms = c.ShiftTerms.of(
                worker=worker,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=default_day_type(self._loader, day_type, work_date, fresh=fresh),
            )
            return c.RecordShift(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                shift=terms,
                calendar_day=from_calendar(day_type),
            )

        return run_on_calendar(self._run, build)

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

    # Home hours -------------------------------------------------------------------------------

    def declare_home_hours(
        self,
        actor: Actor,
        *,
        request_id: str,
        worker: str,
        work_date: date,
        minutes: MinutesIn,
        overtime: MinutesIn | None = None,
        day_type: DayType | str | None = None,
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
        run_on_calendar(
            self._run,
            lambda fresh: c.DeclareHomeHours(
                actor=actor,
                request_id=request_id,
                worker=worker,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=default_day_type(self._loader, day_type, work_date, minutes, fresh=fresh),
                calendar_day=from_calendar(day_type, minutes),
            ),
        )
