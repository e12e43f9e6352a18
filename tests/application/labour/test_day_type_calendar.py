"""A shift's day type defaults from the park's calendar: China's (调休 included) with the park's
overrides. A day type the caller gives stands, even against the calendar: a firm under a
special working-hours scheme may work a calendar rest day as its workday, and the lender
confirms each shift."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from sharemarket import ConcurrentUpdate, DayType, Minutes, RequestIdReused, ShareMarket
from tests.park_scene import ADMIN, BORROWER, LENDER, REPS, establish

NATIONAL_DAY = date(2026, 10, 1)
WORKED_SATURDAY = date(2026, 10, 10)  # 调休: a Saturday worked after the National Day week


def autumn_agreement(market: ShareMarket) -> UUID:
    establish(market)
    agreement: UUID = market.labour.propose_agreement(
        REPS[BORROWER],
        request_id="propose",
        lender=LENDER,
        work="上釉 glazing",
        rate_per_hour="30.00",
        first_day=date(2026, 9, 28),
        last_day=date(2026, 10, 16),
        workers=["W-17", "W-18"],
    )
    market.labour.accept_agreement(REPS[LENDER], request_id="accept", agreement=agreement)
    return agreement


def recorded(market: ShareMarket, agreement: UUID, key: str, day: date, **kw: object) -> tuple:
    shift_id = market.labour.record_shift(
        REPS[BORROWER],
        request_id=key,
        agreement=agreement,
        worker=kw.pop("worker", "W-17"),
        work_date=day,
        minutes=240,
        **kw,
    )
    shift = market.labour.agreement(agreement).shift(shift_id).shift
    return shift.day_type, shift.overtime


def test_a_shift_without_a_day_type_takes_the_park_calendars(market):
    """1 October is a statutory holiday (every minute overtime, paid at 300 %); the 调休 Saturday
    10 October is an ordinary workday; Sunday 11 October a rest day."""
    agreement = autumn_agreement(market)
    assert (DayType.STATUTORY_HOLIDAY, Minutes(240)) == recorded(
        market, agreement, "holiday", NATIONAL_DAY
    )
    assert (DayType.WORKDAY, Minutes(0)) == recorded(market, agreement, "sat", WORKED_SATURDAY)
    assert (DayType.REST_DAY, Minutes(240)) == recorded(
        market, agreement, "sun", date(2026, 10, 11), worker="W-18"
    )


def test_an_overridden_date_follows_the_override(market):
    """The park makes Monday 12 October a rest day (a local closure): a shift on it without a
    day type is a rest-day shift; the next day is still a workday."""
    agreement = autumn_agreement(market)
    market.park.set_park_day(ADMIN, request_id="closure", day=date(2026, 10, 12), kind="rest_day")
    assert (DayType.REST_DAY, Minutes(240)) == recorded(
        market, agreement, "closed", date(2026, 10, 12)
    )
    assert (DayType.WORKDAY, Minutes(0)) == recorded(market, agreement, "open", date(2026, 10, 13))


def test_a_day_type_given_stands_against_the_calendar(market):
    agreement = autumn_agreement(market)
    assert (DayType.WORKDAY, Minutes(0)) == recorded(
        market, agreement, "given", NATIONAL_DAY, day_type=DayType.WORKDAY
    )
    assert (DayType.REST_DAY, Minutes(240)) == recorded(
        market, agreement, "given-2", WORKED_SATURDAY, day_type="rest_day", worker="W-18"
    )


def test_a_retry_replays_and_the_calendar_is_read_inside_a_batch(market):
    """The request id replays the first result; in a batch, an override set earlier in the
    same batch decides the day type of a later shift."""
    agreement = autumn_agreement(market)
    first = market.labour.record_shift(
        REPS[BORROWER], request_id="r", agreement=agreement, worker="W-17",
        work_date=NATIONAL_DAY, minutes=240,
    )  # fmt: skip
    head = market.event_log.head()
    again = market.labour.record_shift(
        REPS[BORROWER], request_id="r", agreement=agreement, worker="W-17",
        work_date=NATIONAL_DAY, minutes=240,
    )  # fmt: skip
    assert (first, head) == (again, market.event_log.head())
    with market.batch():
        market.park.set_park_day(ADMIN, request_id="d", day=date(2026, 10, 14), kind="rest_day")
        shift_id = market.labour.record_shift(
            REPS[BORROWER], request_id="b", agreement=agreement, worker="W-18",
            work_date=date(2026, 10, 14), minutes=240,
        )  # fmt: skip
    shift = market.labour.agreement(agreement).shift(shift_id).shift
    assert DayType.REST_DAY == shift.day_type


@pytest.mark.parametrize(("day", "expected"), [(NATIONAL_DAY, 240), (WORKED_SATURDAY, 0)])
def test_home_hours_without_a_day_type_take_the_calendars_too(market, day, expected):
    autumn_agreement(market)
    market.labour.declare_home_hours(
        REPS[LENDER], request_id="home", worker="W-17", work_date=day, minutes=240
    )
    sheet = market.labour.timesheet(LENDER, "W-17")
    assert expected == sheet.day_overtime(day).value
    # Clearing the day takes no day type.
    market.labour.declare_home_hours(
        REPS[LENDER], request_id="clear", worker="W-17", work_date=day, minutes=0
    )
    assert 0 == market.labour.timesheet(LENDER, "W-17").day_total(day).value


def test_a_retry_after_the_date_was_overridden_is_refused_recording_nothing(market):
    """The receipt holds the day type the shift was recorded with: once the park made the date
    a workday, the same request would record another shift, so it is refused."""
    agreement = autumn_agreement(market)
    call = {
        "request_id": "r", "agreement": agreement, "worker": "W-17",
        "work_date": date(2026, 10, 2), "minutes": 240,
    }  # fmt: skip
    market.labour.record_shift(REPS[BORROWER], **call)
    market.park.set_park_day(ADMIN, request_id="d", day=date(2026, 10, 2), kind="workday")
    head = market.event_log.head()
    with pytest.raises(RequestIdReused):
        market.labour.record_shift(REPS[BORROWER], **call)
    assert head == market.event_log.head()


def test_a_shift_takes_the_kind_another_process_just_gave_its_day(store):
    """Another process makes a Tuesday a rest day after this one last read the park's
    calendar: this one's next shift on that Tuesday is a rest day's, not the workday it had
    seen. The service builds the command from the calendar as last read (no query); the unit
    of work reads it again, and the save checks that read, so a moved day is read afresh."""
    first, second = store.open(), store.open()
    agreement = autumn_agreement(first)
    tuesday = date(2026, 10, 13)
    assert (DayType.WORKDAY, Minutes(0)) == recorded(first, agreement, "mon", date(2026, 10, 12))
    second.park.set_park_day(ADMIN, request_id="kiln-works", day=tuesday, kind="rest_day")
    assert (DayType.REST_DAY, Minutes(240)) == recorded(first, agreement, "tue", tuesday)


def test_where_a_day_type_came_from_is_not_an_argument():
    """The fingerprint and receipt hold the day type recorded, not whether the calendar gave
    it: a retry that names the calendar's day type explicitly is the same request."""
    from sharemarket import Actor
    from sharemarket.application.labour import commands as c

    terms = c.ShiftTerms.of(worker="W-1", work_date=NATIONAL_DAY, minutes=240,
                            day_type=DayType.STATUTORY_HOLIDAY)  # fmt: skip
    made = [
        c.RecordShift(
            actor=Actor.for_firm("rep", LENDER),
            request_id="r",
            agreement=UUID(int=1),
            shift=terms,
            calendar_day=calendar_day,
        )
        for calendar_day in (True, False)
    ]
    assert made[0].arguments() == made[1].arguments()
    assert "calendar_day" not in made[0].arguments()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_batch_whose_calendar_moved_before_its_save_is_refused_whole(store_factory, kind):
    """A batch reads a Tuesday as a workday; before it is saved, another process makes that
    Tuesday a rest day. The save finds the read stale, the batch is decided again, and its shift
    would now be recorded with a day type it was not built with: the batch is refused as a
    concurrent update (run it again) and nothing of it is recorded."""
    store = store_factory(kind)
    first, second = store.open(), store.open()
    agreement = autumn_agreement(first)
    tuesday = date(2026, 10, 13)

    def import_tuesday() -> None:
        with first.batch():
            first.labour.record_shift(
                REPS[BORROWER], request_id="tue", agreement=agreement, worker="W-17",
                work_date=tuesday, minutes=240,
            )  # fmt: skip
            second.park.set_park_day(ADMIN, request_id="kiln-works", day=tuesday, kind="rest_day")

    with pytest.raises(ConcurrentUpdate, match="park's calendar"):
        import_tuesday()
    assert [] == first.labour.agreement(agreement).shift_entries()
    assert first.labour.timesheet(LENDER, "W-17") is None
