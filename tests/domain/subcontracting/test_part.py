"""The order and its parts in the domain, without a store: the split, rework, corrections, and
state that stays bounded however many deliveries a part has."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest
from eventsourcing.application import project_aggregate
from hypothesis import given, settings
from hypothesis import strategies as st

from sharemarket import (
    DefectReason,
    DeliveryExceedsOutstanding,
    Disposition,
    InspectionNotCorrectable,
    Money,
    Operation,
    OrderOversplit,
    PartTerms,
    Rejection,
    Rejections,
    ScrapEffect,
)
from sharemarket.domain.subcontracting import deliveries, splitting
from sharemarket.domain.subcontracting.kept_inspections import (
    INSPECTIONS_KEPT,
    REJECTION_LINES_KEPT,
)
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from tests.labour_support import JIAMEI, SHUNMEI, TONGXIN, domain_park, rep

DAY = date(2020, 3, 6)


def setup(quantity: int = 100, order_quantity: int = 100):  # type: ignore[no-untyped-def]
    park = domain_park()
    order = SubcontractOrder.record(
        park,
        rep(TONGXIN),
        order_id=uuid4(),
        reference="TX-1",
        product="cups",
        quantity=order_quantity,
        kept=0,
        due_on=date(2020, 3, 31),
    )
    terms = PartTerms(Operation.GLAZING, quantity, Money.of("0.60"), date(2020, 3, 20))
    part = splitting.offer_part(
        park, rep(TONGXIN), order, part_id=uuid4(), subcontractor=JIAMEI, terms=terms
    )
    part.accept(park, rep(JIAMEI))
    return park, order, part


def deliver_and_inspect(park, order, part, pieces, accepted, *lines, effect=ScrapEffect.REPLACE):  # type: ignore[no-untyped-def]
    delivery = uuid4()
    deliveries.deliver(
        park, rep(JIAMEI), part, delivery_id=delivery, pieces=pieces, rework=False, on=DAY
    )
    splitting.inspect(
        park,
        rep(TONGXIN),
        order,
        part,
        delivery_id=delivery,
        inspected_on=DAY,
        accepted=accepted,
        rejections=Rejections.of(*lines),
        scrap_effect=effect,
    )
    return delivery


def test_a_correction_that_scraps_fewer_pieces_out_of_a_part_takes_them_from_the_order_again():
    park, order, part = setup(quantity=60)
    other = splitting.offer_part(
        park,
        rep(TONGXIN),
        order,
        part_id=uuid4(),
        subcontractor=SHUNMEI,
        terms=PartTerms(Operation.PAINTING, 30, Money.of("1.20"), date(2020, 3, 20)),
    )
    crack = Rejection(DefectReason.CRACK, 10, Disposition.SCRAP)
    d = deliver_and_inspect(park, order, part, 10, 0, crack, effect=ScrapEffect.REDUCE)
    assert (50, 20) == (part.quantity, order.available)
    splitting.offer_part(
        park,
        rep(TONGXIN),
        order,
        part_id=uuid4(),
        subcontractor=SHUNMEI,
        terms=PartTerms(Operation.PAINTING, 15, Money.of("1.20"), date(2020, 3, 20)),
    )
    assert (5, 30) == (order.available, other.quantity)
    versions = (part.version, order.version)
    with pytest.raises(OrderOversplit):
        splitting.correct_inspection(
            park,
            rep(TONGXIN),
            order,
            part,
            delivery_id=d,
            corrected_on=DAY,
            accepted=10,
            rejections=Rejections.none(),
            scrap_effect=ScrapEffect.REPLACE,
            reason="no cracks",
        )
    assert (versions, 50) == ((part.version, order.version), part.quantity)
    splitting.correct_inspection(
        park,
        rep(TONGXIN),
        order,
        part,
        delivery_id=d,
        corrected_on=DAY,
        accepted=5,
        rejections=Rejections.of(Rejection(DefectReason.CRACK, 5, Disposition.SCRAP)),
        scrap_effect=ScrapEffect.REDUCE,
        reason="half were dust",
    )
    assert (55, 5, 0) == (part.quantity, part.accepted, order.available)


def test_a_part_keeps_bounded_state_however_many_deliveries_it_has():
    """300 deliveries, each inspected: nothing awaits, 20 inspections stay correctable, and the
    older ones are refused a correction; the totals carry the history."""
    park, order, part = setup(quantity=1_000, order_quantity=1_000)
    deliveries = [
        deliver_and_inspect(
            park, order, part, 3, 2, Rejection(DefectReason.CRACK, 1, Disposition.SCRAP)
        )
        for _ in range(300)
    ]
    assert (600, 300, {}) == (part.accepted, part.scrapped, part.awaiting)
    assert INSPECTIONS_KEPT == len(part.inspections)
    with pytest.raises(InspectionNotCorrectable):
        splitting.correct_inspection(
            park,
            rep(TONGXIN),
            order,
            part,
            delivery_id=deliveries[0],
            corrected_on=DAY,
            accepted=3,
            rejections=Rejections.none(),
            scrap_effect=ScrapEffect.REPLACE,
            reason="too late",
        )
    events = part.collect_events()
    replayed = project_aggregate(None, events)
    assert isinstance(replayed, SubcontractPart)
    assert vars(part) == vars(replayed)


def test_rework_pieces_return_out_of_those_held_for_rework():
    park, order, part = setup()
    glaze = Rejection(DefectReason.GLAZE_DEFECT, 4, Disposition.REWORK)
    deliver_and_inspect(park, order, part, 10, 6, glaze)
    rework = uuid4()
    deliveries.deliver(
        park, rep(JIAMEI), part, delivery_id=rework, pieces=4, rework=True, on=DAY + timedelta(1)
    )
    splitting.inspect(
        park,
        rep(TONGXIN),
        order,
        part,
        delivery_id=rework,
        inspected_on=DAY + timedelta(1),
        accepted=4,
        rejections=Rejections.none(),
        scrap_effect=ScrapEffect.REPLACE,
    )
    assert (10, 10, 4, 0, 90) == (
        part.accepted,
        part.delivered_new,
        part.delivered_rework,
        part.rework_held,
        part.outstanding,
    )


def test_a_part_cut_to_nothing_leaves_the_order_and_its_inspection_can_still_be_corrected():
    """Ten pieces delivered and scrapped (to be made again), then the backorder cancelled: the
    part holds nothing of the order. Its inspection can still be corrected (the reason was a
    glaze defect), but not to accept pieces the part no longer holds."""
    park, order, part = setup(quantity=100, order_quantity=200)
    crack = Rejection(DefectReason.CRACK, 10, Disposition.SCRAP)
    d = deliver_and_inspect(park, order, part, 10, 0, crack)
    assert 100 == splitting.cancel_backorder(park, rep(TONGXIN), order, part, "behind")
    assert (0, {}, 200) == (part.quantity, order.parts, order.available)

    def correct(accepted: int, *lines: Rejection) -> None:
        splitting.correct_inspection(
            park,
            rep(TONGXIN),
            order,
            part,
            delivery_id=d,
            corrected_on=DAY,
            accepted=accepted,
            rejections=Rejections.of(*lines),
            scrap_effect=ScrapEffect.REPLACE,
            reason="re-read",
        )

    with pytest.raises(DeliveryExceedsOutstanding):
        correct(10)
    correct(0, Rejection(DefectReason.GLAZE_DEFECT, 10, Disposition.SCRAP))
    fixed = part.inspection(d)
    assert fixed is not None
    assert {DefectReason.GLAZE_DEFECT: 10} == fixed.rejections.by_reason()
    assert (0, 0, 200) == (part.quantity, part.accepted, order.available)


def lines(n: int) -> tuple[Rejection, ...]:
    reasons = list(DefectReason)
    return tuple(
        Rejection(reasons[k % len(reasons)], 1, Disposition.SCRAP, "釉面针孔") for k in range(n)
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=30))
def test_kept_inspections_stay_within_their_number_and_their_lines(script):
    """Whatever the rejection lines of each inspection, and corrections of the oldest one kept:
    the part keeps at most INSPECTIONS_KEPT inspections holding at most REJECTION_LINES_KEPT
    lines, always the newest; an inspection not kept is refused a correction, changing nothing;
    and the part its events replay is the live one."""
    park, order, part = setup(quantity=10_000, order_quantity=10_000)
    inspected = []
    for n, corrected_lines in script:
        inspected.append(deliver_and_inspect(park, order, part, 20, 20 - n, *lines(n)))
        oldest = next(iter(part.inspections))
        splitting.correct_inspection(
            park,
            rep(TONGXIN),
            order,
            part,
            delivery_id=UUID(oldest),
            corrected_on=DAY,
            accepted=20 - corrected_lines,
            rejections=Rejections.of(*lines(corrected_lines)),
            scrap_effect=ScrapEffect.REPLACE,
            reason="recounted",
        )
        kept = list(part.inspections.values())
        held = sum(len(i.rejections.lines) for i in kept)
        assert len(kept) <= INSPECTIONS_KEPT
        assert held <= REJECTION_LINES_KEPT or len(kept) == 1
        assert str(inspected[-1]) in part.inspections or UUID(oldest) == inspected[-1]
    for delivery in inspected:
        if str(delivery) in part.inspections:
            continue
        before = (part.version, dict(vars(part)))
        with pytest.raises(InspectionNotCorrectable):
            splitting.correct_inspection(
                park,
                rep(TONGXIN),
                order,
                part,
                delivery_id=delivery,
                corrected_on=DAY,
                accepted=20,
                rejections=Rejections.none(),
                scrap_effect=ScrapEffect.REPLACE,
                reason="too late",
            )
        assert before == (part.version, dict(vars(part)))
    replayed = project_aggregate(None, part.collect_events())
    assert vars(part) == vars(replayed)
