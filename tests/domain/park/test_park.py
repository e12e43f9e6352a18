"""The Park aggregate: membership rules, who may change what, and replay giving the same park."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sharemarket import (
    Actor,
    FirmAlreadyAdmitted,
    FirmId,
    FirmNotActive,
    FirmSize,
    FirmStatus,
    InvalidInput,
    InvalidTransition,
    LastAdministrator,
    LastRepresentative,
    Member,
    NotFound,
    PermissionDenied,
    ShareMarketError,
)
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.membership import PARK_ID, Park
from tests.domain.park.records import consulting, leave, records_of
from tests.strategies import firm_sizes, names, representative_lists

TONGXIN = FirmId("91350100M000100Y43")
OTHER = FirmId("91110000802100433B")
THIRD = FirmId("9135052600000001" + "A" + check_character("9135052600000001A"))
ADMIN = Actor.administrator("admin-1")


def state(park: Park | None) -> dict[str, Any]:
    """Everything the park holds, without the events waiting to be saved."""
    assert park is not None
    return {k: v for k, v in vars(park).items() if k != "_pending_events"}


def replay(events: list[Any]) -> Park | None:
    """The park rebuilt from its events alone, as a repository would."""
    park = None
    for event in events:
        park = event.mutate(park)
    return park


def established() -> Park:
    """A new park that reads the records of firms that left from memory."""
    return consulting(Park.establish(name="Dehua ceramics park", administrator="admin-1"))


def admit(park: Park, firm: FirmId = TONGXIN, reps: tuple[str, ...] = ("rep-1",)) -> None:
    park.admit_firm(
        ADMIN,
        firm=firm,
        name="同鑫陶瓷",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=reps,
    )


def assert_refused(park: Park, error: type[ShareMarketError], command: Any) -> ShareMarketError:
    """The command raises ``error`` and the park neither changes nor gains an event."""
    before = copy.deepcopy(state(park))
    pending = len(park.pending_events)
    with pytest.raises(error) as caught:
        command()
    assert before == state(park)
    assert pending == len(park.pending_events)
    return caught.value


def test_establishing_makes_the_founder_the_first_administrator():
    """A new park has its name, its founder as only administrator, and no members."""
    park = established()
    assert ("Dehua ceramics park", ["admin-1"], ()) == (
        park.name,
        park.administrators,
        park.members_by_code(),
    )
    assert PARK_ID == park.id


@given(names(), firm_sizes(), representative_lists())
def test_admitting_records_an_active_member(name, size, reps):
    """An admitted firm is an active member with its name, industry, size and representatives."""
    park = established()
    park.admit_firm(
        ADMIN, firm=TONGXIN, name=name, industry="ceramics", size=size, representatives=reps
    )
    expected = Member(TONGXIN, name, "ceramics", size, FirmStatus.ACTIVE, tuple(sorted(reps)))
    assert expected == park.member(TONGXIN)


def test_a_firm_is_admitted_once():
    """Admitting the same credit code again is refused, whatever name it comes with."""
    park = established()
    admit(park)
    error = assert_refused(
        park,
        FirmAlreadyAdmitted,
        lambda: park.admit_firm(
            ADMIN,
            firm=TONGXIN,
            name="Another name",
            industry="glaze",
            size=FirmSize.LARGE,
            representatives=["rep-9"],
        ),
    )
    assert "同鑫陶瓷" in str(error)


def test_a_firm_that_left_cannot_be_admitted_again():
    """Admission is once per credit code, even after the firm left the park."""
    park = established()
    admit(park)
    leave(park, ADMIN, TONGXIN, "moved out")
    assert_refused(park, FirmAlreadyAdmitted, lambda: admit(park))


@pytest.mark.parametrize("reps", [(), [], ["bad id"]])
def test_a_firm_needs_valid_representatives(reps):
    """A firm is admitted with at least one well-formed representative."""
    park = established()
    assert_refused(park, InvalidInput, lambda: admit(park, reps=reps))


@pytest.mark.parametrize(
    ("field", "value"), [("name", ""), ("name", "   "), ("industry", "x" * 201)]
)
def test_names_must_be_given(field, value):
    """An empty or over-long firm name or industry is refused."""
    park = established()
    kwargs: dict[str, Any] = {"name": "同鑫陶瓷", "industry": "ceramics", field: value}
    assert_refused(
        park,
        InvalidInput,
        lambda: park.admit_firm(
            ADMIN, firm=TONGXIN, size=FirmSize.SMALL, representatives=["rep-1"], **kwargs
        ),
    )


def test_the_park_keeps_its_last_administrator():
    """The only administrator cannot be dismissed; with two, one can, then the other cannot."""
    park = established()
    assert_refused(park, LastAdministrator, lambda: park.dismiss_administrator(ADMIN, "admin-1"))
    park.appoint_administrator(ADMIN, "admin-2")
    park.dismiss_administrator(ADMIN, "admin-1")
    admin_2 = Actor.administrator("admin-2")
    assert ["admin-2"] == park.administrators
    assert_refused(park, LastAdministrator, lambda: park.dismiss_administrator(admin_2, "admin-2"))


def test_a_dismissed_administrator_can_no_longer_act():
    """Once dismissed, an administrator's claim is refused."""
    park = established()
    park.appoint_administrator(ADMIN, "admin-2")
    park.dismiss_administrator(Actor.administrator("admin-2"), "admin-1")
    assert_refused(park, PermissionDenied, lambda: park.appoint_administrator(ADMIN, "admin-3"))


