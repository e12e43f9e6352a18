"""Park membership commands and queries: the park, its administrators, firms and representatives."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sharemarket.application.commands import MarketApplication
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, ParkAlreadyEstablished, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park import PARK_ID, FirmSize, Member, Park


def as_firm_id(firm: FirmId | str) -> FirmId:
    return firm if isinstance(firm, FirmId) else FirmId(firm)


def as_size(size: FirmSize | str) -> FirmSize:
    if isinstance(size, FirmSize):
        return size
    try:
        return FirmSize(size)
    except ValueError:
        raise InvalidInput(
            f"firm size {size!r} is not one of {', '.join(s.value for s in FirmSize)}"
        ) from None


class MembershipService(MarketApplication):
    """Who belongs to the park and who may act for whom."""

    def establish_park(self, actor: Actor, *, request_id: str, name: str) -> str:
        """Found the park; the acting administrator becomes its first administrator.

        This is the host's set-up step: on an empty market whoever acts as an administrator
        founds the park. Once it exists, only its administrators appoint others.
        """
        if not isinstance(actor, Actor):
            raise TypeError(f"actor is an Actor, not {type(actor).__name__}")
        if not actor.is_administrator:
            raise PermissionDenied(f"{actor} must act as an administrator to establish the park")

        def decide() -> tuple[list[Park], str]:
            existing = self._find(Park, PARK_ID)
            if existing is not None:
                existing.require_administrator(actor)
                raise ParkAlreadyEstablished(
                    f"this market already holds the park {existing.name!r}; one market is one park"
                )
            park = Park.establish(name=name, administrator=actor.user)
            return [park], park.name

        return self._execute("establish_park", actor, request_id, {"name": name}, decide)

    def appoint_administrator(self, actor: Actor, *, request_id: str, user: str) -> None:
        self._on_park(
            "appoint_administrator",
            actor,
            request_id,
            {"user": user},
            lambda park: park.appoint_administrator(actor, user),
        )

    def dismiss_administrator(self, actor: Actor, *, request_id: str, user: str) -> None:
        self._on_park(
            "dismiss_administrator",
            actor,
            request_id,
            {"user": user},
            lambda park: park.dismiss_administrator(actor, user),
        )

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
        firm_id, firm_size = as_firm_id(firm), as_size(size)
        if isinstance(representatives, str):
            raise TypeError(
                f"representatives is a list of user ids, not a str: write [{representatives!r}]"
            )
        reps = sorted(set(representatives))
        args = {
            "firm": firm_id,
            "name": name,
            "industry": industry,
            "size": firm_size,
            "representatives": reps,
        }

        def decide() -> tuple[list[Park], FirmId]:
            park = self._park()
            park.admit_firm(
                actor,
                firm=firm_id,
                name=name,
                industry=industry,
                size=firm_size,
                representatives=reps,
            )
            return [park], firm_id

        return self._execute("admit_firm", actor, request_id, args, decide)

    def suspend_firm(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, reason: str
    ) -> None:
        firm_id = as_firm_id(firm)

        self._on_park(
            "suspend_firm",
            actor,
            request_id,
            {"firm": firm_id, "reason": reason},
            lambda park: park.suspend_firm(actor, firm_id, reason),
        )

    def reinstate_firm(self, actor: Actor, *, request_id: str, firm: FirmId | str) -> None:
        firm_id = as_firm_id(firm)

        self._on_park(
            "reinstate_firm",
            actor,
            request_id,
            {"firm": firm_id},
            lambda park: park.reinstate_firm(actor, firm_id),
        )

    def record_departure(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, reason: str
    ) -> None:
        firm_id = as_firm_id(firm)

        self._on_park(
            "record_departure",
            actor,
            request_id,
            {"firm": firm_id, "reason": reason},
            lambda park: park.record_departure(actor, firm_id, reason),
        )

    def appoint_representative(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, user: str
    ) -> None:
        firm_id = as_firm_id(firm)

        self._on_park(
            "appoint_representative",
            actor,
            request_id,
            {"firm": firm_id, "user": user},
            lambda park: park.appoint_representative(actor, firm_id, user),
        )

    def remove_representative(
        self, actor: Actor, *, request_id: str, firm: FirmId | str, user: str
    ) -> None:
        firm_id = as_firm_id(firm)

        self._on_park(
            "remove_representative",
            actor,
            request_id,
            {"firm": firm_id, "user": user},
            lambda park: park.remove_representative(actor, firm_id, user),
        )

    def _on_park(
        self,
        command: str,
        actor: Actor,
        request_id: str,
        args: dict[str, object],
        act: Callable[[Park], None],
    ) -> None:
        """A membership command: load the park, let ``act`` decide, save it."""

        def decide() -> tuple[list[Park], None]:
            park = self._park()
            act(park)
            return [park], None

        self._execute(command, actor, request_id, args, decide)

    # Queries ----------------------------------------------------------------------------------

    def park_name(self) -> str:
        return self._park().name

    def administrators(self) -> tuple[str, ...]:
        return tuple(self._park().administrators)

    def members(self) -> tuple[Member, ...]:
        """Every firm the park has admitted (any status), ordered by credit code."""
        park = self._park()
        return tuple(park.members[code] for code in sorted(park.members))

    def member(self, firm: FirmId | str) -> Member:
        return self._park().member(as_firm_id(firm))
