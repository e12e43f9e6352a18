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
        """A representative of a member firm, acting for it, posts on the needs list what the
        firm needs (hands, capacity, a room, funds, a service), open until ``valid_until``.
        Records the listing; returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor acts for no firm, or is not a representative of its firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the actor's firm is not a member.
            FirmNotActive: The actor's firm is suspended or left.
        """
        return self._run(
            c.PostNeed(actor=actor, request_id=request_id, terms=terms, valid_until=valid_until)
        )

    def post_resource(
        self, actor: Actor, *, request_id: str, terms: Terms, valid_until: date
    ) -> UUID:
        """A representative of a member firm, acting for it, posts on the resources list what
        the firm can share (hands, capacity, a room of its venues, funds, a service), open until
        ``valid_until``. Records the listing and enters it in its kind's open offers; returns
        its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor acts for no firm, or is not a representative of its firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the actor's firm is not a member.
            FirmNotActive: The actor's firm is suspended or left.
        """
        return self._run(
            c.PostResource(actor=actor, request_id=request_id, terms=terms, valid_until=valid_until)
        )

    def post_service(
        self, actor: Actor, *, request_id: str, terms: ServiceTerms, valid_until: date
    ) -> UUID:
        """A park administrator posts a service of the park (training, policy advice, ...) on
        the services list. Records the listing, owned by no firm, and enters it in the open
        offers of services; returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data,
                or the terms are not a service's (ServiceTerms).
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        return self._run(
            c.PostService(actor=actor, request_id=request_id, terms=terms, valid_until=valid_until)
        )

    def withdraw_listing(
        self, actor: Actor, *, request_id: str, listing: UUID, reason: str
    ) -> None:
        """The listing's firm (a representative of it, even while the firm is suspended) or a
        park administrator closes an open listing before its validity date. Records the
        withdrawal and its reason; an offer leaves the open offers. Matches it holds stay as
        they are (accepting one is then refused).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the listing's firm nor a
                park administrator (a park's service: only an administrator).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the listing does not exist.
            MatchingListingNotOpen: The listing was already withdrawn, expired or fulfilled.
        """
        self._run(
            c.WithdrawListing(actor=actor, request_id=request_id, listing=listing, reason=reason)
        )

    def expire_listing(self, actor: Actor, *, request_id: str, listing: UUID, as_of: date) -> None:
        """The listing's firm (a representative of it, even while the firm is suspended) or a
        park administrator closes a listing whose validity date is before ``as_of``. Records
        the expiry; an offer leaves the open offers.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the listing's firm nor a
                park administrator (a park's service: only an administrator).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the listing does not exist.
            MatchingListingNotOpen: The listing was already withdrawn, expired or fulfilled.
            MatchingListingStillValid: ``as_of`` is not after the listing's validity date.
        """
        self._run(c.ExpireListing(actor=actor, request_id=request_id, listing=listing, as_of=as_of))

    # Matches ----------------------------------------------------------------------------------

    def propose_match(self, actor: Actor, *, request_id: str, need: UUID, offer: UUID) -> UUID:
        """A park administrator, or a representative of either firm, pairs a need with a
        resource or service. Records the match, holding on both listings what the offer covers
        of the need (up to what each still has); returns the match's id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a park administrator nor a representative of
                one of the two firms.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the need or the offer does not exist.
            MatchingWrongRoles: ``need`` is not a need, or ``offer`` is one.
            MatchingKindMismatch: The two listings are of different kinds.
            MatchingSelfMatch: Both listings are of the same firm.
            MatchingListingNotOpen: Either listing was withdrawn, expired or fulfilled.
            FirmNotActive: Either listing's firm (or the actor's) is suspended or left.
            MatchingNothingCovered: The offer covers none of the need.
            MatchingListingFull: Either listing already holds as many matches as it may (live
                ones, or over its life).
            MatchingOvercommitted: What the need still lacks, or the offer still has, is all
                held by live matches.
        """
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
        """A representative of the firm on one side (a park administrator for the park's own
        service) accepts the match for that side. Records the acceptance; the second one
        records the match as agreed and drafts its deal in the kind's slice (returned, None
        for a service or a first acceptance): a labour agreement proposal, a subcontracting
        order and part offer, a venue booking request (with the day's calendar and the firm's
        usage), or a loan application. ``on`` is the acceptance's date: a funds match's loan
        application is contracted on it (or on ``at``'s date). ``at`` is its time, an aware
        datetime: a venue match's booking is requested as of it, and the venue's notice
        counted from it.

        The deal's own slice decides the draft by its rules, and refuses it with its own
        errors, which pass through unchanged and leave the match proposed: a venue booking
        the venue's (a clash, too short a notice, a quota), a loan application the funds
        slice's (a rate above the cap), a part offer the subcontracting slice's.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal
                data; or the deal cannot be drafted from the listings (no ``at`` for a venue
                match, no ``on`` nor ``at`` for a funds one, a venue not of the offering firm or
                open on none of the shared days, no price a piece or no known operation for a
                capacity one).
            PermissionDenied: The actor answers for neither side of the match.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the match does not exist.
            FirmNotActive: The actor's firm, or either listing's firm, is suspended or left.
            MatchingListingNotOpen: Either listing was withdrawn, expired or fulfilled since
                the match was proposed.
            MatchingNotProposed: The match was already agreed, declined, met or lapsed.
            MatchingAlreadyAccepted: The actor's side has already accepted the match.
        """
        return self._run(
            c.AcceptMatch(actor=actor, request_id=request_id, match=match, on=on, at=at)
        )

    def decline_match(self, actor: Actor, *, request_id: str, match: UUID, reason: str) -> None:
        """A representative of the firm on one side (even while the firm is suspended; a park
        administrator for the park's own service) declines a proposed match. Records the
        refusal and its reason, and frees what the match held of both listings.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor answers for neither side of the match.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the match does not exist.
            MatchingNotProposed: The match was already agreed, declined, met or lapsed.
        """
        self._run(c.DeclineMatch(actor=actor, request_id=request_id, match=match, reason=reason))

    def record_deal_outcome(self, actor: Actor, *, request_id: str, match: UUID) -> DealOutcome:
        """A park administrator, or a representative of the firm on either side (even while
        the firm is suspended), follows the deal of an agreed match. Completed: records the
        match met, its quantity met on both listings (each fulfilled once all of it is);
        fell through: records the match lapsed and frees what it held. Returns the outcome.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a park administrator nor answers for a side
                of the match.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the match does not exist.
            MatchingNotAgreed: The match is not agreed (still proposed, declined, met or lapsed).
            MatchingDealNotComplete: The match's deal is still under way.
        """
        return self._run(c.RecordDealOutcome(actor=actor, request_id=request_id, match=match))

    # Queries ----------------------------------------------------------------------------------

    def listings(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every need, resource and service posted, oldest first (whatever became
        of them: read ``listing(id).is_open``); with ``firm``, those it posted. Read from the
        log (a list for people and tools).

        Raises:
            InvalidInput: The firm's credit code is malformed.
        """
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (Listing.Posted,),
            None if code is None else lambda e: e.owner == code,
        )

    def listing(self, listing: UUID) -> Listing:
        """A need, resource or service: its terms, status and what live matches hold of it.

        Raises:
            NotFound: The listing does not exist.
        """
        return access.listing(self._loader, as_uuid(listing, "listing"))

    def match(self, match: UUID) -> Match:
        """A match: its two listings and firms, what it holds, who accepted, and its deal.

        Raises:
            NotFound: The match does not exist.
        """
        return access.match(self._loader, as_uuid(match, "match"))

    def rank(self, need: UUID, as_of: date) -> tuple[RankedOffer, ...]:
        """The open offers for ``need`` on ``as_of``, best first, each with its score and why.

        Raises:
            InvalidInput: The date is outside the range the market records.
            NotFound: The park is not established, or the need does not exist.
            MatchingWrongRoles: The listing is a resource or a service, not a need.
        """
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
        period's rows.

        Raises:
            InvalidInput: A date is outside the range the market records, or the period ends
                before it starts.
        """
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