def test_a_firm_keeps_its_last_representative():
    """A member's only representative cannot be removed; a second one can be."""
    park = established()
    admit(park)
    assert_refused(
        park, LastRepresentative, lambda: park.remove_representative(ADMIN, TONGXIN, "rep-1")
    )
    park.appoint_representative(ADMIN, TONGXIN, "rep-2")
    park.remove_representative(ADMIN, TONGXIN, "rep-1")
    assert ("rep-2",) == park.member(TONGXIN).representatives


def test_suspension_and_reinstatement():
    """active -> suspended -> active; suspending twice or reinstating an active firm is refused."""
    park = established()
    admit(park)
    assert_refused(park, InvalidTransition, lambda: park.reinstate_firm(ADMIN, TONGXIN))
    park.suspend_firm(ADMIN, TONGXIN, "unpaid fund contribution")
    assert FirmStatus.SUSPENDED == park.member(TONGXIN).status
    assert_refused(park, InvalidTransition, lambda: park.suspend_firm(ADMIN, TONGXIN, "again"))
    park.reinstate_firm(ADMIN, TONGXIN)
    assert FirmStatus.ACTIVE == park.member(TONGXIN).status


def test_a_firm_that_left_cannot_be_suspended_or_leave_again():
    """A departed firm is neither suspended nor recorded as leaving twice."""
    park = established()
    admit(park)
    leave(park, ADMIN, TONGXIN, "moved out")
    assert FirmStatus.LEFT == park.member(TONGXIN).status
    assert_refused(park, InvalidTransition, lambda: park.suspend_firm(ADMIN, TONGXIN, "x"))
    assert_refused(park, InvalidTransition, lambda: park.record_departure(ADMIN, TONGXIN, "x"))


def test_a_suspended_firm_cannot_act():
    """A suspended firm's own representative can do nothing new (FirmNotActive)."""
    park = established()
    admit(park)
    park.suspend_firm(ADMIN, TONGXIN, "unpaid fund contribution")
    rep = Actor.for_firm("rep-1", TONGXIN)
    assert_refused(park, FirmNotActive, lambda: park.appoint_representative(rep, TONGXIN, "rep-2"))
    assert_refused(park, FirmNotActive, lambda: park.record_departure(rep, TONGXIN, "leaving"))


def test_unknown_firms_and_users_are_not_found():
    """Naming a firm or person the park never recorded raises NotFound, not KeyError."""
    park = established()
    admit(park)
    assert_refused(park, NotFound, lambda: park.suspend_firm(ADMIN, OTHER, "x"))
    assert_refused(park, NotFound, lambda: park.member(OTHER))
    assert_refused(park, NotFound, lambda: park.dismiss_administrator(ADMIN, "nobody"))
    assert_refused(park, NotFound, lambda: park.remove_representative(ADMIN, TONGXIN, "nobody"))


def test_every_event_records_who_acted():
    """Each event carries the actor who caused it, so the record says who did what."""
    park = established()
    admin_2 = Actor.administrator("admin-2")
    rep = Actor.for_firm("rep-1", TONGXIN)
    park.appoint_administrator(ADMIN, "admin-2")
    admit(park)
    park.appoint_representative(rep, TONGXIN, "rep-2")
    park.remove_representative(Actor.for_firm("rep-2", TONGXIN), TONGXIN, "rep-1")
    park.suspend_firm(admin_2, TONGXIN, "inspection")
    park.reinstate_firm(ADMIN, TONGXIN)
    former = leave(park, Actor.for_firm("rep-2", TONGXIN), TONGXIN, "moved out")
    park.appoint_representative(admin_2, TONGXIN, "rep-3")
    park.reinstate_firm(ADMIN, TONGXIN)
    park.dismiss_administrator(admin_2, "admin-1")
    expected = [
        ("Established", ADMIN),
        ("AdministratorAppointed", ADMIN),
        ("FirmAdmitted", ADMIN),
        ("RepresentativeAppointed", rep),
        ("RepresentativeRemoved", Actor.for_firm("rep-2", TONGXIN)),
        ("FirmSuspended", admin_2),
        ("FirmReinstated", ADMIN),
        ("FirmDeparted", Actor.for_firm("rep-2", TONGXIN)),
        ("FirmReturned", ADMIN),
        ("AdministratorDismissed", admin_2),
    ]
    assert expected == [(type(e).__name__, e.actor) for e in park.pending_events]
    # The departed firm's record: made as it left, changed while it was away, and its return.
    assert [
        ("Recorded", Actor.for_firm("rep-2", TONGXIN)),
        ("RepresentativeAppointed", admin_2),
        ("Returned", ADMIN),
    ] == [(type(e).__name__, e.actor) for e in former.pending_events]


