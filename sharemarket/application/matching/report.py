"""The park's sharing report for a period, as values (the sharing view makes it).

Needs posted, matched (agreed by both sides), fulfilled and still open, by kind; the median days
from a need's posting to its first agreed match; and per firm the labour minutes it gave and
received through agreements drafted from matches (confirmed minutes, less reversed ones). Days
are the park's business dates on which the events were recorded, so a period's figures never
change once it is over. ``sharing_view`` keeps the rows by day; ``views.sharing_report`` reads
them, ``market.matching.sharing_report`` makes them from the log.
"""

from __future__ import annotations

from datetime import date

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.terms import ListingKind


@attrs.frozen
class KindCounts:
    """Needs of one kind: posted and matched and fulfilled in the period, open at its end."""

    kind: ListingKind
    posted: int
    matched: int
    fulfilled: int
    open: int


@attrs.frozen
class FirmSharing:
    """What one firm gave and received through matched deals in the period."""

    firm: FirmId
    labour_given: Minutes
    labour_received: Minutes


@attrs.frozen
class SharingReport:
    first_day: date
    last_day: date
    needs: tuple[KindCounts, ...]
    median_days_to_match: float | None
    firms: tuple[FirmSharing, ...]
