"""The matching slice's declaration: the park's lists, their matches and the deals made."""

from __future__ import annotations

from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.application.matching import postings, summaries
from sharemarket.application.matching.handlers import handlers
from sharemarket.application.matching.service import MatchingService
from sharemarket.application.matching.transcodings import TRANSCODINGS
from sharemarket.domain.matching import errors
from sharemarket.domain.matching.listing import Listing
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.offers import OpenOffers

SLICE = Slice(
    name="matching",
    service=MatchingService,
    # Listings and matches are bounded and short-lived; the index of a kind is small but its
    # event count grows with every offer posted and closed, so it loads from snapshots.
    aggregates={Listing: None, Match: None, OpenOffers: 50},
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    errors=errors_of(errors),
)
