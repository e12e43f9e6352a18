"""One-line audit summaries of park membership events."""

from __future__ import annotations

from sharemarket.application.projections.audit import SummaryRules, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.park.calendar import ParkCalendarYear
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


@summaries.summary(Park.FirmLeft)
def firm_left(e: Park.FirmLeft, _: PartyBook) -> str:
    if e.actor.firm == e.firm:
        return f"{e.firm.short} left the park: {e.reason}"
    return f"{who(e.actor)} recorded that {e.firm.short} left the park: {e.reason}"


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
