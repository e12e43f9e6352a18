"""Matching needs with resources in a park in an SQLite file (需求-资源精准对接).

Run it with ``python examples/suzhou_matching.py [PATH]``. Suzhou Industrial Park, 2020: a
biomedicine firm is short of hands (用工忙) while an aviation firm's workers are idle (用工荒);
the park lists the need and the resource, ranks the offers, matches them, and the accepted
match becomes a labour agreement that is worked, closed, and fulfils the need. A Dehua-style
capacity need is matched too and becomes a subcontracting part offer, and a small firm's need
of a room becomes a booking request at the biomedicine firm's training room.
The month's sharing report is read from the park's views, in a folder beside the market
(``suzhou_matching-views``). The market is written to PATH (default
``./suzhou_matching.sqlite``), replaced on each run with its views.
"""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

from sharemarket import (
    PARK_TZ,
    Actor,
    CapacityTerms,
    FirmSize,
    LabourTerms,
    MatchingDealKindUnavailable,
    Money,
    ServiceCategory,
    ServiceTerms,
    ShareMarket,
    VenueKind,
    VenueRules,
    VenueTerms,
    business_date,
)
from sharemarket.park_views import ParkViews

DEFAULT_PATH = Path("suzhou_matching.sqlite")
ADMIN = Actor.administrator("sip-secretary-01")  # the park's secretary on the hotline
UNTIL = date(2026, 3, 31)

#: Made-up but valid credit codes (region 320594: Suzhou Industrial Park).
BIOMED = ("91320594MA1MXXAE6A", "苏州某生物医药有限公司", "biomedicine", "biomed-01")
AVIATION = ("91320594MA1N0B7E1R", "苏州某航空部件有限公司", "aviation", "aero-01")
KILN = ("91320594MA1P4C3K7K", "某陶瓷制品有限公司", "ceramics", "kiln-01")
STUDIO = ("92320594MA1R5D2LX4", "某设计工作室", "design", "studio-01")
FIRMS = (BIOMED, AVIATION, KILN, STUDIO)


def actor(firm: tuple[str, str, str, str]) -> Actor:
    return Actor.for_firm(firm[3], firm[0])


def views_folder(path: Path) -> Path:
    return path.with_name(path.stem + "-views")


def open_fresh(path: Path) -> ShareMarket:
    shutil.rmtree(views_folder(path), ignore_errors=True)  # views of the replaced market
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    return ShareMarket.sqlite(path)


def establish(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="sip-park", name="苏州工业园区")
    for code, name, industry, rep in FIRMS:
        market.park.admit_firm(
            ADMIN,
            request_id=f"sip-admit-{code}",
            firm=code,
            name=name,
            industry=industry,
            size=FirmSize.SMALL if code == STUDIO[0] else FirmSize.LARGE,
            representatives=[rep],
        )


def share_hands(market: ShareMarket) -> tuple[UUID, UUID]:
    """The need, the ranking, the match, the agreement, the work, the fulfilment."""
    m = market.matching
    need = m.post_need(
        actor(BIOMED),
        request_id="sip-need-hands",
        valid_until=UNTIL,
        terms=LabourTerms(
            skill="洁净车间包装 clean-room packing",
            headcount=4,
            first_day=date(2026, 3, 2),
            last_day=date(2026, 3, 6),
            hours_a_day=8,
            rate_per_hour=Money.of("38.00"),
        ),
    )
    idle = m.post_resource(
        actor(AVIATION),
        request_id="sip-idle-hands",
        valid_until=UNTIL,
        terms=LabourTerms(
            skill="clean-room packing",
            headcount=6,
            first_day=date(2026, 3, 2),
            last_day=date(2026, 3, 13),
            hours_a_day=8,
            rate_per_hour=Money.of("35.00"),
        ),
    )
    print("Offers for the biomedicine firm's need of hands:")
    for ranked in m.rank(need, date(2026, 3, 1)):
        print(f"  score {ranked.score / 10:.1f}%: {ranked.explanation}")
    match = m.propose_match(ADMIN, request_id="sip-match-hands", need=need, offer=idle)
    m.accept_match(actor(BIOMED), request_id="sip-yes-biomed", match=match)
    deal = m.accept_match(actor(AVIATION), request_id="sip-yes-aero", match=match)
    assert deal is not None
    agreement = deal.deal_id
    print(f"Accepted by both: drafted {deal}")
    labour = market.labour
    labour.accept_agreement(actor(AVIATION), request_id="sip-agree", agreement=agreement)
    labour.add_workers(
        actor(AVIATION), request_id="sip-lend", agreement=agreement, workers=["A-1", "A-2"]
    )
    for day in range(2, 7):
        for worker in ("A-1", "A-2"):
            shift = labour.record_shift(
                actor(BIOMED),
                request_id=f"sip-shift-{worker}-{day}",
                agreement=agreement,
                worker=worker,
                work_date=date(2026, 3, day),
                minutes=8 * 60,
            )
            labour.confirm_shift(
                actor(AVIATION),
                request_id=f"sip-ok-{worker}-{day}",
                agreement=agreement,
                shift=shift,
            )
    labour.close_agreement(
        actor(BIOMED), request_id="sip-close", agreement=agreement, reason="peak over"
    )
    outcome = m.record_deal_outcome(ADMIN, request_id="sip-outcome", match=match)
    print(f"Deal outcome: {outcome.value}; {labour.statement(agreement).confirmed} confirmed")
    return need, match


