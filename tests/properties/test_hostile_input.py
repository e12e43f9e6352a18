"""Hostile input against every public command and query of every slice, on every store.

The commands are found, not listed: each public method of a slice's service that takes an
``actor`` and a ``request_id`` (the others are queries). Each parameter's kind comes from its
annotation, and for text from its name (free text or an opaque id). In a scene where every
command has a valid call, hypothesis replaces one argument at a time by a hostile value of its
kind. A wrong type is a ``TypeError`` and a bad value an ``InvalidInput``, each with a message
that names the parameter; either way nothing is recorded: the log ends where it did, the
request id has no receipt, and the valid call under the same request id then succeeds. The
views catch up and verify after every command's refusals.
"""

from __future__ import annotations

import collections.abc
import enum
import inspect
import re
import types
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple
from uuid import UUID

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sharemarket import (
    Actor,
    DayType,
    FirmId,
    FirmSize,
    InvalidInput,
    Minutes,
    Money,
    ObligationRef,
    ParkDay,
    ShareMarket,
    WorkingTimePolicy,
)
from sharemarket.application.slices import SLICES, handlers
from sharemarket.park_views import ParkViews
from tests import funds_scene, venues_hostile
from tests.conftest import STORES, Store
from tests.labour_support import GUANFU, JIAMEI, SHUNMEI, TONGXIN
from tests.matching_support import SOME_SCENE_IDS, hostile_calls, hostile_queries, hostile_scene
from tests.park_scene import ADMIN, BORROWER, LENDER, MARCH, REPS, THIRD, agreement, establish
from tests.strategies.hostile import (
    Kind,
    bad_minutes,
    bad_multipliers,
    bad_values,
    wrong_multipliers,
    wrong_types,
)
from tests.subcontracting_scene import (
    SOME_SUB_IDS,
    SubIds,
    build_subcontracting,
    subcontracting_calls,
    subcontracting_queries,
)

#: str parameters by name: free text (shown to people in the audit trail) or an opaque id.
FREE_TEXT = frozenset({"name", "industry", "reason", "work", "purpose", "product", "material"})
OPAQUE_ID = frozenset({"user", "worker", "reference"})


#: int parameters by name: each slice's whole numbers refuse their own ranges.
INT_KINDS = {"periods": Kind.MONTHS, "max_periods": Kind.MONTHS, "attendees": Kind.COUNT}


def kind_of(name: str, hint: Any) -> Kind | None:
    """What a parameter holds, from its name and annotation (None: a kind this suite lacks)."""
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    members = set(typing.get_args(hint)) if union else {hint}
    optional = type(None) in members
    members.discard(type(None))
    classes = {m for m in members if isinstance(m, type)}
    if name == "request_id" and members == {str}:
        return Kind.REQUEST_ID
    if members == {str}:
        return Kind.TEXT if name in FREE_TEXT else Kind.OPAQUE_ID if name in OPAQUE_ID else None
    if typing.get_origin(hint) is collections.abc.Iterable and typing.get_args(hint) == (str,):
        return Kind.OPAQUE_IDS
    if typing.get_origin(hint) is collections.abc.Iterable and typing.get_args(hint) == (
        ObligationRef,
    ):
        return Kind.OBLIGATION_REFS
    if datetime in members:
        return Kind.OPTIONAL_INSTANT if optional else Kind.INSTANT
    if date in members and optional:
        return Kind.OPTIONAL_DATE
    if FirmId in members and optional:
        return Kind.OPTIONAL_FIRM
    simple = {Actor: Kind.ACTOR, date: Kind.DATE, UUID: Kind.MARKET_ID, FirmId: Kind.FIRM}
    for cls, kind in simple.items():
        if cls in members:
            return kind
    if Money in members:
        return Kind.MONEY
    if members == {Decimal}:
        return Kind.RATE
    if members == {int}:
        return INT_KINDS.get(name, Kind.WHOLE)
    if Minutes in members:
        return Kind.OPTIONAL_MINUTES if optional else Kind.MINUTES
    if any(issubclass(m, enum.Enum) for m in classes):
        return Kind.OPTIONAL_ENUM if optional else Kind.ENUM
    if any(attrs.has(m) for m in classes):
        return Kind.POLICY
    return None


