"""What a labour agreement forgets, so that it does not grow with its history.

An agreement's decisions look at its open shifts (pending, disputed, confirmed and not yet
settled), its settlements not yet paid in full and a few totals. A shift that is withdrawn,
reversed or settled can never change again (a settled shift is not reversed: see
``agreement_shifts.py``), nor can a settlement paid in full. So the agreement drops them from
its state when they close; its snapshot then holds a month or two of shifts, whatever its age.
Before this, an agreement with 5,000 shifts had a 504 kB snapshot.

Every closed fact stays in the agreement's events. :meth:`Forgetting.replayed` folds them into
an agreement that forgets nothing (``keeps_history``): what ``market.labour.agreement`` and
its statements read, and what a command on a closed shift is decided against, so that it is
refused with the same error as when the agreement kept everything. Such a replay is never
saved (the application checks).

A settlement paid in full leaves one short entry (its id and amount, in ``paid_off``): a
payment or a clearing run naming it must be refused as paying more than is owed. That is
60 entries (about 4 kB) for a five-year agreement billed monthly.

A mixin of :class:`~sharemarket.domain.labour.agreement.LabourAgreement` (see
``agreement_shifts.py`` for why).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.domain import CanMutateProtocol

from sharemarket.domain.labour.shift import ShiftStatus
from sharemarket.domain.labour.whole_history import replay_whole

if TYPE_CHECKING:
    from sharemarket.domain.labour.settlement import Settlement
    from sharemarket.domain.labour.shift_book import ShiftBook

F = TypeVar("F", bound="Forgetting")

# Positions in a shift's list of values, as snapshots of versions 1 and 2 stored it.
_MINUTES, _STATUS, _SETTLEMENT = 2, 5, 6
_CLOSED = (ShiftStatus.WITHDRAWN.value, ShiftStatus.REVERSED.value)


class Forgetting:
    """Drops closed shifts and settlements paid in full, unless it is a replay of the history."""

    #: True only on a replay of the whole history (:meth:`replayed`), never on a stored state.
    keeps_history = False

    if TYPE_CHECKING:  # provided by LabourAgreement
        settlements: dict[str, Settlement]
        paid: dict[str, int]
        paid_off: dict[str, int]

        @property
        def book(self) -> ShiftBook: ...

    def require_history(self, what: str) -> None:
        """Raise unless this is a replay of the whole history, the only one that knows ``what``."""
        if not self.keeps_history:
            raise ValueError(
                f"a stored agreement keeps only what is open, not {what}: read "
                "market.labour.agreement(...), or LabourAgreement.replayed(events)"
            )

    def forget_shifts(self, shift_ids: Iterable[UUID]) -> None:
        """Drop closed shifts from the state (an event body calls this after closing them)."""
        if not self.keeps_history:
            self.book.forget(shift_ids)

    def forget_if_paid(self, settlement_id: UUID) -> None:
        """Drop a settlement once paid in full, keeping its amount (an event body calls this)."""
        key = str(settlement_id)
        amount = self.settlements[key].amount.fen
        if self.keeps_history or self.paid[key] < amount:
            return
        del self.settlements[key], self.paid[key]
        self.paid_off[key] = amount

    @classmethod
    def replayed(cls: type[F], events: Iterable[CanMutateProtocol[Any]]) -> F:
        """The agreement its ``events`` (all of them, from the first) make, forgetting nothing.

        For reading, and for refusing commands on what closed; never to be saved.
        """
        return replay_whole(cls, events)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot taken when agreements kept everything: keep what is open, total the rest."""
        rows: dict[str, list[Any]] = state["shifts"]
        state["shifts_recorded"] = len(rows)
        state["confirmed_minutes"] = sum(
            row[_MINUTES] for row in rows.values() if row[_STATUS] == ShiftStatus.CONFIRMED.value
        )
        state["shifts"] = {
            key: row
            for key, row in rows.items()
            if row[_STATUS] not in _CLOSED and row[_SETTLEMENT] is None
        }
        settlements: dict[str, Settlement] = state["settlements"]
        paid: dict[str, int] = state["paid"]
        state["paid_off"] = {}
        for key, settlement in list(settlements.items()):
            if paid[key] >= settlement.amount.fen:
                state["paid_off"][key] = settlement.amount.fen
                del settlements[key], paid[key]
