"""``market.labour``: workers lent for hours between member firms (共享用工)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.inputs import as_firm_id, as_minutes, as_opaque_id, as_uuid
from sharemarket.application.labour import access
from sharemarket.application.labour import commands as c
from sharemarket.application.park import calendar as park_calendar
from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import AgreementStatement, LabourAgreement
from sharemarket.domain.labour.policy import DayType, WorkingTimePolicy, day_type_on
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
        """The actor's firm proposes to borrow ``workers`` from ``lender``; returns its id."""
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
        """The lending firm accepts: shifts may be recorded from now on."""
        self._run(c.AcceptAgreement(actor=actor, request_id=request_id, agreement=agreement))

    def decline_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        self._run(
            c.DeclineAgreement(
                actor=actor, request_id=request_id, agreement=agreement, reason=reason
            )
        )

    def withdraw_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """Either firm calls the agreement off before its first shift."""
        self._run(
            c.WithdrawAgreement(
                actor=actor, request_id=request_id, agreement=agreement, reason=reason
            )
        )

    def close_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """Either firm ends the agreement: no new shifts; recorded ones remain and settle."""
        self._run(
            c.CloseAgreement(actor=actor, request_id=request_id, agreement=agreement, reason=reason)
        )

    def add_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        self._run(
            c.AddWorkers(actor=actor, request_id=request_id, agreement=agreement, workers=workers)
        )

    def remove_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
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
        day_type: DayType | str | None = None,
    ) -> UUID:
        """The borrowing firm records a shift; it counts once the lending firm confirms it.

        The worker's hours are booked on their timesheet in the same atomic save, and the
        working-time caps are checked across every agreement and the home firm's own hours.
        """
        terms = c.ShiftTerms.of(
            worker=worker,
            work_date=work_date,
            minutes=minutes,
            overtime=overtime,
            day_type=self._day_type(day_type, work_date),
        )
        return self._run(
            c.RecordShift(actor=actor, request_id=request_id, agreement=agreement, shift=terms)
        )

    def confirm_shift(self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID) -> None:
        self._run(
            c.ConfirmShift(actor=actor, request_id=request_id, agreement=agreement, shift=shift)
        )

    def dispute_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID, reason: str
    ) -> None:
        self._run(
            c.DisputeShift(
                actor=actor, request_id=request_id, agreement=agreement, shift=shift, reason=reason
            )
        )

    def withdraw_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID
    ) -> None:
        """The borrowing firm takes back a pending or disputed shift; its hours are released."""
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
        day_type: DayType | str | None = None,
    ) -> UUID:
        """Replace a disputed (or pending) shift by a new one for the same worker, atomically."""
        return self._run(
            c.RerecordShift(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                shift=shift,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=self._day_type(day_type, work_date),
            )
        )

    def reverse_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID, reason: str
    ) -> None:
        """Cancel a confirmed, unsettled shift by a reversing entry; its hours are released."""
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

        Both stay in the history; the new shift counts once the lending firm confirms it.
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
                day_type=self._day_type(day_type, work_date),
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
        day_type: DayType | str | None = None,
    ) -> None:
        """The home (lending) firm declares a worker's own hours at home for a day.

        They count towards the worker's caps like any shift. Declaring a day again replaces the
        earlier declaration; zero minutes clears it.
        """
        self._run(
            c.DeclareHomeHours(
                actor=actor,
                request_id=request_id,
                worker=worker,
                work_date=work_date,
                minutes=minutes,
                overtime=overtime,
                day_type=self._day_type(day_type, work_date, minutes),
            )
        )

    def _day_type(
        self, day_type: DayType | str | None, work_date: date, minutes: MinutesIn | None = None
    ) -> DayType | str:
        """The caller's day type as given (it stands, even against the calendar); when none is
        given, the park's kind of the work date: China's calendar with the park's overrides.
        Clearing a day's home hours (zero minutes) takes no day type: it stays a workday, as
        it was recorded before the calendar was read."""
        if day_type is not None:
            return day_type
        if minutes is not None and as_minutes(minutes, "minutes").value == 0:
            return DayType.WORKDAY
        day = check_business_date(work_date, "work_date")
        year = park_calendar.calendar_year(self._loader, day.year)
        return day_type_on(year, day, park_calendar.china_day(day))

    # Settlement and payment -------------------------------------------------------------------

    def issue_settlement(
        self, actor: Actor, *, request_id: str, agreement: UUID, first_day: date, last_day: date
    ) -> UUID:
        """The lending firm bills the confirmed, unsettled shifts of a date range."""
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
        """The borrowing firm records a payment against a settlement (never more than owed)."""
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

    def agreement(self, agreement: UUID) -> LabourAgreement:
        """The agreement aggregate, for reading (changes to it are never saved)."""
        return access.agreement(self._loader, as_uuid(agreement, "agreement"))

    def statement(self, agreement: UUID) -> AgreementStatement:
        """Minutes by worker and date (confirmed, pending), amounts settled, paid and owed."""
        return self.agreement(agreement).statement()

    def settlement(self, agreement: UUID, settlement: UUID) -> Settlement:
        return self.agreement(agreement).settlement(as_uuid(settlement, "settlement"))

    def timesheet(self, home_firm: FirmId | str, worker: str) -> WorkerTimesheet | None:
        """A worker's booked hours across every firm (None if nothing was ever booked)."""
        firm = as_firm_id(home_firm, "home_firm")
        ref = as_opaque_id(worker, "worker", WORKER_REF_MAX)
        return self._loader.find(WorkerTimesheet, timesheet_id(firm, ref))