def share_capacity_and_rooms(market: ShareMarket) -> None:
    """A capacity match drafted into a part offer; a room match into a booking request."""
    m = market.matching
    glaze = CapacityTerms(
        operation="上釉 glazing", product="mugs", pieces=800, by_date=date(2026, 3, 20)
    )
    line = CapacityTerms(
        operation="上釉 glazing",
        product="mugs",
        pieces=800,
        by_date=date(2026, 3, 10),
        unit_price=Money.of("0.60"),
    )
    short = m.post_need(actor(AVIATION), request_id="sip-cap-need", terms=glaze, valid_until=UNTIL)
    spare = m.post_resource(actor(KILN), request_id="sip-cap-line", terms=line, valid_until=UNTIL)
    room = VenueTerms(people=20, first_day=date(2026, 3, 9), last_day=date(2026, 3, 13), hours=4)
    wants = m.post_need(actor(STUDIO), request_id="sip-room-need", terms=room, valid_until=UNTIL)
    training = market.venues.open_venue(
        actor(BIOMED),
        request_id="sip-venue-training",
        name="training room",
        kind=VenueKind.TRAINING_ROOM,
        rules=VenueRules(capacity=60),
    )
    hall = VenueTerms(
        people=60, first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), hours=40, venue=training
    )
    host = m.post_resource(actor(BIOMED), request_id="sip-room-hall", terms=hall, valid_until=UNTIL)
    for key, need, offer in (("cap", short, spare), ("room", wants, host)):
        match = m.propose_match(ADMIN, request_id=f"sip-match-{key}", need=need, offer=offer)
        proposed = m.match(match)
        print(f"{proposed.kind.value} match: {'; '.join(proposed.reasons)}")
        try:
            for side, owner in (("need", proposed.need_owner), ("offer", proposed.offer_owner)):
                assert owner is not None
                deal = m.accept_match(
                    Actor.for_firm(*_rep(owner.code)),
                    request_id=f"sip-yes-{key}-{side}",
                    match=match,
                    at=datetime(2026, 3, 2, 9, tzinfo=PARK_TZ),  # a loan: that day
                )
        except MatchingDealKindUnavailable as refusal:
            print(f"  accept refused ({refusal.code}): {refusal}")
            continue
        assert deal is not None
        if key == "cap":
            part = market.subcontracting.part(deal.deal_id, date(2026, 3, 2))
            print(
                f"  accepted: {deal}: {part.quantity} mugs, {part.terms.operation.value} at "
                f"{part.terms.unit_price} a piece, due {part.terms.due_on}, offered to "
                f"{part.subcontractor}"
            )
        else:
            booking = market.venues.booking(deal.deal_id)
            print(
                f"  accepted: {deal}: {booking.venue_name}, {booking.slot}, "
                f"{booking.attendees} people, {booking.status.value}"
            )


def _rep(code: str) -> tuple[str, str]:
    rep = next(f[3] for f in FIRMS if f[0] == code)
    return rep, code


def share_services(market: ShareMarket) -> None:
    m = market.matching
    course = m.post_service(
        ADMIN,
        request_id="sip-svc-digital",
        valid_until=date(2026, 6, 30),
        terms=ServiceTerms(
            category=ServiceCategory.DIGITAL_TRANSFORMATION,
            text="智改数转 experience sharing by a lighthouse factory",
        ),
    )
    wants = m.post_need(
        actor(KILN),
        request_id="sip-need-digital",
        valid_until=date(2026, 6, 30),
        terms=ServiceTerms(
            category=ServiceCategory.DIGITAL_TRANSFORMATION, text="kiln line automation advice"
        ),
    )
    match = m.propose_match(actor(KILN), request_id="sip-match-digital", need=wants, offer=course)
    m.accept_match(actor(KILN), request_id="sip-yes-kiln", match=match)
    m.accept_match(ADMIN, request_id="sip-yes-park", match=match)
    m.record_deal_outcome(actor(KILN), request_id="sip-digital-given", match=match)


def main(path: str | Path = DEFAULT_PATH) -> None:
    path = Path(path)
    with open_fresh(path) as market:
        establish(market)
        need, match = share_hands(market)
        share_capacity_and_rooms(market)
        share_services(market)
    with ShareMarket.sqlite(path) as market:
        listing = market.matching.listing(need)
        print(
            f"The need of hands: {listing.status.value}, {listing.met} of "
            f"{listing.terms.quantity} worker-hours met by {market.matching.match(match).deal}"
        )
        with ParkViews.sqlite(views_folder(path)) as views:
            views.catch_up(market)
            print_report(views)
    print(f"market stored in {path}")


def print_report(views: ParkViews) -> None:
    """The month's sharing report (by the days the events were recorded: this month), read
    from the views: the month's rows, however long the park's history."""
    today = business_date(datetime.now(UTC))
    report = views.sharing_report(today.replace(day=1), today)
    print(f"Sharing report {report.first_day} to {report.last_day}:")
    for counts in report.needs:
        print(
            f"  {counts.kind.value:<9} needs posted {counts.posted}, matched {counts.matched}, "
            f"fulfilled {counts.fulfilled}, open {counts.open}"
        )
    print(f"  median days from posting to match: {report.median_days_to_match}")
    for firm in report.firms:
        gave, got = firm.given, firm.received
        print(
            f"  {firm.firm}: gave {gave.labour} of labour, {gave.venue} of rooms, "
            f"{gave.pieces} pieces ({gave.billed} billed); received {got.labour} of labour, "
            f"{got.venue} of rooms, {got.pieces} pieces"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH)
