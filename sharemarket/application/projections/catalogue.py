"""Every mapping module, merged: what the projections know about each event class.

A new resource type (subcontracting, venues, loans) adds its ``postings_<type>`` and
``summaries_<type>`` modules and one line to each tuple below; nothing else changes.
"""

from __future__ import annotations

from sharemarket.application.projections import (
    postings_labour,
    postings_park,
    summaries_labour,
    summaries_park,
)
from sharemarket.application.projections.audit import SummaryRules
from sharemarket.application.projections.journal import PostingRules
from sharemarket.application.projections.parties import PartyRules

POSTING_RULES = PostingRules.merge((postings_park.postings, postings_labour.postings))
PARTY_RULES = PartyRules.merge((postings_park.parties, postings_labour.parties))
SUMMARY_RULES = SummaryRules.merge((summaries_park.summaries, summaries_labour.summaries))
