"""How the matching slice's values are stored. Names are stored forever: never rename or reuse
one (each begins with ``matching_``)."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.matching.deals import DealOutcome, DealRef
from sharemarket.domain.matching.listing import ListingRole, ListingStatus
from sharemarket.domain.matching.match import MatchSide, MatchStatus
from sharemarket.domain.matching.terms import (
    CapacityTerms,
    FundsTerms,
    LabourTerms,
    ListingKind,
    ServiceCategory,
    ServiceTerms,
    VenueTerms,
)


class TermsAsDict(AttrsAsDict):
    """Terms stored as a dict of their fields, an optional field left out when it is None: a
    field added later (a capacity listing's unit price) leaves the encoding of terms without it
    as it was, and with it the fingerprints of stored request receipts."""

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: value for name, value in super().encode(obj).items() if value is not None}


TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(ListingKind, "matching_listing_kind"),
    EnumAsValue(ListingRole, "matching_listing_role"),
    EnumAsValue(ListingStatus, "matching_listing_status"),
    EnumAsValue(ServiceCategory, "matching_service_category"),
    EnumAsValue(MatchSide, "matching_match_side"),
    EnumAsValue(MatchStatus, "matching_match_status"),
    EnumAsValue(DealOutcome, "matching_deal_outcome"),
    AttrsAsDict(DealRef, "matching_deal_ref"),
    AttrsAsDict(LabourTerms, "matching_labour_terms"),
    TermsAsDict(CapacityTerms, "matching_capacity_terms"),
    TermsAsDict(VenueTerms, "matching_venue_terms"),
    # Terms stored before annual_rate existed decode without it: no rate.
    TermsAsDict(FundsTerms, "matching_funds_terms"),
    AttrsAsDict(ServiceTerms, "matching_service_terms"),
)
