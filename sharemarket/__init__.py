"""sharemarket: an event-sourced resource-sharing market between the firms of an industrial park."""

from sharemarket.application.market import ShareMarket
from sharemarket.domain.actor import Actor, Role
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import (
    ConcurrentUpdate,
    Conflict,
    FirmAlreadyAdmitted,
    FirmNotActive,
    InvalidInput,
    InvalidTransition,
    LastAdministrator,
    LastRepresentative,
    NotFound,
    ParkAlreadyEstablished,
    PermissionDenied,
    RequestIdReused,
    RuleViolation,
    ShareMarketError,
    StoreError,
)
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.park import FirmSize, FirmStatus, Member
from sharemarket.domain.time import PARK_TZ, TimeSlot, business_date, park_time

__all__ = [
    "PARK_TZ",
    "Actor",
    "ConcurrentUpdate",
    "Conflict",
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
    "NotFound",
    "ParkAlreadyEstablished",
    "PermissionDenied",
    "RequestIdReused",
    "Role",
    "RuleViolation",
    "ShareMarket",
    "ShareMarketError",
    "StoreError",
    "TimeSlot",
    "business_date",
    "park_time",
]
