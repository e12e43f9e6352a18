"""The labour commands as values (``sharemarket.application.labour.commands``).

Each command is a frozen value whose fields are checked as it is built: a ``datetime`` given as
a business date (``work_date``, ``first_day``, ``last_day``) and a text id where the market's
``UUID`` is expected are ``TypeError``s naming the field. Refused at the boundary, such a command
records nothing: the notification log ends where it did and its request id stays unused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple
from uuid import UUID
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sharemarket import Actor, DayType, ShareMarket, WorkingTimePolicy
from sharemarket.application.kernel.commands import Command
from sharemarket.application.labour import commands as c
from tests.park_scene import (
    BORROWER,
    LENDER,
    MARCH,
    REPS,
    agreement,
    confirmed_shift,
    establish,
)

PARK_TZ = ZoneInfo("Asia/Shanghai")
ADMIN = Actor.administrator("admin-1")
DAY = date(2026, 3, 9)  # a Monday of the scene's March agreement, free of shifts

#: Every command of the labour slice: the concrete Command classes of the module.
COMMANDS = sorted(
    (
        value
        for value in vars(c).values()
        if isinstance(value, type)
        and issubclass(value, Command)
        and value.__module__ == c.__name__
        and "stored_as" in vars(value)
    ),
    key=lambda cls: cls.__name__,
)


def _fields_typed(cls: type, kind: type) -> tuple[str, ...]:
    """The fields of ``cls`` annotated with ``kind`` (the module's annotations are text)."""
    return tuple(f.name for f in attrs.fields(cls) if f.type in (kind, kind.__name__))


#: (command, business-date field) for every command that takes a business date; a shift's date
#: is in its terms (ShiftTerms), which RecordShift holds.
DATE_FIELDS = [(cls, name) for cls in COMMANDS for name in _fields_typed(cls, date)] + [
    (c.RecordShift, "work_date")
]
#: (command, id field) for every id the market returned that a command takes.
ID_FIELDS = [(cls, name) for cls in COMMANDS for name in _fields_typed(cls, UUID)]


def _case_id(case: tuple[type, str]) -> str:
    return f"{case[0].__name__}.{case[1]}"


# Valid arguments ---------------------------------------------------------------------------------


class Ids(NamedTuple):
    """The ids a command may refer to (real ones in a market's scene)."""

    agreement: UUID
    shift: UUID
    settlement: UUID


#: Ids for the command values alone (no market looks them up).
SOME_IDS = Ids(UUID(int=1), UUID(int=2), UUID(int=3))


def all_arguments(ids: Ids) -> dict[type[Command[Any]], dict[str, Any]]:
    """Arguments the service takes for each command (the shift's terms flattened), all valid:
    each command would be accepted (or refused by a rule) if one of them were not made wrong."""
    work = {"work_date": DAY, "minutes": 480}
    return {
        c.SetWorkingTimePolicy: {"policy": WorkingTimePolicy()},
        c.ProposeAgreement: {
            "lender": LENDER,
            "work": "修坯 fettling",
            "rate_per_hour": "30.00",
            "first_day": MARCH[0],
            "last_day": MARCH[1],
            "workers": ["W-17"],
        },
        c.AcceptAgreement: {"agreement": ids.agreement},
        c.DeclineAgreement: {"agreement": ids.agreement, "reason": "kilns full"},
        c.WithdrawAgreement: {"agreement": ids.agreement, "reason": "order cancelled"},
        c.CloseAgreement: {"agreement": ids.agreement, "reason": "season over"},
        c.AddWorkers: {"agreement": ids.agreement, "workers": ["W-19"]},
        c.RemoveWorkers: {"agreement": ids.agreement, "workers": ["W-18"]},
        c.RecordShift: {"agreement": ids.agreement, "worker": "W-18", **work},
        c.ConfirmShift: {"agreement": ids.agreement, "shift": ids.shift},
        c.DisputeShift: {"agreement": ids.agreement, "shift": ids.shift, "reason": "left early"},
        c.WithdrawShift: {"agreement": ids.agreement, "shift": ids.shift},
        c.ReverseShift: {"agreement": ids.agreement, "shift": ids.shift, "reason": "typo"},
        c.RerecordShift: {"agreement": ids.agreement, "shift": ids.shift, **work},
        c.CorrectShift: {"agreement": ids.agreement, "shift": ids.shift, "reason": "7h", **work},
        c.DeclareHomeHours: {"worker": "W-17", **work},
        c.IssueSettlement: {"agreement": ids.agreement, "first_day": DAY, "last_day": DAY},
        c.RecordPayment: {
            "agreement": ids.agreement,
            "settlement": ids.settlement,
            "amount": "1.00",
        },
    }


def arguments(cls: type[Command[Any]], ids: Ids) -> dict[str, Any]:
    return all_arguments(ids)[cls]


ACTORS: dict[type[Command[Any]], Actor] = {
    c.SetWorkingTimePolicy: ADMIN,
    c.AcceptAgreement: REPS[LENDER],
    c.DeclineAgreement: REPS[LENDER],
    c.ConfirmShift: REPS[LENDER],
    c.DisputeShift: REPS[LENDER],
    c.DeclareHomeHours: REPS[LENDER],
    c.IssueSettlement: REPS[LENDER],
}


def build(cls: type[Command[Any]], ids: Ids = SOME_IDS, **changed: Any) -> Command[Any]:
    """The command value, its arguments as :func:`arguments` has them but for ``changed``."""
    args = {**arguments(cls, ids), **changed}
    if cls is c.RecordShift:
        terms = {k: args.pop(k) for k in ("worker", "work_date", "minutes")}
        args["shift"] = c.ShiftTerms.of(**terms)
    return cls(actor=ACTORS.get(cls, REPS[BORROWER]), request_id="cmd-1", **args)


def service_call(market: ShareMarket, cls: type[Command[Any]], request_id: str, **args: Any):
    """The façade's method for ``cls`` (``market.labour.<snake_case name>``), called."""
    method = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()
    actor = ACTORS.get(cls, REPS[BORROWER])
    return getattr(market.labour, method)(actor, request_id=request_id, **args)


# Strategies ------------------------------------------------------------------------------------

#: A datetime, naive or aware (park time, UTC), including a midnight whose date() is a valid day.
DATETIMES = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 12, 31),
    timezones=st.none() | st.just(PARK_TZ) | st.just(UTC),
)
#: An id as text, as a host might keep it: canonical, upper case, hex or braced.
TEXT_IDS = st.uuids().flatmap(
    lambda u: st.sampled_from([str(u), str(u).upper(), u.hex, "{" + str(u) + "}"])
)


