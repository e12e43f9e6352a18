"""LabourAgreement: a borrowing firm's agreement with a lending firm, its shifts and settlements.

The agreement keeps what its decisions need and forgets what closed (see ``forgetting.py``): a
shift leaves its state once withdrawn, reversed or settled, a settlement once paid in full, so
its snapshot and its load cost the same in year five as on day one. Its whole history stays in
its events; :meth:`LabourAgreement.replayed` rebuilds an agreement that remembers everything,
for queries and for refusing commands on what closed.

The lending firm keeps the employment relation and pays wages; the borrowing firm reimburses it
at the agreed hourly rate (zero is allowed: lending is not for profit). Only confirmed shifts count
in any balance; a confirmed shift is never edited, only reversed.

A suspended firm (or one whose counterparty is suspended) undertakes nothing new: it cannot
propose, accept, add workers or record shifts. What discharges or winds down what already exists
stays open to it on both sides: declining, confirming or disputing recorded shifts, billing
(issuing a settlement), paying, withdrawing or reversing shifts, removing workers, closing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.domain import Snapshot as StoredSnapshot

from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import (
    InvalidInput,
    InvalidTransition,
    PermissionDenied,
)
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour import agreement_snapshot
from sharemarket.domain.labour.agreement_shifts import REASON_MAX, AgreementShifts
from sharemarket.domain.labour.billing import AgreementBilling
from sharemarket.domain.labour.errors import (
    AgreementNotActive,
    SelfBorrowing,
    WorkerNotOnAgreement,
)
from sharemarket.domain.labour.forgetting import Forgetting
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.shift import Shift, ShiftStatus
from sharemarket.domain.labour.shift_book import Rows, ShiftBook
from sharemarket.domain.labour.statement import AgreementStatement, statement_of
from sharemarket.domain.labour.status import AgreementStatus
from sharemarket.domain.labour.workers import check_worker_refs
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text
from sharemarket.domain.time import check_business_date

WORK_MAX = 100

__all__ = ["REASON_MAX", "WORK_MAX", "AgreementStatement", "AgreementStatus", "LabourAgreement"]


class LabourAgreement(Forgetting, AgreementShifts, AgreementBilling, Aggregate):
    """Workers lent by ``lender`` to ``borrower`` for ``work`` over a period, at an hourly rate."""

    #: Snapshots of version 1 kept every shift and settlement ever recorded; version 2 keeps the
    #: open ones only (``Forgetting.upcast_v1_v2`` drops the rest when an old one is loaded);
    #: version 3 stores the open shifts packed in two strings (``agreement_snapshot``).
    class_version = 3

    class Snapshot(StoredSnapshot):
        """An agreement's snapshot: its open shifts packed (``agreement_snapshot``); the
        agreement loaded from it holds the same lines as its events replayed."""

        @classmethod
        def take(cls, aggregate: Any) -> Any:
            snapshot = super().take(aggregate)
            snapshot.state["shifts"] = agreement_snapshot.packed(snapshot.state["shifts"])
            return snapshot

        def mutate(self, _: None) -> LabourAgreement:
            packed = self.state.get("class_version", 1) >= 3  # else upcast to lines already
            agreement = super().mutate(None)
            assert isinstance(agreement, LabourAgreement)
            if packed:
                agreement.shifts = agreement_snapshot.unpacked(vars(agreement)["shifts"])
            return agreement

    upcast_v2_v3 = staticmethod(agreement_snapshot.lines_of_v2)

    #: The match of the park's lists it was drafted from (a class default: snapshots taken
    #: before matching existed have no such attribute).
    match_id: UUID | None = None

    class Event(Aggregate.Event):
        """The base of ``LabourAgreement``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Proposed(Aggregate.Created, Event):
        borrower: FirmId
        lender: FirmId
        work: str
        rate_per_hour: Money
        first_day: date
        last_day: date
        minutes_cap: Minutes | None
        workers: tuple[str, ...]
        actor: Actor

    class ProposedFromMatch(Proposed):
        """Drafted from an accepted match of the park's lists (its id in ``match_id``): the
        borrower's need and the lender's idle hands; the lender names the workers once it has
        accepted the agreement."""

        match_id: UUID

    class Accepted(Event):
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.status = AgreementStatus.ACTIVE

    class Declined(Event):
        reason: str
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.status = AgreementStatus.DECLINED

    class Withdrawn(Event):
        reason: str
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.status = AgreementStatus.WITHDRAWN

    class Closed(Event):
        reason: str
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.status = AgreementStatus.CLOSED

    class WorkersAdded(Event):
        workers: tuple[str, ...]
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.workers = sorted({*agreement.workers, *self.workers})

    class WorkersRemoved(Event):
        workers: tuple[str, ...]
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            gone = set(self.workers)
            agreement.workers = [w for w in agreement.workers if w not in gone]

    class ShiftRecorded(Event):
        shift: Shift
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.book.record(self.shift)
            agreement.booked_minutes += self.shift.minutes.value
            agreement.shifts_recorded += 1

    class ShiftConfirmed(Event):
        shift: Shift
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.book.set_status(self.shift.shift_id, ShiftStatus.CONFIRMED)
            agreement.confirmed_minutes += self.shift.minutes.value

    class ShiftDisputed(Event):
        shift_id: UUID
        reason: str
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.book.set_status(self.shift_id, ShiftStatus.DISPUTED, note=self.reason)

    class ShiftWithdrawn(Event):
        shift_id: UUID
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            minutes = agreement.book.set_status(self.shift_id, ShiftStatus.WITHDRAWN)
            agreement.booked_minutes -= minutes.value
            agreement.forget_shifts((self.shift_id,))

    class ShiftReversed(Event):
        """The reversing entry of a confirmed shift: it no longer counts anywhere."""

        shift: Shift
        reason: str
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.book.set_status(self.shift.shift_id, ShiftStatus.REVERSED, note=self.reason)
            agreement.booked_minutes -= self.shift.minutes.value
            agreement.confirmed_minutes -= self.shift.minutes.value
            agreement.forget_shifts((self.shift.shift_id,))

    class SettlementIssued(Event):
        settlement: Settlement
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            settlement = self.settlement
            agreement.settlements[str(settlement.settlement_id)] = settlement
            agreement.paid[str(settlement.settlement_id)] = 0
            agreement.book.mark_settled(settlement.shift_ids, settlement.settlement_id)
            agreement.forget_shifts(settlement.shift_ids)
            agreement.forget_if_paid(settlement.settlement_id)  # a zero-rate one owes nothing

    class PaymentRecorded(Event):
        settlement_id: UUID
        payment_id: UUID
        amount: Money
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.paid[str(self.settlement_id)] += self.amount.fen
            agreement.forget_if_paid(self.settlement_id)

    class SettledByClearing(Event):
        """A park clearing run discharged ``amount`` of the settlement (a payment by netting)."""

        settlement_id: UUID
        run_id: UUID
        amount: Money
        actor: Actor

        def apply(self, agreement: LabourAgreement) -> None:
            agreement.paid[str(self.settlement_id)] += self.amount.fen
            agreement.forget_if_paid(self.settlement_id)

    def __init__(
        self,
        borrower: FirmId,
        lender: FirmId,
        work: str,
        rate_per_hour: Money,
        first_day: date,
        last_day: date,
        minutes_cap: Minutes | None,
        workers: tuple[str, ...],
        actor: Actor,
        match_id: UUID | None = None,
    ) -> None:
        self.borrower = borrower
        self.lender = lender
        self.work = work
        self.rate_per_hour = rate_per_hour
        self.first_day = first_day
        self.last_day = last_day
        self.minutes_cap = minutes_cap
        if match_id is not None:  # else the class default: the state of older snapshots
            self.match_id = match_id
        self.workers: list[str] = list(workers)
        self.status = AgreementStatus.PROPOSED
        # Open shift id (hex) -> its line of text, read and changed through ``book``.
        self.shifts: Rows = {}
        # Minutes of pending and confirmed shifts: what the agreement's cap is checked against.
        self.booked_minutes = 0
        # Shifts ever recorded, and minutes confirmed (less reversed ones): totals that stay
        # when the shifts themselves are forgotten.
        self.shifts_recorded = 0
        self.confirmed_minutes = 0
        # Settlements not yet paid in full, and what has been paid on each.
        self.settlements: dict[str, Settlement] = {}
        self.paid: dict[str, int] = {}
        # Settlement id -> amount in fen, of those paid in full (their shifts are forgotten).
        self.paid_off: dict[str, int] = {}

    @classmethod
    def propose(
        cls,
        park: Park,
        actor: Actor,
        *,
        agreement_id: UUID,
        lender: FirmId,
        work: str,
        rate_per_hour: Money,
        first_day: date,
        last_day: date,
        workers: Iterable[str],
        minutes_cap: Minutes | None = None,
    ) -> LabourAgreement:
        """The borrowing firm (the actor's firm) proposes to borrow ``workers`` from ``lender``."""
        if actor.firm is None:
            raise PermissionDenied(
                f"{actor} acts for no firm: only a representative of the borrowing firm may "
                "propose a labour agreement"
            )
        borrower = actor.firm
        park.require_representative(actor, borrower)
        if lender == borrower:
            raise SelfBorrowing(f"firm {borrower} cannot borrow workers from itself")
        park.require_active(lender)
        if not isinstance(rate_per_hour, Money):
            raise TypeError(f"rate_per_hour is Money, not {type(rate_per_hour).__name__}")
        check_amount(rate_per_hour, "the hourly rate")
        if rate_per_hour.is_negative():
            raise InvalidInput(f"the hourly rate must not be negative, got {rate_per_hour}")
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(
                f"the period ends on {last_day}, before it starts on {first_day}; "
                "give a last day on or after the first day"
            )
        if minutes_cap is not None and (
            not isinstance(minutes_cap, Minutes) or minutes_cap.value <= 0
        ):
            raise InvalidInput(f"a minutes cap must be positive Minutes, got {minutes_cap!r}")
        refs = check_worker_refs(workers)
        if not refs:
            raise InvalidInput("name at least one worker (by opaque reference) to borrow")
        return cls._create(
            cls.Proposed,
            id=agreement_id,
            borrower=borrower,
            lender=lender,
            work=free_text(work, "work", WORK_MAX),
            rate_per_hour=rate_per_hour,
            first_day=first_day,
            last_day=last_day,
            minutes_cap=minutes_cap,
            workers=refs,
            actor=actor,
        )

    @classmethod
    def draft_from_match(
        cls,
        park: Park,
        actor: Actor,
        *,
        agreement_id: UUID,
        match_id: UUID,
        borrower: FirmId,
        lender: FirmId,
        work: str,
        rate_per_hour: Money,
        first_day: date,
        last_day: date,
        minutes_cap: Minutes,
    ) -> LabourAgreement:
        """The proposal an accepted match makes (the matching slice's rules checked the two
        firms and who acts): proposed as if by the borrower, without workers yet. The lender
        accepts it, then adds the workers it lends."""
        if lender == borrower:
            raise SelfBorrowing(f"firm {borrower} cannot borrow workers from itself")
        park.require_active(borrower)
        park.require_active(lender)
        check_amount(rate_per_hour, "the hourly rate")
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day or minutes_cap.value <= 0:
            raise InvalidInput(
                f"a drafted agreement needs a period ({first_day} to {last_day}) and a "
                f"positive cap ({minutes_cap})"
            )
        return cls._create(
            cls.ProposedFromMatch,
            id=agreement_id,
            borrower=borrower,
            lender=lender,
            work=free_text(work, "work", WORK_MAX),
            rate_per_hour=rate_per_hour,
            first_day=first_day,
            last_day=last_day,
            minutes_cap=minutes_cap,
            workers=(),
            actor=actor,
            match_id=match_id,
        )

    # Queries ----------------------------------------------------------------------------------

    def statement(self) -> AgreementStatement:
        """Minutes confirmed and pending, by worker and date; amounts settled and paid (on a
        replay of the history: a stored agreement keeps only what is open)."""
        self.require_history("its statement")
        return statement_of(self)

    @property
    def label(self) -> str:
        return f"labour agreement {self.id} ({self.borrower} borrowing from {self.lender})"

    @property
    def book(self) -> ShiftBook:
        """The agreement's shifts, in domain words."""
        return ShiftBook(self.shifts)

    # Commands of the lending firm -------------------------------------------------------------

    def accept(self, park: Park, actor: Actor) -> None:
        park.require_representative(actor, self.lender)
        park.require_active(self.borrower)
        self._require_status(AgreementStatus.PROPOSED, "accepted")
        self.trigger_event(self.Accepted, actor=actor)

    def decline(self, park: Park, actor: Actor, reason: str) -> None:
        park.require_representative(actor, self.lender, must_be_active=False)
        self._require_status(AgreementStatus.PROPOSED, "declined")
        self.trigger_event(
            self.Declined, reason=free_text(reason, "reason", REASON_MAX), actor=actor
        )

    def add_workers(self, park: Park, actor: Actor, workers: Iterable[str]) -> None:
        park.require_representative(actor, self.lender)
        park.require_active(self.borrower)  # lending more is a new undertaking for both
        self._require_status(AgreementStatus.ACTIVE, "given more workers")
        refs = check_worker_refs(workers)
        new = tuple(w for w in refs if w not in self.workers)
        if not refs or not new:
            raise InvalidInput(f"workers {list(refs)} are already on the agreement (or none given)")
        self.trigger_event(self.WorkersAdded, workers=new, actor=actor)

    def remove_workers(self, park: Park, actor: Actor, workers: Iterable[str]) -> None:
        park.require_representative(actor, self.lender, must_be_active=False)
        self._require_status(AgreementStatus.ACTIVE, "have workers removed")
        refs = check_worker_refs(workers)
        missing = [w for w in refs if w not in self.workers]
        if missing or not refs:
            raise WorkerNotOnAgreement(f"workers {missing} are not on {self.label}")
        self.trigger_event(self.WorkersRemoved, workers=refs, actor=actor)

    # Commands of either side ------------------------------------------------------------------

    def withdraw(self, park: Park, actor: Actor, reason: str) -> None:
        """Either side calls the agreement off before its first shift."""
        self._require_party(park, actor)
        if self.status not in (AgreementStatus.PROPOSED, AgreementStatus.ACTIVE):
            raise InvalidTransition(f"{self.label} is {self.status.value}; it cannot be withdrawn")
        if self.shifts_recorded:
            raise InvalidTransition(
                f"{self.label} already has shifts; it can be closed, no longer withdrawn"
            )
        self.trigger_event(
            self.Withdrawn, reason=free_text(reason, "reason", REASON_MAX), actor=actor
        )

    def close(self, park: Park, actor: Actor, reason: str) -> None:
        """Either side ends the agreement: no new shifts; recorded ones remain and settle."""
        self._require_party(park, actor)
        self._require_status(AgreementStatus.ACTIVE, "closed")
        self.trigger_event(self.Closed, reason=free_text(reason, "reason", REASON_MAX), actor=actor)

    # Helpers ------------------------------------------------------------------------------------

    def _require_party(self, park: Park, actor: Actor) -> None:
        # Withdrawing, closing and reversing end or correct what exists: open to a suspended
        # firm too (only new undertakings are refused to it).
        if actor.firm == self.borrower:
            park.require_representative(actor, self.borrower, must_be_active=False)
        elif actor.firm == self.lender:
            park.require_representative(actor, self.lender, must_be_active=False)
        else:
            raise PermissionDenied(
                f"{actor} may not act on {self.label}: only the two firms' representatives may"
            )

    def _require_status(self, status: AgreementStatus, verb: str) -> None:
        if self.status is not status:
            raise AgreementNotActive(
                f"{self.label} is {self.status.value}; only a {status.value} agreement can be "
                f"{verb}"
            )
