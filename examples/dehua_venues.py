"""Venue sharing at Dehua (阵地共享): a large firm's activity room and the park's roadshow hall.

Shunmei, a large ceramics firm, opens its activity room to the park's small firms; the park's
party-masses service centre opens its roadshow hall. In March 2026 three small firms share a
weekly glazing-safety training (one Tuesday skipped: Shunmei needs the room), a micro firm holds
a roadshow in the hall, an individual business misses its booking, and a training is cancelled
too late: the slot goes to the firm waiting for it. At the end of the month: each venue's
utilisation, each firm's month, and the hours each host gave, credited in the journal.

Run it: ``python examples/dehua_venues.py [views-folder]`` (the views go to a temporary folder
when none is given).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

from sharemarket import (
    PARK_TZ,
    VENUE_MINUTES,
    Actor,
    FirmSize,
    Money,
    OpeningHours,
    ParkViews,
    QuotaPeriod,
    Recurrence,
    ShareMarket,
    TimeSlot,
    VenueKind,
    VenueQuota,
    VenueRules,
)

ADMIN = Actor.administrator("dehua-admin")
# Made-up but valid credit codes of Dehua county (region 350526): the service centre is a public
# institution (12), the individual business a 92.
SHUNMEI = ("91350526705481326F", "福建省德化县顺美陶瓷有限公司", FirmSize.LARGE, "shunmei-01")
CENTRE = ("12350526MB00000019", "德化陶瓷产业园党群服务中心", FirmSize.MEDIUM, "centre-01")
TONGXIN = ("91350526MA2YB7LX39", "德化县同鑫陶瓷有限公司", FirmSize.SMALL, "tongxin-01")
HUAXIN = ("91350526MA00000139", "德化县华鑫彩绘工作室", FirmSize.MICRO, "huaxin-01")
KILN = ("92350526MA00000312", "德化县老窑柴烧坊", FirmSize.MICRO, "kiln-01")
FIRMS = (SHUNMEI, CENTRE, TONGXIN, HUAXIN, KILN)
ACT = {code: Actor.for_firm(user, code) for code, _, _, user in FIRMS}
NOW = datetime(2026, 2, 26, 9, tzinfo=PARK_TZ)  # bookings are made the week before


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=PARK_TZ)


def on(day: int, start: tuple[int, int], end: tuple[int, int]) -> TimeSlot:
    return TimeSlot.on(date(2026, 3, day), start, end)


def park(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for code, name, size, user in FIRMS:
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{code}",
            firm=code,
            name=name,
            industry="ceramics" if code != CENTRE[0] else "party-masses service",
            size=size,
            representatives=[user],
        )
    # Fair use: at most 20 hours of venues a month for each small and each micro firm.
    for size in (FirmSize.SMALL, FirmSize.MICRO):
        market.venues.set_quota(
            ADMIN,
            request_id=f"quota-{size.value}",
            quota=VenueQuota(period=QuotaPeriod.MONTH, max_minutes=20 * 60, firm_size=size),
        )


def venues(market: ShareMarket) -> tuple[UUID, UUID]:
    room = market.venues.open_venue(
        ACT[SHUNMEI[0]],
        request_id="room",
        name="顺美活动室 activity room",
        kind=VenueKind.ACTIVITY_ROOM,
        rules=VenueRules(
            capacity=40, opening=OpeningHours.on(range(6), "08:00", "20:00"), buffer=15
        ),
    )
    hall = market.venues.open_venue(
        ACT[CENTRE[0]],
        request_id="hall",
        name="党群服务中心路演厅 roadshow hall",
        kind=VenueKind.ROADSHOW_HALL,
        rules=VenueRules(
            capacity=120,
            opening=OpeningHours.on(range(5), "08:30", "21:00"),
            max_duration=300,
            approval_required=True,
            fee_per_hour=Money.of("50.00"),  # cleaning and the projectionist
        ),
    )
    return room, hall


def march(market: ShareMarket, room: UUID, hall: UUID) -> None:
    v = market.venues
    shunmei, centre, tongxin = ACT[SHUNMEI[0]], ACT[CENTRE[0]], ACT[TONGXIN[0]]
    huaxin, kiln = ACT[HUAXIN[0]], ACT[KILN[0]]

    # Shunmei needs its room on Tuesday the 17th (a kiln inspection briefing).
    v.place_blackout(
        shunmei, request_id="own-use", venue=room, slot=on(17, (13, 0), (17, 0)),
        reason="Shunmei's own kiln inspection briefing",
    )  # fmt: skip
    training = v.book_series(
        tongxin,
        request_id="training",
        venue=room,
        recurrence=Recurrence(
            first_day=date(2026, 3, 3), last_day=date(2026, 3, 31), weekdays=[1],
            starts="14:00", ends="16:00",
        ),
        attendees=30,
        purpose="上釉 glazing safety training for Tongxin, Huaxin and the old-kiln workshop",
        as_of=NOW,
        conflicts="skip_conflicts",
    )  # fmt: skip
    booked = ", ".join(d.isoformat() for d in training.booked)
    skipped = ", ".join(f"{s.day} ({s.reason.split(';')[0]})" for s in training.skipped)
    print(f"weekly training booked on {booked}; skipped {skipped}")

    for day in (3, 10):  # held and used
        session = training.booking_on(date(2026, 3, day))
        v.check_in(tongxin, request_id=f"in-{day}", booking=session, at=at(day, 13, 50))
        v.complete(shunmei, request_id=f"done-{day}", booking=session, as_of=at(day, 16))
    # The old-kiln workshop waits for the training's slot of the 24th, should it free.
    entry = v.join_waitlist(
        kiln, request_id="kiln-waits", venue=room, slot=on(24, (14, 0), (16, 0)),
        attendees=12, purpose="柴烧 firing course", as_of=NOW,
    )  # fmt: skip
    late = training.booking_on(date(2026, 3, 24))
    v.cancel(tongxin, request_id="cancel-24", booking=late, as_of=at(24, 12, 30))
    print(f"training of 2026-03-24 cancelled at 12:30: {v.booking(late).status.value}")
    (offer,) = v.waitlist(room, date(2026, 3, 24))
    print(f"the slot is offered to the old-kiln workshop until {offer.offered_until:%H:%M}")
    taken = v.accept_offer(
        kiln, request_id="kiln-takes", venue=room, day=date(2026, 3, 24), entry=entry,
        as_of=at(24, 12, 40),
    )  # fmt: skip
    print(f"the old-kiln workshop took it: {v.booking(taken).status.value}")

    missed = v.book(
        kiln, request_id="kiln-meeting", venue=room, slot=on(5, (10, 0), (11, 0)),
        attendees=6, purpose="柴烧 wood-firing cooperative meeting", as_of=NOW,
    )  # fmt: skip
    v.record_no_show(shunmei, request_id="kiln-no-show", booking=missed, as_of=at(5, 10, 15))
    print(f"old-kiln workshop meeting of 2026-03-05: {v.booking(missed).status.value}")

    roadshow = v.book(
        huaxin, request_id="roadshow", venue=hall, slot=on(20, (9, 0), (12, 0)),
        attendees=80, purpose="彩绘 hand-painted tableware roadshow for Canton Fair buyers",
        as_of=NOW,
    )  # fmt: skip
    print(f"roadshow requested: {v.booking(roadshow).status.value}")
    v.approve(centre, request_id="approve-roadshow", booking=roadshow)
    v.check_in(huaxin, request_id="in-roadshow", booking=roadshow, at=at(20, 8, 50))
    v.complete(centre, request_id="done-roadshow", booking=roadshow, as_of=at(20, 12))
    print(f"roadshow: {v.booking(roadshow).status.value}")


def month_end(market: ShareMarket, room: UUID, hall: UUID, folder: Path) -> None:
    v = market.venues
    for name, venue in (("activity room", room), ("roadshow hall", hall)):
        print(f"{name} {v.utilisation(venue, date(2026, 3, 1))}")
    for code, name, _, _ in FIRMS[2:]:
        month = v.firm_month(code, date(2026, 3, 1))
        left = ", ".join(f"{q.minutes} of {q.quota.max_minutes}" for q in month.quota_left)
        print(
            f"{code} {name}: {month.counted} counted, bookings: {month.bookings}; "
            f"used {month.used} in {month.used_bookings}; quota left {left}"
        )
    views = ParkViews.sqlite(folder)
    try:
        views.catch_up(market)
        for code, name, _, _ in FIRMS[:2]:
            balances = views.balances(code)
            print(
                f"{code} {name} gave {balances.given(VENUE_MINUTES)} of its rooms; "
                f"fees receivable {balances.receivable}"
            )
    finally:
        views.close()


def main(folder: Path) -> None:
    market = ShareMarket.in_memory()
    try:
        park(market)
        room, hall = venues(market)
        march(market, room, hall)
        month_end(market, room, hall, folder)
    finally:
        market.close()


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
