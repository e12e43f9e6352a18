"""The venues part of the hostile-input scene: a target of its own for each venue command."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sharemarket import (
    Actor,
    Money,
    OpeningHours,
    OverBookings,
    QuotaPeriod,
    Recurrence,
    SeriesConflicts,
    ShareMarket,
    TimeSlot,
    VenueKind,
    VenueQuota,
    VenueRules,
)
from sharemarket.domain.time import PARK_TZ

#: The week of the venue scene (Monday 2026-04-06), and "now" the Wednesday before it.
DAY = date(2026, 4, 6)
NOW = datetime(2026, 4, 1, 10, tzinfo=PARK_TZ)
RULES = VenueRules(capacity=30, opening=OpeningHours.on(range(7), "08:00", "20:00"))
KEYS = ("room", "approval", "to_close", "approve", "decline", "cancel", "check_in", "no_show")
KEYS += ("complete", "series", "entry", "fee_room", "used", "leave", "blackout")


#: A day the host blacks out in the scene, to lift.
LIFT_DAY = date(2026, 4, 11)
#: A day a firm waits for a slot in the scene, to leave the waitlist.
LEAVE_DAY = date(2026, 4, 8)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 4, day, hour, minute, tzinfo=PARK_TZ)


def build(market: ShareMarket, host: Actor, booker: Actor) -> dict[str, UUID]:
    """Rooms of ``host``; bookings of ``booker`` to approve, decline, cancel, check in, mark a
    no-show and complete; a series to cancel."""
    v = market.venues

    def room(key: str, rules: VenueRules) -> UUID:
        venue: UUID = v.open_venue(
            host, request_id=f"v-{key}", name=key, kind=VenueKind.MEETING_ROOM, rules=rules
        )
        return venue

    ids = {
        "room": room("room", RULES),
        "approval": room("approval", VenueRules(capacity=30, approval_required=True)),
        "to_close": room("to_close", RULES),
    }

    def book(key: str, venue: UUID, slot: TimeSlot) -> None:
        ids[key] = v.book(
            booker,
            request_id=f"v-book-{key}",
            venue=venue,
            slot=slot,
            attendees=5,
            purpose="training",
            as_of=NOW,
        )

    book("approve", ids["approval"], TimeSlot.on(DAY, (9, 0), (10, 0)))
    book("decline", ids["approval"], TimeSlot.on(DAY, (10, 30), (11, 30)))
    book("cancel", ids["room"], TimeSlot.on(DAY, (9, 0), (10, 0)))
    book("check_in", ids["room"], TimeSlot.on(DAY, (10, 30), (11, 30)))
    book("no_show", ids["room"], TimeSlot.on(DAY, (12, 0), (13, 0)))
    book("complete", ids["room"], TimeSlot.on(DAY, (13, 30), (14, 30)))
    v.check_in(booker, request_id="v-in", booking=ids["complete"], at=at(6, 13, 20))
    # A room with a fee, used for an hour: its ¥20.00 fee is owed, to pay.
    ids["fee_room"] = room("fee_room", VenueRules(capacity=30, fee_per_hour=Money.of("20.00")))
    book("used", ids["fee_room"], TimeSlot.on(DAY, (9, 0), (10, 0)))
    v.check_in(booker, request_id="v-in-used", booking=ids["used"], at=at(6, 8, 55))
    v.complete(host, request_id="v-used", booking=ids["used"], as_of=at(6, 10, 0))
    # A slot to wait for, and an offer to take: the host's own booking, cancelled.
    v.book(
        host,
        request_id="v-wait-for",
        venue=ids["room"],
        slot=TimeSlot.on(DAY, (15, 0), (16, 0)),
        attendees=5,
        purpose="own use",
        as_of=NOW,
    )
    offered = v.book(
        host,
        request_id="v-offered",
        venue=ids["room"],
        slot=TimeSlot.on(DAY, (17, 0), (18, 0)),
        attendees=5,
        purpose="own use",
        as_of=NOW,
    )
    ids["entry"] = v.join_waitlist(
        booker,
        request_id="v-wait",
        venue=ids["room"],
        slot=TimeSlot.on(DAY, (17, 0), (18, 0)),
        attendees=5,
        purpose="training",
        as_of=NOW,
    )
    v.cancel(host, request_id="v-free", booking=offered, as_of=NOW)
    # A firm waiting on a later day, to leave (other calls lapse the entries of DAY).
    v.book(
        host,
        request_id="v-wait-for-2",
        venue=ids["room"],
        slot=TimeSlot.on(LEAVE_DAY, (15, 0), (16, 0)),
        attendees=5,
        purpose="own use",
        as_of=NOW,
    )
    ids["leave"] = v.join_waitlist(
        booker,
        request_id="v-wait-2",
        venue=ids["room"],
        slot=TimeSlot.on(LEAVE_DAY, (15, 0), (16, 0)),
        attendees=5,
        purpose="training",
        as_of=NOW,
    )
    v.place_blackout(
        host,
        request_id="v-dark",
        venue=ids["room"],
        slot=TimeSlot.on(LIFT_DAY, (9, 0), (12, 0)),
        reason="kiln maintenance",
    )
    (ids["blackout"],) = v.day(ids["room"], LIFT_DAY).blackout_ids
    ids["series"] = v.book_series(
        booker,
        request_id="v-series",
        venue=ids["room"],
        recurrence=Recurrence(
            first_day=date(2026, 4, 7),
            last_day=date(2026, 4, 21),
            weekdays=[1],
            starts="14:00",
            ends="16:00",
        ),
        attendees=5,
        purpose="training",
        as_of=NOW,
    ).series_id
    return ids


def calls(ids: dict[str, UUID], host: Actor, booker: Actor) -> dict[str, tuple[Actor, Any]]:
    """The actor and every argument of a valid call of each venue command."""
    room = ids["room"]
    return {
        "venues.open_venue": (
            host,
            {"name": "德化 activity room", "kind": VenueKind.ACTIVITY_ROOM, "rules": RULES},
        ),
        "venues.change_rules": (
            host,
            {"venue": room, "rules": VenueRules(capacity=40, opening=RULES.opening)},
        ),
        "venues.close_venue": (host, {"venue": ids["to_close"], "reason": "renovation"}),
        "venues.place_blackout": (
            host,
            {
                "venue": room,
                "slot": TimeSlot.on(date(2026, 4, 10), (9, 0), (12, 0)),
                "reason": "kiln maintenance",
                "over_bookings": OverBookings.REFUSE,
                "as_of": NOW,
            },
        ),
        "venues.lift_blackout": (
            host,
            {"venue": room, "day": LIFT_DAY, "blackout": ids["blackout"], "as_of": NOW},
        ),
        "venues.leave_waitlist": (
            booker,
            {"venue": room, "day": LEAVE_DAY, "entry": ids["leave"], "as_of": NOW},
        ),
        "venues.set_quota": (
            Actor.administrator("admin-1"),
            {"quota": VenueQuota(period=QuotaPeriod.WEEK, max_bookings=50)},
        ),
        "venues.book": (
            booker,
            {
                "venue": room,
                "slot": TimeSlot.on(date(2026, 4, 8), (9, 0), (10, 0)),
                "attendees": 12,
                "purpose": "safety training",
                "as_of": NOW,
            },
        ),
        "venues.book_series": (
            booker,
            {
                "venue": room,
                "recurrence": Recurrence(
                    first_day=date(2026, 4, 9),
                    last_day=date(2026, 4, 23),
                    weekdays=[3],
                    starts="09:00",
                    ends="10:00",
                ),
                "attendees": 8,
                "purpose": "weekly training",
                "as_of": NOW,
                "conflicts": SeriesConflicts.SKIP_CONFLICTS,
            },
        ),
        "venues.cancel_series": (
            booker,
            {"series": ids["series"], "from_day": date(2026, 4, 14), "as_of": NOW},
        ),
        "venues.join_waitlist": (
            booker,
            {
                "venue": room,
                "slot": TimeSlot.on(DAY, (15, 0), (16, 0)),
                "attendees": 5,
                "purpose": "training",
                "as_of": NOW,
            },
        ),
        "venues.accept_offer": (
            booker,
            {"venue": room, "day": DAY, "entry": ids["entry"], "as_of": at(1, 10, 30)},
        ),
        "venues.approve": (host, {"booking": ids["approve"]}),
        "venues.decline": (
            host,
            {"booking": ids["decline"], "reason": "room needed", "as_of": NOW},
        ),
        "venues.cancel": (booker, {"booking": ids["cancel"], "as_of": NOW}),
        "venues.check_in": (booker, {"booking": ids["check_in"], "at": at(6, 10, 20)}),
        "venues.record_no_show": (host, {"booking": ids["no_show"], "as_of": at(6, 12, 15)}),
        "venues.complete": (host, {"booking": ids["complete"], "as_of": at(6, 14, 30)}),
        "venues.pay_fee": (booker, {"booking": ids["used"], "amount": "5.00"}),
    }


def queries(ids: dict[str, UUID], firm: str) -> dict[str, dict[str, Any]]:
    return {
        "venues.venue": {"venue": ids["room"]},
        "venues.booking": {"booking": ids["cancel"]},
        "venues.day": {"venue": ids["room"], "day": DAY},
        "venues.free_slots": {"venue": ids["room"], "first_day": DAY, "last_day": date(2026, 4, 8)},
        "venues.upcoming": {"firm": firm, "as_of": NOW, "last_day": date(2026, 4, 30)},
        "venues.usage": {"firm": firm, "day": DAY},
        "venues.waitlist": {"venue": ids["room"], "day": DAY},
        "venues.utilisation": {"venue": ids["room"], "month": DAY},
        "venues.firm_month": {"firm": firm, "month": DAY},
    }


#: Ids for the discovery test, which builds commands without a market.
SOME_IDS = {key: UUID(int=100 + i) for i, key in enumerate(KEYS)}
