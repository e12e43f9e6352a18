"""A stateful test: the real application beside a small model of venue sharing.

Three firms book two rooms (one with a 15-minute buffer) over three days across two weeks,
under a quota of three bookings per firm per week; they cancel, check in, complete, miss
bookings, and the host blacks out spans over them; they wait for taken slots and take the
offers the releases make them. The model predicts each outcome (booked, taken, blacked out,
over the quota, free to book instead of waiting). After every step: the market's day calendars
hold exactly the model's live bookings, no two live bookings or offers of a room overlap once
buffers are counted, every firm still waiting without an offer is kept out by a booking, an
offer or a blackout (a release offered what it freed in the same command), each firm's weekly
usage is the model's and never above the quota.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sharemarket import (
    BookingStatus,
    OpeningHours,
    QuotaPeriod,
    ShareMarket,
    VenueBlackedOut,
    VenueQuota,
    VenueQuotaExceeded,
    VenueRules,
    VenueSlotFree,
    VenueSlotTaken,
)
from sharemarket.domain.venues.rules import DaySpan
from tests.venues_support import (
    ADMIN,
    HOST_REP,
    MONDAY,
    NOW,
    A,
    B,
    book,
    establish,
    open_room,
)

DAYS = (MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=7))
BUFFERS = (0, 15)
QUOTA = 3
FIRMS = (A, B, HOST_REP)


def clash(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    gap = max(a[2], b[2])
    return a[0] < b[1] + gap and b[0] < a[1] + gap


class VenueMarket(RuleBasedStateMachine):
    def open_market(self) -> ShareMarket:
        return ShareMarket.in_memory()

    @initialize()
    def setup(self) -> None:
        self.market = self.open_market()
        establish(self.market)
        self.market.venues.set_quota(
            ADMIN, request_id="quota", quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=QUOTA)
        )
        self.rooms = [
            open_room(
                self.market,
                VenueRules(
                    capacity=20, opening=OpeningHours.on(range(7), "08:00", "20:00"), buffer=b
                ),
                key=f"room-{b}",
            )
            for b in BUFFERS
        ]
        # booking id -> {room, day, start, end, buffer, firm, status}
        self.bookings: dict[UUID, dict[str, Any]] = {}
        self.blackouts: dict[tuple[int, date], list[tuple[int, int]]] = {}
        self.n = 0

    def teardown(self) -> None:
        if hasattr(self, "market"):
            self.market.close()

    def key(self) -> str:
        self.n += 1
        return f"step-{self.n}"

    def live(self, room: int, day: date) -> list[dict[str, Any]]:
        return [
            b
            for b in self.bookings.values()
            if b["room"] == room and b["day"] == day and b["status"].holds_slot
        ]

    def counted(self, firm: Any, day: date) -> int:
        monday = day - timedelta(days=day.weekday())
        return sum(
            1
            for b in self.bookings.values()
            if b["firm"] == firm.firm
            and b["day"] - timedelta(days=b["day"].weekday()) == monday
            and b["status"].counts_in_quota
        )

    def offers(self, room: int, day: date) -> list[tuple[int, int, int]]:
        """The slots held for waiting firms (the market's: the invariant checks them)."""
        return [
            (DaySpan.of(e.slot).start, DaySpan.of(e.slot).end, BUFFERS[room])
            for e in self.market.venues.waitlist(self.rooms[room], day)
            if e.offered_until is not None
        ]

    def taken(self, room: int, day: date, wanted: tuple[int, int, int]) -> bool:
        held = [(b["start"], b["end"], b["buffer"]) for b in self.live(room, day)]
        return any(clash(h, wanted) for h in [*held, *self.offers(room, day)])

    def dark(self, room: int, day: date, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.blackouts.get((room, day), []))

    @rule(
        who=st.sampled_from(FIRMS),
        room=st.sampled_from((0, 1)),
        day=st.sampled_from(DAYS),
        start=st.integers(16, 36).map(lambda h: h * 30),
        length=st.sampled_from((30, 60, 90, 120)),
    )
    def book(self, who: Any, room: int, day: date, start: int, length: int) -> None:
        end = start + length
        wanted = (start, end, BUFFERS[room])
        if self.dark(room, day, start, end):
            expected: Any = VenueBlackedOut
        elif self.taken(room, day, wanted):
            expected = VenueSlotTaken
        elif self.counted(who, day) >= QUOTA:
            expected = VenueQuotaExceeded
        else:
            expected = None
        when = DaySpan(day, start, end).slot()
        if expected is not None:
            head = self.market.event_log.head()
            with pytest.raises(expected):
                book(self.market, self.rooms[room], self.key(), when, who)
            assert head == self.market.event_log.head()
            return
        booking = book(self.market, self.rooms[room], self.key(), when, who)
        self.booked(booking, room, day, start, end, who)

    def booked(self, booking: UUID, room: int, day: date, start: int, end: int, who: Any) -> None:
        self.bookings[booking] = {
            "room": room,
            "day": day,
            "start": start,
            "end": end,
            "buffer": BUFFERS[room],
            "firm": who.firm,
            "actor": who,
            "status": BookingStatus.CONFIRMED,
        }

    @rule(
        who=st.sampled_from(FIRMS),
        room=st.sampled_from((0, 1)),
        day=st.sampled_from(DAYS),
        start=st.integers(16, 36).map(lambda h: h * 30),
        length=st.sampled_from((30, 60, 120)),
    )
    def wait(self, who: Any, room: int, day: date, start: int, length: int) -> None:
        end = start + length
        if self.dark(room, day, start, end):
            expected: Any = VenueBlackedOut
        elif not self.taken(room, day, (start, end, BUFFERS[room])):
            expected = VenueSlotFree
        else:
            expected = None
        join = self.market.venues.join_waitlist
        args = {"venue": self.rooms[room], "slot": DaySpan(day, start, end).slot()}
        args |= {"attendees": 5, "purpose": "training", "as_of": NOW}
        if expected is None:
            join(who, request_id=self.key(), **args)
            return
        head = self.market.event_log.head()
        with pytest.raises(expected):
            join(who, request_id=self.key(), **args)
        assert head == self.market.event_log.head()

    @rule(data=st.data())
    def accept(self, data: st.DataObject) -> None:
        offered = [
            (room, day, e)
            for room in (0, 1)
            for day in DAYS
            for e in self.market.venues.waitlist(self.rooms[room], day)
            if e.offered_until is not None
        ]
        if not offered:
            return
        room, day, entry = data.draw(st.sampled_from(offered))
        who = next(f for f in FIRMS if f.firm == entry.firm)
        span = DaySpan.of(entry.slot)
        take = self.market.venues.accept_offer
        args = {"venue": self.rooms[room], "day": day, "entry": entry.entry_id, "as_of": NOW}
        if self.counted(who, day) >= QUOTA:
            head = self.market.event_log.head()
            with pytest.raises(VenueQuotaExceeded):
                take(who, request_id=self.key(), **args)
            assert head == self.market.event_log.head()
            return
        booking = take(who, request_id=self.key(), **args)
        self.booked(booking, room, day, span.start, span.end, who)

    def live_ids(self) -> list[UUID]:
        return sorted(b for b, x in self.bookings.items() if x["status"] is BookingStatus.CONFIRMED)

    @precondition(lambda self: self.live_ids())
    @rule(data=st.data(), step=st.sampled_from(("cancel", "late", "no_show", "complete")))
    def step(self, data: st.DataObject, step: str) -> None:
        booking = data.draw(st.sampled_from(self.live_ids()))
        b = self.bookings[booking]
        start = DaySpan(b["day"], b["start"], b["end"]).slot().start
        venues = self.market.venues
        if step == "cancel":
            venues.cancel(b["actor"], request_id=self.key(), booking=booking, as_of=NOW)
            b["status"] = BookingStatus.CANCELLED
        elif step == "late":
            as_of = start - timedelta(minutes=30)
            venues.cancel(b["actor"], request_id=self.key(), booking=booking, as_of=as_of)
            b["status"] = BookingStatus.CANCELLED_LATE
        elif step == "no_show":
            as_of = start + timedelta(minutes=15)
            venues.record_no_show(HOST_REP, request_id=self.key(), booking=booking, as_of=as_of)
            b["status"] = BookingStatus.NO_SHOW
        else:
            venues.check_in(b["actor"], request_id=self.key(), booking=booking, at=start)
            end = DaySpan(b["day"], b["start"], b["end"]).slot().end
            venues.complete(HOST_REP, request_id=self.key(), booking=booking, as_of=end)
            b["status"] = BookingStatus.COMPLETED

    @rule(
        room=st.sampled_from((0, 1)),
        day=st.sampled_from(DAYS),
        start=st.integers(16, 36).map(lambda h: h * 30),
        length=st.sampled_from((30, 120, 240)),
    )
    def black_out(self, room: int, day: date, start: int, length: int) -> None:
        end = start + length
        hit = sorted(
            booking
            for booking, b in self.bookings.items()
            if b["room"] == room
            and b["day"] == day
            and b["status"].holds_slot
            and b["start"] < end
            and start < b["end"]
        )
        cancelled = self.market.venues.place_blackout(
            HOST_REP,
            request_id=self.key(),
            venue=self.rooms[room],
            slot=DaySpan(day, start, end).slot(),
            reason="maintenance",
            over_bookings="cancel_bookings",
            as_of=NOW,
        )
        assert hit == sorted(cancelled)
        for booking in hit:
            self.bookings[booking]["status"] = BookingStatus.CANCELLED_BY_HOST
        self.blackouts.setdefault((room, day), []).append((start, end))

    @invariant()
    def calendars_hold_exactly_the_live_bookings_and_none_overlap(self) -> None:
        if not hasattr(self, "market"):
            return
        for room in (0, 1):
            for day in DAYS:
                schedule = self.market.venues.day(self.rooms[room], day)
                assert sorted(b["start"] for b in self.live(room, day)) == sorted(
                    DaySpan.of(s).start for _, s in schedule.bookings
                )
                spans = [
                    (DaySpan.of(s).start, DaySpan.of(s).end, BUFFERS[room])
                    for _, s in schedule.bookings
                ]
                for i, a in enumerate(spans):
                    for b in spans[i + 1 :]:
                        assert not clash(a, b), (a, b)

    @invariant()
    def waiting_firms_are_kept_out_and_offers_overlap_nothing(self) -> None:
        """Every release offered what it freed in the same command: a firm still waiting
        without an offer is kept out by a booking, an offer or a blackout."""
        if not hasattr(self, "market"):
            return
        for room in (0, 1):
            for day in DAYS:
                held = [(b["start"], b["end"], b["buffer"]) for b in self.live(room, day)]
                offers = self.offers(room, day)
                for i, a in enumerate(offers):
                    assert not any(clash(a, b) for b in [*held, *offers[i + 1 :]]), a
                    assert not self.dark(room, day, a[0], a[1]), a
                for e in self.market.venues.waitlist(self.rooms[room], day):
                    if e.offered_until is None:
                        s = DaySpan.of(e.slot)
                        wanted = (s.start, s.end, BUFFERS[room])
                        assert self.taken(room, day, wanted) or self.dark(room, day, s.start, s.end)

    @invariant()
    def usage_is_the_models_and_never_above_the_quota(self) -> None:
        if not hasattr(self, "market"):
            return
        for who in FIRMS:
            for day in (DAYS[0], DAYS[2]):
                _, counted = self.market.venues.usage(who.firm, day)[QuotaPeriod.WEEK]
                assert self.counted(who, day) == counted
                assert counted <= QUOTA


VenueMarket.TestCase.settings = settings(max_examples=10, stateful_step_count=30)
TestVenueMarket = VenueMarket.TestCase


class VenueMarketOnSQLite(VenueMarket):
    """The same machine on an SQLite file; at the end a second market replays the file and
    reads every calendar and usage as the live market does (replay = live)."""

    def open_market(self) -> ShareMarket:
        self.folder = tempfile.TemporaryDirectory()
        return ShareMarket.sqlite(Path(self.folder.name) / "market.sqlite")

    def teardown(self) -> None:
        if hasattr(self, "market"):
            replayed = ShareMarket.sqlite(Path(self.folder.name) / "market.sqlite")
            try:
                for room in self.rooms:
                    for day in DAYS:
                        assert self.market.venues.day(room, day) == replayed.venues.day(room, day)
                for who in FIRMS:
                    for day in DAYS:
                        assert self.market.venues.usage(who.firm, day) == replayed.venues.usage(
                            who.firm, day
                        )
                for booking in self.bookings:
                    assert (
                        self.market.venues.booking(booking).status
                        == replayed.venues.booking(booking).status
                    )
            finally:
                replayed.close()
        super().teardown()
        self.folder.cleanup()


VenueMarketOnSQLite.TestCase.settings = settings(max_examples=3, stateful_step_count=20)
TestVenueMarketOnSQLite = VenueMarketOnSQLite.TestCase
