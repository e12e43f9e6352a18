"""Orders, parts, deliveries, inspection, materials and settlement through the application, on
memory, SQLite and PostgreSQL. Every refusal is checked twice: the error, and that nothing was
recorded (the log ends where it did and the request id has no receipt)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from sharemarket import (
    Actor,
    DefectReason,
    DeliveryExceedsOutstanding,
    DeliveryNotAwaitingInspection,
    Disposition,
    FirmNotActive,
    InspectionMismatch,
    InspectionNotCorrectable,
    InvalidInput,
    MaterialBearer,
    MaterialOverReturn,
    MaterialTermsChanged,
    Money,
    NotFound,
    NothingToBill,
    OrderOversplit,
    PartNotOpen,
    PartOverpayment,
    PartStatus,
    PermissionDenied,
    PersonalDataRefused,
    Rejection,
    Rejections,
    RequestIdReused,
    ScrapEffect,
    SelfSubcontracting,
    ShareMarket,
    ShareMarketError,
)
from tests.labour_support import ADMIN
from tests.subcontracting_support import (
    DAY,
    DUE,
    ISSUER,
    JIAMEI,
    SHUNMEI,
    accepted_part,
    offer,
    open_park,
    order,
    rep,
)

LATER = date(2020, 3, 25)


def refused(
    market: ShareMarket, error: type[ShareMarketError], call: Callable[..., Any], **kwargs: Any
) -> ShareMarketError:
    """The call raises ``error`` and records nothing: not an event, not a receipt."""
    head = market.event_log.head()
    request_id = kwargs.setdefault("request_id", "refused-request")
    with pytest.raises(error) as caught:
        call(**kwargs)
    assert head == market.event_log.head()
    assert market._uow.receipt(request_id) is None
    return caught.value


def crack(n: int, disposition: Disposition = Disposition.SCRAP) -> Rejection:
    return Rejection(DefectReason.CRACK, n, disposition)


def glaze(n: int, disposition: Disposition = Disposition.REWORK) -> Rejection:
    return Rejection(DefectReason.GLAZE_DEFECT, n, disposition)


def deliver(market: ShareMarket, part: Any, key: str, pieces: int, on: date = DAY) -> Any:
    return market.subcontracting.deliver(
        rep(JIAMEI), request_id=f"deliver-{key}", part=part, pieces=pieces, delivered_on=on
    )


def inspect(
    market: ShareMarket,
    part: Any,
    delivery: Any,
    key: str,
    accepted: int,
    *lines: Rejection,
    **kwargs: Any,
) -> Any:
    return market.subcontracting.inspect_delivery(
        rep(ISSUER),
        request_id=f"inspect-{key}",
        part=part,
        delivery=delivery,
        inspected_on=kwargs.pop("on", DAY),
        accepted=accepted,
        rejected=Rejections.of(*lines),
        **kwargs,
    )


@pytest.fixture
def park(market: ShareMarket) -> ShareMarket:
    open_park(market)
    return market


# Orders and the split ---------------------------------------------------------------------------


def test_offers_never_exceed_the_order_less_what_the_issuer_keeps(park):
    """An order of 1,000 keeping 300: 700 can be offered, one more piece is refused."""
    o = order(park, "keep", kept=300)
    offer(park, o, "a", 400)
    offer(park, o, "b", 300, sub=SHUNMEI)
    error = refused(
        park,
        OrderOversplit,
        park.subcontracting.offer_part,
        actor=rep(ISSUER),
        order=o,
        subcontractor=JIAMEI,
        operation="fettling",
        quantity=1,
        unit_price="0.35",
        due_on=DUE,
    )
    assert "0 remain" in str(error)
    report = park.subcontracting.order(o, as_of=DAY)
    assert (700, 0, 300) == (report.split, report.available, report.kept)
    assert PartStatus.OFFERED == report.status


def test_declined_withdrawn_and_cancelled_pieces_return_to_the_order(park):
    """Reallocation: what a firm declines, what the issuer withdraws, and the backorder it
    cancels can be offered to another firm."""
    o = order(park, "back")
    declined = offer(park, o, "declined", 300)
    withdrawn = offer(park, o, "withdrawn", 300)
    behind = offer(park, o, "behind", 400)
    sub = park.subcontracting
    sub.decline_part(rep(JIAMEI), request_id="decline", part=declined, reason="kilns full")
    sub.withdraw_offer(rep(ISSUER), request_id="withdraw", part=withdrawn, reason="re-planned")
    sub.accept_part(rep(JIAMEI), request_id="accept", part=behind)
    inspect(park, behind, deliver(park, behind, "1", 150), "1", 150)
    assert 250 == sub.cancel_backorder(
        rep(ISSUER), request_id="cancel", part=behind, reason="falling behind"
    )
    report = sub.order(o, as_of=DAY)
    assert (150, 850) == (report.split, report.available)
    assert [behind] == [p.part_id for p in report.parts]
    offer(park, o, "again", 850, sub=SHUNMEI)
    assert 0 == sub.order(o, as_of=DAY).available
    assert PartStatus.DECLINED == sub.part(declined, as_of=DAY).status
    assert PartStatus.WITHDRAWN == sub.part(withdrawn, as_of=DAY).status
    behind_now = sub.part(behind, as_of=DAY)
    assert (150, PartStatus.DELIVERED) == (behind_now.quantity, behind_now.status)


def test_a_firm_cannot_subcontract_to_itself_nor_to_a_suspended_firm(park):
    o = order(park, "self")
    args = {
        "actor": rep(ISSUER),
        "order": o,
        "operation": "glazing",
        "quantity": 1,
        "unit_price": "1.00",
        "due_on": DUE,
    }
    refused(park, SelfSubcontracting, park.subcontracting.offer_part, subcontractor=ISSUER, **args)
    park.park.suspend_firm(ADMIN, request_id="suspend", firm=SHUNMEI, reason="safety check")
    refused(park, FirmNotActive, park.subcontracting.offer_part, subcontractor=SHUNMEI, **args)


def test_only_the_parties_act_on_a_part(park):
    o, part = accepted_part(park, "perm")
    sub = park.subcontracting
    refused(
        park,
        PermissionDenied,
        sub.deliver,
        actor=rep(SHUNMEI),
        part=part,
        pieces=1,
        delivered_on=DAY,
    )
    refused(
        park,
        PermissionDenied,
        sub.deliver,
        actor=rep(ISSUER),
        part=part,
        pieces=1,
        delivered_on=DAY,
    )
    refused(park, PermissionDenied, sub.cancel_backorder, actor=rep(JIAMEI), part=part, reason="no")
    refused(
        park,
        PermissionDenied,
        sub.offer_part,
        actor=rep(JIAMEI),
        order=o,
        subcontractor=SHUNMEI,
        operation="glazing",
        quantity=1,
        unit_price="1",
        due_on=DUE,
    )
    refused(
        park,
        PermissionDenied,
        sub.record_order,
        actor=ADMIN,
        reference="X-1",
        product="cups",
        quantity=5,
        due_on=DUE,
    )


def test_accept_decline_and_withdraw_apply_to_an_offer_only(park):
    _, part = accepted_part(park, "twice")
    sub = park.subcontracting
    refused(park, PartNotOpen, sub.accept_part, actor=rep(JIAMEI), part=part)
    refused(park, PartNotOpen, sub.decline_part, actor=rep(JIAMEI), part=part, reason="late")
    refused(park, PartNotOpen, sub.withdraw_offer, actor=rep(ISSUER), part=part, reason="late")
    o = order(park, "offered")
    offered = offer(park, o, "offered")
    refused(
        park, PartNotOpen, sub.deliver, actor=rep(JIAMEI), part=offered, pieces=1, delivered_on=DAY
    )


def test_an_order_reference_is_not_personal_data_and_ids_must_exist(park):
    refused(
        park,
        PersonalDataRefused,
        park.subcontracting.record_order,
        actor=rep(ISSUER),
        reference="13812345678",
        product="cups",
        quantity=5,
        due_on=DUE,
    )
    from uuid import uuid4

    refused(park, NotFound, park.subcontracting.accept_part, actor=rep(JIAMEI), part=uuid4())


# Deliveries, inspection, rework -----------------------------------------------------------------


def test_rework_comes_back_and_never_counts_twice(park):
    """100 pieces: 60 delivered, 50 accepted, 6 glaze defects to rework, 4 cracks scrapped (made
    again). The 6 come back as rework and are accepted; 40 new pieces complete the part."""
    _, part = accepted_part(park, "rework")
    sub = park.subcontracting
    first = deliver(park, part, "1", 60)
    inspect(park, part, first, "1", 50, glaze(6), crack(4))
    now = sub.part(part, as_of=DAY)
    assert (50, 6, 4, 44) == (now.accepted, now.in_rework, now.scrapped, now.outstanding)
    refused(
        park,
        DeliveryExceedsOutstanding,
        sub.deliver_rework,
        actor=rep(JIAMEI),
        part=part,
        pieces=7,
        delivered_on=DAY,
    )
    refused(
        park,
        DeliveryExceedsOutstanding,
        sub.deliver,
        actor=rep(JIAMEI),
        part=part,
        pieces=45,
        delivered_on=DAY,
    )
    again = sub.deliver_rework(rep(JIAMEI), request_id="rw", part=part, pieces=6, delivered_on=DAY)
    inspect(park, part, again, "rw", 6)
    rest = deliver(park, part, "2", 44)
    inspect(park, part, rest, "2", 44)
    now = sub.part(part, as_of=DAY)
    assert (100, 104, 6, 0) == (now.accepted, now.delivered, now.delivered_rework, now.in_rework)
    assert PartStatus.DELIVERED == now.status
    refused(
        park,
        DeliveryExceedsOutstanding,
        sub.deliver,
        actor=rep(JIAMEI),
        part=part,
        pieces=1,
        delivered_on=DAY,
    )


def test_tolerance_allows_over_delivery_and_scrap_may_reduce_the_part(park):
    o, part = accepted_part(park, "tol", tolerance_percent=5)
    sub = park.subcontracting
    refused(
        park,
        DeliveryExceedsOutstanding,
        sub.deliver,
        actor=rep(JIAMEI),
        part=part,
        pieces=106,
        delivered_on=DAY,
    )
    d = deliver(park, part, "1", 105)
    inspect(park, part, d, "1", 95, crack(10), scrap_effect=ScrapEffect.REDUCE)
    now = sub.part(part, as_of=DAY)
    # 10 scrapped out of 100: the part now holds 95 (the order gets them back), all accepted.
    assert (95, 95, PartStatus.DELIVERED) == (now.quantity, now.accepted, now.status)
    assert 905 == sub.order(o, as_of=DAY).available


def test_an_inspection_must_account_for_every_piece_once(park):
    _, part = accepted_part(park, "count")
    d = deliver(park, part, "1", 10)
    sub = park.subcontracting
    refused(
        park,
        InspectionMismatch,
        sub.inspect_delivery,
        actor=rep(ISSUER),
        part=part,
        delivery=d,
        inspected_on=DAY,
        accepted=8,
        rejected=Rejections.of(crack(1)),
    )
    refused(
        park,
        InvalidInput,
        sub.inspect_delivery,
        actor=rep(ISSUER),
        part=part,
        delivery=d,
        inspected_on=date(2020, 3, 5),
        accepted=10,
    )
    inspect(park, part, d, "1", 10)
    refused(
        park,
        DeliveryNotAwaitingInspection,
        sub.inspect_delivery,
        actor=rep(ISSUER),
        part=part,
        delivery=d,
        inspected_on=DAY,
        accepted=10,
    )


def test_a_correcting_inspection_replaces_the_figures_and_keeps_both(park):
    _, part = accepted_part(park, "fix")
    sub = park.subcontracting
    d = deliver(park, part, "1", 20)
    inspect(park, part, d, "1", 15, glaze(5))
    fixed = sub.correct_inspection(
        rep(ISSUER),
        request_id="fix",
        part=part,
        delivery=d,
        corrected_on=DAY,
        accepted=18,
        rejected=Rejections.of(glaze(2)),
        reason="three were dust, not pinholes",
    )
    assert (18, 2) == (fixed.accepted, fixed.reworked)
    now = sub.part(part, as_of=DAY)
    assert (18, 2) == (now.accepted, now.in_rework)
    # Rework delivered again cannot be corrected away; billed pieces cannot be unaccepted.
    sub.deliver_rework(rep(JIAMEI), request_id="rw", part=part, pieces=2, delivered_on=DAY)
    refused(
        park,
        InspectionNotCorrectable,
        sub.correct_inspection,
        actor=rep(ISSUER),
        part=part,
        delivery=d,
        corrected_on=DAY,
        accepted=20,
        reason="all fine",
    )
    sub.bill_part(rep(JIAMEI), request_id="bill", part=part, billed_on=DAY)
    refused(
        park,
        InspectionNotCorrectable,
        sub.correct_inspection,
        actor=rep(ISSUER),
        part=part,
        delivery=d,
        corrected_on=DAY,
        accepted=10,
        rejected=Rejections.of(glaze(8), crack(2)),
        reason="worse",
    )


def test_status_and_late_as_of_a_date(park):
    _, part = accepted_part(park, "late")
    sub = park.subcontracting
    assert (PartStatus.ACCEPTED, False) == _status(park, part, DUE)
    assert (PartStatus.ACCEPTED, True) == _status(park, part, date(2020, 3, 21))
    inspect(park, part, deliver(park, part, "1", 40), "1", 40)
    assert (PartStatus.PARTLY_DELIVERED, True) == _status(park, part, date(2020, 3, 21))
    inspect(park, part, deliver(park, part, "2", 60), "2", 60)
    assert (PartStatus.DELIVERED, False) == _status(park, part, date(2020, 3, 21))
    bill = sub.bill_part(rep(JIAMEI), request_id="bill", part=part, billed_on=LATER)
    sub.record_payment(rep(ISSUER), request_id="pay", part=part, amount=bill.amount)
    assert (PartStatus.CLOSED, False) == _status(park, part, LATER)


def _status(market: ShareMarket, part: Any, on: date) -> tuple[PartStatus, bool]:
    report = market.subcontracting.part(part, as_of=on)
    return report.status, report.late


# Materials --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bearer", "held"), [(MaterialBearer.ISSUER, 1_200), (MaterialBearer.SUBCONTRACTOR, 2_000)]
)
def test_materials_balance_follows_who_bears_scrapped_pieces(park, bearer, held):
    """10,000 g sent at 80 g a piece; 100 accepted, 10 scrapped: the scrapped pieces' 800 g are
    consumed when the issuer bears them, still held when the subcontractor does."""
    _, part = accepted_part(park, "mat", material_borne_by=bearer)
    sub = park.subcontracting
    sub.send_material(
        rep(ISSUER),
        request_id="send",
        part=part,
        material="釉料 glaze",
        unit="g",
        quantity=10_000,
        per_piece=80,
    )
    inspect(park, part, deliver(park, part, "1", 100), "1", 90, crack(10))
    inspect(park, part, deliver(park, part, "2", 10), "2", 10)
    (balance,) = sub.part(part, as_of=DAY).materials
    assert (10_000, held) == (balance.sent, balance.held)
    refused(
        park,
        MaterialOverReturn,
        sub.return_material,
        actor=rep(JIAMEI),
        part=part,
        material="釉料 glaze",
        quantity=held + 1,
    )
    refused(
        park,
        MaterialTermsChanged,
        sub.send_material,
        actor=rep(ISSUER),
        part=part,
        material="釉料 glaze",
        unit="kg",
        quantity=1,
        per_piece=80,
    )
    sub.return_material(
        rep(JIAMEI), request_id="back", part=part, material="釉料 glaze", quantity=held
    )
    (balance,) = sub.part(part, as_of=DAY).materials
    assert (0, held) == (balance.held, balance.returned)


# Settlement -------------------------------------------------------------------------------------


def test_pieces_are_billed_once_with_the_late_charge_line_by_line(park):
    _, part = accepted_part(
        park, "bill", late_charge_per_day="20.00", late_charge_cap="50.00", unit_price="0.65"
    )
    sub = park.subcontracting
    inspect(park, part, deliver(park, part, "1", 60), "1", 60)
    first = sub.bill_part(rep(JIAMEI), request_id="bill-1", part=part, billed_on=DAY)
    assert (60, Money.of("39.00"), Money(0)) == (first.pieces, first.amount, first.late_charge)
    refused(park, NothingToBill, sub.bill_part, actor=rep(JIAMEI), part=part, billed_on=DAY)
    late = deliver(park, part, "2", 40, on=date(2020, 3, 23))  # three days after the due date
    inspect(park, part, late, "2", 40, on=date(2020, 3, 23))
    second = sub.bill_part(rep(JIAMEI), request_id="bill-2", part=part, billed_on=LATER)
    assert [
        ("40 accepted pieces at ¥0.65", Money.of("26.00")),
        ("late-delivery charge, 3 days", -Money.of("26.00")),
    ] == list(second.lines())  # 3 × ¥20 capped at ¥50, and never more than the bill
    assert Money(0) == second.amount
    refused(park, PartOverpayment, sub.record_payment, actor=rep(ISSUER), part=part, amount="39.01")
    sub.record_payment(rep(ISSUER), request_id="pay", part=part, amount="39.00")
    report = sub.part(part, as_of=LATER)
    assert (100, Money.of("39.00"), Money(0)) == (report.billed_pieces, report.billed, report.owed)


def test_a_replayed_request_returns_its_first_result_and_a_changed_one_is_refused(park):
    o = order(park, "replay")
    first = offer(park, o, "same")
    assert first == offer(park, o, "same")
    with pytest.raises(RequestIdReused):
        offer(park, o, "same", quantity=99)
    assert 900 == park.subcontracting.order(o, as_of=DAY).available


# The scorecard ----------------------------------------------------------------------------------


def test_the_scorecard_counts_a_period_s_inspections_and_their_corrections(park):
    _, part = accepted_part(park, "score")
    sub = park.subcontracting
    d1 = deliver(park, part, "1", 50)
    inspect(park, part, d1, "1", 40, glaze(6), crack(4))
    d2 = deliver(park, part, "2", 50, on=date(2020, 3, 23))
    inspect(park, part, d2, "2", 50, on=date(2020, 3, 23))
    sub.correct_inspection(
        rep(ISSUER),
        request_id="fix",
        part=part,
        delivery=d1,
        corrected_on=date(2020, 3, 9),
        accepted=44,
        rejected=Rejections.of(glaze(6)),
        reason="cracks were chips",
    )
    card = sub.scorecard(JIAMEI, date(2020, 3, 1), date(2020, 3, 31))
    assert (100, 94, 6) == (card.inspected, card.accepted, card.rejected)
    assert {DefectReason.GLAZE_DEFECT: 6} == card.rejected_by_reason
    assert (2, 1) == (card.deliveries, card.on_time)
    early = sub.scorecard(JIAMEI, date(2020, 3, 1), date(2020, 3, 8))
    assert (50, 44, 6) == (early.inspected, early.accepted, early.rejected)
    assert 0 == sub.scorecard(SHUNMEI, date(2020, 3, 1), date(2020, 3, 31)).inspected


def test_a_suspended_subcontractor_still_delivers_what_it_accepted_but_takes_nothing_new(park):
    _, part = accepted_part(park, "susp")
    o = order(park, "susp-2")
    offered = offer(park, o, "susp-2")
    park.park.suspend_firm(ADMIN, request_id="suspend", firm=JIAMEI, reason="unpaid fees")
    refused(park, FirmNotActive, park.subcontracting.accept_part, actor=rep(JIAMEI), part=offered)
    inspect(park, part, deliver(park, part, "1", 10), "1", 10)
    assert 10 == park.subcontracting.part(part, as_of=DAY).accepted


def test_an_actor_for_no_firm_records_no_order(park):
    refused(
        park,
        PermissionDenied,
        park.subcontracting.record_order,
        actor=Actor.administrator("cd-admin-01"),
        reference="A-1",
        product="cups",
        quantity=5,
        due_on=DUE,
    )


def test_a_firm_issues_one_order_and_subcontracts_on_another(park):
    """顺美 takes part of 同鑫's order and splits an order of its own to 佳美."""
    _, taken = accepted_part(park, "taken", sub=SHUNMEI)
    own = park.subcontracting.record_order(
        rep(SHUNMEI),
        request_id="own-order",
        reference="SM-1",
        product="tea cups",
        quantity=500,
        due_on=DUE,
    )
    given = park.subcontracting.offer_part(
        rep(SHUNMEI),
        request_id="own-offer",
        order=own,
        subcontractor=JIAMEI,
        operation="painting",
        quantity=500,
        unit_price="1.20",
        due_on=DUE,
    )
    assert SHUNMEI == park.subcontracting.part(taken, as_of=DAY).subcontractor
    assert SHUNMEI == park.subcontracting.part(given, as_of=DAY).issuer


def test_a_replayed_bill_returns_the_same_bill_and_bills_nothing_more(park):
    _, part = accepted_part(park, "rebill")
    inspect(park, part, deliver(park, part, "1", 30), "1", 30)
    sub = park.subcontracting
    first = sub.bill_part(rep(JIAMEI), request_id="bill", part=part, billed_on=DAY)
    head = park.event_log.head()
    assert first == sub.bill_part(rep(JIAMEI), request_id="bill", part=part, billed_on=DAY)
    assert head == park.event_log.head()
    assert 30 == sub.part(part, as_of=DAY).billed_pieces
