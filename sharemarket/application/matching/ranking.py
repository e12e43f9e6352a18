"""The ranking of offers for a need: a read model over the open offers, never a decision.

For an open need, every open offer of its kind (from the kind's open-offers index) valid on the
as-of date, of another party whose firm is active, and covering some of the need is scored by
how much of what the need still lacks it covers (what both still have available), in
thousandths. Equal scores are ordered by the larger amount covered, then the offer's id, so the
same state always ranks the same way.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import attrs

from sharemarket.application.kernel.loader import Loader
from sharemarket.application.matching import access
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.coverage import cover
from sharemarket.domain.matching.listing import Listing, ListingRole
from sharemarket.domain.matching.terms import amount_text
from sharemarket.domain.park.membership import Park


@attrs.frozen
class RankedOffer:
    """An offer for a need: its score (thousandths of what the need lacks that it covers), the
    amount it covers in the need's unit, and why, in words."""

    offer: UUID
    role: ListingRole
    owner: FirmId | None
    score: int
    covered: int
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """Why the offer ranks where it does: its reasons, in words, joined by semicolons."""
        return "; ".join(self.reasons)


def rank(loader: Loader, park: Park, need: Listing, as_of: date) -> tuple[RankedOffer, ...]:
    """The offers for ``need`` on ``as_of``, best first (empty when the need is not open, not
    valid on that day, or its firm is not active)."""
    if not need.is_open or need.valid_until < as_of or not _active(park, need.owner):
        return ()
    lacking = need.available
    if lacking <= 0:
        return ()
    ranked = []
    for offer_id in access.open_offer_ids(loader, need.kind):
        offer = access.listing(loader, offer_id, "offer")
        if (
            not offer.is_open
            or offer.valid_until < as_of
            or offer.owner == need.owner
            or not _active(park, offer.owner)
        ):
            continue
        coverage = cover(need.terms, offer.terms)
        covered = min(coverage.covered, lacking, offer.available)
        if covered <= 0:
            continue
        reasons = coverage.reasons
        if covered < coverage.covered:
            reasons = (
                f"{amount_text(need.terms, covered)} still free on both sides",
                *reasons,
            )
        ranked.append(
            RankedOffer(
                offer=offer.id,
                role=offer.role,
                owner=offer.owner,
                score=covered * 1000 // lacking,
                covered=covered,
                reasons=reasons,
            )
        )
    ranked.sort(key=lambda r: (-r.score, -r.covered, str(r.offer)))
    return tuple(ranked)


def _active(park: Park, owner: FirmId | None) -> bool:
    if owner is None:
        return True
    return park.has_admitted(owner) and park.member(owner).is_active
