"""Who comes into the park: its administrators, appointed and dismissed, and the firms it admits.

A mixin of :class:`~sharemarket.domain.park.membership.Park`, whose events these trigger: the
park's rules of entry ("a firm is admitted once", "the park keeps an administrator") checked
against its roster (``roster.py``) and the records of firms that left (``former.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sharemarket.domain.actor import Actor, check_user_id
from sharemarket.domain.errors import InvalidInput, InvalidTransition, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.errors import FirmAlreadyAdmitted, LastAdministrator
from sharemarket.domain.park.member import NAME_MAX, FirmSize, representative_ids
from sharemarket.domain.park.standing import Standing
from sharemarket.domain.text import free_text


class Admission(Standing):
    """The commands that change who administers the park and which firms belong to it."""

    if TYPE_CHECKING:  # provided by Park (its events) and Aggregate
        AdministratorAppointed: Any
        AdministratorDismissed: Any
        FirmAdmitted: Any

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

    def appoint_administrator(self, actor: Actor, user: str) -> None:
        self.require_administrator(actor)
        check_user_id(user)
        if self.is_administrator(user):
            raise InvalidTransition(f"{user} is already an administrator of {self.name}")
        self.trigger_event(self.AdministratorAppointed, user=user, actor=actor)

    def dismiss_administrator(self, actor: Actor, user: str) -> None:
        self.require_administrator(actor)
        if not self.is_administrator(user):
            raise NotFound(f"{user} is not an administrator of {self.name}")
        if len(self.administrators) == 1:
            raise LastAdministrator(
                f"{user} is the last administrator of {self.name}; appoint another first"
            )
        self.trigger_event(self.AdministratorDismissed, user=user, actor=actor)

    def admit_firm(
        self,
        actor: Actor,
        *,
        firm: FirmId,
        name: str,
        industry: str,
        size: FirmSize,
        representatives: Iterable[str],
    ) -> None:
        self.require_administrator(actor)
        if not isinstance(firm, FirmId):
            raise TypeError(f"firm is a FirmId, not {type(firm).__name__}")
        if not isinstance(size, FirmSize):
            raise InvalidInput(f"size {size!r} must be one of {[s.value for s in FirmSize]}")
        reps = representative_ids(representatives)
        if not reps:
            raise InvalidInput(f"firm {firm} needs at least one representative to act for it")
        if self.has_admitted(firm):
            existing = self.member(firm)
            raise FirmAlreadyAdmitted(
                f"firm {firm} is already a member of {self.name} as {existing.name!r} "
                f"({existing.status.value}); a firm is admitted once"
            )
        self.trigger_event(
            self.FirmAdmitted,
            firm=firm,
            name=free_text(name, "firm name", NAME_MAX),
            industry=free_text(industry, "industry", NAME_MAX),
            size=size,
            representatives=reps,
            actor=actor,
        )
