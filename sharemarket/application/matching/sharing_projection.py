"""The sharing projection: what each event adds to the sharing view, written once per batch.

Like the journal and the audit trail, it writes a batch of events' rows with its tracking
position in one transaction, so each event counts exactly once, under a catch-up or a live
runner. The facts it decides with (a need's kind and posting day, a match's need, the deals
made from matches) are read from the batch, then from what it has read before, then from the
view.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.utils import get_topic

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.matching.sharing_rules import RULES
from sharemarket.application.matching.sharing_view import SharingBatch, SharingView
from sharemarket.application.projections.catalogue import PARTY_RULES
from sharemarket.application.projections.parties import BatchPartyBook, Roles
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.domain.time import business_date

#: Facts kept in memory between batches, at most (about 200 bytes each).
FACTS_KEPT = 50_000


class SharingProjection(ViewProjection[SharingView]):
    """The park's sharing report, by day."""

    name = "sharing"

    def __init__(self, view: SharingView) -> None:
        super().__init__(view)
        # What the view holds of each fact read so far, None for a fact it does not hold (most
        # deals were not made from a match: their key is looked up for every shift, every
        # delivery, and would otherwise be asked of the view each time). Only this projection
        # writes facts, and each batch's facts are added here once prepared; another writer
        # moves the view's position on, and the projection then forgets them all.
        self._facts: dict[str, str | None] = {}

    def forget(self) -> None:
        super().forget()
        self._facts.clear()

    def _new_batch(self) -> SharingBatch:
        return SharingBatch()

    def _adds_rows(self, event_class: type) -> bool:
        return event_class in RULES

    def _add(self, batch: SharingBatch, event: Any, position: int, book: BatchPartyBook) -> None:
        found = RULES.get(type(event))
        if found is None:
            return
        # Computed on a batch of its own first, so that a failing event adds nothing.
        mine = SharingBatch()

        def facts(key: str) -> str | None:
            for known in (mine.facts, batch.facts, self._facts):
                if key in known:
                    return known[key]
            self._settle()
            value = self._facts[key] = self.view.fact(key)
            return value

        found(event, business_date(event.timestamp), mine, facts, book)
        for key, counts in mine.needs.items():
            into = batch.needs.setdefault(key, [0] * len(counts))
            for i, count in enumerate(counts):
                into[i] += count
        for wait, count in mine.waits.items():
            batch.waits[wait] = batch.waits.get(wait, 0) + count
        for share, amount in mine.shares.items():
            batch.shares[share] = batch.shares.get(share, 0) + amount
        batch.facts.update(mine.facts)

    def _add_parties(self, batch: SharingBatch, aggregate_id: UUID, roles: Roles) -> None:
        batch.parties.extend(self._party_rows(aggregate_id, roles))

    def _write(self, batch: SharingBatch, tracking: Tracking, after: int | None) -> None:
        self.view.write_sharing(batch, tracking, after)

    def _prepared(self, batch: SharingBatch) -> None:
        if len(self._facts) > FACTS_KEPT:  # read again from the view when next needed
            self._facts.clear()
        self._facts.update(batch.facts)


#: Notifications read per page when a report is made from the log.
PAGE = 1000


def fold(log: EventLog, view: SharingView) -> None:
    """Apply to ``view`` the market's events the sharing projection reads (its rules' classes,
    and those that declare the parties of a deal), read by topic from the first: the report
    of a market without views."""
    projection = SharingProjection(view)
    classes = {*RULES, *PARTY_RULES.event_classes}
    topics = sorted(get_topic(cls) for cls in classes)
    start: int | None = None
    while True:
        page = log.recorder.select_notifications(
            start, PAGE, topics=topics, inclusive_of_start=start is None
        )
        items = [(log.mapper.to_domain_event(n), n.id) for n in page]
        if items:
            projection.process(log.name, items)
        if len(page) < PAGE:
            return
        start = page[-1].id
