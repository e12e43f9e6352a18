"""The park's state depends on its current members only (issue 20): whatever firms joined and
left before, it is field for field the park that admitted just the firms it holds now."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, FirmId, FirmSize, FirmStatus, ShareMarketError
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.membership import Park
from tests.domain.park.records import consulting, records_of

ADMIN = Actor.administrator("admin-1")
FIRMS = [
    FirmId(f"9135052600001{n:03d}B" + check_character(f"9135052600001{n:03d}B")) for n in range(6)
]
USERS = ["rep-a", "rep-b", "rep-c"]

#: A command: its name, a firm, a user (indexes).
commands = st.tuples(
    st.sampled_from(["admit", "leave", "reinstate", "suspend", "appoint", "remove"]),
    st.integers(0, len(FIRMS) - 1),
    st.integers(0, len(USERS) - 1),
)


def run(park: Park, name: str, f: int, u: int) -> Any:
    firm, user = FIRMS[f], USERS[u]
    if name == "admit":
        return park.admit_firm(
            ADMIN,
            firm=firm,
            name=f"第{f}号陶瓷",
            industry="陶瓷 ceramics",
            size=FirmSize.SMALL,
            representatives=[user],
        )
    if name == "leave":
        return park.record_departure(ADMIN, firm, "迁出")
    if name == "reinstate":
        return park.reinstate_firm(ADMIN, firm)
    if name == "suspend":
        return park.suspend_firm(ADMIN, firm, "年检")
    if name == "appoint":
        return park.appoint_representative(ADMIN, firm, user)
    return park.remove_representative(ADMIN, firm, user)


def only_current(park: Park) -> Park:
    """A new park that admitted only ``park``'s current members, as they are now."""
    fresh = consulting(Park.establish(name=park.name, administrator=ADMIN.user))
    for member in park.members_by_code():
        fresh.admit_firm(
            ADMIN,
            firm=member.firm,
            name=member.name,
            industry=member.industry,
            size=member.size,
            representatives=member.representatives,
        )
        if member.status is FirmStatus.SUSPENDED:
            fresh.suspend_firm(ADMIN, member.firm, "年检")
    return fresh


def stored(park: Park) -> dict[str, Any]:
    """What the park's snapshot stores, but its id, version and times."""
    skip = {"_id", "_version", "_created_on", "_modified_on", "_pending_events"}
    return {k: v for k, v in vars(park).items() if k not in skip}


@given(st.lists(commands, max_size=40))
def test_the_park_stores_what_a_park_of_its_current_members_stores(script):
    """After any admissions, departures, returns, suspensions and changes of representatives,
    the park's stored state equals, field for field, that of a park which only ever admitted its
    current members; the firms that left are in their records, none in the park."""
    park = consulting(Park.establish(name="德化县城东陶瓷产业园", administrator=ADMIN.user))
    for command in script:
        with contextlib.suppress(ShareMarketError):
            records_of(park).keep(run(park, *command))
    assert stored(only_current(park)) == stored(park)
    away = {f.code for f, r in records_of(park).held.items() if r.away}
    assert not away & set(park.members)
    assert all(m.status is not FirmStatus.LEFT for m in park.members_by_code())
    assert {m.firm.code for m in park.members_by_code(FIRMS)} == set(park.members) | away