class Method(NamedTuple):
    """A public method of a slice's service, and the kind of each of its parameters."""

    slice: str
    name: str
    kinds: dict[str, Kind | None]

    @property
    def label(self) -> str:
        return f"{self.slice}.{self.name}"

    @property
    def is_command(self) -> bool:
        return {"actor", "request_id"} <= set(self.kinds)

    def bound(self, market: ShareMarket) -> Callable[..., Any]:
        return getattr(getattr(market, self.slice), self.name)


def discover() -> list[Method]:
    found = []
    for s in SLICES:
        for name, function in inspect.getmembers(s.service, inspect.isfunction):
            if name.startswith("_"):
                continue
            hints = typing.get_type_hints(function)
            params = list(inspect.signature(function).parameters)[1:]  # after self
            found.append(Method(s.name, name, {p: kind_of(p, hints[p]) for p in params}))
    return found


METHODS = discover()
COMMANDS = [m for m in METHODS if m.is_command]
QUERIES = [m for m in METHODS if not m.is_command and m.kinds]


# The scene: every command has a valid call --------------------------------------------------

DAY = date(2026, 3, 16)  # a Monday of the March agreements, free of shifts
TO_SUSPEND, TO_REINSTATE, TO_LEAVE, TO_ADMIT = TONGXIN, JIAMEI, SHUNMEI, GUANFU
LENDS, BORROWS = REPS[LENDER], REPS[BORROWER]


class Ids(NamedTuple):
    main: UUID
    to_accept: UUID
    to_decline: UUID
    to_withdraw: UUID
    to_close: UUID
    pending: dict[str, UUID]
    confirmed: dict[str, UUID]
    settlement: UUID
    runs: dict[str, UUID]  # clearing: runs to accept, decline, commit, abandon, pay; an obligation
    funds: dict[str, UUID]
    venues: dict[str, UUID]
    sub: SubIds
    matching: dict[str, UUID]


def build_scene(market: ShareMarket) -> Ids:
    """Firms to suspend, reinstate, see leave; agreements to accept, decline, withdraw, close;
    pending shifts to confirm, dispute, withdraw and re-record; confirmed ones to reverse,
    correct and bill; a settlement to pay. Each command's valid call has a target of its own."""
    establish(market)
    park = market.park
    park.appoint_administrator(ADMIN, request_id="s-admin-2", user="admin-2")
    for firm in (TO_SUSPEND, TO_REINSTATE, TO_LEAVE):
        park.admit_firm(
            ADMIN,
            request_id=f"s-admit-{firm}",
            firm=firm,
            name=f"firm {firm}",
            industry="ceramics",
            size=FirmSize.MICRO,
            representatives=[f"rep-{firm.code[-4:]}"],
        )
    park.suspend_firm(ADMIN, request_id="s-suspend", firm=TO_REINSTATE, reason="unpaid fees")
    park.appoint_representative(ADMIN, request_id="s-rep", firm=BORROWER, user="rep-1b")
    main = agreement(market, "main", workers=("W-17", "W-18", "W-20"))
    others = {key: agreement(market, key, workers=("W-40",)) for key in ("withdraw", "close")}
    proposed = {
        key: market.labour.propose_agreement(
            BORROWS,
            request_id=f"s-propose-{key}",
            lender=LENDER,
            work="上釉 glazing",
            rate_per_hour="28.00",
            first_day=MARCH[0],
            last_day=MARCH[1],
            workers=["W-41"],
        )
        for key in ("accept", "decline")
    }

    def shift(key: str, worker: str, day: int) -> UUID:
        shift_id: UUID = market.labour.record_shift(
            BORROWS,
            request_id=f"s-shift-{key}",
            agreement=main,
            worker=worker,
            work_date=date(2026, 3, day),
            minutes=60,
        )
        return shift_id

    pending = {key: shift(key, "W-17", day) for key, day in zip(PENDING, (2, 3, 4, 5), strict=True)}
    confirmed = {
        key: shift(key, "W-18", day) for key, day in zip(CONFIRMED, (2, 3, 9, 10), strict=True)
    }
    for key, shift_id in confirmed.items():
        market.labour.confirm_shift(
            LENDS, request_id=f"s-confirm-{key}", agreement=main, shift=shift_id
        )
    settlement = market.labour.issue_settlement(
        LENDS,
        request_id="s-bill",
        agreement=main,
        first_day=date(2026, 3, 9),
        last_day=date(2026, 3, 9),
    )
    return Ids(
        main,
        proposed["accept"],
        proposed["decline"],
        others["withdraw"],
        others["close"],
        pending,
        confirmed,
        settlement,
        clearing_scene(market, main),
        funds_scene.build(market),
        venues_hostile.build(market, LENDS, BORROWS),
        build_subcontracting(market),
        hostile_scene(market, ADMIN, BORROWS, LENDS),
    )


