"""The park stores its members as compact rows (issue 20) and answers exactly as it did when it
held ``Member`` values: every query, every permission check, every refusal and its message; and a
snapshot stored in the old form loads as the park its events make."""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    Actor,
    FirmAlreadyAdmitted,
    FirmId,
    FirmNotActive,
    FirmSize,
    FirmStatus,
    Member,
    NotFound,
    PermissionDenied,
    ShareMarket,
    ShareMarketError,
)
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.membership import Park
from tests.domain.park.records import consulting, records_of

ADMIN = Actor.administrator("admin-1")
FIRMS = [
    FirmId(f"9135052600000{n:03d}A" + check_character(f"9135052600000{n:03d}A")) for n in range(4)
]
USERS = ["rep-a", "rep-b", "rep-c"]
SIZES = list(FirmSize)

#: One command: its name, a firm (index), a user (index), a size (index), and whether the firm's
#: own first representative acts instead of the administrator.
commands = st.tuples(
    st.sampled_from(["admit", "suspend", "reinstate", "leave", "appoint", "remove"]),
    st.integers(0, len(FIRMS) - 1),
    st.integers(0, len(USERS) - 1),
    st.integers(0, len(SIZES) - 1),
    st.booleans(),
)


def run(script: list[tuple[str, int, int, int, bool]]) -> Park:
    """The park after the script, its refused commands skipped (the records of firms that left
    kept in memory, as a store keeps them)."""
    park = consulting(Park.establish(name="德化县城东陶瓷产业园", administrator=ADMIN.user))
    for command in script:
        with contextlib.suppress(ShareMarketError):
            records_of(park).keep(apply(park, *command))
    return park


def apply(park: Park, name: str, f: int, u: int, s: int, by_rep: bool) -> Any:
    firm, user = FIRMS[f], USERS[u]
    actor = ADMIN
    if by_rep and park.has_admitted(firm):
        actor = Actor.for_firm(park.member(firm).representatives[0], firm)
    if name == "admit":
        return park.admit_firm(
            actor,
            firm=firm,
            name=f"第{f}号陶瓷",
            industry="陶瓷 ceramics",
            size=SIZES[s],
            representatives=[user],
        )
    if name == "suspend":
        return park.suspend_firm(actor, firm, "年检")
    if name == "reinstate":
        return park.reinstate_firm(actor, firm)
    if name == "leave":
        return park.record_departure(actor, firm, "迁出")
    if name == "appoint":
        return park.appoint_representative(actor, firm, user)
    return park.remove_representative(actor, firm, user)


def members_as_values(park: Park) -> dict[str, Member]:
    """The members as the park held them before rows (and before a firm that left took its
    row out of the park): ``Member`` values built by the event bodies of that version, from
    the events of the park and of the records of firms that left, in the order they happened."""
    held: dict[str, Member] = {}
    records = records_of(park).held.values()
    events = [*park.pending_events, *(e for r in records for e in r.pending_events)]
    for event in sorted(events, key=lambda e: e.timestamp):
        kind = type(event).__name__
        if kind in ("Recorded", "LeftAgain", "Returned"):
            continue  # the park's own FirmDeparted and FirmReturned say it
        if kind == "FirmAdmitted":
            held[event.firm.code] = Member(
                event.firm,
                event.name,
                event.industry,
                event.size,
                FirmStatus.ACTIVE,
                tuple(event.representatives),
            )
        elif kind in ("FirmSuspended", "FirmReinstated", "FirmDeparted", "FirmReturned"):
            status = {
                "FirmSuspended": FirmStatus.SUSPENDED,
                "FirmReinstated": FirmStatus.ACTIVE,
                "FirmDeparted": FirmStatus.LEFT,
                "FirmReturned": FirmStatus.ACTIVE,
            }[kind]
            held[event.firm.code] = Member(*dataclass_values(held[event.firm.code], status=status))
        elif kind == "RepresentativeAppointed":
            member = held[event.firm.code]
            reps = (*member.representatives, event.user)
            held[event.firm.code] = Member(*dataclass_values(member, representatives=reps))
        elif kind == "RepresentativeRemoved":
            member = held[event.firm.code]
            reps = tuple(u for u in member.representatives if u != event.user)
            held[event.firm.code] = Member(*dataclass_values(member, representatives=reps))
    return held


