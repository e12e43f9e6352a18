"""What the projections know about each event class and asset, merged from the slice registry.

Nothing here names a slice: a new resource type declares its posting, party and summary rules
and its assets in its ``Slice``, and they appear here.
"""

from __future__ import annotations

from typing import Any

from sharemarket.application.projections import receipts
from sharemarket.application.projections.audit_summaries import SummaryRules
from sharemarket.application.projections.journal import CNY, Asset, PostingRules
from sharemarket.application.projections.parties import PartyRules
from sharemarket.application.slices import SLICES

POSTING_RULES = PostingRules.merge((receipts.postings, *(s.postings for s in SLICES)))
PARTY_RULES = PartyRules.merge((receipts.parties, *(s.parties for s in SLICES)))
SUMMARY_RULES = SummaryRules.merge((receipts.summaries, *(s.summaries for s in SLICES)))

#: Every asset the journal may hold, by the code its rows store.
ASSETS: dict[str, Asset[Any]] = {CNY.code: CNY}
for _slice in SLICES:
    for _asset in _slice.assets:
        if _asset.code in ASSETS:
            raise ValueError(f"asset code {_asset.code!r} is declared twice")
        ASSETS[_asset.code] = _asset


def asset(code: str) -> Asset[Any]:
    """The asset a journal row names by its code."""
    try:
        return ASSETS[code]
    except KeyError:
        raise LookupError(
            f"the journal holds asset {code!r}, which no slice of this version declares"
        ) from None
