"""Park membership handlers: each loads the park, lets it decide, and returns it to be saved."""

from __future__ import annotations

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park import commands as c
from sharemarket.application.park.access import existing_park, park_for_update, read_park
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkCalendarYear, calendar_year_id
from sharemarket.domain.park.errors import ParkAlreadyEstablished
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.membership import Park

handlers = Handlers()


@handlers.handles(c.EstablishPark)
def establish(loader: Loader, command: c.EstablishPark) -> tuple[list[Park], str]:
    """On an empty market whoever acts as an administrator founds the park (the host's set-up
    step); once it exists, a second establishment is refused."""
    actor = command.actor
    if not actor.is_administrator:
        raise PermissionDenied(f"{actor} must act as an administrator to establish the park")
    existing = existing_park(loader)
    if existing is not None:
        existing.require_administrator(actor)
        raise ParkAlreadyEstablished(
            f"this market already holds the park {existing.name!r}; one market is one park"
        )
    park = Park.establish(name=command.name, administrator=actor.user)
    return [park], park.name


@handlers.handles(c.AppointAdministrator)
def appoint_administrator(
    loader: Loader, command: c.AppointAdministrator
) -> tuple[list[Park], None]:
    park = park_for_update(loader)
    park.appoint_administrator(command.actor, command.user)
    return [park], None


@handlers.handles(c.DismissAdministrator)
def dismiss_administrator(
    loader: Loader, command: c.DismissAdministrator
) -> tuple[list[Park], None]:
    park = park_for_update(loader)
    park.dismiss_administrator(command.actor, command.user)
    return [park], None


@handlers.handles(c.AdmitFirm)
def admit_firm(loader: Loader, command: c.AdmitFirm) -> tuple[list[Park], FirmId]:
    park = park_for_update(loader)
    park.admit_firm(
        command.actor,
        firm=command.firm,
        name=command.name,
        industry=command.industry,
        size=command.size,
        representatives=command.representatives,
    )
    return [park], command.firm


@handlers.handles(c.SuspendFirm)
def suspend_firm(loader: Loader, command: c.SuspendFirm) -> tuple[list[Park], None]:
    park = park_for_update(loader)
    park.suspend_firm(command.actor, command.firm, command.reason)
    return [park], None


@handlers.handles(c.ReinstateFirm)
def reinstate_firm(
    loader: Loader, command: c.ReinstateFirm
) -> tuple[list[Park | FormerMember], None]:
    park = park_for_update(loader)
    former = park.reinstate_firm(command.actor, command.firm)
    return _with(park, former), None


@handlers.handles(c.RecordDeparture)
def record_departure(
    loader: Loader, command: c.RecordDeparture
) -> tuple[list[Park | FormerMember], None]:
    park = park_for_update(loader)
    former = park.record_departure(command.actor, command.firm, command.reason)
    return _with(park, former), None


@handlers.handles(c.AppointRepresentative)
def appoint_representative(
    loader: Loader, command: c.AppointRepresentative
) -> tuple[list[Park | FormerMember], None]:
    park = park_for_update(loader)
    former = park.appoint_representative(command.actor, command.firm, command.user)
    return _with(park, former), None


@handlers.handles(c.RemoveRepresentative)
def remove_representative(
    loader: Loader, command: c.RemoveRepresentative
) -> tuple[list[Park | FormerMember], None]:
    park = park_for_update(loader)
    former = park.remove_representative(command.actor, command.firm, command.user)
    return _with(park, former), None


@handlers.handles(c.SetParkDay)
def set_park_day(loader: Loader, command: c.SetParkDay) -> tuple[list[ParkCalendarYear], None]:
    year = command.day.year
    calendar = loader.find(ParkCalendarYear, calendar_year_id(year)) or ParkCalendarYear.start(year)
    calendar.set_day(read_park(loader), command.actor, command.day, command.kind)
    return [calendar], None


def _with(
    park: Park, former: FormerMember | list[FormerMember] | None
) -> list[Park | FormerMember]:
    """The park, and the records of firms that left the command made or changed: saved
    together."""
    if former is None:
        return [park]
    return [park, *former] if isinstance(former, list) else [park, former]