def clearing_scene(market: ShareMarket, main: UUID) -> dict[str, UUID]:
    """Three more settlements of the main agreement (the borrower owes the lender): one to
    propose a run over and to include in open runs to accept, decline and abandon; one in a run
    all accepted, to commit; one in a committed run whose net payment the borrower pays."""
    owed = {}
    for key, day in (("obligation", 23), ("paid-by-run", 24), ("cleared-by-commit", 25)):
        shift_id = market.labour.record_shift(
            BORROWS, request_id=f"s-c-shift-{key}", agreement=main, worker="W-18",
            work_date=date(2026, 3, day), minutes=60,
        )  # fmt: skip
        market.labour.confirm_shift(
            LENDS, request_id=f"s-c-ok-{key}", agreement=main, shift=shift_id
        )
        owed[key] = market.labour.issue_settlement(
            LENDS, request_id=f"s-c-bill-{key}", agreement=main,
            first_day=date(2026, 3, day), last_day=date(2026, 3, day),
        )  # fmt: skip
    runs = {"obligation": owed["obligation"]}
    for key in ("accept", "decline", "commit", "abandon", "pay"):
        settlement = owed[
            {"pay": "paid-by-run", "commit": "cleared-by-commit"}.get(key, "obligation")
        ]
        runs[key] = market.clearing.propose_run(
            ADMIN, request_id=f"s-run-{key}", as_of=date(2026, 3, 31),
            obligations=[ObligationRef("labour", main, settlement)],
        )  # fmt: skip
    for key in ("commit", "pay"):
        for who in (LENDS, BORROWS):
            market.clearing.accept_run(who, request_id=f"s-yes-{key}-{who.user}", run=runs[key])
    market.clearing.commit_run(ADMIN, request_id="s-commit-pay", run=runs["pay"])
    return runs


PENDING = ("confirm", "dispute", "withdraw", "rerecord")
CONFIRMED = ("reverse", "correct", "billed", "to-bill")


