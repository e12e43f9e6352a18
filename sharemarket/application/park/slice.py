"""The park slice's declaration: membership, the foundation every other slice checks against."""

from __future__ import annotations

from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.application.park import postings, summaries
from sharemarket.application.park.handlers import handlers
from sharemarket.application.park.service import ParkService
from sharemarket.application.park.transcodings import TRANSCODINGS
from sharemarket.domain.park import errors
from sharemarket.domain.park.calendar import ParkCalendarYear, ParkDay
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.membership import Park

_OLD_CALENDAR = "sharemarket.domain.venues.park_days"

SLICE = Slice(
    name="park",
    service=ParkService,
    # Membership changes are rare but the park is read by every command: snapshots keep
    # loading it cheap.
    # A former member's record is one row, whatever its history: no snapshots.
    aggregates={Park: 50, ParkCalendarYear: None, FormerMember: None},
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    errors=errors_of(errors),
    # Before the slices (stores of version 1), the park was sharemarket.domain.park:Park. The
    # calendar of days was the venues slice's (stores of version 2) until it moved here.
    old_topics={
        "sharemarket.domain.park:Park": Park,
        f"{_OLD_CALENDAR}:ParkDay": ParkDay,
        f"{_OLD_CALENDAR}:ParkCalendarYear": ParkCalendarYear,
        f"{_OLD_CALENDAR}:ParkCalendarYear.Started": ParkCalendarYear.Started,
        f"{_OLD_CALENDAR}:ParkCalendarYear.DaySet": ParkCalendarYear.DaySet,
    },
)
