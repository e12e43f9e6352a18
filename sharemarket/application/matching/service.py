"""``market.matching``: the park's lists of needs, resources and services, and their matches."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.matching import access
from sharemarket.application.matching import commands as c
from sharemarket.application.matching.ranking import RankedOffer, rank
from sharemarket.application.matching.report import SharingReport
from sharemarket.application.park.access import read_park
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.deals import DealOutcome, DealRef
from sharemarket.domain.matching.errors import MatchingWrongRoles
from sharemarket.domain.matching.listing import Listing, ListingRole
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import ServiceTerms, Terms
from sharemarket.domain.time import check_business_date


class MatchingService(Service):
    """Needs, resources and services (需求清单 / 资源清单 / 服务清单), matched into deals."""

    # Lists ------------------------------------------------------------------------------------

    def post_need(self, actor: Actor, *, request_id: str, terms: Terms, valid_until: date) -> UUID:
        """The actor's firm posts what it needs (hands, capacity, a room, funds, a service),
        open until ``valid_until``; returns the listing's id."""
        return self._run(
            c.PostNeed(actor=actor, request_id=request_id, terms=terms, valid_until=valid_until)
        )

    def post_resource(
        self, actor: Actor, *, request_id: str, terms: Terms, valid_until: date
    ) -> UUID:
        """The actor's firm posts what it can share; returns the listing's id."""
        return self._run(
            c.PostResource(actor=actor, request_id=request_id, terms=terms, valid_until=valid_until)
        )

    def post_service(
        self, actor: Actor, *, request_id: str, terms: ServiceTerms, valid_until: date
    ) -> UUID:
        """A park administrator posts a service of the park (training, policy advice, ...)."""
        return self._run(
            c.PostService(actor=actor, request_id=request_id, terms=terms, valid_until=valid_until)
        )

    def withdraw_listing(
        self, actor: Actor, *, request_id: str, listing: UUID, reason: str
    ) -> None:
        self._run(
            c.WithdrawListing(actor=actor, request_id=request_id, listing=listing, reason=reason)
        )

    def expire_listing(self, actor: Actor, *, request_id: str, listing: UUID, as_of: date) -> None:
        """Close a listing whose validity date is before ``as_of``."""
        self._run(c.ExpireListing(actor=actor, request_id=request_id, listing=listing, as_of=as_of))

    # Matches ----------------------------------------------------------------------------------

    def propose_match(self, actor: Actor, *, request_id: str, need: UUID, offer: UUID) -> UUID:
        """An administrator or either firm pairs a need with a resource or service; the match
        holds what the offer covers of the need. Returns the match's id."""
        return self._run(c.ProposeMatch(actor=actor, request_id=request_id, need=need, offer=offer))

    def accept_match(
        self,
        actor: Actor,
        *,
        request_id: str,
        match: UUID,
        on: date | None = None,
        at: datetime | None = None,
    ) -> DealRef | None:
        """The actor's side accepts; the second acceptance drafts the deal (returned). ``on``
        is the acceptance's date: a funds match's loan application is contracted on it (or
        on ``at``'s date). ``at`` is its time, an aware datetime: a venue match's booking is
        requested as of it, and the venue's notice counted from it."""
        return self._run(
            c.AcceptMatch(actor=actor, request_id=request_id, match=match, on=on, at=at)
        )

    def decline_match(self, actor: Actor, *, request_id: str, match: UUID, reason: str) -> None:
        self._run(c.DeclineMatch(actor=actor, request_id=request_id, match=match, reason=reason))

    def record_deal_outcome(self, actor: Actor, *, request_id: str, match: UUID) -> DealOutcome:
        """Follow the deal of an agreed match: completed (the listings count it met, and are
        fulfilled when all is met) or fell through (the match lapses); refused while under way."""
        return self._run(c.RecordDealOutcome(actor=actor, request_id=request_id, match=match))

    # Queries ----------------------------------------------------------------------------------

    def listings(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every need, resource and service posted, oldest first (whatever became
        of them: read ``listing(id).is_open``); with ``firm``, those it posted. Read from the
        log (a list for people and tools)."""
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (Listing.Posted,),
            None if code is None else lambda e: e.owner == code,
        )

    def listing(self, listing: UUID) -> Listing:
        return access.listing(self._loader, as_uuid(listing, "listing"))

    def match(self, match: UUID) -> Match:
        return access.match(self._loader, as_uuid(match, "match"))

    def rank(self, need: UUID, as_of: date) -> tuple[RankedOffer, ...]:
        """The open offers for ``need`` on ``as_of``, best first, each with its score and why."""
        need_id = as_uuid(need, "need")
        check_business_date(as_of, "as_of")
        listing = access.listing(self._loader, need_id, "need")
        if listing.role is not ListingRole.NEED:
            raise MatchingWrongRoles(f"{listing.label} is not a need: offers are ranked for needs")
        return rank(self._loader, read_park(self._loader), listing, as_of)

    def sharing_report(self, first_day: date, last_day: date) -> SharingReport:
        """The park's sharing report of a period (a month, a quarter): needs posted, matched,
        fulfilled and open by kind, the median days to a match, and per firm what it gave and
        received through sharing.

        Made here from the market's whole log (the events the report reads, by topic), through
        the sharing projection into a view in memory: for a market without views (a test, a
        small park). A park's software reads
        the same report from its views, ``ParkViews.sharing_report``, which reads only the
        period's rows."""
        check_period(first_day, last_day)
        # Imported here: the projection reads the slice registry, which lists this service.
        from sharemarket.application.matching.sharing_memory import MemorySharingView
        from sharemarket.application.matching.sharing_projection import fold

        view = MemorySharingView()
        fold(EventLog(self._loader.app), view)
        return view.report(first_day, last_day)


def check_period(first_day: date, last_day: date) -> None:
    """A report's period: two business dates, the first not after the last."""
    check_business_date(first_day, "first_day")
    check_business_date(last_day, "last_day")
    if last_day < first_day:
        raise InvalidInput(f"the period ends on {last_day}, before it starts on {first_day}")
