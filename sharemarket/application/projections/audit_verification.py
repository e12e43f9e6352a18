"""The audit trail's verification: walk the chain and name the first row that does not match.

:func:`verify_records` checks each row's hash against the previous hash and its entry (and,
deep, the search indexes against the entry); :class:`AuditVerification` is what it found.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import zip_longest
from typing import Any

import attrs

from sharemarket.application.projections.audit import GENESIS, aggregate_key, micros
from sharemarket.application.projections.audit_entries import parse_entry
from sharemarket.application.projections.errors import AuditTrailBroken


@attrs.frozen
class AuditVerification:
    """What :func:`verify_records` found: ``ok``, or the first position that does not match."""

    ok: bool
    rows_checked: int
    first_bad_position: int | None
    problem: str
    last_position: int | None
    head_hash: str  # hex hash of the last row that matched (GENESIS when none)

    def raise_if_broken(self) -> None:
        """Raise ``AuditTrailBroken`` naming the first bad position, unless the trail is ok."""
        if not self.ok:
            raise AuditTrailBroken(
                f"the audit trail is broken at position {self.first_bad_position}: "
                f"{self.problem} ({self.rows_checked} rows checked)",
                self.first_bad_position,
            )


def verify_records(
    records: Iterable[Sequence[Any]],
    *,
    tracked: int | None,
    deep: bool = False,
    firm_positions: dict[str, array[int]] | None = None,
    retrack: Callable[[], int | None] | None = None,
) -> AuditVerification:
    """Walk the trail in position order and report the first row whose hash does not match.

    ``records`` yields ``(position, entry, hash)``, or with ``deep``
    ``(position, at_us, aggregate_key, entry, hash)`` so the time and aggregate indexes are checked
    against the entry too; ``firm_positions`` then collects, firm by firm, the positions whose
    entries name the firm (to check the firm index with :func:`first_difference`). ``tracked`` is
    the last position the view has processed (0: none; None: not checked): rows missing up to it
    are reported, and so are rows beyond it, which the projection never wrote. ``retrack``
    reads the view's position again when a row beyond it is met: a catch-up running meanwhile
    writes rows and position together, so only a row the position still does not cover is one
    that was added.
    """
    sha256 = hashlib.sha256
    records = iter(records)  # rows beyond the position are named from where the walk stands
    previous = GENESIS
    checked = 0
    last: int | None = None

    def broken(position: int, problem: str) -> AuditVerification:
        return AuditVerification(False, checked, position, problem, last, previous.hex())

    for record in records:
        if deep:
            position, at_us, key, entry, hash_ = record
        else:
            position, entry, hash_ = record
        if tracked is not None and position > tracked:
            tracked = retrack() if retrack is not None else tracked
            if tracked is None or position > tracked:
                return broken(position, _beyond(position, tracked or 0, records))
        if sha256(previous + entry).digest() != hash_:
            return broken(position, "its hash does not match the previous hash and its entry")
        if not entry.startswith(b"%d\n" % position):
            return broken(position, "its position differs from the position its entry holds")
        if deep:
            row = parse_entry(entry, hash_)
            if micros(row.recorded_at) != at_us:
                return broken(position, "its time index differs from the time its entry holds")
            if aggregate_key(row.aggregate_id) != key:
                return broken(
                    position, "its aggregate index differs from the aggregate its entry holds"
                )
            if firm_positions is not None:
                for firm in row.firms:
                    firm_positions.setdefault(firm.code, array("q")).append(position)
        previous = hash_
        last = position
        checked += 1
    if tracked and (last is None or last < tracked):
        return broken(
            tracked,
            f"the trail ends at position {last} but the view has processed up to {tracked}: "
            "rows were removed from its end",
        )
    return AuditVerification(True, checked, None, "", last, previous.hex())


def _beyond(position: int, tracked: int, rest: Iterable[Sequence[Any]]) -> str:
    """The problem of rows beyond the view's position, naming them (the first few, and a count)."""
    positions = [position, *(record[0] for record in rest)]
    named = ", ".join(map(str, positions[:5])) + (", ..." if len(positions) > 5 else "")
    return (
        f"{len(positions)} row(s) stand beyond position {tracked}, the last the view has "
        f"processed (positions {named}): the projection never wrote them, so they were added; "
        "remove them (or rebuild the trail) and catch up again"
    )


def first_difference(expected: Iterable[int], found: Iterable[int]) -> int | None:
    """The first position in one ascending sequence and not in the other, or None."""
    missing = object()
    for a, b in zip_longest(expected, found, fillvalue=missing):
        if a != b:
            return min(x for x in (a, b) if isinstance(x, int))
    return None