def valid_calls(ids: Ids) -> dict[str, tuple[Actor, dict[str, Any]]]:
    """The actor and every argument (optional ones too) of a call each command accepts."""
    terms = {"minutes": 60, "overtime": 0, "day_type": DayType.WORKDAY}
    main, pending, confirmed = ids.main, ids.pending, ids.confirmed
    return {
        "park.establish": (ADMIN, {"name": "德化县城东陶瓷产业园"}),
        "park.appoint_administrator": (ADMIN, {"user": "admin-3"}),
        "park.dismiss_administrator": (ADMIN, {"user": "admin-2"}),
        "park.admit_firm": (
            ADMIN,
            {
                "firm": str(TO_ADMIT),
                "name": "德化县冠福家用制品有限公司",
                "industry": "household ceramics",
                "size": FirmSize.SMALL,
                "representatives": ["rep-gf-1", "rep-gf-2"],
            },
        ),
        "park.suspend_firm": (ADMIN, {"firm": str(TO_SUSPEND), "reason": "safety inspection"}),
        "park.reinstate_firm": (ADMIN, {"firm": str(TO_REINSTATE)}),
        "park.record_departure": (ADMIN, {"firm": str(TO_LEAVE), "reason": "moved to Quanzhou"}),
        "park.appoint_representative": (ADMIN, {"firm": THIRD, "user": "rep-2b"}),
        "park.remove_representative": (ADMIN, {"firm": BORROWER, "user": "rep-1b"}),
        "park.set_park_day": (ADMIN, {"day": date(2026, 10, 8), "kind": ParkDay.REST_DAY}),
        "labour.set_working_time_policy": (ADMIN, {"policy": WorkingTimePolicy()}),
        "labour.propose_agreement": (
            BORROWS,
            {
                "lender": LENDER,
                "work": "修坯 fettling",
                "rate_per_hour": "30.00",
                "first_day": MARCH[0],
                "last_day": MARCH[1],
                "workers": ["W-30", "W-31"],
                "minutes_cap": 6000,
            },
        ),
        "labour.accept_agreement": (LENDS, {"agreement": ids.to_accept}),
        "labour.decline_agreement": (LENDS, {"agreement": ids.to_decline, "reason": "kilns full"}),
        "labour.withdraw_agreement": (
            BORROWS,
            {"agreement": ids.to_withdraw, "reason": "order cancelled"},
        ),
        "labour.close_agreement": (BORROWS, {"agreement": ids.to_close, "reason": "season over"}),
        "labour.add_workers": (LENDS, {"agreement": main, "workers": ["W-19"]}),
        "labour.remove_workers": (LENDS, {"agreement": main, "workers": ["W-20"]}),
        "labour.record_shift": (
            BORROWS,
            {"agreement": main, "worker": "W-17", "work_date": DAY, **terms},
        ),
        "labour.confirm_shift": (LENDS, {"agreement": main, "shift": pending["confirm"]}),
        "labour.dispute_shift": (
            LENDS,
            {"agreement": main, "shift": pending["dispute"], "reason": "left at noon"},
        ),
        "labour.withdraw_shift": (BORROWS, {"agreement": main, "shift": pending["withdraw"]}),
        "labour.rerecord_shift": (
            BORROWS,
            {
                "agreement": main,
                "shift": pending["rerecord"],
                "work_date": date(2026, 3, 17),
                **terms,
            },
        ),
        "labour.reverse_shift": (
            BORROWS,
            {"agreement": main, "shift": confirmed["reverse"], "reason": "typo"},
        ),
        "labour.correct_shift": (
            BORROWS,
            {
                "agreement": main,
                "shift": confirmed["correct"],
                "reason": "wrong day",
                "work_date": date(2026, 3, 18),
                **terms,
            },
        ),
        "labour.declare_home_hours": (
            LENDS,
            {"worker": "W-17", "work_date": date(2026, 3, 19), **terms},
        ),
        "labour.issue_settlement": (
            LENDS,
            {"agreement": main, "first_day": date(2026, 3, 10), "last_day": date(2026, 3, 10)},
        ),
        "labour.record_payment": (
            BORROWS,
            {"agreement": main, "settlement": ids.settlement, "amount": "1.00"},
        ),
        "clearing.propose_run": (
            ADMIN,
            {
                "as_of": date(2026, 3, 31),
                "obligations": [ObligationRef("labour", main, ids.runs["obligation"])],
            },
        ),
        "clearing.accept_run": (LENDS, {"run": ids.runs["accept"]}),
        "clearing.decline_run": (LENDS, {"run": ids.runs["decline"], "reason": "单独结算"}),
        "clearing.commit_run": (ADMIN, {"run": ids.runs["commit"]}),
        "clearing.abandon_run": (ADMIN, {"run": ids.runs["abandon"], "reason": "重新提议"}),
        "clearing.record_net_payment": (
            BORROWS,
            {"run": ids.runs["pay"], "payee": LENDER, "amount": "1.00"},
        ),
        **funds_scene.calls(ids.funds),
        **venues_hostile.calls(ids.venues, LENDS, BORROWS),
        **subcontracting_calls(ids.sub),
        **hostile_calls(ids.matching, ADMIN, BORROWS, LENDS),
    }


