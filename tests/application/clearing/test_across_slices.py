"""A clearing run across slices: a labour settlement and a subcontracting part's bills net.

同鑫 (Tongxin) borrows a Jiamei fettler for a day (Tongxin owes Jiamei ¥800), and glazes 2,000
cups for Jiamei's order at ¥0.60 (Jiamei owes Tongxin ¥1,200): cleared, Jiamei pays ¥400.
"""

from __future__ import annotations

from datetime import date

from sharemarket import FirmId, Money, ObligationRef, ShareMarket
from tests.application.clearing.test_runs import AS_OF, accept_all, bill
from tests.labour_support import ADMIN, JIAMEI, TONGXIN, open_park, rep

MARCH = date(2026, 3, 2)


def glaze(market: ShareMarket, issuer: FirmId, sub: FirmId, pieces: int, key: str) -> ObligationRef:
    """``issuer`` orders ``pieces`` glazed at ¥0.60 from ``sub``; delivered, accepted, billed."""
    s = market.subcontracting
    order = s.record_order(
        rep(issuer), request_id=f"o-{key}", reference=f"REF-{key}", product="glazed cups",
        quantity=pieces, due_on=AS_OF,
    )  # fmt: skip
    part = s.offer_part(
        rep(issuer), request_id=f"p-{key}", order=order, subcontractor=sub, operation="glazing",
        quantity=pieces, unit_price="0.60", due_on=AS_OF,
    )  # fmt: skip
    s.accept_part(rep(sub), request_id=f"a-{key}", part=part)
    delivery = s.deliver(
        rep(sub), request_id=f"d-{key}", part=part, pieces=pieces, delivered_on=MARCH
    )
    s.inspect_delivery(
        rep(issuer), request_id=f"i-{key}", part=part, delivery=delivery, inspected_on=MARCH,
        accepted=pieces,
    )  # fmt: skip
    s.bill_part(rep(sub), request_id=f"b-{key}", part=part, billed_on=MARCH)
    return ObligationRef("subcontracting", part, part)


def test_labour_and_subcontracting_obligations_net_in_one_run(market: ShareMarket) -> None:
    open_park(market)
    labour = bill(market, TONGXIN, JIAMEI, 8, "100.00")  # Tongxin owes Jiamei ¥800
    glazing = glaze(market, JIAMEI, TONGXIN, 2_000, "jm")  # Jiamei owes Tongxin ¥1,200
    run = market.clearing.propose_run(
        ADMIN, request_id="run", as_of=AS_OF, obligations=[labour, glazing]
    )
    statement = market.clearing.statement(run)
    [payment] = statement.payments
    assert (payment.payer, payment.payee, payment.amount) == (JIAMEI, TONGXIN, Money.of("400"))
    accept_all(market, run, [TONGXIN, JIAMEI])
    market.clearing.commit_run(ADMIN, request_id="commit", run=run)
    assert market.labour.agreement(labour.holder).owed_on(labour.obligation) == Money(0)
    part = market.subcontracting.part(glazing.holder, as_of=AS_OF)
    assert (part.billed, part.paid, part.owed) == (Money.of("1200"), Money.of("1200"), Money(0))


def test_a_venue_fee_is_paid_directly_or_netted(market: ShareMarket) -> None:
    """Tongxin uses Jiamei's meeting room for two hours at ¥150.00 an hour (a ¥300.00 fee) and
    pays ¥100.00; the ¥200.00 left nets against Jiamei's ¥240.00 labour bill to Tongxin."""
    from datetime import datetime

    from sharemarket import BookingFeeOverpaid, TimeSlot, VenueKind, VenueRules
    from sharemarket.domain.time import PARK_TZ

    open_park(market)
    v = market.venues
    room = v.open_venue(
        rep(JIAMEI), request_id="room", name="会议室", kind=VenueKind.MEETING_ROOM,
        rules=VenueRules(capacity=20, fee_per_hour=Money.of("150.00")),
    )  # fmt: skip
    day = date(2026, 4, 21)
    booking = v.book(
        rep(TONGXIN), request_id="book", venue=room, slot=TimeSlot.on(day, (9, 0), (11, 0)),
        attendees=8, purpose="buyers' visit", as_of=datetime(2026, 4, 1, 9, tzinfo=PARK_TZ),
    )  # fmt: skip
    before_use = market.event_log.head()
    try:
        v.pay_fee(rep(TONGXIN), request_id="too-soon", booking=booking, amount="1.00")
    except BookingFeeOverpaid:
        assert market.event_log.head() == before_use
    else:
        raise AssertionError("a fee was paid before the room was used")
    v.check_in(rep(TONGXIN), request_id="in", booking=booking,
               at=datetime(2026, 4, 21, 8, 55, tzinfo=PARK_TZ))  # fmt: skip
    v.complete(rep(JIAMEI), request_id="used", booking=booking,
               as_of=datetime(2026, 4, 21, 11, tzinfo=PARK_TZ))  # fmt: skip
    v.pay_fee(rep(TONGXIN), request_id="part", booking=booking, amount="100.00")
    fee = ObligationRef("venues", booking, booking)
    labour = bill(market, JIAMEI, TONGXIN, 8, "30.00")  # Jiamei owes Tongxin ¥240
    run = market.clearing.propose_run(
        ADMIN, request_id="run", as_of=AS_OF, obligations=[fee, labour]
    )
    [payment] = market.clearing.statement(run).payments
    assert (payment.payer, payment.payee, payment.amount) == (JIAMEI, TONGXIN, Money.of("40"))
    accept_all(market, run, [TONGXIN, JIAMEI])
    market.clearing.commit_run(ADMIN, request_id="commit", run=run)
    assert market.venues.booking(booking).fee_owed == Money(0)
