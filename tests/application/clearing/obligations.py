"""Trade obligations of every clearable slice, made through the public API, for clearing tests.

``make(market, kind, debtor, creditor, units, key)`` leaves ``debtor`` owing ``creditor``:
- ``"labour"``: a day of ``units`` hours of a lent worker at ¥100.00 an hour, billed;
- ``"subcontracting"``: ``units`` x 100 pieces glazed at ¥0.60, accepted and billed;
- ``"venues"``: 1 to 4 hours of a room (``units``, folded into a room's longest booking) at
  ¥50.00 an hour, used.
``owed`` reads what is unpaid in the obligation's own slice; ``pay`` pays part of it there.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sharemarket import FirmId, Money, ObligationRef, ShareMarket, TimeSlot, VenueKind, VenueRules
from sharemarket.domain.time import PARK_TZ
from tests.application.clearing.test_runs import AS_OF, bill
from tests.labour_support import rep

KINDS = ("labour", "subcontracting", "venues")
MARCH = date(2026, 3, 2)
ROOM_DAY = date(2026, 4, 21)


def make(
    market: ShareMarket, kind: str, debtor: FirmId, creditor: FirmId, units: int, key: str
) -> ObligationRef:
    if kind == "labour":
        return bill(market, debtor, creditor, units, "100.00", key=key)
    if kind == "subcontracting":
        return _glazing(market, debtor, creditor, units * 100, key)
    return _room(market, debtor, creditor, 1 + (units - 1) % 4, key)


def owed(market: ShareMarket, ref: ObligationRef) -> Money:
    if ref.slice == "labour":
        return market.labour.agreement(ref.holder).owed_on(ref.obligation)
    if ref.slice == "subcontracting":
        return market.subcontracting.part(ref.holder, as_of=AS_OF).owed
    return market.venues.booking(ref.holder).fee_owed


def pay(market: ShareMarket, ref: ObligationRef, debtor: FirmId, amount: Money, key: str) -> None:
    if ref.slice == "labour":
        market.labour.record_payment(
            rep(debtor), request_id=key, agreement=ref.holder, settlement=ref.obligation,
            amount=amount,
        )  # fmt: skip
    elif ref.slice == "subcontracting":
        market.subcontracting.record_payment(
            rep(debtor), request_id=key, part=ref.holder, amount=amount
        )
    else:
        market.venues.pay_fee(rep(debtor), request_id=key, booking=ref.holder, amount=amount)


def _glazing(
    market: ShareMarket, issuer: FirmId, sub: FirmId, pieces: int, key: str
) -> ObligationRef:
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


def _room(market: ShareMarket, booker: FirmId, host: FirmId, hours: int, key: str) -> ObligationRef:
    v = market.venues
    room = v.open_venue(
        rep(host), request_id=f"room-{key}", name=f"room {key}", kind=VenueKind.MEETING_ROOM,
        rules=VenueRules(capacity=20, fee_per_hour=Money.of("50.00")),
    )  # fmt: skip
    booking: UUID = v.book(
        rep(booker), request_id=f"book-{key}", venue=room,
        slot=TimeSlot.on(ROOM_DAY, (9, 0), (9 + hours, 0)), attendees=5, purpose="meeting",
        as_of=datetime(2026, 4, 1, 9, tzinfo=PARK_TZ),
    )  # fmt: skip
    v.check_in(rep(booker), request_id=f"in-{key}", booking=booking,
               at=datetime(2026, 4, 21, 8, 55, tzinfo=PARK_TZ))  # fmt: skip
    v.complete(rep(host), request_id=f"used-{key}", booking=booking,
               as_of=datetime(2026, 4, 21, 9 + hours, tzinfo=PARK_TZ))  # fmt: skip
    return ObligationRef("venues", booking, booking)
