"""A stateful test: the real market's lists and matches beside a small model of them.

Three firms post needs and resources (labour, funds, services), the park posts services; an
administrator or the firms propose matches, the sides accept or decline, labour agreements and
loan applications are completed or declined, outcomes recorded, listings withdrawn. The model
predicts each step's refusal (by the order the rules are checked in) or its effect. After every
step: what live matches hold of a listing plus what was met never exceeds it and equals the
model; no match pairs a firm with itself or two kinds; a fulfilled listing stays fulfilled; the
ranking is the same when asked twice and ordered by score, amount, then id.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sharemarket import (
    DealOutcome,
    DealRef,
    ListingStatus,
    MatchingAlreadyAccepted,
    MatchingDealNotComplete,
    MatchingKindMismatch,
    MatchingListingFull,
    MatchingListingNotOpen,
    MatchingNotAgreed,
    MatchingNothingCovered,
    MatchingNotProposed,
    MatchingOvercommitted,
    MatchingSelfMatch,
    MatchingWrongRoles,
    MatchStatus,
    PermissionDenied,
    ServiceCategory,
    ShareMarket,
    ShareMarketError,
)
from sharemarket.domain.matching.coverage import cover
from sharemarket.domain.matching.listing import LIVE_MATCHES_MAX
from tests.matching_support import ADMIN, FIRMS, REPS, UNTIL, establish, funds, labour, service

ACTORS = [REPS[f] for f in FIRMS]
TERMS = [
    labour(),
    labour(headcount=2, first=4, last=10),
    labour(headcount=1, first=1, last=3, skill="assembly"),
    funds("10000.00"),
    funds("50000.00", 180),
    service(ServiceCategory.TRAINING),
    service(ServiceCategory.LEGAL_AID),
]
AS_OF = date(2026, 3, 1)


class MatchingMarket(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.market = self.open_market()
        establish(self.market)
        self.n = 0
        self.listings: list[dict[str, Any]] = []
        self.matches: list[dict[str, Any]] = []

    def open_market(self) -> ShareMarket:
        return ShareMarket.in_memory()

    def teardown(self) -> None:
        self.market.close()

    def rid(self) -> str:
        self.n += 1
        return f"step-{self.n}"

    def run(self, step: str, call: Any, expected: type[ShareMarketError] | None) -> Any:
        before = self.market.event_log.head()
        event(f"{step}: {'done' if expected is None else expected.code}")
        if expected is None:
            return call()
        with pytest.raises(ShareMarketError) as caught:
            call()
        assert expected is type(caught.value), f"expected {expected.__name__}: {caught.value!r}"
        assert before == self.market.event_log.head()
        return None

    # Model helpers --------------------------------------------------------------------------

    @staticmethod
    def available(listing: dict[str, Any]) -> int:
        return max(0, listing["terms"].quantity - listing["met"] - sum(listing["held"].values()))

    def side_actor(self, match: dict[str, Any], side: str) -> Any:
        owner = match["need"]["owner"] if side == "need" else match["offer"]["owner"]
        return ADMIN if owner is None else ACTORS[owner]

    # Rules ----------------------------------------------------------------------------------

    @initialize(owner=st.integers(0, 2), step=st.integers(1, 2), terms=st.sampled_from(TERMS))
    def first_pair(self, owner: int, step: int, terms: Any) -> None:
        self.post_pair(owner, step, terms)

    @rule(owner=st.integers(0, 2), step=st.integers(1, 2), terms=st.sampled_from(TERMS))
    def post_pair(self, owner: int, step: int, terms: Any) -> None:
        """A need and an offer of the same terms, of two firms: a pair that fits."""
        self.post(owner, True, terms)
        self.post((owner + step) % 3, False, terms)

    @rule(owner=st.integers(0, 2), need=st.booleans(), terms=st.sampled_from(TERMS))
    def post(self, owner: int, need: bool, terms: Any) -> None:
        m = self.market.matching
        method = m.post_need if need else m.post_resource
        listing_id = method(ACTORS[owner], request_id=self.rid(), terms=terms, valid_until=UNTIL)
        self.listings.append(
            {
                "id": listing_id,
                "owner": owner,
                "need": need,
                "terms": terms,
                "held": {},
                "met": 0,
                "status": ListingStatus.OPEN,
                "fulfilled": False,
            }
        )

    @rule(category=st.sampled_from([ServiceCategory.TRAINING, ServiceCategory.LEGAL_AID]))
    def post_service(self, category: ServiceCategory) -> None:
        terms = service(category)
        listing_id = self.market.matching.post_service(
            ADMIN, request_id=self.rid(), terms=terms, valid_until=UNTIL
        )
        self.listings.append(
            {
                "id": listing_id,
                "owner": None,
                "need": False,
                "terms": terms,
                "held": {},
                "met": 0,
                "status": ListingStatus.OPEN,
                "fulfilled": False,
            }
        )

    @precondition(lambda self: len(self.listings) >= 2)
    @rule(data=st.data(), proposer=st.sampled_from(["admin", "need", "offer", "other"]))
    def propose(self, data: st.DataObject, proposer: str) -> None:
        needs = [x for x in self.listings if x["need"]]
        if needs and data.draw(st.integers(0, 4), label="fitting pair") > 0:
            need = data.draw(st.sampled_from(needs))
            offers = [
                x
                for x in self.listings
                if not x["need"]
                and type(x["terms"]) is type(need["terms"])
                and x["owner"] != need["owner"]
            ]
            offer = data.draw(st.sampled_from(offers or self.listings))
        else:
            need = data.draw(st.sampled_from(self.listings))
            offer = data.draw(st.sampled_from(self.listings))
        owners = {need["owner"], offer["owner"]}
        others = [i for i in range(3) if i not in owners]
        if proposer == "other" and not others:
            proposer = "admin"
        actor = {
            "admin": ADMIN,
            "need": ADMIN if need["owner"] is None else ACTORS[need["owner"]],
            "offer": ADMIN if offer["owner"] is None else ACTORS[offer["owner"]],
            "other": ACTORS[others[0]] if others else ADMIN,
        }[proposer]
        coverage = cover(need["terms"], offer["terms"])
        quantity = min(coverage.covered, self.available(need), self.available(offer))
        expected: type[ShareMarketError] | None = None
        if not need["need"] or offer["need"]:
            expected = MatchingWrongRoles
        elif type(need["terms"]) is not type(offer["terms"]):
            expected = MatchingKindMismatch
        elif offer["owner"] is not None and need["owner"] == offer["owner"]:
            expected = MatchingSelfMatch
        elif ListingStatus.OPEN not in (need["status"],) or offer["status"] is not (
            ListingStatus.OPEN
        ):
            expected = MatchingListingNotOpen
        elif proposer == "other":
            expected = PermissionDenied
        elif not coverage.fits:
            expected = MatchingNothingCovered
        elif len(need["held"]) >= LIVE_MATCHES_MAX:
            expected = MatchingListingFull
        elif quantity <= 0:
            expected = MatchingOvercommitted
        elif len(offer["held"]) >= LIVE_MATCHES_MAX:
            expected = MatchingListingFull
        call = lambda: self.market.matching.propose_match(  # noqa: E731
            actor, request_id=self.rid(), need=need["id"], offer=offer["id"]
        )
        match_id = self.run("propose", call, expected)
        if expected is None:
            need["held"][match_id] = quantity
            offer["held"][match_id] = quantity
            self.matches.append(
                {
                    "id": match_id,
                    "need": need,
                    "offer": offer,
                    "quantity": quantity,
                    "status": MatchStatus.PROPOSED,
                    "accepted": set(),
                    "deal": None,
                }
            )

    @precondition(lambda self: self.matches)
    @rule(data=st.data(), again=st.integers(0, 4))
    def accept(self, data: st.DataObject, again: int) -> None:
        """Mostly the side of a proposed match that has not accepted yet; sometimes any."""
        proposed = [m for m in self.matches if m["status"] is MatchStatus.PROPOSED]
        match = data.draw(st.sampled_from(proposed or self.matches))
        waiting = [s for s in ("need", "offer") if s not in match["accepted"]]
        side = data.draw(st.sampled_from(waiting if waiting and again else ["need", "offer"]))
        self._accept(match, side)

    @precondition(
        lambda self: any(
            m["status"] is MatchStatus.PROPOSED and "Funds" not in type(m["need"]["terms"]).__name__
            for m in self.matches
        )
    )
    @rule(data=st.data())
    def both_sides_accept(self, data: st.DataObject) -> None:
        """A proposed match accepted by each side still waiting."""
        match = data.draw(
            st.sampled_from([m for m in self.matches if m["status"] is MatchStatus.PROPOSED])
        )
        for side in ("need", "offer"):
            if side not in match["accepted"]:
                self._accept(match, side)

    def _accept(self, match: dict[str, Any], side: str) -> None:
        kind = type(match["need"]["terms"]).__name__
        open_ = all(match[s]["status"] is ListingStatus.OPEN for s in ("need", "offer"))
        expected: type[ShareMarketError] | None = None
        if not open_:
            expected = MatchingListingNotOpen
        elif match["status"] is not MatchStatus.PROPOSED:
            expected = MatchingNotProposed
        elif side in match["accepted"]:
            expected = MatchingAlreadyAccepted
        actor = self.side_actor(match, side)
        call = lambda: self.market.matching.accept_match(  # noqa: E731
            actor, request_id=self.rid(), match=match["id"], on=AS_OF
        )
        deal = self.run("_accept", call, expected)
        if expected is None:
            match["accepted"].add(side)
            if len(match["accepted"]) == 2:
                match["status"] = MatchStatus.AGREED
                assert (deal is None) == (kind == "ServiceTerms")
                match["deal"] = deal

    @precondition(lambda self: self.matches)
    @rule(data=st.data(), side=st.sampled_from(["need", "offer"]))
    def decline(self, data: st.DataObject, side: str) -> None:
        match = data.draw(st.sampled_from(self.matches))
        expected = None if match["status"] is MatchStatus.PROPOSED else MatchingNotProposed
        actor = self.side_actor(match, side)
        call = lambda: self.market.matching.decline_match(  # noqa: E731
            actor, request_id=self.rid(), match=match["id"], reason="no longer needed"
        )
        self.run("decline", call, expected)
        if expected is None:
            match["status"] = MatchStatus.DECLINED
            for s in ("need", "offer"):
                match[s]["held"].pop(match["id"], None)

    def deals_of(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.matches if m["deal"] is not None and m["deal"].kind == kind]

    @precondition(lambda self: self.deals_of("labour_agreement"))
    @rule(data=st.data(), complete=st.booleans())
    def finish_labour_deal(self, data: st.DataObject, complete: bool) -> None:
        """The lender declines the drafted agreement, or works one confirmed shift and closes."""
        match = data.draw(st.sampled_from(self.deals_of("labour_agreement")))
        deal = match["deal"].deal_id
        if self.market.labour.agreement(deal).status.value != "proposed":
            return
        lender = ACTORS[match["offer"]["owner"]]
        borrower = ACTORS[match["need"]["owner"]]
        labour_ = self.market.labour
        if not complete:
            labour_.decline_agreement(lender, request_id=self.rid(), agreement=deal, reason="no")
            return
        agreement = labour_.agreement(deal)
        labour_.accept_agreement(lender, request_id=self.rid(), agreement=deal)
        labour_.add_workers(lender, request_id=self.rid(), agreement=deal, workers=["W-1"])
        shift = labour_.record_shift(
            borrower,
            request_id=self.rid(),
            agreement=deal,
            worker="W-1",
            work_date=agreement.first_day,
            minutes=60,
        )
        labour_.confirm_shift(lender, request_id=self.rid(), agreement=deal, shift=shift)
        labour_.close_agreement(borrower, request_id=self.rid(), agreement=deal, reason="done")

    @precondition(lambda self: self.deals_of("loan_application"))
    @rule(data=st.data(), complete=st.booleans())
    def finish_loan_deal(self, data: st.DataObject, complete: bool) -> None:
        """The lender rejects the drafted loan application, or pays it out and is repaid."""
        match = data.draw(st.sampled_from(self.deals_of("loan_application")))
        loan = match["deal"].deal_id
        funds_ = self.market.funds
        if funds_.loan(loan).status.value != "submitted":
            return
        lender = ACTORS[match["offer"]["owner"]]
        if not complete:
            funds_.reject_loan(lender, request_id=self.rid(), loan=loan, reason="no")
            return
        funds_.approve_loan(lender, request_id=self.rid(), loan=loan)
        funds_.disburse_loan(lender, request_id=self.rid(), loan=loan, disbursed_on=AS_OF)
        principal = funds_.loan(loan).terms.principal
        funds_.record_repayment(
            lender, request_id=self.rid(), loan=loan, amount=principal, paid_on=AS_OF
        )

    def deal_status(self, deal: DealRef) -> str:
        if deal.kind == "loan_application":
            return self.market.funds.loan(deal.deal_id).status.value
        return self.market.labour.agreement(deal.deal_id).status.value

    @precondition(lambda self: self.matches)
    @rule(data=st.data())
    def record_outcome(self, data: st.DataObject) -> None:
        agreed = [m for m in self.matches if m["status"] is MatchStatus.AGREED]
        match = data.draw(st.sampled_from(agreed or self.matches))
        expected: type[ShareMarketError] | None = None
        outcome = DealOutcome.COMPLETED
        if match["status"] is not MatchStatus.AGREED:
            expected = MatchingNotAgreed
        elif match["deal"] is not None:
            status = self.deal_status(match["deal"])
            if status in ("declined", "withdrawn", "rejected"):
                outcome = DealOutcome.FELL_THROUGH
            elif status != "closed":
                expected = MatchingDealNotComplete
        call = lambda: self.market.matching.record_deal_outcome(  # noqa: E731
            ADMIN, request_id=self.rid(), match=match["id"]
        )
        result = self.run("record_outcome", call, expected)
        if expected is not None:
            return
        assert result is outcome
        for s in ("need", "offer"):
            listing = match[s]
            held = listing["held"].pop(match["id"], 0)
            if outcome is DealOutcome.COMPLETED:
                listing["met"] += held
                if (
                    listing["status"] is ListingStatus.OPEN
                    and listing["met"] >= listing["terms"].quantity
                ):
                    listing["status"] = ListingStatus.FULFILLED
                    listing["fulfilled"] = True
        match["status"] = (
            MatchStatus.MET if outcome is DealOutcome.COMPLETED else MatchStatus.LAPSED
        )

    @precondition(lambda self: self.listings)
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        listing = data.draw(st.sampled_from(self.listings))
        expected = None if listing["status"] is ListingStatus.OPEN else MatchingListingNotOpen
        owner = listing["owner"]
        actor = ADMIN if owner is None else ACTORS[owner]
        call = lambda: self.market.matching.withdraw_listing(  # noqa: E731
            actor, request_id=self.rid(), listing=listing["id"], reason="changed plans"
        )
        self.run("withdraw", call, expected)
        if expected is None:
            listing["status"] = ListingStatus.WITHDRAWN

    # Invariants -----------------------------------------------------------------------------

    @invariant()
    def listings_hold_no_more_than_they_have_and_equal_the_model(self) -> None:
        for model in self.listings:
            listing = self.market.matching.listing(model["id"])
            assert listing.status is model["status"]
            assert listing.held == {str(k): v for k, v in model["held"].items()}
            assert listing.met == model["met"]
            assert listing.met + sum(listing.held.values()) <= listing.terms.quantity
            if model["fulfilled"]:
                assert listing.status is ListingStatus.FULFILLED

    @invariant()
    def matches_pair_one_kind_and_two_parties(self) -> None:
        for model in self.matches:
            match = self.market.matching.match(model["id"])
            assert match.status is model["status"]
            assert type(model["need"]["terms"]) is type(model["offer"]["terms"])
            assert match.need_owner != match.offer_owner

    @invariant()
    def ranking_is_deterministic(self) -> None:
        for model in [x for x in self.listings if x["need"]][-3:]:
            first = self.market.matching.rank(model["id"], AS_OF)
            assert first == self.market.matching.rank(model["id"], AS_OF)
            keys = [(-r.score, -r.covered, str(r.offer)) for r in first]
            assert keys == sorted(keys)
            assert all(isinstance(r.offer, UUID) for r in first)


MatchingMarket.TestCase.settings = settings(max_examples=15, stateful_step_count=25)
TestMatchingMarket = MatchingMarket.TestCase


class MatchingMarketOnSQLite(MatchingMarket):
    """The same machine on an SQLite file (a few short runs: each step writes to disk)."""

    def open_market(self) -> ShareMarket:
        self.folder = tempfile.TemporaryDirectory()
        return ShareMarket.sqlite(Path(self.folder.name) / "market.sqlite")

    def teardown(self) -> None:
        super().teardown()
        self.folder.cleanup()


MatchingMarketOnSQLite.TestCase.settings = settings(max_examples=3, stateful_step_count=20)
TestMatchingMarketOnSQLite = MatchingMarketOnSQLite.TestCase