def valid_queries(ids: Ids) -> dict[str, dict[str, Any]]:
    return {
        "park.member": {"firm": LENDER},
        "park.park_day": {"day": date(2026, 4, 6)},
        "labour.agreement": {"agreement": ids.main},
        "labour.statement": {"agreement": ids.main},
        "labour.settlement": {"agreement": ids.main, "settlement": ids.settlement},
        "labour.timesheet": {"home_firm": LENDER, "worker": "W-17"},
        "labour.shared_hours": {"first_day": date(2026, 3, 1), "last_day": date(2026, 3, 31)},
        "funds.timeline": {"first_day": date(2026, 3, 1), "last_day": date(2026, 3, 31)},
        "clearing.statement": {"run": ids.runs["pay"]},
        # The lists read from the log (the command line's tables), by firm.
        "labour.agreements": {"firm": LENDER},
        "subcontracting.orders": {"firm": LENDER},
        "funds.loans": {"firm": LENDER},
        "venues.venues": {"host": LENDER},
        "matching.listings": {"firm": LENDER},
        **funds_scene.queries(ids.funds),
        **venues_hostile.queries(ids.venues, BORROWER),
        **subcontracting_queries(ids.sub),
        **hostile_queries(ids.matching),
    }


#: Ids for the discovery test, which builds commands without a market.
SOME_IDS = Ids(
    *(UUID(int=n) for n in range(1, 6)),
    {k: UUID(int=10 + i) for i, k in enumerate(PENDING)},
    {k: UUID(int=20 + i) for i, k in enumerate(CONFIRMED)},
    UUID(int=30),
    {
        k: UUID(int=40 + i)
        for i, k in enumerate(("obligation", "accept", "decline", "commit", "abandon", "pay"))
    },
    funds_scene.SOME_IDS,
    venues_hostile.SOME_IDS,
    SOME_SUB_IDS,
    SOME_SCENE_IDS,
)


