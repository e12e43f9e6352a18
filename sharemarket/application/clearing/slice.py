"""The clearing slice's declaration (清算): runs netting the trade obligations of other slices."""

from __future__ import annotations

from sharemarket.application.clearing import postings, summaries
from sharemarket.application.clearing.handlers import handlers
from sharemarket.application.clearing.service import ClearingService
from sharemarket.application.clearing.transcodings import TRANSCODINGS
from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.domain.clearing import errors
from sharemarket.domain.clearing.run import ClearingRun

SLICE = Slice(
    name="clearing",
    service=ClearingService,
    # A run's size is fixed when it is proposed; it sees a handful of events.
    aggregates={ClearingRun: None},
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    errors=errors_of(errors),
)
