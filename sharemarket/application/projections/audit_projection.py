"""The audit projection: the hash-chained audit trail, one row per event."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    Tracking,
)

from sharemarket.application.projections.audit import GENESIS
from sharemarket.application.projections.audit_entries import AuditRowMaker
from sharemarket.application.projections.audit_summaries import SummaryRules
from sharemarket.application.projections.audit_view import AuditQuery, AuditView
from sharemarket.application.projections.canonical import CanonicalJSON
from sharemarket.application.projections.catalogue import (
    PARTY_RULES,
    SUMMARY_RULES,
)
from sharemarket.application.projections.errors import (
    AuditTrailBroken,
)
from sharemarket.application.projections.parties import BatchPartyBook, PartyRules, Roles
from sharemarket.application.projections.projection import ViewProjection, market_transcoder
from sharemarket.application.projections.views import AuditBatch


class AuditProjection(ViewProjection[AuditView]):
    """The hash-chained audit trail: one row per event."""

    name = "audit"

    def __init__(
        self,
        view: AuditView,
        summaries: SummaryRules = SUMMARY_RULES,
        parties: PartyRules = PARTY_RULES,
        transcoder: JSONTranscoder | None = None,
    ) -> None:
        super().__init__(view, parties)
        self._transcoder = transcoder or market_transcoder()
        self._summaries = summaries
        self._maker = AuditRowMaker(CanonicalJSON(self._transcoder), summaries)
        self._head: bytes | None = None

    def forget(self) -> None:
        super().forget()
        self._head = None

    def position(self, application_name: str) -> int | None:
        """The last position applied; on reading it from the view, check the trail ends there.

        Each event makes one row, written with the position, so the last row stands at the
        position. A row beyond it was added by someone else: chaining to it would build on a
        forgery, and writing its position again would fail on a raw integrity error.
        """
        if application_name in self._positions:
            return self._positions[application_name]
        self._settle()
        tracked, head = self.view.tracked_head(application_name)
        last = 0 if head is None else head[0]
        if last > tracked:
            raise self._rows_beyond(tracked)
        self._positions[application_name] = tracked or None
        self._head = GENESIS if head is None else head[1]
        return tracked or None

    def _rows_beyond(self, tracked: int) -> AuditTrailBroken:
        first = self.view.select_entries(AuditQuery(after=tracked, limit=1))
        what = f"a row at position {first[0][0]}" if first else "index or party rows"
        return AuditTrailBroken(
            f"the audit view holds {what}, beyond position {tracked}, the last it has "
            "processed: the projection never wrote such rows, so they were added; "
            "views.verify() names them: remove them (or rebuild the trail) and catch up again",
            first[0][0] if first else tracked + 1,
        )

    def _previous_hash(self, batch: AuditBatch) -> bytes:
        last = batch.last_hash
        if last is not None:
            return last
        if self._head is None:
            self._settle()
            head = self.view.head()
            self._head = GENESIS if head is None else head[1]
        return self._head

    def _new_batch(self) -> AuditBatch:
        return AuditBatch()

    def _add(self, batch: AuditBatch, event: Any, position: int, book: BatchPartyBook) -> None:
        batch.add(self._maker.record(event, position, book, self._previous_hash(batch)))

    def _add_parties(self, batch: AuditBatch, aggregate_id: UUID, roles: Roles) -> None:
        batch.parties.extend(self._party_rows(aggregate_id, roles))

    def _write(self, batch: AuditBatch, tracking: Tracking, after: int | None) -> None:
        try:
            self.view.write_audit(batch, tracking, after)
        except IntegrityError as exc:
            # The batch's positions are new to the view's position, so one that is taken was
            # taken by a row added behind the projection's back (since the position was read).
            raise self._rows_beyond(after or 0) from exc

    def makers(self) -> tuple[AuditRowMaker, PartyRules]:
        """This projection's way of making rows: a maker like its own (with caches of its own,
        to run beside a catch-up) and its party rules, to make the trail again from the events."""
        return AuditRowMaker(CanonicalJSON(self._transcoder), self._summaries), self._party_rules

    def _prepared(self, batch: AuditBatch) -> None:
        self._head = batch.last_hash
