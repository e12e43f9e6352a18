"""sharemarket: an event-sourced resource-sharing market between the firms of an industrial park."""

from sharemarket.application.labour.postings import LABOUR_MINUTES
from sharemarket.application.market import ShareMarket
from sharemarket.application.projections.journal import CNY, Asset
from sharemarket.domain.actor import Actor, Role
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import (
    ConcurrentUpdate,
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    PersonalDataRefused,
    RequestIdReused,
    RuleViolation,
    ShareMarketError,
    StoreError,
)
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import AgreementStatement, AgreementStatus
from sharemarket.domain.labour.errors import (
    AgreementMinutesCapExceeded,
    AgreementNotActive,
    DailyHoursExceeded,
    DailyOvertimeExceeded,
    DailyStandardHoursExceeded,
    MonthlyOvertimeExceeded,
    NothingToSettle,
    Overpayment,
    SelfBorrowing,
    ShiftAlreadySettled,
    ShiftOutsidePeriod,
    WeeklyHoursExceeded,
    WeeklyRestDayRequired,
    WorkerNotOnAgreement,
    WorkingTimeLimitExceeded,
)
from sharemarket.domain.labour.policy import LABOUR_LAW, DayType, WorkingTimePolicy
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.shift import Shift, ShiftStatus
from sharemarket.domain.money import Money
from sharemarket.domain.park.errors import (
    FirmAlreadyAdmitted,
    FirmNotActive,
    LastAdministrator,
    LastRepresentative,
    ParkAlreadyEstablished,
)
from sharemarket.domain.park.membership import FirmSize, FirmStatus, Member
from sharemarket.domain.time import PARK_TZ, TimeSlot, business_date, park_time
from sharemarket.park_views import (
    AuditTrailBroken,
    ParkViews,
    ProjectionHalted,
    ProjectionTimeout,
    UnbalancedPostings,
    ViewOutOfStep,
    ViewsOfAnotherMarket,
)

__all__ = [
    "CNY",
    "LABOUR_LAW",
    "LABOUR_MINUTES",
    "PARK_TZ",
    "Actor",
    "AgreementMinutesCapExceeded",
    "AgreementNotActive",
    "AgreementStatement",
    "AgreementStatus",
    "Asset",
    "AuditTrailBroken",
    "ConcurrentUpdate",
    "Conflict",
    "DailyHoursExceeded",
    "DailyOvertimeExceeded",
    "DailyStandardHoursExceeded",
    "DayType",
    "FirmAlreadyAdmitted",
    "FirmId",
    "FirmNotActive",
    "FirmSize",
    "FirmStatus",
    "InvalidInput",
    "InvalidTransition",
    "LastAdministrator",
    "LastRepresentative",
    "Member",
    "Minutes",
    "Money",
    "MonthlyOvertimeExceeded",
    "NotFound",
    "NothingToSettle",
    "Overpayment",
    "ParkAlreadyEstablished",
    "ParkViews",
    "PermissionDenied",
    "PersonalDataRefused",
    "ProjectionHalted",
    "ProjectionTimeout",
    "RequestIdReused",
    "Role",
    "RuleViolation",
    "SelfBorrowing",
    "Settlement",
    "ShareMarket",
    "ShareMarketError",
    "Shift",
    "ShiftAlreadySettled",
    "ShiftOutsidePeriod",
    "ShiftStatus",
    "StoreError",
    "TimeSlot",
    "UnbalancedPostings",
    "ViewOutOfStep",
    "ViewsOfAnotherMarket",
    "WeeklyHoursExceeded",
    "WeeklyRestDayRequired",
    "WorkerNotOnAgreement",
    "WorkingTimeLimitExceeded",
    "WorkingTimePolicy",
    "business_date",
    "park_time",
]

# Matching (需求清单 / 资源清单 / 服务清单) ------------------------------------------------------
from sharemarket.application.matching.ranking import RankedOffer
from sharemarket.domain.matching.coverage import Coverage
from sharemarket.domain.matching.deals import DealOutcome, DealRef
from sharemarket.domain.matching.errors import (
    MatchingAlreadyAccepted,
    MatchingDealKindUnavailable,
    MatchingDealNotComplete,
    MatchingKindMismatch,
    MatchingListingFull,
    MatchingListingNotOpen,
    MatchingListingStillValid,
    MatchingNotAgreed,
    MatchingNothingCovered,
    MatchingNotProposed,
    MatchingOvercommitted,
    MatchingSelfMatch,
    MatchingWrongRoles,
)
from sharemarket.domain.matching.listing import Listing, ListingRole, ListingStatus
from sharemarket.domain.matching.match import Match, MatchSide, MatchStatus
from sharemarket.domain.matching.terms import (
    CapacityTerms,
    FundsTerms,
    LabourTerms,
    ListingKind,
    ServiceCategory,
    ServiceTerms,
    VenueTerms,
)

__all__ += [
    "CapacityTerms",
    "Coverage",
    "DealOutcome",
    "DealRef",
    "FirmSharing",
    "FundsTerms",
    "KindCounts",
    "LabourTerms",
    "Listing",
    "ListingKind",
    "ListingRole",
    "ListingStatus",
    "Match",
    "MatchSide",
    "MatchStatus",
    "MatchingAlreadyAccepted",
    "MatchingDealKindUnavailable",
    "MatchingDealNotComplete",
    "MatchingKindMismatch",
    "MatchingListingFull",
    "MatchingListingNotOpen",
    "MatchingListingStillValid",
    "MatchingNotAgreed",
    "MatchingNotProposed",
    "MatchingNothingCovered",
    "MatchingOvercommitted",
    "MatchingSelfMatch",
    "MatchingWrongRoles",
    "RankedOffer",
    "ServiceCategory",
    "ServiceTerms",
    "SharingReport",
    "VenueTerms",
]
