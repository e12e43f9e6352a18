"""A park without the lookup of former members' records refuses every question it needs the
lookup for, instead of taking a firm that left for one it never admitted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sharemarket import (
    Actor,
    FirmAlreadyAdmitted,
    FirmId,
    FirmSize,
    FirmStatus,
    ShareMarketError,
)
from sharemarket.domain.park.membership import Park
from sharemarket.domain.park.roster import FormerMembersNotConsulted
from tests.domain.park.records import consulting, leave, records_of

STAYED = FirmId("91350100M000100Y43")
LEFT = FirmId("91110000802100433B")
ADMIN = Actor.administrator("admin-1")
STAYED_REP = Actor.for_firm("s-rep", STAYED)
LEFT_REP = Actor.for_firm("l-rep", LEFT)


def admit(park: Park, firm: FirmId, rep: str) -> None:
    park.admit_firm(
        ADMIN,
        firm=firm,
        name="同鑫陶瓷",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=[rep],
    )


def departed() -> tuple[Park, Park]:
    """A park whose firm LEFT has left (its record kept), and the same park as its events
    rebuild it, without a lookup: a park loaded other than by the application's access."""
    park = consulting(Park.establish(name="德化县城东陶瓷产业园", administrator=ADMIN.user))
    admit(park, STAYED, "s-rep")
    admit(park, LEFT, "l-rep")
    leave(park, LEFT_REP, LEFT, "迁往泉州")
    loaded = None
    for event in park.collect_events():
        loaded = event.mutate(loaded)
    assert isinstance(loaded, Park)
    return park, loaded


def readmit(park: Park) -> None:
    admit(park, LEFT, "l-rep-2")


#: Every rule and query that must read the record of a firm not among the park's rows.
NEEDS_THE_LOOKUP: dict[str, Callable[[Park], Any]] = {
    "has_admitted": lambda p: p.has_admitted(LEFT),
    "member": lambda p: p.member(LEFT),
    "admit_firm": readmit,
    "require_representative": lambda p: p.require_representative(
        LEFT_REP, LEFT, must_be_active=False
    ),
    "require_admin_or_representative": lambda p: p.require_admin_or_representative(ADMIN, LEFT),
    "appoint_representative": lambda p: p.appoint_representative(ADMIN, LEFT, "l-rep-2"),
    "reinstate_firm": lambda p: p.reinstate_firm(ADMIN, LEFT),
    "members_by_code": lambda p: p.members_by_code([LEFT]),
    # A current member's departure reads whether it left before (and so has a record).
    "record_departure": lambda p: p.record_departure(ADMIN, STAYED, "停产"),
}


@pytest.mark.parametrize("ask", NEEDS_THE_LOOKUP.values(), ids=NEEDS_THE_LOOKUP.keys())
def test_a_park_without_the_lookup_refuses_what_needs_it(ask: Callable[[Park], Any]) -> None:
    """The refusal is a programming error naming the functions that attach the lookup, not a
    ShareMarketError a user would see, and nothing is recorded."""
    _, loaded = departed()
    with pytest.raises(FormerMembersNotConsulted, match=r"read_park\(\) or park_for_update\(\)"):
        ask(loaded)
    assert [] == loaded.collect_events()
    assert not issubclass(FormerMembersNotConsulted, ShareMarketError)


def test_with_the_lookup_the_same_park_answers_about_the_firm_that_left() -> None:
    """Given the lookup, the loaded park answers as the park that recorded the departure."""
    park, loaded = departed()
    loaded.consult(records_of(park))
    assert loaded.has_admitted(LEFT)
    assert FirmStatus.LEFT is loaded.member(LEFT).status
    with pytest.raises(FirmAlreadyAdmitted):
        readmit(loaded)


def test_what_concerns_the_current_members_alone_needs_no_lookup() -> None:
    """Administrators and the firms among the park's rows are answered without it."""
    _, loaded = departed()
    assert FirmStatus.ACTIVE is loaded.member(STAYED).status
    assert loaded.has_admitted(STAYED)
    assert STAYED == loaded.require_representative(STAYED_REP, STAYED).firm
    loaded.suspend_firm(ADMIN, STAYED, "欠费")
    assert loaded.reinstate_firm(ADMIN, STAYED) is None
    loaded.appoint_administrator(ADMIN, "admin-2")
    assert [STAYED] == [m.firm for m in loaded.members_by_code()]
