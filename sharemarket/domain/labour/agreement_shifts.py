"""The shift rules of a labour agreement: recording, confirming, disputing, withdrawing and
reversing shifts, and looking them up.

A mixin of :class:`~sharemarket.domain.labour.agreement.LabourAgreement`, kept apart so that each
module reads in one sitting; the events it triggers stay nested in the aggregate's class, where
their stored topics name them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import Conflict, InvalidTransition, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.errors import (
    AgreementMinutesCapExceeded,
    AgreementNotActive,
    ShiftAlreadySettled,
    ShiftOutsidePeriod,
    WorkerNotOnAgreement,
)
from sharemarket.domain.labour.shift import Shift, ShiftEntry, ShiftStatus
from sharemarket.domain.labour.status import AgreementStatus
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text

if TYPE_CHECKING:
    from sharemarket.domain.labour.shift_book import ShiftBook

#: The longest reason a dispute or reversal may give, in characters.
REASON_MAX = 500


class AgreementShifts:
    """The borrower records shifts; the lender confirms or disputes them; either reverses."""

    if TYPE_CHECKING:  # provided by LabourAgreement (and eventsourcing's Aggregate)
        id: UUID
        borrower: FirmId
        lender: FirmId
        status: AgreementStatus
        workers: list[str]
        first_day: date
        last_day: date
        minutes_cap: Minutes | None
        booked_minutes: int
        keeps_history: bool
        ShiftRecorded: Any
        ShiftConfirmed: Any
        ShiftDisputed: Any
        ShiftWithdrawn: Any
        ShiftReversed: Any

        @property
        def book(self) -> ShiftBook: ...

        @property
        def label(self) -> str: ...

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

        def _require_party(self, park: Park, actor: Actor) -> None: ...

        def require_history(self, what: str) -> None: ...

    def shift(self, shift_id: UUID) -> ShiftEntry:
        """The shift: any shift on a replay of the history, an open one on a stored agreement
        (one that closed is forgotten: see ``forgetting.py``)."""
        entry = self.book.entry(shift_id)
        if entry is None:
            if self.keeps_history:
                raise NotFound(f"shift {shift_id} is not recorded under {self.label}")
            raise NotFound(
                f"shift {shift_id} is not open under {self.label}: it was never recorded, or "
                "it closed (withdrawn, reversed or settled); read it on the agreement's history"
            )
        return entry

    def shift_entries(self) -> list[ShiftEntry]:
        """Every shift ever recorded under the agreement, in the order recorded (on a replay of
        its history: a stored agreement keeps only its open shifts)."""
        self.require_history("its shifts")
        return list(self.book.entries())

    def record_shift(
        self, park: Park, actor: Actor, shift: Shift, *, then: Callable[[], None] | None = None
    ) -> None:
        """Record ``shift`` if the borrower may. ``then`` runs once the agreement's checks
        passed, before it records (the worker's timesheet books the hours: see ``booking.py``);
        if it raises, the agreement records nothing."""
        self.check_shift(park, actor, shift)
        if then is not None:
            then()
        self.trigger_event(self.ShiftRecorded, shift=shift, actor=actor)

    def check_shift(self, park: Park, actor: Actor, shift: Shift) -> None:
        """Raise if the borrower could not record ``shift`` now; record nothing either way."""
        park.require_representative(actor, self.borrower)
        park.require_active(self.lender)
        if self.status is not AgreementStatus.ACTIVE:
            raise AgreementNotActive(
                f"{self.label} is {self.status.value}; shifts are recorded only while it is "
                "active (accepted and not closed)"
            )
        if shift.shift_id in self.book:
            raise Conflict(f"shift {shift.shift_id} is already recorded under {self.label}")
        if shift.worker not in self.workers:
            raise WorkerNotOnAgreement(
                f"worker {shift.worker} is not lent under {self.label}; the lending firm adds "
                "workers to the agreement"
            )
        if not self.first_day <= shift.work_date <= self.last_day:
            raise ShiftOutsidePeriod(
                f"work date {shift.work_date} is outside the agreement's period "
                f"{self.first_day} to {self.last_day}"
            )
        if self.minutes_cap is not None:
            would_be = self.booked_minutes + shift.minutes.value
            if would_be > self.minutes_cap.value:
                raise AgreementMinutesCapExceeded(
                    f"the shift would bring {self.label} to {Minutes(would_be)}; its cap is "
                    f"{self.minutes_cap}"
                )

    def confirm_shift(self, park: Park, actor: Actor, shift_id: UUID) -> None:
        park.require_representative(actor, self.lender, must_be_active=False)
        entry = self._require_shift(shift_id, ShiftStatus.PENDING, "confirmed")
        self.trigger_event(self.ShiftConfirmed, shift=entry.shift, actor=actor)

    def dispute_shift(self, park: Park, actor: Actor, shift_id: UUID, reason: str) -> None:
        park.require_representative(actor, self.lender, must_be_active=False)
        self._require_shift(shift_id, ShiftStatus.PENDING, "disputed")
        self.trigger_event(
            self.ShiftDisputed,
            shift_id=shift_id,
            reason=free_text(reason, "reason", REASON_MAX),
            actor=actor,
        )

    def withdraw_shift(self, park: Park, actor: Actor, shift_id: UUID) -> Shift:
        """Take back a pending or disputed shift; its hours no longer count."""
        park.require_representative(actor, self.borrower, must_be_active=False)
        entry = self.shift(shift_id)
        if entry.status not in (ShiftStatus.PENDING, ShiftStatus.DISPUTED):
            raise InvalidTransition(
                f"shift {shift_id} is {entry.status.value}; only a pending or disputed shift can "
                "be withdrawn (a confirmed one is reversed)"
            )
        self.trigger_event(self.ShiftWithdrawn, shift_id=shift_id, actor=actor)
        return entry.shift

    def reverse_shift(self, park: Park, actor: Actor, shift_id: UUID, reason: str) -> Shift:
        """Cancel a confirmed, unsettled shift with a reversing entry (both stay in history)."""
        self._require_party(park, actor)
        entry = self.shift(shift_id)
        if entry.settlement_id is not None:
            raise ShiftAlreadySettled(
                f"shift {shift_id} was settled in {entry.settlement_id}; it cannot be reversed"
            )
        self._require_shift(shift_id, ShiftStatus.CONFIRMED, "reversed")
        self.trigger_event(
            self.ShiftReversed,
            shift=entry.shift,
            reason=free_text(reason, "reason", REASON_MAX),
            actor=actor,
        )
        return entry.shift

    def _require_shift(self, shift_id: UUID, status: ShiftStatus, verb: str) -> ShiftEntry:
        entry = self.shift(shift_id)
        if entry.status is not status:
            raise InvalidTransition(
                f"shift {shift_id} is {entry.status.value}; only a {status.value} shift can be "
                f"{verb}"
            )
        return entry
