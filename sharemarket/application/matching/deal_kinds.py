"""The deal each kind of match becomes: the extension point the resource slices plug into.

An accepted match of a kind listed here is drafted into that slice's deal in the same save as
the match. A kind mapped to None makes no deal (a service: the accepted match is the
arrangement). A kind absent from the table is refused on acceptance with
``matching_deal_kind_unavailable``: its slice is not in this market. Each entry is a
:class:`~sharemarket.domain.matching.deals.DealKind` drafting the slice's deal (a labour
agreement, a part offer with its order, a booking request with its calendar and usage, a loan
application) from the two listings' terms, and saying when it has completed.
"""

from __future__ import annotations

from sharemarket.domain.matching.capacity_deal import CAPACITY_DEAL
from sharemarket.domain.matching.funds_deal import FUNDS_DEAL
from sharemarket.domain.matching.labour_deal import LABOUR_DEAL
from sharemarket.domain.matching.pairing import DealKinds
from sharemarket.domain.matching.terms import ListingKind
from sharemarket.domain.matching.venue_deal import VENUE_DEAL

DEAL_KINDS: DealKinds = {
    ListingKind.LABOUR: LABOUR_DEAL,
    ListingKind.CAPACITY: CAPACITY_DEAL,
    ListingKind.VENUE: VENUE_DEAL,
    ListingKind.FUNDS: FUNDS_DEAL,
    ListingKind.SERVICE: None,
}
