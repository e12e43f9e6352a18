"""Subcontracting in the journal and the audit trail: pieces accepted, money billed and paid,
materials held by subcontractors, and a plain summary of every event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from sharemarket import (
    MATERIAL_ASSETS,
    SUBCONTRACT_PIECES,
    DefectReason,
    Disposition,
    MaterialUnit,
    Money,
    Rejection,
    Rejections,
    ShareMarket,
)
from sharemarket.park_views import ParkViews
from tests.subcontracting_support import DAY, ISSUER, JIAMEI, accepted_part, open_park, rep

GLAZE = MATERIAL_ASSETS[MaterialUnit.GRAM]


@pytest.fixture
def scene(tmp_path: Path) -> Iterator[tuple[ShareMarket, ParkViews, UUID]]:
    """20 pieces delivered: 15 accepted, 3 to rework, 2 scrapped; then the rework accepted and
    corrected down by one; glaze sent, consumed and partly returned; a bill, part paid."""
    market = ShareMarket.in_memory()
    open_park(market)
    _, part = accepted_part(market, "views", quantity=20)
    sub = market.subcontracting
    sub.send_material(
        rep(ISSUER),
        request_id="glaze",
        part=part,
        material="釉料 glaze",
        unit="g",
        quantity=2_000,
        per_piece=80,
    )
    first = sub.deliver(rep(JIAMEI), request_id="d1", part=part, pieces=20, delivered_on=DAY)
    sub.inspect_delivery(
        rep(ISSUER),
        request_id="i1",
        part=part,
        delivery=first,
        inspected_on=DAY,
        accepted=15,
        rejected=Rejections.of(
            Rejection(DefectReason.GLAZE_DEFECT, 3, Disposition.REWORK),
            Rejection(DefectReason.CRACK, 2, Disposition.SCRAP),
        ),
    )
    again = sub.deliver_rework(rep(JIAMEI), request_id="d2", part=part, pieces=3, delivered_on=DAY)
    sub.inspect_delivery(
        rep(ISSUER), request_id="i2", part=part, delivery=again, inspected_on=DAY, accepted=3
    )
    sub.correct_inspection(
        rep(ISSUER),
        request_id="fix",
        part=part,
        delivery=again,
        corrected_on=DAY,
        accepted=2,
        rejected=Rejections.of(Rejection(DefectReason.CRACK, 1, Disposition.SCRAP)),
        reason="one more crack found",
    )
    sub.return_material(
        rep(JIAMEI), request_id="back", part=part, material="釉料 glaze", quantity=100
    )
    bill = sub.bill_part(rep(JIAMEI), request_id="bill", part=part, billed_on=date(2020, 3, 9))
    sub.record_payment(rep(ISSUER), request_id="pay", part=part, amount="5.00")
    views = ParkViews.sqlite(tmp_path / "views")
    views.catch_up(market)
    assert Money.of("10.20") == bill.amount
    yield market, views, part
    views.close()
    market.close()


def test_the_journal_holds_pieces_money_and_materials_held(scene):
    market, views, part = scene
    issuer, sub = views.balances(str(rep(ISSUER).firm)), views.balances(str(JIAMEI))
    # 15 + 3 accepted, then corrected to 2: 17 pieces given by the subcontractor.
    assert (17, 17) == (sub.given(SUBCONTRACT_PIECES), issuer.received(SUBCONTRACT_PIECES))
    assert (Money.of("5.20"), Money.of("5.20")) == (sub.receivable, issuer.payable)
    # 2,000 g sent, 100 g back, (17 accepted + 3 scrapped) × 80 g consumed: 300 g held.
    (balance,) = market.subcontracting.part(part, as_of=DAY).materials
    assert 300 == balance.held
    assert (300, 300) == (sub.received(GLAZE), issuer.given(GLAZE))
    assert views.verify().ok
    assert views.verify_against(market).ok


def test_every_event_has_a_summary_in_plain_words(scene):
    _, views, _ = scene
    summaries = [row.summary for row in views.all_audit_rows()]
    expected = [
        "recorded order",
        "offered part",
        "accepted part",
        "sent 2,000 g of 釉料 glaze",
        "delivered 20 pieces",
        "rejected 3 glaze_defect to rework, 2 crack to scrap",
        "delivered 3 reworked pieces",
        "corrected on 2020-03-06 the inspection",
        "returned 100 g of 釉料 glaze",
        "billed 17 pieces",
        "paid ¥5.00",
    ]
    for text in expected:
        assert any(text in s for s in summaries), (text, summaries)
