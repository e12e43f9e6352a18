"""Matching commands as values (需求清单 / 资源清单 / 服务清单 and their matches).

Each one's ``stored_as`` is kept in request receipts forever; all begin with ``matching.``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import market_id, text
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.ids import derived_id
from sharemarket.domain.matching.deals import Acceptance, DealOutcome, DealRef
from sharemarket.domain.matching.listing import REASON_MAX, ListingRole
from sharemarket.domain.matching.terms import Terms, check_terms
from sharemarket.domain.time import (
    FIRST_BUSINESS_DATE,
    LAST_BUSINESS_DATE,
    PARK_TZ,
    business_date,
    check_business_date,
    is_business_date,
)

R = TypeVar("R")

_REASON = text(REASON_MAX)


def _optional_date(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        is_business_date(instance, attribute, value)


def _optional_instant(value: Any) -> datetime | None:
    """An aware instant on a business date, held in park time (or None)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise TypeError(
            f"at is an aware datetime (e.g. datetime(2026, 3, 2, 9, tzinfo=PARK_TZ)), not "
            f"{type(value).__name__} {value!r}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(
            f"at {value.isoformat()} has no time zone; give an aware datetime (for park time "
            "tzinfo=sharemarket.PARK_TZ)"
        )
    if not FIRST_BUSINESS_DATE.year <= value.year <= LAST_BUSINESS_DATE.year:
        raise InvalidInput(
            f"at {value.isoformat()} lies outside the business dates the market records"
        )
    check_business_date(business_date(value), "at")
    return value.astimezone(PARK_TZ)


def _terms(value: Any) -> Terms:
    return check_terms(value, "terms")


@attrs.frozen(kw_only=True)
class PostListing(Command[UUID]):
    """Post a listing on one of the park's three lists."""

    role: ClassVar[ListingRole]
    terms: Terms = attrs.field(converter=_terms)
    valid_until: date = attrs.field(validator=is_business_date)

    @property
    def listing_id(self) -> UUID:
        return derived_id("matching-listing", self.request_id)


@attrs.frozen(kw_only=True)
class PostNeed(PostListing):
    stored_as: ClassVar[str] = "matching.post_need"
    role: ClassVar[ListingRole] = ListingRole.NEED


@attrs.frozen(kw_only=True)
class PostResource(PostListing):
    stored_as: ClassVar[str] = "matching.post_resource"
    role: ClassVar[ListingRole] = ListingRole.RESOURCE


@attrs.frozen(kw_only=True)
class PostService(PostListing):
    stored_as: ClassVar[str] = "matching.post_service"
    role: ClassVar[ListingRole] = ListingRole.SERVICE


@attrs.frozen(kw_only=True)
class OnListing(Command[R]):
    listing: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class WithdrawListing(OnListing[None]):
    stored_as: ClassVar[str] = "matching.withdraw_listing"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class ExpireListing(OnListing[None]):
    stored_as: ClassVar[str] = "matching.expire_listing"
    as_of: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class ProposeMatch(Command[UUID]):
    stored_as: ClassVar[str] = "matching.propose_match"
    need: UUID = attrs.field(validator=market_id)
    offer: UUID = attrs.field(validator=market_id)

    @property
    def match_id(self) -> UUID:
        return derived_id("matching-match", self.request_id)


@attrs.frozen(kw_only=True)
class OnMatch(Command[R]):
    match: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class AcceptMatch(OnMatch[DealRef | None]):
    stored_as: ClassVar[str] = "matching.accept_match"
    #: The acceptance's date, for a deal that starts on it (a loan's contract date).
    on: date | None = attrs.field(default=None, validator=_optional_date)
    #: The acceptance's time, for a deal checked as of it (a booking's notice), in park time.
    at: datetime | None = attrs.field(default=None, converter=_optional_instant)

    def __attrs_post_init__(self) -> None:
        Acceptance(on=self.on, at=self.at)  # refused when the two name different days

    def arguments(self) -> dict[str, Any]:
        # Receipts stored before ``on`` and ``at`` existed were fingerprinted without them:
        # leave each out when it is not given, so their fingerprints stay the same.
        args = super().arguments()
        for optional in ("on", "at"):
            if args[optional] is None:
                del args[optional]
        return args

    @property
    def deal_id(self) -> UUID:
        """The id of the deal this acceptance drafts, if it is the second one."""
        return derived_id("matching-deal", self.request_id)


@attrs.frozen(kw_only=True)
class DeclineMatch(OnMatch[None]):
    stored_as: ClassVar[str] = "matching.decline_match"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class RecordDealOutcome(OnMatch[DealOutcome]):
    stored_as: ClassVar[str] = "matching.record_deal_outcome"
