"""sharemarket: an event-sourced resource-sharing market between the firms of an industrial park."""

from sharemarket.application.clearing.service import (
    RunStatement,
)
from sharemarket.application.labour.postings import (
    LABOUR_MINUTES,
)
from sharemarket.application.market import (
    ShareMarket,
)
from sharemarket.application.projections.journal import (
    CNY,
    Asset,
)
from sharemarket.application.venues.postings import (
    VENUE_MINUTES,
)
from sharemarket.domain.actor import (
    Actor,
    Role,
)
from sharemarket.domain.clearing.errors import (
    AcceptancesMissing,
    NetPaymentOverpaid,
    NotAParticipant,
    ObligationListedTwice,
    ObligationNotClearable,
    RunNotOpen,
    RunStale,
)
from sharemarket.domain.clearing.netting import (
    NetPayment,
)
from sharemarket.domain.clearing.run import (
    Included,
    ObligationRef,
    RunStatus,
)
from sharemarket.domain.duration import (
    Minutes,
)
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
from sharemarket.domain.firm_id import (
    FirmId,
)
from sharemarket.domain.funds.allocation import (
    Allocated,
    Allocation,
    Owed,
)
from sharemarket.domain.funds.arrears import (
    Arrears,
    DelinquencyBucket,
)
from sharemarket.domain.funds.errors import (
    GuaranteeClosesCycle,
    GuaranteeLimitExceeded,
    GuaranteeNotCallable,
    InterestAboveLegalCap,
    JointGroupMembership,
    LoanDisbursalDate,
    LoanGuaranteesPending,
    LoanPrincipalTooSmall,
    LoanRepaymentTooLarge,
    LoanSelfLending,
    LoanStatusWrong,
    LoanTermsOutsidePoolRules,
    LprEntryNotLater,
    LprNotPublished,
    PoolCashShort,
    PoolContributionShort,
    PoolLendingShareExceeded,
)
from sharemarket.domain.funds.groups import (
    JointGroup,
)
from sharemarket.domain.funds.guarantees import (
    Guarantee,
    GuaranteeKind,
    GuaranteeStatus,
)
from sharemarket.domain.funds.loan import (
    LoanStatus,
)
from sharemarket.domain.funds.network import (
    CyclePolicy,
    GuarantorPosition,
    HeldGuarantee,
    NetworkReport,
)
from sharemarket.domain.funds.pool import (
    PoolRules,
)
from sharemarket.domain.funds.rates import (
    PUBLISHED_LPR,
    LprFigure,
)
from sharemarket.domain.funds.schedule import (
    Instalment,
    LoanTerms,
    ScheduleType,
)
from sharemarket.domain.funds.statements import (
    ContributorShare,
    GuaranteePosition,
    LoanStatement,
    PoolStatement,
)
from sharemarket.domain.labour.agreement import (
    AgreementStatement,
    AgreementStatus,
)
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
from sharemarket.domain.labour.policy import (
    LABOUR_LAW,
    DayType,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.settlement import (
    Settlement,
)
from sharemarket.domain.labour.shift import (
    Shift,
    ShiftStatus,
)
from sharemarket.domain.money import (
    Money,
)
from sharemarket.domain.park.errors import (
    FirmAlreadyAdmitted,
    FirmNotActive,
    LastAdministrator,
    LastRepresentative,
    ParkAlreadyEstablished,
)
from sharemarket.domain.park.membership import (
    FirmSize,
    FirmStatus,
    Member,
)
from sharemarket.domain.time import (
    PARK_TZ,
    TimeSlot,
    business_date,
    park_time,
)
from sharemarket.domain.venues.blackout import (
    OverBookings,
)
from sharemarket.domain.venues.booking import (
    Booking,
    BookingStatus,
)
from sharemarket.domain.venues.errors import (
    BookingCheckInClosed,
    BookingNoShowTooEarly,
    BookingNotLive,
    BookingNotOver,
    BookingSeriesEmpty,
    VenueBlackedOut,
    VenueBlackoutOverBookings,
    VenueCapacityExceeded,
    VenueClosedAtTime,
    VenueClosedForGood,
    VenueDurationOutOfRange,
    VenueNotBookableByFirm,
    VenueNoticeTooShort,
    VenueQuotaExceeded,
    VenueSlotFree,
    VenueSlotOffGrid,
    VenueSlotTaken,
    VenueTooFarAhead,
    VenueWaitlistFull,
    WaitlistOfferMissing,
)
from sharemarket.domain.venues.park_days import (
    ParkDay,
)
from sharemarket.domain.venues.quotas import (
    QuotaPeriod,
    VenueQuota,
)
from sharemarket.domain.venues.rules import (
    OpeningHours,
    VenueKind,
    VenueRules,
)
from sharemarket.domain.venues.schedule import (
    DaySchedule,
)
from sharemarket.domain.venues.series import (
    Recurrence,
    SeriesBooked,
    SeriesConflicts,
    SkippedDate,
)
from sharemarket.domain.venues.waitlist import (
    WaitingEntry,
)
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
    "PUBLISHED_LPR",
    "VENUE_MINUTES",
    "AcceptancesMissing",
    "Actor",
    "AgreementMinutesCapExceeded",
    "AgreementNotActive",
    "AgreementStatement",
    "AgreementStatus",
    "Allocated",
    "Allocation",
    "Arrears",
    "Asset",
    "AuditTrailBroken",
    "Booking",
    "BookingCheckInClosed",
    "BookingNoShowTooEarly",
    "BookingNotLive",
    "BookingNotOver",
    "BookingSeriesEmpty",
    "BookingStatus",
    "ConcurrentUpdate",
    "Conflict",
    "ContributorShare",
    "CyclePolicy",
    "DailyHoursExceeded",
    "DailyOvertimeExceeded",
    "DailyStandardHoursExceeded",
    "DaySchedule",
    "DayType",
    "DelinquencyBucket",
    "FirmAlreadyAdmitted",
    "FirmId",
    "FirmNotActive",
    "FirmSize",
    "FirmStatus",
    "Guarantee",
    "GuaranteeClosesCycle",
    "GuaranteeKind",
    "GuaranteeLimitExceeded",
    "GuaranteeNotCallable",
    "GuaranteePosition",
    "GuaranteeStatus",
    "GuarantorPosition",
    "HeldGuarantee",
    "Included",
    "Instalment",
    "InterestAboveLegalCap",
    "InvalidInput",
    "InvalidTransition",
    "JointGroup",
    "JointGroupMembership",
    "LastAdministrator",
    "LastRepresentative",
    "LoanDisbursalDate",
    "LoanGuaranteesPending",
    "LoanPrincipalTooSmall",
    "LoanRepaymentTooLarge",
    "LoanSelfLending",
    "LoanStatement",
    "LoanStatus",
    "LoanStatusWrong",
    "LoanTerms",
    "LoanTermsOutsidePoolRules",
    "LprEntryNotLater",
    "LprFigure",
    "LprNotPublished",
    "Member",
    "Minutes",
    "Money",
    "MonthlyOvertimeExceeded",
    "NetPayment",
    "NetPaymentOverpaid",
    "NetworkReport",
    "NotAParticipant",
    "NotFound",
    "NothingToSettle",
    "ObligationListedTwice",
    "ObligationNotClearable",
    "ObligationRef",
    "OpeningHours",
    "OverBookings",
    "Overpayment",
    "Owed",
    "ParkAlreadyEstablished",
    "ParkDay",
    "ParkViews",
    "PermissionDenied",
    "PersonalDataRefused",
    "PoolCashShort",
    "PoolContributionShort",
    "PoolLendingShareExceeded",
    "PoolRules",
    "PoolStatement",
    "ProjectionHalted",
    "ProjectionTimeout",
    "QuotaPeriod",
    "Recurrence",
    "RequestIdReused",
    "Role",
    "RuleViolation",
    "RunNotOpen",
    "RunStale",
    "RunStatement",
    "RunStatus",
    "ScheduleType",
    "SelfBorrowing",
    "SeriesBooked",
    "SeriesConflicts",
    "Settlement",
    "ShareMarket",
    "ShareMarketError",
    "Shift",
    "ShiftAlreadySettled",
    "ShiftOutsidePeriod",
    "ShiftStatus",
    "SkippedDate",
    "StoreError",
    "TimeSlot",
    "UnbalancedPostings",
    "VenueBlackedOut",
    "VenueBlackoutOverBookings",
    "VenueCapacityExceeded",
    "VenueClosedAtTime",
    "VenueClosedForGood",
    "VenueDurationOutOfRange",
    "VenueKind",
    "VenueNotBookableByFirm",
    "VenueNoticeTooShort",
    "VenueQuota",
    "VenueQuotaExceeded",
    "VenueRules",
    "VenueSlotFree",
    "VenueSlotOffGrid",
    "VenueSlotTaken",
    "VenueTooFarAhead",
    "VenueWaitlistFull",
    "ViewOutOfStep",
    "ViewsOfAnotherMarket",
    "WaitingEntry",
    "WaitlistOfferMissing",
    "WeeklyHoursExceeded",
    "WeeklyRestDayRequired",
    "WorkerNotOnAgreement",
    "WorkingTimeLimitExceeded",
    "WorkingTimePolicy",
    "business_date",
    "park_time",
]
