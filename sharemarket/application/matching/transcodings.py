"""How the matching slice's values are stored. Names are stored forever: never rename or reuse
one (each begins with ``matching_``)."""

from __future__ import annotations

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
    AttrsAsDict(CapacityTerms, "matching_capacity_terms"),
    AttrsAsDict(VenueTerms, "matching_venue_terms"),
    AttrsAsDict(FundsTerms, "matching_funds_terms"),
    AttrsAsDict(ServiceTerms, "matching_service_terms"),
)