def names_only(message: str, field: str, others: tuple[str, ...]) -> bool:
    """Whether ``message`` names ``field`` and none of the command's other checked fields."""
    named = {name for name in (field, *others) if re.search(rf"\b{name}\b", message)}
    return {field} == named


# The values are frozen ---------------------------------------------------------------------------


def test_every_labour_command_is_covered():
    """The tables below list every command of the module, so a new one is checked too."""
    assert set(COMMANDS) == set(all_arguments(SOME_IDS))
    assert {
        (c.ProposeAgreement, "first_day"),
        (c.ProposeAgreement, "last_day"),
        (c.RecordShift, "work_date"),
        (c.RerecordShift, "work_date"),
        (c.CorrectShift, "work_date"),
        (c.DeclareHomeHours, "work_date"),
        (c.IssueSettlement, "first_day"),
        (c.IssueSettlement, "last_day"),
    } == set(DATE_FIELDS)
    assert {
        *((cls, "agreement") for cls in COMMANDS if issubclass(cls, c.OnAgreement)),
        *((cls, "shift") for cls in COMMANDS if issubclass(cls, c.OnShift)),
        (c.RecordPayment, "settlement"),
    } == set(ID_FIELDS)


@pytest.mark.parametrize("cls", COMMANDS, ids=lambda cls: cls.__name__)
def test_commands_are_frozen(cls):
    """No field of a command can be set once it is built, and equal commands are equal values
    (a command is hashable, as its fingerprint assumes)."""
    command = build(cls)
    for field in attrs.fields(cls):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(command, field.name, getattr(command, field.name))
    assert build(cls) == command
    assert hash(build(cls)) == hash(command)


def test_a_shifts_terms_are_frozen():
    terms = c.ShiftTerms.of(worker="W-17", work_date=DAY, minutes=480)
    for field in attrs.fields(c.ShiftTerms):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(terms, field.name, getattr(terms, field.name))


# Datetimes are not business dates ----------------------------------------------------------------


@pytest.mark.parametrize("case", DATE_FIELDS, ids=_case_id)
@given(when=DATETIMES)
@example(when=datetime.combine(DAY, time()))
@example(when=datetime.combine(DAY, time(), tzinfo=PARK_TZ))
def test_a_datetime_as_a_business_date_is_a_type_error_naming_the_field(case, when):
    """A datetime is a date subclass, yet a command refuses it where a business date is due:
    the message names the field (and not the command's other date field)."""
    cls, field = case
    with pytest.raises(TypeError) as caught:
        build(cls, **{field: when})
    others = tuple(n for k, n in DATE_FIELDS if k is cls and n != field)
    assert names_only(str(caught.value), field, others), str(caught.value)
    assert "datetime" in str(caught.value)


