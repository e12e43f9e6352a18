"""Labour-sharing commands and queries (共享用工): agreements, shifts, home hours, settlements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from sharemarket.application.commands import MarketApplication, R
from sharemarket.application.membership import as_firm_id
from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import AgreementStatement, LabourAgreement
from sharemarket.domain.labour.policy import (
    LABOUR_LAW,
    LABOUR_RULES_ID,
    DayType,
    LabourRules,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.shift import Shift
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry, timesheet_id
from sharemarket.domain.labour.workers import check_worker_ref, check_worker_refs
from sharemarket.domain.money import Money
from sharemarket.domain.park import SHAREMARKET_NAMESPACE, Park


def derived_id(kind: str, request_id: str) -> UUID:
    """The id of what a command creates, derived from its request id (stable across retries)."""
    return uuid5(SHAREMARKET_NAMESPACE, f"{kind}:{request_id}")


def as_minutes(value: Minutes | int, what: str = "minutes") -> Minutes:
    if isinstance(value, Minutes):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is Minutes or an int of minutes, not {type(value).__name__}")
    return Minutes(value)


def _optional_minutes(value: Minutes | int | None) -> Minutes | None:
    return None if value is None else as_minutes(value, "overtime")


def as_money(value: Money | Decimal | str | int) -> Money:
    return value if isinstance(value, Money) else Money.of(value)


def as_day_type(value: DayType | str) -> DayType:
    if isinstance(value, DayType):
        return value
    try:
        return DayType(value)
    except ValueError:
        raise InvalidInput(
            f"day type {value!r} is not one of {', '.join(t.value for t in DayType)}"
        ) from None


class LabourService(MarketApplication):
    """Workers lent for hours between member firms, within the caps of the working-time policy."""

    # Policy -----------------------------------------------------------------------------------

    def working_time_policy(self) -> WorkingTimePolicy:
        """The park's working-time policy (the Labour Law until an administrator sets one)."""
        rules = self._find_read_only(LabourRules, LABOUR_RULES_ID)
        return LABOUR_LAW if rules is None else rules.policy

    def set_working_time_policy(
        self, actor: Actor, *, request_id: str, policy: WorkingTimePolicy
    ) -> None:
        def decide() -> tuple[list[LabourRules], None]:
            park = self._park(for_update=False)
            rules = self._find(LabourRules, LABOUR_RULES_ID)
            if rules is None:
                rules = LabourRules.first(park, actor, policy)
            else:
                rules.set_policy(park, actor, policy)
            return [rules], None

        self._execute("set_working_time_policy", actor, request_id, {"policy": policy}, decide)

    # Agreements -------------------------------------------------------------------------------

    def propose_labour_agreement(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        work: str,
        rate_per_hour: Money | Decimal | str | int,
        first_day: date,
        last_day: date,
        workers: Iterable[str],
        minutes_cap: Minutes | int | None = None,
    ) -> UUID:
        """The actor's firm proposes to borrow ``workers`` from ``lender``; returns its id."""
        lender_id, rate = as_firm_id(lender), as_money(rate_per_hour)
        cap = None if minutes_cap is None else as_minutes(minutes_cap, "minutes_cap")
        refs = check_worker_refs(workers)
        agreement_id = derived_id("labour-agreement", request_id)
        args = {
            "lender": lender_id,
            "work": work,
            "rate_per_hour": rate,
            "first_day": first_day,
            "last_day": last_day,
            "workers": list(refs),
            "minutes_cap": cap,
        }

        def decide() -> tuple[list[LabourAgreement], UUID]:
            agreement = LabourAgreement.propose(
                self._park(for_update=False),
                actor,
                agreement_id=agreement_id,
                lender=lender_id,
                work=work,
                rate_per_hour=rate,
                first_day=first_day,
                last_day=last_day,
                workers=refs,
                minutes_cap=cap,
            )
            return [agreement], agreement_id

        return self._execute("propose_labour_agreement", actor, request_id, args, decide)

    def accept_labour_agreement(self, actor: Actor, *, request_id: str, agreement: UUID) -> None:
        self._on_agreement(
            "accept_labour_agreement",
            actor,
            request_id,
            agreement,
            {},
            lambda a, park: a.accept(park, actor),
        )

    def decline_labour_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        self._on_agreement(
            "decline_labour_agreement",
            actor,
            request_id,
            agreement,
            {"reason": reason},
            lambda a, park: a.decline(park, actor, reason),
        )

    def withdraw_labour_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        self._on_agreement(
            "withdraw_labour_agreement",
            actor,
            request_id,
            agreement,
            {"reason": reason},
            lambda a, park: a.withdraw(park, actor, reason),
        )

    def close_labour_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        self._on_agreement(
            "close_labour_agreement",
            actor,
            request_id,
            agreement,
            {"reason": reason},
            lambda a, park: a.close(park, actor, reason),
        )

    def add_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        refs = check_worker_refs(workers)
        self._on_agreement(
            "add_workers",
            actor,
            request_id,
            agreement,
            {"workers": list(refs)},
            lambda a, park: a.add_workers(park, actor, refs),
        )

    def remove_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        refs = check_worker_refs(workers)
        self._on_agreement(
            "remove_workers",
            actor,
            request_id,
            agreement,
            {"workers": list(refs)},
            lambda a, park: a.remove_workers(park, actor, refs),
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
        minutes: Minutes | int,
        overtime: Minutes | int | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> UUID:
        """The borrowing firm records a shift; it counts once the lending firm confirms it.

        The worker's hours are booked on their timesheet in the same atomic save, and the
        working-time caps are checked across every agreement and the home firm's own hours.
        """
        shift = self._shift(request_id, worker, work_date, minutes, overtime, day_type)

        def decide() -> tuple[list[Aggregate], UUID]:
            a = self._agreement(agreement)
            park = self._park(for_update=False)
            # Every check, the caps included, before anything changes.
            a.check_shift(park, actor, shift)
            sheet = self._book(a, actor, shift)
            a.record_shift(park, actor, shift)
            return [a, sheet], shift.shift_id

        return self._execute(
            "record_shift",
            actor,
            request_id,
            {"agreement": agreement, "shift": _shift_args(shift)},
            decide,
        )

    def confirm_shift(self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID) -> None:
        self._on_agreement(
            "confirm_shift",
            actor,
            request_id,
            agreement,
            {"shift": shift},
            lambda a, park: a.confirm_shift(park, actor, shift),
        )

    def dispute_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID, reason: str
    ) -> None:
        self._on_agreement(
            "dispute_shift",
            actor,
            request_id,
            agreement,
            {"shift": shift, "reason": reason},
            lambda a, park: a.dispute_shift(park, actor, shift, reason),
        )

    def withdraw_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID
    ) -> None:
        """The borrowing firm takes back a pending or disputed shift; its hours are released."""

        def decide() -> tuple[list[Aggregate], None]:
            a = self._agreement(agreement)
            withdrawn = a.withdraw_shift(self._park(for_update=False), actor, shift)
            sheet = self._release(a, actor, withdrawn)
            return [a, sheet], None

        self._execute(
            "withdraw_shift", actor, request_id, {"agreement": agreement, "shift": shift}, decide
        )

    def rerecord_shift(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        shift: UUID,
        work_date: date,
        minutes: Minutes | int,
        overtime: Minutes | int | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> UUID:
        """Replace a disputed (or pending) shift by a new one for the same worker, atomically."""

        def decide() -> tuple[list[Aggregate], UUID]:
            a = self._agreement(agreement)
            park = self._park(for_update=False)
            old = a.withdraw_shift(park, actor, shift)
            new = self._shift(request_id, old.worker, work_date, minutes, overtime, day_type)
            a.record_shift(park, actor, new)
            sheet = self._release(a, actor, old)
            self._book(a, actor, new, sheet)
            return [a, sheet], new.shift_id

        args = {
            "agreement": agreement,
            "shift": shift,
            "work_date": work_date,
            "minutes": as_minutes(minutes),
            "overtime": _optional_minutes(overtime),
            "day_type": as_day_type(day_type),
        }
        return self._execute("rerecord_shift", actor, request_id, args, decide)

    def reverse_shift(
        self, actor: Actor, *, request_id: str, agreement: UUID, shift: UUID, reason: str
    ) -> None:
        """Cancel a confirmed, unsettled shift by a reversing entry; its hours are released."""

        def decide() -> tuple[list[Aggregate], None]:
            a = self._agreement(agreement)
            reversed_shift = a.reverse_shift(self._park(for_update=False), actor, shift, reason)
            sheet = self._release(a, actor, reversed_shift)
            return [a, sheet], None

        self._execute(
            "reverse_shift",
            actor,
            request_id,
            {"agreement": agreement, "shift": shift, "reason": reason},
            decide,
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
        minutes: Minutes | int,
        overtime: Minutes | int | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> UUID:
        """The borrowing firm corrects a confirmed shift: a reversing entry plus a new shift.

        Both stay in the history; the new shift counts once the lending firm confirms it.
        """

        def decide() -> tuple[list[Aggregate], UUID]:
            a = self._agreement(agreement)
            park = self._park(for_update=False)
            old = a.reverse_shift(park, actor, shift, reason)
            new = self._shift(request_id, old.worker, work_date, minutes, overtime, day_type)
            a.record_shift(park, actor, new)
            sheet = self._release(a, actor, old)
            self._book(a, actor, new, sheet)
            return [a, sheet], new.shift_id

        args = {
            "agreement": agreement,
            "shift": shift,
            "reason": reason,
            "work_date": work_date,
            "minutes": as_minutes(minutes),
            "overtime": _optional_minutes(overtime),
            "day_type": as_day_type(day_type),
        }
        return self._execute("correct_shift", actor, request_id, args, decide)

    def declare_home_hours(
        self,
        actor: Actor,
        *,
        request_id: str,
        worker: str,
        work_date: date,
        minutes: Minutes | int,
        overtime: Minutes | int | None = None,
        day_type: DayType | str = DayType.WORKDAY,
    ) -> None:
        """The home (lending) firm declares a worker's own hours at home for a day.

        They count towards the worker's caps like any shift. Declaring a day again replaces the
        earlier declaration; zero minutes clears it.
        """
        if actor.firm is None:
            raise PermissionDenied(f"{actor} acts for no firm: only the home firm declares hours")
        home = actor.firm
        check_worker_ref(worker)
        mins = as_minutes(minutes)
        kind = as_day_type(day_type)
        ot = _optional_minutes(overtime)
        if mins.value:
            # Validates minutes, overtime and day type exactly as a shift would be.
            Shift.of(
                shift_id=derived_id("home", request_id),
                worker=worker,
                work_date=work_date,
                minutes=mins,
                overtime=ot,
                day_type=kind,
            )
        elif ot:
            raise InvalidInput("zero minutes clears a day's home hours and takes no overtime")

        def decide() -> tuple[list[WorkerTimesheet], None]:
            self._park(for_update=False).require_representative(actor, home)
            sheet = self._timesheet(home, worker, actor)
            entry = home_entry(work_date)
            if mins.value == 0:
                sheet.release(actor, entry)
            else:
                overtime_ = (
                    ot if ot is not None else (Minutes(0) if kind is DayType.WORKDAY else mins)
                )
                sheet.book(
                    actor,
                    entry=entry,
                    work_date=work_date,
                    minutes=mins,
                    overtime=overtime_,
                    day_type=kind,
                    policy=self.working_time_policy(),
                )
            return [sheet], None

        args = {
            "worker": worker,
            "work_date": work_date,
            "minutes": mins,
            "overtime": ot,
            "day_type": kind,
        }
        self._execute("declare_home_hours", actor, request_id, args, decide)

    # Settlement and payment -------------------------------------------------------------------

    def issue_settlement(
        self, actor: Actor, *, request_id: str, agreement: UUID, first_day: date, last_day: date
    ) -> UUID:
        """The lending firm bills the confirmed, unsettled shifts of a date range."""
        settlement_id = derived_id("labour-settlement", request_id)

        def act(a: LabourAgreement, park: Park) -> UUID:
            policy = self.working_time_policy()
            return a.issue_settlement(
                park,
                actor,
                settlement_id=settlement_id,
                first_day=first_day,
                last_day=last_day,
                policy=policy,
            ).settlement_id

        return self._on_agreement(
            "issue_settlement",
            actor,
            request_id,
            agreement,
            {"first_day": first_day, "last_day": last_day},
            act,
        )

    def record_payment(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        settlement: UUID,
        amount: Money | Decimal | str | int,
    ) -> UUID:
        """The borrowing firm records a payment against a settlement (never more than owed)."""
        money = as_money(amount)
        payment_id = derived_id("labour-payment", request_id)

        def act(a: LabourAgreement, park: Park) -> UUID:
            a.record_payment(
                park, actor, settlement_id=settlement, payment_id=payment_id, amount=money
            )
            return payment_id

        return self._on_agreement(
            "record_payment",
            actor,
            request_id,
            agreement,
            {"settlement": settlement, "amount": money},
            act,
        )

    # Queries ----------------------------------------------------------------------------------

    def labour_agreement(self, agreement: UUID) -> LabourAgreement:
        """The agreement aggregate, for reading (changes to it are never saved)."""
        return self._agreement(agreement)

    def labour_statement(self, agreement: UUID) -> AgreementStatement:
        """Minutes by worker and date (confirmed, pending), amounts settled, paid and owed."""
        return self._agreement(agreement).statement()

    def labour_settlement(self, agreement: UUID, settlement: UUID) -> Settlement:
        return self._agreement(agreement).settlement(settlement)

    def worker_timesheet(self, home_firm: FirmId | str, worker: str) -> WorkerTimesheet | None:
        """A worker's booked hours across every firm (None if nothing was ever booked)."""
        return self._find(WorkerTimesheet, timesheet_id(as_firm_id(home_firm), worker))

    # Helpers ----------------------------------------------------------------------------------

    def _on_agreement(
        self,
        command: str,
        actor: Actor,
        request_id: str,
        agreement: UUID,
        args: dict[str, object],
        act: Callable[[LabourAgreement, Park], R],
    ) -> R:
        """A command that changes one agreement: load it, let ``act`` decide, save it."""

        def decide() -> tuple[list[LabourAgreement], R]:
            a = self._agreement(agreement)
            result = act(a, self._park(for_update=False))
            return [a], result

        return self._execute(command, actor, request_id, {"agreement": agreement, **args}, decide)

    def _agreement(self, agreement: UUID) -> LabourAgreement:
        if not isinstance(agreement, UUID):
            raise TypeError(f"agreement is the UUID returned by propose, not {agreement!r}")
        return self._get(LabourAgreement, agreement, f"labour agreement {agreement}")

    def _timesheet(self, home: FirmId, worker: str, actor: Actor) -> WorkerTimesheet:
        sheet = self._find(WorkerTimesheet, timesheet_id(home, worker))
        return sheet if sheet is not None else WorkerTimesheet.open(home, worker, actor)

    def _shift(
        self,
        request_id: str,
        worker: str,
        work_date: date,
        minutes: Minutes | int,
        overtime: Minutes | int | None,
        day_type: DayType | str,
    ) -> Shift:
        return Shift.of(
            shift_id=derived_id("labour-shift", request_id),
            worker=worker,
            work_date=work_date,
            minutes=as_minutes(minutes),
            overtime=_optional_minutes(overtime),
            day_type=as_day_type(day_type),
        )

    def _book(
        self,
        agreement: LabourAgreement,
        actor: Actor,
        shift: Shift,
        sheet: WorkerTimesheet | None = None,
    ) -> WorkerTimesheet:
        if sheet is None:
            sheet = self._timesheet(agreement.lender, shift.worker, actor)
        sheet.book(
            actor,
            entry=str(shift.shift_id),
            work_date=shift.work_date,
            minutes=shift.minutes,
            overtime=shift.overtime,
            day_type=shift.day_type,
            policy=self.working_time_policy(),
        )
        return sheet

    def _release(self, agreement: LabourAgreement, actor: Actor, shift: Shift) -> WorkerTimesheet:
        sheet = self._get(
            WorkerTimesheet,
            timesheet_id(agreement.lender, shift.worker),
            f"timesheet of worker {shift.worker}",
        )
        sheet.release(actor, str(shift.shift_id))
        return sheet


def _shift_args(shift: Shift) -> dict[str, object]:
    return {
        "worker": shift.worker,
        "work_date": shift.work_date,
        "minutes": shift.minutes,
        "overtime": shift.overtime,
        "day_type": shift.day_type,
    }
