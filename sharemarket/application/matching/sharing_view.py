"""The sharing view: the park's sharing report kept by day, so a period's report reads its days.

Rows are counted per business day (the day an event was recorded): needs posted, matched,
fulfilled and closed per kind, with how many stood open at the end of each day that changed
them; the days from posting to first match, per day of the match; and per firm what it gave and
received, per measure. A query for a month reads that month's rows (and, per kind, one row for
the needs open at its end), whatever the length of the history. The projection also keeps a few
facts it decides with (a need's kind and posting day, a match's need, which deals came from
matches) and, as every view, the parties of the aggregates.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from datetime import date
from statistics import median

import attrs
from eventsourcing.persistence import Tracking

from sharemarket.application.matching.report import (
    FirmSharing,
    KindCounts,
    Shared,
    SharingReport,
)
from sharemarket.application.projections.views import PartyRow, View
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.terms import ListingKind

#: What the needs table counts per kind and day, in its column order.
NEED_COUNTS = ("posted", "matched", "fulfilled", "closed")
#: (day, kind) -> the four counts' changes.
NeedKey = tuple[str, str]
#: (day, firm, measure, side, matched: 1 for a deal made from a match, else 0).
ShareKey = tuple[str, str, str, str, int]
GIVEN, RECEIVED = "given", "received"


@attrs.define
class SharingBatch:
    """Rows one write adds to the sharing view (sums to add, facts to set, parties)."""

    needs: dict[NeedKey, list[int]] = attrs.field(factory=dict)
    waits: dict[tuple[str, int], int] = attrs.field(factory=dict)
    shares: dict[ShareKey, int] = attrs.field(factory=dict)
    facts: dict[str, str] = attrs.field(factory=dict)
    parties: list[PartyRow] = attrs.field(factory=list)

    def count_need(self, day: date, kind: str, what: str) -> None:
        counts = self.needs.setdefault((day.isoformat(), kind), [0] * len(NEED_COUNTS))
        counts[NEED_COUNTS.index(what)] += 1

    def wait(self, day: date, days: int) -> None:
        key = (day.isoformat(), days)
        self.waits[key] = self.waits.get(key, 0) + 1

    def share(
        self, day: date, firm: FirmId, measure: str, side: str, matched: bool, amount: int
    ) -> None:
        key = (day.isoformat(), firm.code, measure, side, int(matched))
        self.shares[key] = self.shares.get(key, 0) + amount

    def need_rows(self) -> list[tuple[str, str, int, int, int, int]]:
        """(day, kind, posted, matched, fulfilled, closed), oldest day first: the open count
        of each day builds on the days before it."""
        return [(day, kind, *counts) for (day, kind), counts in sorted(self.needs.items())]  # type: ignore[misc]


class SharingView(View):
    """Storage of the sharing view: batched writes with tracking, the facts, period queries."""

    @abstractmethod
    def write_sharing(self, batch: SharingBatch, tracking: Tracking, after: int | None) -> None:
        """Store the batch and move tracking from ``after`` to ``tracking``, atomically.

        Each row of ``batch.need_rows()`` adds its counts to its day and kind, and its posted
        less closed to the open count of that day and of every later day of the kind."""

    @abstractmethod
    def fact(self, key: str) -> str | None:
        """A fact the projection stored (None if none)."""

    @abstractmethod
    def need_counts(self, first: date, last: date) -> list[tuple[str, int, int, int]]:
        """(kind, posted, matched, fulfilled) summed over the days of the period."""

    @abstractmethod
    def open_needs(self, kinds: Sequence[str], last: date) -> list[tuple[str, int]]:
        """(kind, needs open) at the end of ``last``: each kind's last row on or before it."""

    @abstractmethod
    def waits(self, first: date, last: date) -> list[tuple[int, int]]:
        """(days from posting to first match, needs) over the matches of the period."""

    @abstractmethod
    def shares(self, first: date, last: date) -> list[tuple[str, str, str, int, int]]:
        """(firm, measure, side, matched, amount) summed over the days of the period."""

    def report(self, first_day: date, last_day: date) -> SharingReport:
        """The park's sharing report of ``first_day`` to ``last_day``, both counted."""
        counts = {
            kind: (posted, m, f) for kind, posted, m, f in self.need_counts(first_day, last_day)
        }
        still_open = dict(self.open_needs([k.value for k in ListingKind], last_day))
        needs = tuple(
            KindCounts(kind, *counts.get(kind.value, (0, 0, 0)), open=still_open.get(kind.value, 0))
            for kind in ListingKind
        )
        return SharingReport(
            first_day=first_day,
            last_day=last_day,
            needs=needs,
            median_days_to_match=_median(self.waits(first_day, last_day)),
            firms=_firms(self.shares(first_day, last_day)),
        )


def _median(waits: list[tuple[int, int]]) -> float | None:
    """The median of a histogram of (days, needs)."""
    values = [days for days, count in sorted(waits) for _ in range(count)]
    return float(median(values)) if values else None


def _firms(rows: list[tuple[str, str, str, int, int]]) -> tuple[FirmSharing, ...]:
    """Each firm's figures: every deal, and those made from matches."""
    sums: dict[str, dict[tuple[str, bool], dict[str, int]]] = {}
    for firm, measure, side, matched, amount in rows:
        mine = sums.setdefault(firm, {})
        for through_matches in (False, True) if matched else (False,):
            into = mine.setdefault((side, through_matches), {})
            into[measure] = into.get(measure, 0) + amount
    return tuple(
        FirmSharing(
            FirmId(code),
            given=Shared.of(mine.get((GIVEN, False), {})),
            received=Shared.of(mine.get((RECEIVED, False), {})),
            given_through_matches=Shared.of(mine.get((GIVEN, True), {})),
            received_through_matches=Shared.of(mine.get((RECEIVED, True), {})),
        )
        for code, mine in sorted(sums.items())
    )
