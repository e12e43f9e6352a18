"""sharemarket: an event-sourced resource-sharing market between the firms of an industrial park."""

from sharemarket.application.labour.postings import LABOUR_MINUTES
from sharemarket.application.market import ShareMarket
from sharemarket.application.projections.journal import CNY, Asset
from sharemarket.application.venues.postings import VENUE_MINUTES
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
from sharemarket.domain.venues.blackout import OverBookings
from sharemarket.domain.venues.booking import Booking, BookingStatus
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
from sharemarket.domain.venues.park_days import ParkDay
from sharemarket.domain.venues.quotas import QuotaPeriod, VenueQuota
from sharemarket.domain.venues.rules import OpeningHours, VenueKind, VenueRules
from sharemarket.domain.venues.schedule import DaySchedule
from sharemarket.domain.venues.series import Recurrence, SeriesBooked, SeriesConflicts, SkippedDate
from sharemarket.domain.venues.waitlist import WaitingEntry
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

# The venues slice (阵地共享).
__all__ += [
    "VENUE_MINUTES",
    "Booking",
    "BookingCheckInClosed",
    "BookingNoShowTooEarly",
    "BookingNotLive",
    "BookingNotOver",
    "BookingSeriesEmpty",
    "BookingStatus",
    "DaySchedule",
    "OpeningHours",
    "OverBookings",
    "ParkDay",
    "QuotaPeriod",
    "Recurrence",
    "SeriesBooked",
    "SeriesConflicts",
    "SkippedDate",
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
    "WaitingEntry",
    "WaitlistOfferMissing",
]
