"""Park membership in the journal: it moves no value."""

from __future__ import annotations

from sharemarket.application.projections.journal import PostingRules
from sharemarket.application.projections.parties import PartyRules
from sharemarket.domain.park.calendar import ParkCalendarYear
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.membership import Park

postings = PostingRules()
parties = PartyRules()

postings.moves_no_value(
    Park.Established,
    Park.AdministratorAppointed,
    Park.AdministratorDismissed,
    Park.FirmAdmitted,
    Park.FirmSuspended,
    Park.FirmReinstated,
    Park.FirmLeft,
    Park.FirmDeparted,
    Park.FirmReturned,
    Park.LeftRowsMovedOut,
    Park.RepresentativeAppointed,
    Park.RepresentativeRemoved,
    ParkCalendarYear.Started,
    ParkCalendarYear.DaySet,
    FormerMember.Recorded,
    FormerMember.LeftAgain,
    FormerMember.Returned,
    FormerMember.RepresentativeAppointed,
    FormerMember.RepresentativeRemoved,
)
