"""Capacity matches through the application, on memory, SQLite and PostgreSQL: an accepted
match becomes the needing firm's order and a part of it offered to the firm whose line is free;
the subcontracting slice runs it, and its outcome meets or frees the listings. Every refusal is
checked twice: the error, and that nothing was recorded."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket import (
    CapacityTerms,
    DealOutcome,
    DealRef,
    InvalidInput,
    ListingStatus,
    MatchingDealNotComplete,
    MatchStatus,
    Money,
    PartStatus,
    ShareMarket,
)
from sharemarket.domain.matching.capacity_deal import order_id_of, order_reference
from tests.application.matching.test_lists import refused
from tests.matching_support import AVIATION, BIOMED, IDLE, NEEDS, establish, post

ON = date(2026, 3, 2)


def glazing(pieces: int, by: int, price: str | None = None, operation: str = "上釉 glazing"):
    return CapacityTerms(
        operation=operation,
        product="cups",
        pieces=pieces,
        by_date=date(2026, 3, by),
        unit_price=None if price is None else Money.of(price),
    )


def capacity_match(
    market: ShareMarket, *, price: str | None = "0.60", operation: str = "上釉 glazing"
) -> tuple[UUID, UUID, UUID]:
    """The biomedicine firm needs 800 cups glazed by 15 March; the aviation firm's line is free
    from 10 March for 500, at ¥0.60 a piece."""
    need = post(market, NEEDS, "cap-need", glazing(800, 15, operation=operation), need=True)
    line = post(market, IDLE, "cap-line", glazing(500, 10, price, operation), need=False)
    match = market.matching.propose_match(NEEDS, request_id="m", need=need, offer=line)
    market.matching.accept_match(NEEDS, request_id="yes-need", match=match)
    return need, line, match


def agreed(market: ShareMarket) -> tuple[UUID, UUID, UUID, DealRef]:
    need, line, match = capacity_match(market)
    deal = market.matching.accept_match(IDLE, request_id="yes-line", match=match)
    assert deal is not None
    return need, line, match, deal


def test_an_accepted_capacity_match_drafts_an_order_and_its_part_offer(market):
    """The deal holds the listings' fields: an order of the needing firm for the pieces
    covered (its reference derived from the match), and a part of all of them offered to the
    firm with the free line, for the need's operation, due on the need's date, at the price the
    resource asks; both listings and the match record it."""
    establish(market)
    need, line, match, deal = agreed(market)
    assert deal.kind == "subcontract_part"
    part = market.subcontracting.part(deal.deal_id, ON)
    assert (part.issuer.code, part.subcontractor.code) == (BIOMED, AVIATION)
    assert part.status is PartStatus.OFFERED
    assert (part.terms.operation.value, part.quantity) == ("glazing", 500)
    assert (part.terms.unit_price, part.terms.due_on) == (Money.of("0.60"), date(2026, 3, 15))
    order = market.subcontracting.order(part.order_id, ON)
    assert order.order_id == order_id_of(deal.deal_id)
    assert (order.reference, order.product) == (order_reference(match), "cups")
    assert (order.quantity, order.kept, order.split, order.due_on) == (
        500,
        0,
        500,
        date(2026, 3, 15),
    )
    assert market.matching.match(match).deal == deal
    assert market.matching.listing(need).deals == {str(match): deal}
    assert market.matching.listing(line).deals == {str(match): deal}


def test_a_delivered_part_meets_the_resource(market):
    """The subcontractor accepts and delivers, the issuer inspects and accepts every piece:
    the part is delivered, the match met, and the line's listing, all of it taken, fulfilled."""
    establish(market)
    need, line, match, deal = agreed(market)
    part, sub = deal.deal_id, market.subcontracting
    sub.accept_part(IDLE, request_id="take", part=part)
    refused(
        market,
        MatchingDealNotComplete,
        lambda: market.matching.record_deal_outcome(NEEDS, request_id="early", match=match),
    )
    delivery = sub.deliver(
        IDLE, request_id="d1", part=part, pieces=500, delivered_on=date(2026, 3, 12)
    )
    sub.inspect_delivery(
        NEEDS,
        request_id="i1",
        part=part,
        delivery=delivery,
        inspected_on=date(2026, 3, 12),
        accepted=500,
    )
    assert sub.part(part, ON).status is PartStatus.DELIVERED
    outcome = market.matching.record_deal_outcome(IDLE, request_id="done", match=match)
    assert outcome is DealOutcome.COMPLETED
    assert market.matching.match(match).status is MatchStatus.MET
    assert market.matching.listing(line).status is ListingStatus.FULFILLED
    assert market.matching.listing(need).met == 500
    assert market.matching.listing(need).status is ListingStatus.OPEN  # 300 more wanted


def test_a_declined_part_frees_the_listings(market):
    """The subcontractor declines the part offer: the deal fell through, the match lapses and
    frees what it held."""
    establish(market)
    need, line, match, deal = agreed(market)
    market.subcontracting.decline_part(IDLE, request_id="no", part=deal.deal_id, reason="kiln down")
    outcome = market.matching.record_deal_outcome(NEEDS, request_id="lapse", match=match)
    assert outcome is DealOutcome.FELL_THROUGH
    assert market.matching.match(match).status is MatchStatus.LAPSED
    assert market.matching.listing(need).available == 800
    assert market.matching.listing(line).available == 500


def test_a_part_needs_a_price(market):
    """Without a price a piece on either listing the acceptance is refused: nothing recorded."""
    establish(market)
    _, _, match = capacity_match(market, price=None)
    accept = market.matching.accept_match
    error = refused(market, InvalidInput, lambda: accept(IDLE, request_id="y1", match=match))
    assert "price" in str(error)
    assert market.matching.match(match).status is MatchStatus.PROPOSED


def test_an_operation_the_subcontracting_slice_does_not_know_is_refused(market):
    """Both listings may name any operation; a part offer is for one the slice knows."""
    establish(market)
    _, _, match = capacity_match(market, operation="sandblasting")
    accept = market.matching.accept_match
    error = refused(market, InvalidInput, lambda: accept(IDLE, request_id="y1", match=match))
    assert "sandblasting" in str(error)