@given(when=DATETIMES)
def test_a_shifts_terms_refuse_a_datetime_work_date(when):
    with pytest.raises(TypeError, match=r"\bwork_date\b"):
        c.ShiftTerms.of(worker="W-17", work_date=when, minutes=480)
    with pytest.raises(TypeError, match=r"\bwork_date\b"):
        c.ShiftTerms(
            worker="W-17", work_date=when, minutes=480, overtime=0, day_type=DayType.WORKDAY
        )


# Ids are UUIDs, not text -------------------------------------------------------------------------


@pytest.mark.parametrize("case", ID_FIELDS, ids=_case_id)
@given(text=TEXT_IDS)
def test_a_text_id_is_a_type_error_naming_the_field(case, text):
    """An id is the UUID the market returned; its text is refused, naming the field."""
    cls, field = case
    with pytest.raises(TypeError) as caught:
        build(cls, **{field: text})
    others = tuple(n for k, n in ID_FIELDS if k is cls and n != field)
    assert names_only(str(caught.value), field, others), str(caught.value)


# A refused command records nothing ---------------------------------------------------------------


@pytest.fixture
def scene(market: ShareMarket) -> tuple[ShareMarket, Ids]:
    """An accepted March agreement with a confirmed shift, billed; W-18 is free on ``DAY``."""
    establish(market)
    main = agreement(market, "main")
    shift = confirmed_shift(market, main, "s1", minutes=450)
    settlement = market.labour.issue_settlement(
        REPS[LENDER], request_id="settle", agreement=main, first_day=MARCH[0], last_day=MARCH[1]
    )
    return market, Ids(main, shift, settlement)


def assert_records_nothing(market: ShareMarket, request_id: str, call: Callable[[], object]):
    """``call`` raises a TypeError, the log ends where it did and the request id is unused."""
    before = market._app.recorder.max_notification_id()
    with pytest.raises(TypeError) as caught:
        call()
    assert before == market._app.recorder.max_notification_id()
    assert market._uow.receipt(request_id) is None
    return caught.value


SCENE_SETTINGS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.mark.parametrize("case", DATE_FIELDS, ids=_case_id)
@SCENE_SETTINGS
@given(when=DATETIMES)
@example(when=datetime.combine(DAY, time()))
def test_a_command_refused_for_a_datetime_records_nothing(scene, case, when):
    """Through the façade, on every store: the datetime is refused naming the field, and
    nothing is recorded (the scene is the same for every example, as nothing changes it)."""
    market, ids = scene
    cls, field = case
    args = {**arguments(cls, ids), field: when}
    error = assert_records_nothing(
        market, "refused-date", lambda: service_call(market, cls, "refused-date", **args)
    )
    assert re.search(rf"\b{field}\b", str(error)), str(error)


@pytest.mark.parametrize("case", ID_FIELDS, ids=_case_id)
@SCENE_SETTINGS
@given(text=TEXT_IDS)
def test_a_command_refused_for_a_text_id_records_nothing(scene, case, text):
    """Through the façade, on every store: a text id, even the text of the real id, is refused
    naming the field, and nothing is recorded."""
    market, ids = scene
    cls, field = case
    args = arguments(cls, ids)
    for wrong in (text, str(args[field])):
        error = assert_records_nothing(
            market,
            "refused-id",
            lambda wrong=wrong: service_call(market, cls, "refused-id", **{**args, field: wrong}),
        )
        assert re.search(rf"\b{field}\b", str(error)), str(error)


def test_the_valid_arguments_are_accepted(scene):
    """The refusals above are the wrong value's doing: the same commands with the valid
    arguments go through (those a rule allows on this scene)."""
    market, ids = scene
    shift = service_call(market, c.RecordShift, "ok-shift", **arguments(c.RecordShift, ids))
    market.labour.confirm_shift(
        REPS[LENDER], request_id="ok-confirm", agreement=ids.agreement, shift=shift
    )
    service_call(market, c.DeclareHomeHours, "ok-home", **arguments(c.DeclareHomeHours, ids))
    assert isinstance(
        service_call(market, c.IssueSettlement, "ok-settle", **arguments(c.IssueSettlement, ids)),
        UUID,
    )
    service_call(market, c.RecordPayment, "ok-pay", **arguments(c.RecordPayment, ids))
    assert isinstance(
        service_call(
            market, c.ProposeAgreement, "ok-propose", **arguments(c.ProposeAgreement, ids)
        ),
        UUID,
    )
