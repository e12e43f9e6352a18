"""``market.park``: who belongs to the park and who may act for whom."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.inputs import as_firm_id
from sharemarket.application.park import calendar
from sharemarket.application.park import commands as c
from sharemarket.application.park.access import departed_firms, park_for_update
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

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act as an administrator (or, the park founded,
                is not one of its administrators).
            RequestIdReused: The request id was used before for another command or arguments.
            ParkAlreadyEstablished: The market already holds a park.
        """
        return self._run(c.EstablishPark(actor=actor, request_id=request_id, name=name))

    def appoint_administrator(self, actor: Actor, *, request_id: str, user: str) -> None:
        """An administrator makes another user an administrator of the park.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
            InvalidTransition: The user is already an administrator.
        """
        self._run(c.AppointAdministrator(actor=actor, request_id=request_id, user=user))

    def dismiss_administrator(self, actor: Actor, *, request_id: str, user: str) -> None:
        """An administrator dismisses another (or themself); never the park's last one.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the user is not one of its administrators.
            LastAdministrator: The user is the park's last administrator.
        """
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
        """An administrator admits a firm with the representatives who will act for it.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
            FirmAlreadyAdmitted: A firm with this credit code is (or was) a member.
        """
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
        """A suspended firm undertakes nothing new until it is reinstated.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the firm is not a member.
            InvalidTransition: The firm is not active (already suspended, or it left).
        """
        self._run(c.SuspendFirm(actor=actor, request_id=request_id, firm=firm, reason=reason))

    def reinstate_firm(self, actor: Actor, *, request_id: str, firm: FirmId | str) -> None:
        """An administrator lets a suspended firm act again.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the firm is not a member.
            InvalidTransition: The firm is already active.
        """
        self._run(c.ReinstateFirm(actor=actor, request_id=request_id, firm=firm))

    def record_departure(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, reason: str
    ) -> None:
        """The firm leaves the park (an administrator records it, or the firm itself).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither an administrator nor the firm's representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the firm is not a member.
            FirmNotActive: The firm's own representative acts while it is suspended (an
                administrator records its departure).
            InvalidTransition: The firm has already left.
        """
        self._run(c.RecordDeparture(actor=actor, request_id=request_id, firm=firm, reason=reason))

    def appoint_representative(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, user: str
    ) -> None:
        """An administrator, or one of the firm's representatives, lets another user act for it.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither an administrator nor the firm's representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the firm is not a member.
            FirmNotActive: A representative acts for a firm that is suspended or left.
            InvalidTransition: The user already represents the firm.
        """
        self._run(c.AppointRepresentative(actor=actor, request_id=request_id, firm=firm, user=user))

    def remove_representative(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, user: str
    ) -> None:
        """An administrator, or one of the firm's representatives, removes a representative.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither an administrator nor the firm's representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the firm is not a member, or the user does not
                represent it.
            FirmNotActive: A representative acts for a firm that is suspended or left.
            LastRepresentative: The user is the firm's last representative.
        """
        self._run(c.RemoveRepresentative(actor=actor, request_id=request_id, firm=firm, user=user))

    def set_park_day(
        self, actor: Actor, *, request_id: str, day: date, kind: ParkDay | str
    ) -> None:
        """An administrator overrides China's calendar for one date of the park (a year's
        calendar not yet published, a local closure): venues that follow the park's calendar
        open or close by it, and labour's day type defaults from it.

        Raises:
            InvalidInput: An argument or the request id is malformed (a day outside the
                business dates, a kind that names no ``ParkDay``), or looks like personal data.
            PermissionDenied: The actor is not one of the park's administrators.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        self._run(c.SetParkDay(actor=actor, request_id=request_id, day=day, kind=kind))

    # Queries ----------------------------------------------------------------------------------

    def name(self) -> str:
        """The park's name.

        Raises:
            NotFound: The park is not established.
        """
        return self._park().name

    def administrators(self) -> tuple[str, ...]:
        """The user ids of the park's administrators, sorted.

        Raises:
            NotFound: The park is not established.
        """
        return tuple(self._park().administrators)

    def members(self) -> tuple[Member, ...]:
        """Every firm the park has admitted (any status), ordered by credit code.

        The firms that left are read from the park's history and their own records: this query
        costs the length of the park's history (a command never asks it).

        Raises:
            NotFound: The park is not established.
        """
        park = self._park()
        return park.members_by_code(departed_firms(self._loader))

    def member(self, firm: FirmId | str) -> Member:
        """The member with this credit code.

        Raises:
            InvalidInput: The credit code is malformed.
            NotFound: The park is not established, or the firm was never admitted.
        """
        return self._park().member(as_firm_id(firm, "firm"))

    def park_day(self, day: date) -> ParkDay:
        """The kind of ``day`` in the park: an override, else China's calendar (调休 included).

        Raises:
            InvalidInput: ``day`` lies outside the business dates (1990-01-01 to 2199-12-31).
        """
        return calendar.park_day(self._loader, check_business_date(day, "day"))

    def _park(self) -> Park:
        return park_for_update(self._loader)