def test_replaying_the_events_gives_the_same_park():
    """The park rebuilt from its collected events equals the live park."""
    park = established()
    admit(park)
    admit(park, OTHER, ("other-1", "other-2"))
    park.suspend_firm(ADMIN, OTHER, "inspection")
    park.remove_representative(ADMIN, OTHER, "other-1")
    live = state(park)
    assert live == state(replay(park.collect_events()))


# A model of the membership rules, run beside the real aggregate ---------------------------------

USERS = ("admin-1", "admin-2", "u-1", "u-2", "u-3")
FIRMS = (TONGXIN, OTHER, THIRD)
# The acting administrator is drawn often, so that firms get admitted and the rules get reached.
ACTORS = st.one_of(
    st.just(ADMIN),
    st.sampled_from(USERS).map(Actor.administrator),
    st.builds(Actor.for_firm, st.sampled_from(USERS), st.sampled_from(FIRMS)),
)


class ParkMachine(RuleBasedStateMachine):
    """Random commands by random actors: the park refuses exactly what the model refuses,
    a refusal changes nothing, every event names its actor, and replay equals the live park."""

    def __init__(self) -> None:
        super().__init__()
        self.park = established()
        self.admins = {"admin-1"}
        self.status: dict[FirmId, FirmStatus] = {}
        self.reps: dict[FirmId, set[str]] = {}

    # What the model expects ------------------------------------------------------------------

    def admin_check(self, actor: Actor) -> type[ShareMarketError] | None:
        return None if actor.is_administrator and actor.user in self.admins else PermissionDenied

    def admin_or_rep_check(self, actor: Actor, firm: FirmId) -> type[ShareMarketError] | None:
        if actor.is_administrator:
            return self.admin_check(actor) or (None if firm in self.status else NotFound)
        if firm not in self.status:
            return NotFound
        if actor.firm != firm or actor.user not in self.reps[firm]:
            return PermissionDenied
        return None if self.status[firm] is FirmStatus.ACTIVE else FirmNotActive

    def recorded(self) -> list[Any]:
        """Every event waiting to be saved: the park's and the former members' records'."""
        records = records_of(self.park).held.values()
        return [*self.park.pending_events, *(e for r in records for e in r.pending_events)]

    def run(self, actor: Actor, expected: type[ShareMarketError] | None, command: Any) -> bool:
        """Run the command; check it is refused with ``expected``, or recorded with the actor
        (in the park, or in the record of a firm that left, or both)."""
        before = self.recorded()
        if expected is not None:
            assert_refused(self.park, expected, command)
            assert len(before) == len(self.recorded())
            return False
        records_of(self.park).keep(command())
        new = [e for e in self.recorded() if e not in before]
        assert 1 <= len(new) <= 2
        assert all(actor == e.actor for e in new)
        return True

    # Commands --------------------------------------------------------------------------------

    @initialize()
    def admit_two_firms(self) -> None:
        """Start from a park with members, so every rule is reached in a few steps."""
        self.admit_firm(ADMIN, TONGXIN, {"u-1"})
        self.admit_firm(ADMIN, OTHER, {"u-2", "u-3"})

    @rule(actor=ACTORS, user=st.sampled_from(USERS))
    def appoint_administrator(self, actor: Actor, user: str) -> None:
        expected = self.admin_check(actor) or (InvalidTransition if user in self.admins else None)
        if self.run(actor, expected, lambda: self.park.appoint_administrator(actor, user)):
            self.admins.add(user)

    @rule(actor=ACTORS, user=st.sampled_from(USERS))
    def dismiss_administrator(self, actor: Actor, user: str) -> None:
        expected = self.admin_check(actor) or (
            NotFound
            if user not in self.admins
            else LastAdministrator
            if len(self.admins) == 1
            else None
        )
        if self.run(actor, expected, lambda: self.park.dismiss_administrator(actor, user)):
            self.admins.discard(user)

    @rule(
        actor=ACTORS,
        firm=st.sampled_from(FIRMS),
        reps=st.sets(st.sampled_from(USERS), max_size=2),
    )
    def admit_firm(self, actor: Actor, firm: FirmId, reps: set[str]) -> None:
        expected = self.admin_check(actor) or (
            InvalidInput if not reps else FirmAlreadyAdmitted if firm in self.status else None
        )

        def command() -> None:
            self.park.admit_firm(
                actor,
                firm=firm,
                name="firm",
                industry="ceramics",
                size=FirmSize.MICRO,
                representatives=reps,
            )

        if self.run(actor, expected, command):
            self.status[firm] = FirmStatus.ACTIVE
            self.reps[firm] = set(reps)

    @rule(actor=ACTORS, firm=st.sampled_from(FIRMS))
    def suspend_firm(self, actor: Actor, firm: FirmId) -> None:
        expected = self.admin_check(actor) or (
            NotFound
            if firm not in self.status
            else InvalidTransition
            if self.status[firm] is not FirmStatus.ACTIVE
            else None
        )
        if self.run(actor, expected, lambda: self.park.suspend_firm(actor, firm, "inspection")):
            self.status[firm] = FirmStatus.SUSPENDED

    @rule(actor=ACTORS, firm=st.sampled_from(FIRMS))
    def reinstate_firm(self, actor: Actor, firm: FirmId) -> None:
        expected = self.admin_check(actor) or (
            NotFound
            if firm not in self.status
            else InvalidTransition
            if self.status[firm] is FirmStatus.ACTIVE
            else None
        )
        if self.run(actor, expected, lambda: self.park.reinstate_firm(actor, firm)):
            self.status[firm] = FirmStatus.ACTIVE

    @rule(actor=ACTORS, firm=st.sampled_from(FIRMS))
    def record_departure(self, actor: Actor, firm: FirmId) -> None:
        expected = self.admin_or_rep_check(actor, firm) or (
            InvalidTransition if self.status[firm] is FirmStatus.LEFT else None
        )
        if self.run(actor, expected, lambda: self.park.record_departure(actor, firm, "leaving")):
            self.status[firm] = FirmStatus.LEFT

    @rule(actor=ACTORS, firm=st.sampled_from(FIRMS), user=st.sampled_from(USERS))
    def appoint_representative(self, actor: Actor, firm: FirmId, user: str) -> None:
        expected = self.admin_or_rep_check(actor, firm) or (
            InvalidTransition if user in self.reps[firm] else None
        )
        if self.run(actor, expected, lambda: self.park.appoint_representative(actor, firm, user)):
            self.reps[firm].add(user)

    @rule(actor=ACTORS, firm=st.sampled_from(FIRMS), user=st.sampled_from(USERS))
    def remove_representative(self, actor: Actor, firm: FirmId, user: str) -> None:
        expected = self.admin_or_rep_check(actor, firm) or (
            NotFound
            if user not in self.reps[firm]
            else LastRepresentative
            if len(self.reps[firm]) == 1
            else None
        )
        if self.run(actor, expected, lambda: self.park.remove_representative(actor, firm, user)):
            self.reps[firm].discard(user)

    # Invariants ------------------------------------------------------------------------------

    @invariant()
    def park_matches_the_model(self) -> None:
        assert sorted(self.admins) == sorted(self.park.administrators)
        members = self.park.members_by_code(departed=self.status)
        actual = {m.firm: (m.status, set(m.representatives)) for m in members}
        assert {f: (self.status[f], self.reps[f]) for f in self.status} == actual

    @invariant()
    def the_park_holds_its_current_members_only(self) -> None:
        current = {f.code for f, status in self.status.items() if status is not FirmStatus.LEFT}
        assert current == set(self.park.members)

    @invariant()
    def the_park_keeps_an_administrator_and_each_firm_a_representative(self) -> None:
        assert self.park.administrators
        assert all(m.representatives for m in self.park.members_by_code())

    @invariant()
    def replay_equals_the_live_park(self) -> None:
        assert state(self.park) == state(replay(list(self.park.pending_events)))


ParkMachine.TestCase.settings = settings(ParkMachine.TestCase.settings, stateful_step_count=30)
TestParkMachine = ParkMachine.TestCase


def test_representatives_given_as_one_string_are_refused():
    """representatives="rep-1" is a mistake for ["rep-1"], not five one-letter representatives."""
    park = established()
    before = state(park)
    with pytest.raises(TypeError, match=r"write \['rep-1'\]"):
        admit(park, reps="rep-1")
    assert before == state(park)
