"""The park's sharing report for a period: a read model folded from the event log.

Needs posted, matched (agreed by both sides), fulfilled and still open, by kind; the median days
from a need's posting to its first agreed match; and per firm the labour minutes it gave and
received through agreements drafted from matches (confirmed minutes, less reversed ones). Days
are the park's business dates on which the events were recorded, so a period's figures never
change once it is over. The report reads only the event
classes it folds (by topic), from the first event: a report, not a command path. Pieces, venue
hours and money lent join it with their slices' deals.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from statistics import median
from typing import Any
from uuid import UUID

import attrs
from eventsourcing.utils import get_topic

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.matching.listing import Listing, ListingRole, ListingStatus
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import ListingKind
from sharemarket.domain.time import business_date

PAGE = 500


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


_EVENTS = (
    Listing.Posted,
    Listing.Withdrawn,
    Listing.Expired,
    Listing.Fulfilled,
    Match.Agreed,
    Match.Proposed,
    LabourAgreement.ProposedFromMatch,
    LabourAgreement.ShiftConfirmed,
    LabourAgreement.ShiftReversed,
)


def _events(log: EventLog, last_day: date) -> Iterator[Any]:
    topics = [get_topic(cls) for cls in _EVENTS]
    start: int | None = None
    while True:
        page = log.recorder.select_notifications(
            start, PAGE, topics=topics, inclusive_of_start=start is None
        )
        for notification in page:
            event: Any = log.mapper.to_domain_event(notification)
            if business_date(event.timestamp) > last_day:
                continue
            yield event
        if len(page) < PAGE:
            return
        start = page[-1].id


def sharing_report(log: EventLog, first_day: date, last_day: date) -> SharingReport:
    """The report of ``first_day`` to ``last_day`` (a month, a quarter), both counted."""

    def within(day: date) -> bool:
        return first_day <= day <= last_day

    needs: dict[UUID, dict[str, Any]] = {}
    match_need: dict[UUID, UUID] = {}
    matched_agreements: dict[UUID, tuple[FirmId, FirmId]] = {}
    given: dict[FirmId, int] = {}
    received: dict[FirmId, int] = {}
    for event in _events(log, last_day):
        day = business_date(event.timestamp)
        if isinstance(event, Listing.Posted):
            if event.role is ListingRole.NEED:
                needs[event.originator_id] = {
                    "kind": event.terms.kind,
                    "posted": day,
                    "matched": None,
                    "fulfilled": None,
                    "status": ListingStatus.OPEN,
                }
        elif isinstance(event, (Listing.Withdrawn, Listing.Expired, Listing.Fulfilled)):
            need = needs.get(event.originator_id)
            if need is not None:
                need["status"] = {
                    Listing.Withdrawn: ListingStatus.WITHDRAWN,
                    Listing.Expired: ListingStatus.EXPIRED,
                    Listing.Fulfilled: ListingStatus.FULFILLED,
                }[type(event)]
                if isinstance(event, Listing.Fulfilled):
                    need["fulfilled"] = day
        elif isinstance(event, Match.Proposed):
            match_need[event.originator_id] = event.need
        elif isinstance(event, Match.Agreed):
            need = needs.get(match_need.get(event.originator_id))  # type: ignore[arg-type]
            if need is not None and need["matched"] is None:
                need["matched"] = day
        elif isinstance(event, LabourAgreement.ProposedFromMatch):
            matched_agreements[event.originator_id] = (event.lender, event.borrower)
        elif event.originator_id in matched_agreements:
            shift = event.shift
            if within(day):
                sign = 1 if isinstance(event, LabourAgreement.ShiftConfirmed) else -1
                lender, borrower = matched_agreements[event.originator_id]
                given[lender] = given.get(lender, 0) + sign * shift.minutes.value
                received[borrower] = received.get(borrower, 0) + sign * shift.minutes.value
    counts = []
    for kind in ListingKind:
        mine = [n for n in needs.values() if n["kind"] is kind]
        counts.append(
            KindCounts(
                kind=kind,
                posted=sum(1 for n in mine if within(n["posted"])),
                matched=sum(1 for n in mine if n["matched"] and within(n["matched"])),
                fulfilled=sum(1 for n in mine if n["fulfilled"] and within(n["fulfilled"])),
                open=sum(1 for n in mine if n["status"] is ListingStatus.OPEN),
            )
        )
    waits = [
        (n["matched"] - n["posted"]).days
        for n in needs.values()
        if n["matched"] is not None and within(n["matched"])
    ]
    firms = sorted({*given, *received}, key=lambda f: f.code)
    return SharingReport(
        first_day=first_day,
        last_day=last_day,
        needs=tuple(counts),
        median_days_to_match=float(median(waits)) if waits else None,
        firms=tuple(
            FirmSharing(f, Minutes(given.get(f, 0)), Minutes(received.get(f, 0))) for f in firms
        ),
    )
