"""Loading the park: every slice's handlers check membership and permissions against it.

The park holds its current members; the record of a firm that left is an aggregate of its own
(``FormerMember``). Each park this module hands out reads those records through the loader, so
a rule about a firm that left (its representatives paying what it owes, its credit code refused
re-admission) is decided against its record, read in the same unit of work as the park. Every
load of the park goes through here (tests/application/park/test_consulted_park.py checks).
"""

from __future__ import annotations

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.former import FormerMember, former_member_id
from sharemarket.domain.park.membership import PARK_ID, Park

NOT_ESTABLISHED = "the park is not established yet; call market.park.establish() first"


class FormerMembers:
    """The lookup a park reads former members' records with: through the loader, so in the
    calling thread's unit of work (what it holds unsaved included, and each read checked)."""

    __slots__ = ("_loader",)

    def __init__(self, loader: Loader) -> None:
        self._loader = loader

    def __call__(self, firm: FirmId) -> FormerMember | None:
        aggregate_id = former_member_id(firm)
        if self._loader.unit is None:  # a query: loaded afresh, nothing kept
            return self._loader.find(FormerMember, aggregate_id)
        # A command: a copy kept while no newer event is stored, its version checked when the
        # command's decision is saved (as the park's own).
        return self._loader.read_only(FormerMember, aggregate_id)


def _consulting(park: Park, loader: Loader) -> Park:
    # Every park this module hands out reads former members' records: without them it refuses
    # a question about a firm not among its rows (FormerMembersNotConsulted). A park is only
    # ever held by the one market (its loader) that loaded it: bound once.
    if getattr(park, "_formers", None) is None:
        park.consult(FormerMembers(loader))
    return park


def existing_park(loader: Loader) -> Park | None:
    """The park if it is established, else None (the establishment's check)."""
    park = loader.find(Park, PARK_ID)
    return None if park is None else _consulting(park, loader)


def read_park(loader: Loader) -> Park:
    """The park as a shared read-only copy, for permission and membership checks."""
    park = loader.read_only(Park, PARK_ID)
    if park is None:
        raise NotFound(NOT_ESTABLISHED)
    return _consulting(park, loader)


def park_for_update(loader: Loader) -> Park:
    """The park, to change (membership commands)."""
    park = loader.find(Park, PARK_ID)
    if park is None:
        raise NotFound(NOT_ESTABLISHED)
    return _consulting(park, loader)


def departed_firms(loader: Loader) -> list[FirmId]:
    """Every firm whose row left the park for its record, as the park's history records it
    (some may have returned since): read from the whole history, for queries only."""
    seen: dict[str, FirmId] = {}
    for event in loader.history(PARK_ID):
        if isinstance(event, Park.FirmDeparted):
            seen.setdefault(event.firm.code, event.firm)
        elif isinstance(event, Park.LeftRowsMovedOut):
            for firm in event.firms:
                seen.setdefault(firm.code, firm)
    return list(seen.values())
