"""``market.park``: who belongs to the park and who may act for whom."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.inputs import as_firm_id
from sharemarket.application.park import calendar
from sharemarket.application.park import commands as c
from sharemarket.application.park.access import park_for_update
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.park.membership import FirmSize, Member, Park
from sharemarket.domain.time import check_business_date


class ParkService(Service):
    """The park's membership: administrators, member firms and their representatives."""

    def establish(self, actor: Actor, *, request_id: str, name: str) -> str:
        """Found the park; the acting administrator becomes its first administrator.

        This is the host's set-up step: on an empty market whoever acts as an administrator
        founds the park. Once it exists, only its administrators appoint others.
        """
        return self._run(c.EstablishPark(actor=actor, request_id=request_id, name=name))

    def appoint_administrator(self, actor: Actor, *, request_id: str, user: str) -> None:
        self._run(c.AppointAdministrator(actor=actor, request_id=request_id, user=user))

    def dismiss_administrator(self, actor: Actor, *, request_id: str, user: str) -> None:
        """Refused for the park's last administrator (``last_administrator``)."""
        self._run(c.DismissAdministrator(actor=actor, request_id=request_id, user=user))

    def admit_firm(
        self,
        actor: Actor,
        *,
        request_id: str,
        firm: FirmId | str,
        name: str,
        industry: str,
        size: FirmSize | str,
        representatives: Iterable[str],
    ) -> FirmId:
        """An administrator admits a firm with the representatives who will act for it."""
        return self._run(
            c.AdmitFirm(
                actor=actor,
                request_id=request_id,
                firm=firm,
                name=name,
                industry=industry,
                size=size,
                representatives=representatives,
            )
        )

    def suspend_firm(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, reason: str
    ) -> None:
        """A suspended firm undertakes nothing new until it is reinstated."""
        self._run(c.SuspendFirm(actor=actor, request_id=request_id, firm=firm, reason=reason))

    def reinstate_firm(self, actor: Actor, *, request_id: str, firm: FirmId | str) -> None:
        self._run(c.ReinstateFirm(actor=actor, request_id=request_id, firm=firm))

    def record_departure(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, reason: str
    ) -> None:
        """The firm leaves the park (an administrator records it, or the firm itself)."""
        self._run(c.RecordDeparture(actor=actor, request_id=request_id, firm=firm, reason=reason))

    def appoint_representative(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, user: str
    ) -> None:
        self._run(c.AppointRepresentative(actor=actor, request_id=request_id, firm=firm, user=user))

    def remove_representative(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, user: str
    ) -> None:
        """Refused for a firm's last representative (``last_representative``)."""
        self._run(c.RemoveRepresentative(actor=actor, request_id=request_id, firm=firm, user=user))

    def set_park_day(
        self, actor: Actor, *, request_id: str, day: date, kind: ParkDay | str
    ) -> None:
        """An administrator overrides China's calendar for one date of the park (a year's
        calendar not yet published, a local closure): venues that follow the park's calendar
        open or close by it, and labour's day type defaults from it."""
        self._run(c.SetParkDay(actor=actor, request_id=request_id, day=day, kind=kind))

    # Queries ----------------------------------------------------------------------------------

    def name(self) -> str:
        return self._park().name

    def administrators(self) -> tuple[str, ...]:
        return tuple(self._park().administrators)

    def members(self) -> tuple[Member, ...]:
        """Every firm the park has admitted (any status), ordered by credit code."""
        park = self._park()
        return tuple(park.members[code] for code in sorted(park.members))

    def member(self, firm: FirmId | str) -> Member:
        return self._park().member(as_firm_id(firm, "firm"))

    def park_day(self, day: date) -> ParkDay:
        """The kind of ``day`` in the park: an override, else China's calendar (调休 included)."""
        return calendar.park_day(self._loader, check_business_date(day, "day"))

    def _park(self) -> Park:
        return park_for_update(self._loader)
