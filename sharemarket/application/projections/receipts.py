"""Request receipts in the views: they move no value; the audit trail says who asked for what."""

from __future__ import annotations

from sharemarket.application.projections.audit_summaries import SummaryRules, who
from sharemarket.application.projections.journal import PostingRules
from sharemarket.application.projections.parties import PartyBook, PartyRules
from sharemarket.domain.requests import RequestReceipt

postings = PostingRules()
parties = PartyRules()
summaries = SummaryRules()

postings.moves_no_value(RequestReceipt.Recorded)


@summaries.summary(RequestReceipt.Recorded)
def request_recorded(e: RequestReceipt.Recorded, _: PartyBook) -> str:
    return f"{who(e.actor)} made request {e.request_id!r}: {e.command}"
