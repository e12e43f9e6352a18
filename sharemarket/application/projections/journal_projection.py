"""The journal projection: postings, and the running balances per firm and per pair of firms."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import (
    Tracking,
)

from sharemarket.application.projections.catalogue import (
    PARTY_RULES,
    POSTING_RULES,
)
from sharemarket.application.projections.journal import PostingRules
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.application.projections.parties import BatchPartyBook, PartyRules, Roles
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.application.projections.views import JournalBatch
from sharemarket.domain.time import business_date


class JournalProjection(ViewProjection[JournalView]):
    """Postings, and the running balances per firm and per pair of firms."""

    name = "journal"

    def __init__(
        self,
        view: JournalView,
        rules: PostingRules = POSTING_RULES,
        parties: PartyRules = PARTY_RULES,
    ) -> None:
        super().__init__(view, parties)
        self._rules = rules

    def _new_batch(self) -> JournalBatch:
        return JournalBatch()

    def _adds_rows(self, event_class: type) -> bool:
        return self._rules.moves_value(event_class)

    def _add(self, batch: JournalBatch, event: Any, position: int, book: BatchPartyBook) -> None:
        postings = self._rules.postings(event, book)
        if not postings:
            return
        day = business_date(event.timestamp).isoformat()
        balances, pairs = batch.balances, batch.pairs
        for seq, p in enumerate(postings):
            firm, other = p.firm.code, p.counterparty.code
            asset, kind = p.asset.value, p.kind.value
            batch.postings.append(
                (position, seq, day, firm, other, asset, kind, p.amount, p.reference)
            )
            key = (firm, asset, kind)
            balances[key] = balances.get(key, 0) + p.amount
            pair = (firm, other, asset, kind)
            pairs[pair] = pairs.get(pair, 0) + p.amount

    def _add_parties(self, batch: JournalBatch, aggregate_id: UUID, roles: Roles) -> None:
        batch.parties.extend(self._party_rows(aggregate_id, roles))

    def _write(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        self.view.write_journal(batch, tracking, after)
