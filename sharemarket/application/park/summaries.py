"""One-line audit summaries of park membership events."""

from __future__ import annotations

from sharemarket.application.projections.audit_summaries import SummaryRules, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.park.calendar import ParkCalendarYear
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.membership import Park

summaries = SummaryRules()


@summaries.summary(Park.Established)
def established(e: Park.Established, _: PartyBook) -> str:
    return f"{who(e.actor)} established the park {e.name}"


@summaries.summary(Park.AdministratorAppointed)
def administrator_appointed(e: Park.AdministratorAppointed, _: PartyBook) -> str:
    return f"{who(e.actor)} appointed {e.user} as a park administrator"


@summaries.summary(Park.AdministratorDismissed)
def administrator_dismissed(e: Park.AdministratorDismissed, _: PartyBook) -> str:
    return f"{who(e.actor)} dismissed {e.user} as a park administrator"


@summaries.summary(Park.FirmAdmitted)
def firm_admitted(e: Park.FirmAdmitted, _: PartyBook) -> str:
    reps = len(e.representatives)
    return (
        f"{who(e.actor)} admitted {e.firm.short} {e.name} ({e.industry}, {e.size.value} firm) "
        f"with {reps} representative{'s' if reps != 1 else ''}"
    )


@summaries.summary(Park.FirmSuspended)
def firm_suspended(e: Park.FirmSuspended, _: PartyBook) -> str:
    return f"{who(e.actor)} suspended {e.firm.short}: {e.reason}"


@summaries.summary(Park.FirmReinstated)
def firm_reinstated(e: Park.FirmReinstated, _: PartyBook) -> str:
    return f"{who(e.actor)} reinstated {e.firm.short}"


@summaries.summary(Park.FirmLeft, Park.FirmDeparted)
def firm_left(e: Park.FirmLeft | Park.FirmDeparted, _: PartyBook) -> str:
    if e.actor.firm == e.firm:
        return f"{e.firm.short} left the park: {e.reason}"
    return f"{who(e.actor)} recorded that {e.firm.short} left the park: {e.reason}"


@summaries.summary(Park.FirmReturned)
def firm_returned(e: Park.FirmReturned, _: PartyBook) -> str:
    return f"{who(e.actor)} reinstated {e.firm.short}, which had left the park"


@summaries.summary(Park.LeftRowsMovedOut)
def left_rows_moved_out(e: Park.LeftRowsMovedOut, _: PartyBook) -> str:
    firms = len(e.firms)
    return (
        f"the rows of {firms} firm{'s' if firms != 1 else ''} that left the park earlier moved "
        "into records of their own"
    )


@summaries.summary(FormerMember.Recorded)
def former_recorded(e: FormerMember.Recorded, _: PartyBook) -> str:
    return f"the park keeps {e.firm.short} {e.name}'s record as a firm that left"


@summaries.summary(FormerMember.LeftAgain)
def former_left_again(e: FormerMember.LeftAgain, _: PartyBook) -> str:
    return f"the park keeps {e.firm.short} {e.name}'s record again: it left once more"


@summaries.summary(FormerMember.Returned)
def former_returned(e: FormerMember.Returned, _: PartyBook) -> str:
    return f"{who(e.actor)} brought {e.firm.short} back into the park from its record"


@summaries.summary(FormerMember.RepresentativeAppointed)
def former_representative_appointed(e: FormerMember.RepresentativeAppointed, _: PartyBook) -> str:
    return f"{who(e.actor)} appointed {e.user} to represent {e.firm.short}, which left the park"


@summaries.summary(FormerMember.RepresentativeRemoved)
def former_representative_removed(e: FormerMember.RepresentativeRemoved, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} removed {e.user} as a representative of {e.firm.short}, which left "
        "the park"
    )


@summaries.summary(Park.RepresentativeAppointed)
def representative_appointed(e: Park.RepresentativeAppointed, _: PartyBook) -> str:
    return f"{who(e.actor)} appointed {e.user} to represent {e.firm.short}"


@summaries.summary(Park.RepresentativeRemoved)
def representative_removed(e: Park.RepresentativeRemoved, _: PartyBook) -> str:
    return f"{who(e.actor)} removed {e.user} as a representative of {e.firm.short}"


@summaries.summary(ParkCalendarYear.Started)
def calendar_year(e: ParkCalendarYear.Started, _: PartyBook) -> str:
    return f"the park's calendar overrides for {e.year} started"


@summaries.summary(ParkCalendarYear.DaySet)
def park_day_set(e: ParkCalendarYear.DaySet, _: PartyBook) -> str:
    return f"{who(e.actor)} made {e.day.isoformat()} a {e.kind.value.replace('_', ' ')} of the park"
