"""ShiftBook: an agreement's shifts by id, read and changed in domain words.

The agreement keeps each shift as a compact row of plain JSON values (worker, ISO date, minutes,
overtime, day type, status, settlement id, note): loading a snapshot of a long agreement then
decodes lists, not thousands of objects. The rows are the stored state; this class is only the
way domain code reads and changes them, so stored snapshots keep their form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any
from uuid import UUID

from sharemarket.domain.duration import Minutes
from sharemarket.domain.labour.policy import DayType
from sharemarket.domain.labour.shift import Shift, ShiftEntry, ShiftStatus

# The compact row of a shift.
_WORKER, _DATE, _MINUTES, _OVERTIME, _DAY_TYPE, _STATUS, _SETTLEMENT, _NOTE = range(8)
_CONFIRMED = ShiftStatus.CONFIRMED.value
# A row's stored values back to enum members: a dict lookup, not the enum's call by value.
_DAY_TYPES = {kind.value: kind for kind in DayType}
_STATUSES = {status.value: status for status in ShiftStatus}

Rows = dict[str, list[Any]]


class ShiftBook:
    """The shifts of one agreement, over the rows the agreement stores (shift id -> row)."""

    __slots__ = ("_rows",)

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def __contains__(self, shift_id: UUID) -> bool:
        return str(shift_id) in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, shift_id: UUID) -> ShiftEntry | None:
        key = str(shift_id)
        row = self._rows.get(key)
        if row is None:
            return None
        return _entry(shift_id if type(shift_id) is UUID else UUID(key), row)

    def entries(self) -> Iterator[ShiftEntry]:
        """The shifts it holds (every one ever recorded on a replay of the history), in the
        order recorded."""
        return (_entry(UUID(key), row) for key, row in self._rows.items())

    def unsettled_confirmed(self, first_day: date, last_day: date) -> list[Shift]:
        """The confirmed shifts not yet settled, worked from ``first_day`` to ``last_day``."""
        first, last = first_day.isoformat(), last_day.isoformat()
        return [
            _entry(UUID(key), row).shift
            for key, row in self._rows.items()
            if row[_STATUS] == _CONFIRMED
            and row[_SETTLEMENT] is None
            and first <= row[_DATE] <= last
        ]

    # Changes (called from the agreement's event bodies only) ----------------------------------

    def record(self, shift: Shift) -> None:
        self._rows[str(shift.shift_id)] = [
            shift.worker,
            shift.work_date.isoformat(),
            shift.minutes.value,
            shift.overtime.value,
            shift.day_type.value,
            ShiftStatus.PENDING.value,
            None,
            "",
        ]

    def set_status(self, shift_id: UUID, status: ShiftStatus, note: str = "") -> Minutes:
        """Change a shift's status (with a note); return its minutes."""
        row = self._rows[str(shift_id)]
        row[_STATUS] = status.value
        if note:
            row[_NOTE] = note
        return Minutes(row[_MINUTES])

    def mark_settled(self, shift_ids: Iterable[UUID], settlement_id: UUID) -> None:
        for shift_id in shift_ids:
            self._rows[str(shift_id)][_SETTLEMENT] = str(settlement_id)

    def forget(self, shift_ids: Iterable[UUID]) -> None:
        """Drop closed shifts (withdrawn, reversed, settled): see ``forgetting.py``."""
        for shift_id in shift_ids:
            del self._rows[str(shift_id)]


def _entry(shift_id: UUID, row: list[Any]) -> ShiftEntry:
    # The row was checked as a shift when it was recorded: it is not checked again.
    shift = Shift.checked(
        shift_id,
        row[_WORKER],
        date.fromisoformat(row[_DATE]),
        Minutes(row[_MINUTES]),
        Minutes(row[_OVERTIME]),
        _DAY_TYPES[row[_DAY_TYPE]],
    )
    settlement = row[_SETTLEMENT]
    return ShiftEntry(
        shift=shift,
        status=_STATUSES[row[_STATUS]],
        settlement_id=None if settlement is None else UUID(settlement),
        note=row[_NOTE],
    )
