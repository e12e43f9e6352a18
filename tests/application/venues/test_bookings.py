"""Venue sharing through the application, on memory, SQLite and PostgreSQL.

The Dehua scene: a large ceramics firm opens its activity room to the park's small firms. Every
refusal is checked twice: the error, and that nothing was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from sharemarket import (
    Actor,
    BookingCheckInClosed,
    BookingNoShowTooEarly,
    BookingNotLive,
    BookingNotOver,
    BookingSeriesEmpty,
    BookingStatus,
    FirmSize,
    Money,
    OpeningHours,
    PermissionDenied,
    QuotaPeriod,
    Recurrence,
    RequestIdReused,
    ShareMarket,
    VenueBlackedOut,
    VenueBlackoutOverBookings,
    VenueCapacityExceeded,
    VenueClosedAtTime,
    VenueClosedForGood,
    VenueDurationOutOfRange,
    VenueKind,
    VenueNotBookableByFirm,
    VenueNoticeTooShort,
    VenueQuota,
    VenueQuotaExceeded,
    VenueRules,
    VenueSlotOffGrid,
    VenueSlotTaken,
    VenueTooFarAhead,
)
from sharemarket.domain.time import PARK_TZ
from tests.venues_support import (
    ADMIN,
    HOST,
    HOST_REP,
    MONDAY,
    NOW,
    RULES,
    A,
    B,
    book,
    establish,
    open_room,
    slot,
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARK_TZ)


def refused(market: ShareMarket, error: type[Exception], call: Callable[[], Any]) -> Exception:
    """The call raises ``error`` and records nothing."""
    head = market.event_log.head()
    with pytest.raises(error) as caught:
        call()
    assert head == market.event_log.head()
    return caught.value


@pytest.fixture
def room(market: ShareMarket) -> Any:
    establish(market)
    return open_room(market)


def test_a_booked_slot_with_its_buffer_is_taken_for_every_other_firm(market, room):
    """09:00-11:00 with a 15-minute buffer: 11:00-12:00 is refused, 11:30-12:00 is free."""
    first = book(market, room, "b-1", slot(MONDAY, (9, 0), (11, 0)))
    refused(
        market, VenueSlotTaken, lambda: book(market, room, "b-2", slot(MONDAY, (10, 0), (12, 0)), B)
    )
    refused(
        market, VenueSlotTaken, lambda: book(market, room, "b-2", slot(MONDAY, (11, 0), (12, 0)), B)
    )
    second = book(market, room, "b-2", slot(MONDAY, (11, 30), (12, 0)), B)
    day = market.venues.day(room, MONDAY)
    assert [first, second] == [b for b, _ in day.bookings]
    assert BookingStatus.CONFIRMED == market.venues.booking(first).status


def test_every_rule_of_the_venue_refuses_and_records_nothing(market, room):
    rules = market.venues.venue(room).rules
    assert rules == RULES
    cases = [
        (VenueClosedAtTime, slot(MONDAY, (7, 0), (9, 0)), 10, NOW),
        (VenueClosedAtTime, slot(MONDAY + timedelta(days=6), (9, 0), (10, 0)), 10, NOW),  # Sunday
        (VenueSlotOffGrid, slot(MONDAY, (9, 10), (10, 10)), 10, NOW),
        (VenueDurationOutOfRange, slot(MONDAY, (9, 0), (14, 0)), 10, NOW),
        (VenueNoticeTooShort, slot(MONDAY, (9, 0), (10, 0)), 10, at(MONDAY, 8, 30)),
        (VenueNoticeTooShort, slot(MONDAY, (9, 0), (10, 0)), 10, at(MONDAY, 9, 30)),
        (VenueTooFarAhead, slot(date(2026, 6, 1), (9, 0), (10, 0)), 10, NOW),
        (VenueCapacityExceeded, slot(MONDAY, (9, 0), (10, 0)), 31, NOW),
    ]
    for error, when, attendees, as_of in cases:
        refused(
            market,
            error,
            lambda w=when, n=attendees, t=as_of: book(market, room, "r", w, attendees=n, as_of=t),
        )
    refused(
        market,
        PermissionDenied,
        lambda: book(
            market,
            room,
            "r",
            slot(MONDAY, (9, 0), (10, 0)),
            HOST_REP.__class__.administrator("admin-1"),
        ),
    )
    book(market, room, "r", slot(MONDAY, (9, 0), (10, 0)))


def test_a_venue_open_to_listed_firms_refuses_the_others(market):
    establish(market)
    listed = open_room(market, VenueRules(capacity=10, bookable_by=[A.firm]), "listed")
    refused(
        market,
        VenueNotBookableByFirm,
        lambda: book(market, listed, "b", slot(MONDAY, (9, 0), (10, 0)), B),
    )
    book(market, listed, "a", slot(MONDAY, (9, 0), (10, 0)), A)


def test_approval_check_in_completion_and_the_hosts_credited_minutes(store):
    """Pending until the host approves; checked in at 08:50; completed: 2h given by the host
    and received by the booker, and the fee of ¥30.00/h posted receivable and payable."""
    from sharemarket import VENUE_MINUTES, ParkViews

    market = store.open()
    establish(market)
    rules = VenueRules(capacity=30, approval_required=True, fee_per_hour=Money.of("30.00"))
    room = open_room(market, rules)
    booking = book(market, room, "b", slot(MONDAY, (9, 0), (11, 0)))
    assert BookingStatus.PENDING == market.venues.booking(booking).status
    refused(
        market, PermissionDenied, lambda: market.venues.approve(A, request_id="x", booking=booking)
    )
    refused(
        market,
        BookingNotLive,
        lambda: market.venues.check_in(A, request_id="x", booking=booking, at=at(MONDAY, 9)),
    )
    market.venues.approve(HOST_REP, request_id="approve", booking=booking)
    refused(
        market,
        BookingCheckInClosed,
        lambda: market.venues.check_in(A, request_id="x", booking=booking, at=at(MONDAY, 8, 44)),
    )
    refused(
        market,
        BookingCheckInClosed,
        lambda: market.venues.check_in(A, request_id="x", booking=booking, at=at(MONDAY, 9, 15)),
    )
    market.venues.check_in(A, request_id="in", booking=booking, at=at(MONDAY, 8, 50))
    refused(
        market,
        BookingNotOver,
        lambda: market.venues.complete(
            HOST_REP, request_id="x", booking=booking, as_of=at(MONDAY, 10, 59)
        ),
    )
    market.venues.complete(HOST_REP, request_id="done", booking=booking, as_of=at(MONDAY, 11))
    assert BookingStatus.COMPLETED == market.venues.booking(booking).status

    folder = store.path.parent / "views"
    views = (
        ParkViews.postgres(store.dsn, schema=store.schema, prefix="views_")
        if store.kind == "postgres"
        else ParkViews.sqlite(folder)
    )
    try:
        views.catch_up(market)
        host, booker = views.balances(HOST), views.balances(A.firm)
        assert (120, 120) == (host.given(VENUE_MINUTES).value, booker.received(VENUE_MINUTES).value)
        assert (Money.of("60.00"), Money.of("60.00")) == (host.receivable, booker.payable)
        assert views.verify().ok
        summaries = [r.summary for r in views.all_audit_rows()]
        assert any(
            "completed venue booking" in s and "2h00 used, fee ¥60.00" in s for s in summaries
        )
    finally:
        views.close()


def test_no_show_is_kept_and_counted_a_late_cancellation_too(market, room):
    """A no-show is recorded only after 09:15 and stays counted in the firm's usage; a
    cancellation within two hours of the start counts as a no-show, an early one is released."""
    no_show = book(market, room, "n", slot(MONDAY, (9, 0), (10, 0)))
    refused(
        market,
        BookingNoShowTooEarly,
        lambda: market.venues.record_no_show(
            HOST_REP, request_id="x", booking=no_show, as_of=at(MONDAY, 9, 14)
        ),
    )
    refused(
        market,
        PermissionDenied,
        lambda: market.venues.record_no_show(
            A, request_id="x", booking=no_show, as_of=at(MONDAY, 9, 15)
        ),
    )
    market.venues.record_no_show(
        HOST_REP, request_id="ns", booking=no_show, as_of=at(MONDAY, 9, 15)
    )
    late = book(market, room, "l", slot(MONDAY, (14, 0), (15, 0)))
    early = book(market, room, "e", slot(MONDAY, (16, 0), (17, 0)))
    market.venues.cancel(A, request_id="cl", booking=late, as_of=at(MONDAY, 12, 30))
    market.venues.cancel(A, request_id="ce", booking=early, as_of=at(MONDAY, 12, 30))
    statuses = [market.venues.booking(b).status for b in (no_show, late, early)]
    assert [
        BookingStatus.NO_SHOW,
        BookingStatus.CANCELLED_LATE,
        BookingStatus.CANCELLED,
    ] == statuses
    assert (120, 2) == market.venues.usage(A.firm, MONDAY)[QuotaPeriod.WEEK]
    assert [] == [b for b, _ in market.venues.day(room, MONDAY).bookings]
    refused(
        market,
        BookingNotLive,
        lambda: market.venues.cancel(A, request_id="x", booking=late, as_of=at(MONDAY, 12, 30)),
    )


def test_quotas_count_every_booking_of_the_firm_whoever_made_it(market, room):
    """Two representatives of one firm share its quota of 3 hours a week."""
    market.park.appoint_representative(ADMIN, request_id="rep", firm=A.firm, user="rep-0b")
    other = Actor.for_firm("rep-0b", A.firm)
    quota = VenueQuota(period=QuotaPeriod.WEEK, max_minutes=180, kind=VenueKind.ACTIVITY_ROOM)
    market.venues.set_quota(ADMIN, request_id="quota", quota=quota)
    refused(
        market, PermissionDenied, lambda: market.venues.set_quota(A, request_id="x", quota=quota)
    )
    book(market, room, "one", slot(MONDAY, (9, 0), (11, 0)), A)
    error = refused(
        market,
        VenueQuotaExceeded,
        lambda: book(market, room, "two", slot(MONDAY, (13, 0), (14, 30)), other),
    )
    assert "2h00" in str(error)
    book(market, room, "two", slot(MONDAY, (13, 0), (14, 0)), other)
    book(market, room, "next-week", slot(MONDAY + timedelta(days=7), (9, 0), (12, 0)), other)
    book(market, room, "b", slot(MONDAY, (15, 0), (18, 0)), B)
    assert [quota] == market.venues.quotas()


def test_a_quota_for_small_firms_spares_the_large_ones(market):
    establish(market, size=FirmSize.SMALL)
    room = open_room(market)
    market.venues.set_quota(
        ADMIN,
        request_id="q",
        quota=VenueQuota(period=QuotaPeriod.MONTH, max_bookings=1, firm_size=FirmSize.SMALL),
    )
    book(market, room, "a", slot(MONDAY, (9, 0), (10, 0)))
    refused(
        market, VenueQuotaExceeded, lambda: book(market, room, "a2", slot(MONDAY, (12, 0), (13, 0)))
    )
    book(market, room, "host", slot(MONDAY, (12, 0), (13, 0)), HOST_REP)


def test_a_blackout_over_bookings_is_refused_unless_it_cancels_them(market, room):
    booked = book(market, room, "b", slot(MONDAY, (10, 0), (11, 0)))
    maintenance = slot(MONDAY, (9, 0), (12, 0))
    refused(
        market,
        VenueBlackoutOverBookings,
        lambda: market.venues.place_blackout(
            HOST_REP, request_id="bo", venue=room, slot=maintenance, reason="kiln maintenance"
        ),
    )
    refused(
        market,
        PermissionDenied,
        lambda: market.venues.place_blackout(
            A,
            request_id="bo",
            venue=room,
            slot=maintenance,
            reason="x",
            over_bookings="cancel_bookings",
        ),
    )
    cancelled = market.venues.place_blackout(
        HOST_REP,
        request_id="bo",
        venue=room,
        slot=maintenance,
        reason="kiln maintenance",
        over_bookings="cancel_bookings",
    )
    assert [booked] == cancelled
    assert BookingStatus.CANCELLED_BY_HOST == market.venues.booking(booked).status
    assert (0, 0) == market.venues.usage(A.firm, MONDAY)[QuotaPeriod.WEEK]
    refused(
        market, VenueBlackedOut, lambda: book(market, room, "c", slot(MONDAY, (11, 30), (12, 30)))
    )
    assert [maintenance] == list(market.venues.day(room, MONDAY).blackouts)
    assert [
        slot(MONDAY, (8, 0), (9, 0)),
        slot(MONDAY, (12, 0), (20, 0)),
    ] == market.venues.free_slots(room, MONDAY, MONDAY)


def test_a_weekly_series_skips_the_taken_date_or_books_nothing(market, room):
    """Mondays of March 14:00-16:00; the 16th is taken. All-or-nothing books nothing; skip-
    conflicts books the four free Mondays and reports the 16th."""
    taken = date(2026, 3, 16)
    book(market, room, "taken", slot(taken, (15, 0), (16, 0)), B)
    march = Recurrence(
        first_day=MONDAY, last_day=date(2026, 3, 31), weekdays=[0], starts="14:00", ends="16:00"
    )

    def series(conflicts: str) -> Any:
        return market.venues.book_series(
            A,
            request_id=f"s-{conflicts}",
            venue=room,
            recurrence=march,
            attendees=12,
            purpose="weekly training",
            as_of=NOW,
            conflicts=conflicts,
        )

    refused(market, VenueSlotTaken, lambda: series("all_or_nothing"))
    result = series("skip_conflicts")
    assert [MONDAY + timedelta(days=7 * n) for n in (0, 1, 3, 4)] == list(result.booked)
    assert [taken] == [s.day for s in result.skipped]
    assert result == series("skip_conflicts")  # the same request replays its result
    cancelled = market.venues.cancel_series(
        A, request_id="cancel", series=result.series_id, from_day=date(2026, 3, 23), as_of=NOW
    )
    assert [result.booking_on(date(2026, 3, 23)), result.booking_on(date(2026, 3, 30))] == cancelled
    assert [result.booking_on(MONDAY), result.booking_on(date(2026, 3, 9))] == [
        b.id for b in market.venues.upcoming(A.firm, NOW, date(2026, 3, 31))
    ]


def test_a_series_with_every_date_taken_is_refused(market, room):
    book(market, room, "taken", slot(MONDAY, (14, 0), (15, 0)), B)
    one = Recurrence(first_day=MONDAY, last_day=MONDAY, every_days=7, starts="14:00", ends="16:00")
    refused(
        market,
        BookingSeriesEmpty,
        lambda: market.venues.book_series(
            A,
            request_id="s",
            venue=room,
            recurrence=one,
            attendees=3,
            purpose="training",
            as_of=NOW,
            conflicts="skip_conflicts",
        ),
    )


def test_bookings_keep_the_rules_they_were_made_under(market, room):
    booked = book(market, room, "b", slot(MONDAY, (9, 0), (10, 0)))
    stricter = VenueRules(capacity=5, opening=OpeningHours.on(range(5), "13:00", "17:00"))
    refused(
        market,
        PermissionDenied,
        lambda: market.venues.change_rules(A, request_id="x", venue=room, rules=stricter),
    )
    market.venues.change_rules(HOST_REP, request_id="rules", venue=room, rules=stricter)
    assert RULES == market.venues.booking(booked).rules
    refused(
        market,
        VenueClosedAtTime,
        lambda: book(market, room, "c", slot(MONDAY, (10, 0), (11, 0)), attendees=2),
    )
    market.venues.check_in(A, request_id="in", booking=booked, at=at(MONDAY, 8, 50))
    market.venues.close_venue(HOST_REP, request_id="close", venue=room, reason="renovation")
    refused(
        market,
        VenueClosedForGood,
        lambda: book(market, room, "d", slot(MONDAY, (13, 0), (14, 0)), attendees=2),
    )


def test_a_request_id_replays_its_result_and_refuses_other_arguments(market, room):
    when = slot(MONDAY, (9, 0), (10, 0))
    first = book(market, room, "b", when)
    assert first == book(market, room, "b", when)
    refused(
        market, RequestIdReused, lambda: book(market, room, "b", slot(MONDAY, (10, 30), (11, 0)))
    )


def test_the_months_utilisation_of_a_venue_and_of_a_firm(market, room):
    """March 2026, Monday to Saturday 08:00-20:00 (26 days of 12 hours), less a 3-hour
    blackout: 2h used, a 1h no-show, a 1h late cancellation, 1h still booked; the firm's month
    counts 5 hours in 4 bookings against a quota of 10 hours, of which it used 2 hours in one
    booking (checked in and completed); checked in, the live booking is used too."""
    used = book(market, room, "used", slot(MONDAY, (9, 0), (11, 0)))
    market.venues.check_in(A, request_id="in", booking=used, at=at(MONDAY, 9))
    market.venues.complete(HOST_REP, request_id="done", booking=used, as_of=at(MONDAY, 11))
    missed = book(market, room, "missed", slot(MONDAY, (13, 0), (14, 0)))
    market.venues.record_no_show(HOST_REP, request_id="ns", booking=missed, as_of=at(MONDAY, 14))
    late = book(market, room, "late", slot(MONDAY, (15, 0), (16, 0)))
    market.venues.cancel(A, request_id="cancel-late", booking=late, as_of=at(MONDAY, 14, 30))
    early = book(market, room, "early", slot(MONDAY, (17, 0), (18, 0)))
    market.venues.cancel(A, request_id="cancel-early", booking=early, as_of=NOW)
    live = book(market, room, "live", slot(date(2026, 3, 3), (9, 0), (10, 0)))
    book(market, room, "b", slot(date(2026, 3, 3), (11, 0), (12, 0)), B)
    market.venues.place_blackout(
        HOST_REP,
        request_id="bo",
        venue=room,
        slot=slot(date(2026, 3, 4), (7, 0), (11, 0)),
        reason="kiln maintenance",
    )
    month = market.venues.utilisation(room, date(2026, 3, 15))
    assert (26 * 12 * 60 - 180, 6 * 60, 120, 120, 2) == (
        month.open.value,
        month.booked.value,
        month.used.value,
        month.no_show.value,
        month.no_shows,
    )
    market.venues.set_quota(
        ADMIN, request_id="q", quota=VenueQuota(period=QuotaPeriod.MONTH, max_minutes=600)
    )
    firm = market.venues.firm_month(A.firm, MONDAY)
    assert (300, 4, 120, 1) == (
        firm.counted.value,
        firm.bookings,
        firm.used.value,
        firm.used_bookings,
    )
    assert [300] == [left.minutes.value for left in firm.quota_left]
    market.venues.check_in(A, request_id="in-2", booking=live, at=at(date(2026, 3, 3), 9))
    firm = market.venues.firm_month(A.firm, MONDAY)
    assert (300, 4, 180, 2) == (
        firm.counted.value,
        firm.bookings,
        firm.used.value,
        firm.used_bookings,
    )
