"""ShiftBook: an agreement's shifts by id, read and changed in domain words.

The agreement keeps each open shift as one line of text under its id's 32 hex digits: worker,
ISO date, minutes, overtime, day type, status, settlement id (``-`` for none) and note,
separated by single spaces (a worker reference has none; the note, free text, comes last and
may). A command reads and changes one line; a snapshot stores the lines as they are, joined, and
the ids as bytes (``agreement_snapshot.py``): encoding and loading a long agreement's snapshot
then costs a few string joins and splits, not thousands of values (docs/labour.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from uuid import UUID

from sharemarket.domain.duration import Minutes
from sharemarket.domain.ids import uuid_of_int
from sharemarket.domain.labour.policy import DayType
from sharemarket.domain.labour.shift import Shift, ShiftEntry, ShiftStatus

#: Open shift id (hex) -> its line.
Rows = dict[str, str]

#: A line's fields, split: ``line.split(" ", FIELDS - 1)`` (the note may hold spaces).
FIELDS = 8
_WORKER, _DATE, _MINUTES, _OVERTIME, _DAY_TYPE, _STATUS, _SETTLEMENT, _NOTE = range(FIELDS)
_LAST = _NOTE
NO_SETTLEMENT = "-"
_CONFIRMED = ShiftStatus.CONFIRMED.value
# A line's stored values back to enum members: a dict lookup, not the enum's call by value.
_DAY_TYPES = {kind.value: kind for kind in DayType}
_STATUSES = {status.value: status for status in ShiftStatus}


class ShiftBook:
    """The shifts of one agreement, over the lines the agreement stores (shift id -> line)."""

    __slots__ = ("_rows",)

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def __contains__(self, shift_id: UUID) -> bool:
        return shift_id.hex in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, shift_id: UUID) -> ShiftEntry | None:
        row = self._rows.get(shift_id.hex)
        if row is None:
            return None
        # A UUID's subclass (the store's own) is given as a plain UUID, as the events hold it.
        plain = shift_id if type(shift_id) is UUID else UUID(int=shift_id.int)
        return _entry(plain, row.split(" ", _LAST))

    def entries(self) -> Iterator[ShiftEntry]:
        """The shifts it holds (every one ever recorded on a replay of the history), in the
        order recorded."""
        return (_entry(_id(key), row.split(" ", _LAST)) for key, row in self._rows.items())

    def unsettled_confirmed(self, first_day: date, last_day: date) -> list[Shift]:
        """The confirmed shifts not yet settled, worked from ``first_day`` to ``last_day``."""
        first, last = first_day.isoformat(), last_day.isoformat()
        found = []
        for key, row in self._rows.items():
            fields = row.split(" ", _LAST)
            if (
                fields[_STATUS] == _CONFIRMED
                and fields[_SETTLEMENT] == NO_SETTLEMENT
                and first <= fields[_DATE] <= last
            ):
                found.append(_entry(_id(key), fields).shift)
        return found

    # Changes (called from the agreement's event bodies only) ----------------------------------

    def record(self, shift: Shift) -> None:
        self._rows[shift.shift_id.hex] = line(
            shift.worker,
            shift.work_date.isoformat(),
            shift.minutes.value,
            shift.overtime.value,
            shift.day_type.value,
            ShiftStatus.PENDING.value,
            NO_SETTLEMENT,
            "",
        )

    def set_status(self, shift_id: UUID, status: ShiftStatus, note: str = "") -> Minutes:
        """Change a shift's status (with a note); return its minutes."""
        key = shift_id.hex
        fields = self._rows[key].split(" ", _LAST)
        fields[_STATUS] = status.value
        if note:
            fields[_NOTE] = note
        self._rows[key] = " ".join(fields)
        return Minutes(int(fields[_MINUTES]))

    def mark_settled(self, shift_ids: Iterable[UUID], settlement_id: UUID) -> None:
        rows, settlement = self._rows, settlement_id.hex
        for shift_id in shift_ids:
            key = shift_id.hex
            fields = rows[key].split(" ", _LAST)
            fields[_SETTLEMENT] = settlement
            rows[key] = " ".join(fields)

    def forget(self, shift_ids: Iterable[UUID]) -> None:
        """Drop closed shifts (withdrawn, reversed, settled): see ``forgetting.py``."""
        for shift_id in shift_ids:
            del self._rows[shift_id.hex]


def line(
    worker: str,
    work_date: str,
    minutes: int,
    overtime: int,
    day_type: str,
    status: str,
    settlement: str,
    note: str,
) -> str:
    """A shift's line (``work_date`` in ISO form, ``settlement`` an id's hex or ``-``)."""
    return f"{worker} {work_date} {minutes} {overtime} {day_type} {status} {settlement} {note}"


def _id(key: str) -> UUID:
    return uuid_of_int(int(key, 16))


def _entry(shift_id: UUID, fields: list[str]) -> ShiftEntry:
    # The line was checked as a shift when it was recorded: it is not checked again.
    shift = Shift.checked(
        shift_id,
        fields[_WORKER],
        date.fromisoformat(fields[_DATE]),
        Minutes(int(fields[_MINUTES])),
        Minutes(int(fields[_OVERTIME])),
        _DAY_TYPES[fields[_DAY_TYPE]],
    )
    settlement = fields[_SETTLEMENT]
    return ShiftEntry(
        shift=shift,
        status=_STATUSES[fields[_STATUS]],
        settlement_id=None if settlement == NO_SETTLEMENT else UUID(settlement),
        note=fields[_NOTE],
    )
