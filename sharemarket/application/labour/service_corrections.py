"""``market.labour``, its corrections: a shift re-recorded, reversed or corrected."""

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


class LabourCorrections(Service):
    """Shifts put right: replaced while open, reversed or corrected once confirmed."""

    # Corrections ------------------------------------------------------------------------------

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
        day_type: DayType | str | None = None,
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
        return run_on_calendar(
            self._run,
            lambda fresh: c.RerecordShift(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                shift=shift,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=default_day_type(self._loader, day_type, work_date, fresh=fresh),
                calendar_day=from_calendar(day_type),
            ),
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
        day_type: DayType | str | None = None,
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
        return run_on_calendar(
            self._run,
            lambda fresh: c.CorrectShift(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                shift=shift,
                reason=reason,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=default_day_type(self._loader, day_type, work_date, fresh=fresh),
                calendar_day=from_calendar(day_type),
            ),
        )