def dataclass_values(member: Member, **changes: Any) -> tuple[Any, ...]:
    values = {
        "firm": member.firm,
        "name": member.name,
        "industry": member.industry,
        "size": member.size,
        "status": member.status,
        "representatives": member.representatives,
    }
    return tuple({**values, **changes}.values())


def outcome(call: Any, *args: Any, **kwargs: Any) -> Any:
    """What a query answers: its value, or its error's class and message."""
    try:
        return call(*args, **kwargs)
    except ShareMarketError as error:
        return (type(error), str(error))


@given(st.lists(commands, max_size=30))
def test_the_rows_answer_every_query_as_the_member_values_did(script):
    """For any sequence of admissions, suspensions, reinstatements, departures and changes of
    representatives, every firm reads as the ``Member`` value the old park held, and each
    permission check passes or refuses (same error, same message) as it did on that value."""
    park = run(script)
    held = members_as_values(park)
    assert tuple(held[code] for code in sorted(held)) == park.members_by_code(FIRMS)
    for firm in FIRMS:
        old = held.get(firm.code)
        assert (old is not None) == park.has_admitted(firm)
        if old is None:
            assert NotFound is outcome(park.member, firm)[0]
            continue
        assert old == park.member(firm)
        not_active = (
            FirmNotActive,
            f"firm {firm} ({old.name}) is {old.status.value} and can do nothing new; "
            "a park administrator can reinstate it",
        )
        assert (old if old.is_active else not_active) == outcome(park.require_active, firm)
        for user in USERS:
            actor = Actor.for_firm(user, firm)
            if user not in old.representatives:
                for active in (True, False):
                    got = outcome(park.require_representative, actor, firm, must_be_active=active)
                    assert PermissionDenied is got[0]
                continue
            assert old == park.require_representative(actor, firm, must_be_active=False)
            expected = old if old.is_active else not_active
            assert expected == outcome(park.require_representative, actor, firm)
        refused = outcome(
            park.admit_firm,
            ADMIN,
            firm=firm,
            name="another",
            industry="glaze",
            size=FirmSize.LARGE,
            representatives=["x-1"],
        )
        assert FirmAlreadyAdmitted is refused[0]
        assert f"as {old.name!r} ({old.status.value})" in refused[1]


@given(st.lists(commands, max_size=30))
def test_a_snapshot_of_member_values_loads_as_the_events_replay(script):
    """A snapshot stored before rows (class version 1: each member a ``Member`` value) is
    upcast on load to exactly the park its events make, and answers the same."""
    park = run(script)
    market = ShareMarket.in_memory()
    try:
        mapper = market._app.mapper
        taken = Park.Snapshot.take(park)
        old_state = {k: v for k, v in taken.state.items() if k != "class_version"}
        # Version 1 held each of the park's members as a value (the firms that left before
        # ``FirmDeparted`` among them; since, they are not the park's).
        old_state["members"] = {m.firm.code: m for m in park.members_by_code()}
        old = dataclasses.replace(taken, state=old_state)
        stored = mapper.to_stored_event(old)
        loaded = mapper.to_domain_event(stored).mutate(None)
    finally:
        market.close()
    assert isinstance(loaded, Park)
    assert state(park) == state(loaded)
    loaded.consult(records_of(park))
    assert park.members_by_code(FIRMS) == loaded.members_by_code(FIRMS)


def state(park: Park) -> dict[str, Any]:
    return {k: v for k, v in vars(park).items() if k != "_pending_events"}


def test_a_firm_never_admitted_is_not_found_by_any_query():
    """A firm the park never admitted is not found, with the message it always had."""
    park = run([("admit", 0, 0, 0, False)])
    with pytest.raises(NotFound, match="is not a member of 德化县城东陶瓷产业园"):
        park.member(FIRMS[1])
    assert not park.has_admitted(FIRMS[1])