class Scene(NamedTuple):
    kind: str  # the store: memory, sqlite or postgres
    market: ShareMarket  # the scene
    empty: ShareMarket  # no park yet: where establishing one is valid
    views: dict[int, ParkViews]  # by id() of the market they follow
    ids: Ids

    def market_for(self, method: Method) -> ShareMarket:
        return self.empty if method.label == "park.establish" else self.market

    def examples(self) -> settings:
        """The profile's examples in memory; a fifth of them (at least 10) on SQLite and
        PostgreSQL, which prove that nothing reaches a real store: the values are refused
        before any store is read, so the memory run is where they vary most."""
        most = settings().max_examples
        return settings(max_examples=most if self.kind == "memory" else max(10, most // 5))


def open_views(store: Store, folder: Path) -> ParkViews:
    if store.kind == "postgres":
        return ParkViews.postgres(store.dsn, schema=store.schema, prefix="views_")
    return ParkViews.sqlite(folder)


@pytest.fixture(scope="module", params=STORES)
def scene(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Scene]:
    """One scene per store, shared by every test of the module: a refusal records nothing, and
    each command's valid call has a target no other command uses."""
    if request.param == "postgres":
        request.applymarker(pytest.mark.postgres)
    folder = tmp_path_factory.mktemp(request.param)
    stores = [Store(request.param, folder / name) for name in ("scene", "empty")]
    opened: list[ParkViews] = []
    try:
        for name in ("scene", "empty"):
            (folder / name).mkdir()
        market, empty = (s.open() for s in stores)
        ids = build_scene(market)
        for s, name in zip(stores, ("scene", "empty"), strict=True):
            opened.append(open_views(s, folder / name / "views"))
        views = {id(market): opened[0], id(empty): opened[1]}
        for m in (market, empty):
            assert views[id(m)].catch_up(m) == m.event_log.head()
        yield Scene(request.param, market, empty, views, ids)
    finally:
        for v in opened:
            v.close()
        for s in stores:
            s.close()


# Checks ---------------------------------------------------------------------------------------


class Case(NamedTuple):
    """One argument made hostile, and the error it must raise."""

    parameter: str
    value: Any
    error: type[Exception]


def cases(method: Method, valid: dict[str, Any]) -> st.SearchStrategy[Case]:
    """A hostile value for one of the method's parameters: a wrong type or a bad value."""
    options = []
    for parameter, kind in method.kinds.items():
        assert kind is not None, f"{method.label}({parameter}) has no kind"
        good = valid[parameter]
        options.append(wrong_types(kind, good).map(lambda v, p=parameter: Case(p, v, TypeError)))
        bad = bad_values(kind, good)
        if bad is not None:
            options.append(bad.map(lambda v, p=parameter: Case(p, v, InvalidInput)))
    return st.one_of(options)


def assert_names(error: Exception, parameter: str) -> None:
    """The error is a sentence that names the parameter (not an attrs repr of a tuple)."""
    message = str(error)
    assert not message.startswith("("), message
    assert "Attribute(" not in message, message
    words = {parameter, parameter.replace("_", " ")}
    assert any(re.search(rf"\b{re.escape(w)}\b", message) for w in words), (parameter, message)


def receipt_of(market: ShareMarket, request_id: str) -> list[Any]:
    """The request id's stored receipt in a list, or an empty list."""
    receipt = market._uow.receipt(request_id)
    return [] if receipt is None else [receipt]


def assert_refused(
    call: Callable[..., Any], market: ShareMarket, args: dict[str, Any], case: Case
) -> None:
    """The call raises the case's error naming its parameter, and records nothing."""
    head = market.event_log.head()
    with pytest.raises(case.error) as caught:
        call(**{**args, case.parameter: case.value})
    assert_names(caught.value, case.parameter)
    assert head == market.event_log.head()
    if isinstance(args.get("request_id"), str):
        assert [] == receipt_of(market, args["request_id"])


def assert_views_follow(scene: Scene, market: ShareMarket) -> None:
    """The views reach the market's head, and their trail verifies, also against the events."""
    views = scene.views[id(market)]
    assert market.event_log.head() == views.catch_up(market)
    assert views.verify().ok
    assert views.verify_against(market).ok


def run(
    check: Callable[[Case], None],
    strategy: st.SearchStrategy[Case],
    named: list[Case],
    examples: settings | None = None,
) -> None:
    """Run ``check`` on the named cases, then on generated ones."""
    test = given(case=strategy)(check)
    for case in named:
        test = example(case=case)(test)
    (examples(test) if examples is not None else test)()


# What the issue names, each tried on every store ------------------------------------------------

NAMED_CASES: dict[str, list[Case]] = {
    "labour.record_shift": [
        *(Case("work_date", datetime(2026, 4, 13, h), TypeError) for h in (0, 1, 2)),
        Case("worker", "350526-19900101-1234", InvalidInput),
        Case("minutes", -60, InvalidInput),
        Case("minutes", True, TypeError),
    ],
    "labour.propose_agreement": [
        Case("rate_per_hour", "100000000000000000", InvalidInput),
        Case("rate_per_hour", 25.5, TypeError),
        Case("first_day", date(9999, 12, 31), InvalidInput),
        Case("first_day", date(1, 1, 1), InvalidInput),
        Case("minutes_cap", 10**18, InvalidInput),
        Case("workers", "W-17", TypeError),
        Case("work", "\u200b\u200b\u200b", InvalidInput),
    ],
    "labour.issue_settlement": [
        Case("first_day", "2026-03-10", TypeError),
        Case("last_day", date(9999, 12, 31), InvalidInput),
        Case("last_day", 20260310, TypeError),
    ],
    "labour.record_payment": [
        Case("amount", text, InvalidInput) for text in ("１００", "٣", "1e2", "-1.00")
    ],
    "labour.dispute_shift": [Case("reason", "left early\u202e", InvalidInput)],
    "park.establish": [
        Case("name", "\u200b\u200b\u200b", InvalidInput),
        Case("name", "德化\x00园区", InvalidInput),
    ],
    "park.admit_firm": [
        Case("name", "\ud800陶瓷", InvalidInput),
        Case("representatives", ["rep-1", "(138)1234-5678"], InvalidInput),
        Case("size", 1, TypeError),
    ],
    "park.appoint_administrator": [
        Case("user", "+86 138 1234 5678", InvalidInput),
        Case("user", "+86１３８１２３４５６７８", InvalidInput),
        Case("user", "张伟", InvalidInput),
    ],
}


def named_cases(method: Method, valid: dict[str, Any]) -> list[Case]:
    """The issue's examples for this command, and an id as text wherever it takes one."""
    as_text = [
        Case(p, str(valid[p]), TypeError) for p, k in method.kinds.items() if k is Kind.MARKET_ID
    ]
    return [*NAMED_CASES.get(method.label, []), *as_text]


# Discovery ------------------------------------------------------------------------------------


class Capture:
    """A unit of work that keeps the command each service method builds, and runs nothing."""

    loader = None

    def __init__(self) -> None:
        self.built: list[type] = []

    def execute(self, command: Any) -> None:
        self.built.append(type(command))


def test_discovery_finds_every_command_of_the_registry():
    """Each discovered command method builds one command, and together they build every command
    of the handler registry: a new command is covered here as soon as its service has it."""
    capture = Capture()
    services = {s.name: s.service(capture) for s in SLICES}
    for method in COMMANDS:
        actor, args = valid_calls(SOME_IDS)[method.label]
        getattr(services[method.slice], method.name)(actor, request_id="discover", **args)
    assert len(COMMANDS) == len(capture.built)
    assert set(handlers()) == set(capture.built)


def test_every_parameter_has_a_kind_and_a_valid_value():
    """The suite knows what each parameter holds, and the scene has a value for each, optional
    ones included: no parameter escapes the hostile values."""
    assert {} == {(m.label, p): k for m in METHODS for p, k in m.kinds.items() if k is None}
    calls, queries = valid_calls(SOME_IDS), valid_queries(SOME_IDS)
    assert {m.label for m in COMMANDS} == set(calls)
    assert {m.label for m in QUERIES} == set(queries)
    for m in COMMANDS:
        assert set(m.kinds) - {"actor", "request_id"} == set(calls[m.label][1]), m.label
    for m in QUERIES:
        assert set(m.kinds) == set(queries[m.label]), m.label


# Commands -------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", COMMANDS, ids=lambda m: m.label)
def test_hostile_arguments_are_refused_and_record_nothing(scene, method):
    """For every argument of the command, a wrong type is a TypeError and a bad value an
    InvalidInput naming the parameter; nothing is recorded, so the same request id then
    records the valid call, and the views catch up and verify."""
    market = scene.market_for(method)
    call = method.bound(market)
    actor, valid = valid_calls(scene.ids)[method.label]
    request_id = f"hostile-{method.label}"
    args = {"actor": actor, "request_id": request_id, **valid}

    def refused(case: Case) -> None:
        assert_refused(call, market, args, case)

    run(refused, cases(method, args), named_cases(method, args), scene.examples())
    assert_views_follow(scene, market)

    call(**args)
    assert receipt_of(market, request_id)
    assert_views_follow(scene, market)


# Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", QUERIES, ids=lambda m: m.label)
def test_hostile_query_arguments_are_refused(scene, method):
    """A query's ids, credit codes and worker references follow the commands' rules."""
    market = scene.market
    call = method.bound(market)
    valid = valid_queries(scene.ids)[method.label]

    def refused(case: Case) -> None:
        assert_refused(call, market, valid, case)

    run(refused, cases(method, valid), named_cases(method, valid), scene.examples())
    assert call(**valid) is not None


# Values a host builds itself --------------------------------------------------------------------

ACTORS: dict[str, tuple[Callable[..., Actor], dict[str, Any]]] = {
    "Actor.for_firm": (Actor.for_firm, {"user": "rep-1", "firm": LENDER}),
    "Actor.administrator": (Actor.administrator, {"user": "admin-1"}),
}
NAMED_USERS = ["张伟", "(138)1234-5678", "350526-19900101-1234", "+86 138 1234 5678", "a\x00b"]


@pytest.mark.parametrize("name", ACTORS)
def test_actors_refuse_hostile_user_ids_and_firms(name):
    """An actor's user id is an opaque id (no phone or ID number, no name) and its firm a credit
    code: each refused as the commands refuse them, naming the parameter."""
    build, valid = ACTORS[name]
    hints = typing.get_type_hints(build)
    kinds = {p: kind_of(p, hints[p]) for p in valid}

    def refused(case: Case) -> None:
        with pytest.raises(case.error) as caught:
            build(**{**valid, case.parameter: case.value})
        assert_names(caught.value, case.parameter)

    method = Method("", name, kinds)
    named = [Case("user", user, InvalidInput) for user in NAMED_USERS]
    run(refused, cases(method, valid), named)


POLICY_FIELDS = typing.get_type_hints(WorkingTimePolicy)


def policy_cases(field: str) -> st.SearchStrategy[Case]:
    """A wrong type or a bad value for one field of a working-time policy."""
    hint = POLICY_FIELDS[field]
    if hint is bool:
        wrong: st.SearchStrategy[Any] = st.sampled_from([0, 1, "yes", None])
        bad = None
    elif hint is Decimal:
        wrong, bad = wrong_multipliers(), bad_multipliers()
    else:  # Minutes, held as Minutes only (an int is refused too: the policy is a value)
        kind = Kind.OPTIONAL_MINUTES if type(None) in typing.get_args(hint) else Kind.MINUTES
        wrong = st.one_of(st.integers(0, 600), wrong_types(kind, Minutes(480)))
        bad = bad_minutes().map(Minutes)
    options = [wrong.map(lambda v: Case(field, v, TypeError))]
    if bad is not None:
        options.append(bad.map(lambda v: Case(field, v, InvalidInput)))
    return st.one_of(options)


NAMED_POLICIES = {
    "workday_overtime_multiplier": [Case("workday_overtime_multiplier", 1.5, TypeError)],
    "rest_day_multiplier": [Case("rest_day_multiplier", v, InvalidInput) for v in ("abc", "1e2")],
    "holiday_multiplier": [Case("holiday_multiplier", Decimal("1e999999"), InvalidInput)],
    "daily_standard": [Case("daily_standard", Minutes(-60), InvalidInput)],
    "monthly_overtime_max": [Case("monthly_overtime_max", Minutes(10**12), InvalidInput)],
}


@pytest.mark.parametrize("field", POLICY_FIELDS)
def test_working_time_policies_refuse_hostile_fields(field):
    """Every field of a policy: a wrong type is a TypeError, a bad value (a multiplier "abc", a
    negative or huge duration) an InvalidInput, each naming the field."""

    def refused(case: Case) -> None:
        with pytest.raises(case.error) as caught:
            WorkingTimePolicy(**{case.parameter: case.value})
        assert_names(caught.value, case.parameter)

    run(refused, policy_cases(field), NAMED_POLICIES.get(field, []))
