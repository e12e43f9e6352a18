"""The subcontracting slice's declaration (二次发单): orders, parts, deliveries, settlement."""

from __future__ import annotations

from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.application.subcontracting import postings, summaries
from sharemarket.application.subcontracting.handlers import handlers
from sharemarket.application.subcontracting.service import SubcontractingService
from sharemarket.application.subcontracting.transcodings import TRANSCODINGS
from sharemarket.domain.subcontracting import errors
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart

SLICE = Slice(
    name="subcontracting",
    service=SubcontractingService,
    # Both hold bounded totals; snapshots keep a long-running part or order cheap to load.
    aggregates={SubcontractOrder: 100, SubcontractPart: 100},
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    assets=postings.ASSETS,
    errors=errors_of(errors),
    # A part's unpaid bills are a trade obligation of the issuer: a clearing run nets them.
    clearable=(SubcontractPart,),
)
