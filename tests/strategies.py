"""Hypothesis strategies: one for every sharemarket domain type, registered for ``st.from_type``.

Sections follow the issues that add the types. Add new sections at the end of the file, and
register each new stored value type with ``register_strategy(Type, strategy)``: the transcoding
round-trip test (tests/application/test_transcodings.py) draws every transcoded type from here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from sharemarket import (
    PARK_TZ,
    Actor,
    FirmId,
    FirmSize,
    FirmStatus,
    Member,
    Minutes,
    Money,
    Role,
    TimeSlot,
)
from sharemarket.domain.actor import USER_ID_MAX
from sharemarket.domain.firm_id import CHARSET, REGISTRATION_AUTHORITIES, check_character
from sharemarket.domain.requests import REQUEST_ID_MAX

T = TypeVar("T")

#: The value types that have a strategy here, for ``st.from_type`` (see ``register_strategy``).
REGISTERED: dict[type[Any], st.SearchStrategy[Any]] = {}


def register_strategy(cls: type[T], strategy: st.SearchStrategy[T]) -> None:
    """Make ``strategy`` the one ``st.from_type(cls)`` gives, and record that ``cls`` has one."""
    REGISTERED[cls] = strategy
    st.register_type_strategy(cls, strategy)


# Foundation ------------------------------------------------------------------------------------

#: Far beyond any real amount (10^16 yuan), small enough to keep examples readable.
FEN_BOUND = 10**18
#: Business dates the examples use: the park's records start long after China's last DST (1991).
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
#: Longest generated time slot: three days, in minutes.
SLOT_MINUTES_MAX = 3 * 24 * 60

DIGITS = "0123456789"
# Printable, without spaces: what the host's opaque ids may hold (Python's str.isprintable).
_ID_CHARS = st.characters(exclude_categories=("C", "Z"))
# Readable names: latin and CJK letters with inner spaces, as firm and park names are written.
_NAME_CHARS = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -&()"
    "德化同鑫陶瓷有限公司园区彩绘倒坯修坯上釉航空生物医药"
)


def fen(*, bound: int = FEN_BOUND) -> st.SearchStrategy[int]:
    """An amount in integer fen, negative amounts included."""
    return st.integers(min_value=-bound, max_value=bound)


def money(*, bound: int = FEN_BOUND, min_fen: int | None = None) -> st.SearchStrategy[Money]:
    """Money from integer fen; ``min_fen=0`` for amounts that cannot be negative."""
    low = -bound if min_fen is None else min_fen
    return st.integers(min_value=low, max_value=bound).map(Money)


@st.composite
def money_texts(draw: st.DrawFn, *, bound: int = FEN_BOUND) -> tuple[str, Money]:
    """A decimal string of yuan the way people write it, and the Money it stands for.

    "1234.56", "1,234.56", "¥1,234.56", "-¥0.05", "1234.5", "1234" (whole yuan only).
    """
    amount = draw(money(bound=bound))
    sign = "-" if amount.fen < 0 else ""
    yuan, cents = divmod(abs(amount.fen), 100)
    plain = f"{yuan}.{cents:02d}"
    forms = [plain, f"{yuan:,}.{cents:02d}", str(amount).removeprefix("-")]
    if cents % 10 == 0:
        forms.append(f"{yuan}.{cents // 10}")
    if cents == 0:
        forms.append(str(yuan))
    return sign + draw(st.sampled_from(forms)), amount


def minutes(
    *, min_value: int = -7 * 24 * 60, max_value: int = 7 * 24 * 60
) -> st.SearchStrategy[Minutes]:
    """A span of whole minutes (a week either way by default)."""
    return st.integers(min_value=min_value, max_value=max_value).map(Minutes)


@st.composite
def firm_ids(draw: st.DrawFn, *, authorities: str = REGISTRATION_AUTHORITIES) -> FirmId:
    """A valid unified social credit code: authority, category, six-digit region, organisation
    code, and the check character computed with the GB 32100-2015 weights."""
    authority = draw(st.sampled_from(authorities))
    category = draw(st.sampled_from(CHARSET))
    region = "".join(draw(st.lists(st.sampled_from(DIGITS), min_size=6, max_size=6)))
    organisation = "".join(draw(st.lists(st.sampled_from(CHARSET), min_size=9, max_size=9)))
    first_17 = authority + category + region + organisation
    return FirmId(first_17 + check_character(first_17))


def business_dates(
    *, min_value: date = FIRST_DAY, max_value: date = LAST_DAY
) -> st.SearchStrategy[date]:
    """A business date of the park (a work day, a due date, a booking day)."""
    return st.dates(min_value=min_value, max_value=max_value)


def park_instants() -> st.SearchStrategy[datetime]:
    """An aware instant in park time (Asia/Shanghai), down to the microsecond."""
    return st.datetimes(
        min_value=datetime(FIRST_DAY.year, 1, 1),
        max_value=datetime(LAST_DAY.year, 12, 31),
        timezones=st.just(PARK_TZ),
    )


@st.composite
def time_slots(
    draw: st.DrawFn, *, max_minutes: int = SLOT_MINUTES_MAX, whole_minutes: bool = False
) -> TimeSlot:
    """A half-open slot ``[start, end)`` in park time lasting 1 to ``max_minutes`` minutes.

    ``whole_minutes=True`` starts it on a minute boundary, as bookings and shifts do.
    """
    start = draw(park_instants())
    if whole_minutes:
        start = start.replace(second=0, microsecond=0)
    length = draw(st.integers(min_value=1, max_value=max_minutes))
    return TimeSlot(start, start + timedelta(minutes=length))


def user_ids() -> st.SearchStrategy[str]:
    """An opaque user id chosen by the host: 1-64 printable characters, no spaces."""
    return st.text(_ID_CHARS, min_size=1, max_size=USER_ID_MAX)


def request_ids() -> st.SearchStrategy[str]:
    """A caller-supplied request id: 1-128 printable characters, no spaces (UUIDs included)."""
    return st.one_of(
        st.uuids().map(str),
        st.text(_ID_CHARS, min_size=1, max_size=REQUEST_ID_MAX),
    )


def names(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """A park, firm or industry name as the domain stores it (stripped, not empty)."""
    return st.text(_NAME_CHARS, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def roles() -> st.SearchStrategy[Role]:
    return st.sampled_from(Role)


def administrators() -> st.SearchStrategy[Actor]:
    """A person acting as a park administrator (a claim the park checks)."""
    return user_ids().map(Actor.administrator)


def representatives(firm: FirmId | None = None) -> st.SearchStrategy[Actor]:
    """A person acting for a firm (``firm`` or any valid one)."""
    firms = st.just(firm) if firm is not None else firm_ids()
    return st.builds(Actor.for_firm, user_ids(), firms)


def actors() -> st.SearchStrategy[Actor]:
    """Any actor: a park administrator or a firm's representative."""
    return st.one_of(administrators(), representatives())


def firm_sizes() -> st.SearchStrategy[FirmSize]:
    return st.sampled_from(FirmSize)


def firm_statuses() -> st.SearchStrategy[FirmStatus]:
    return st.sampled_from(FirmStatus)


def representative_lists(*, max_size: int = 4) -> st.SearchStrategy[tuple[str, ...]]:
    """The representatives of one firm as the park holds them: distinct and sorted."""
    return st.lists(user_ids(), min_size=1, max_size=max_size, unique=True).map(
        lambda users: tuple(sorted(users))
    )


def members(*, statuses: st.SearchStrategy[FirmStatus] | None = None) -> st.SearchStrategy[Member]:
    """What the park holds about one member firm."""
    return st.builds(
        Member,
        firm=firm_ids(),
        name=names(),
        industry=names(max_size=20),
        size=firm_sizes(),
        status=statuses if statuses is not None else firm_statuses(),
        representatives=representative_lists(),
    )


# Every value type of this section, for ``st.from_type`` (the transcoding round-trip test).
register_strategy(Money, money())
register_strategy(Minutes, minutes())
register_strategy(FirmId, firm_ids())
register_strategy(TimeSlot, time_slots())
register_strategy(Actor, actors())
register_strategy(Member, members())


# Labour sharing ---------------------------------------------------------------------------------
# (Imports sit here, not at the top, so that this section is appended without touching the rest.)

from decimal import Decimal  # noqa: E402

from sharemarket import (  # noqa: E402
    LABOUR_LAW,
    AgreementStatus,
    DayType,
    InvalidInput,
    Settlement,
    Shift,
    ShiftStatus,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.settlement import settle  # noqa: E402
from sharemarket.domain.labour.shift import DAY_MINUTES, ShiftEntry  # noqa: E402
from sharemarket.domain.labour.workers import WORKER_REF_MAX, check_worker_ref  # noqa: E402

#: Latin, Greek, Cyrillic, symbols... everything below the CJK blocks (names are refused there).
_WORKER_REF_CHARS = st.characters(exclude_categories=("C", "Z"), max_codepoint=0x2FFF)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑苏"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def _is_opaque(ref: str) -> bool:
    try:
        check_worker_ref(ref)
    except InvalidInput:
        return False
    return True


def worker_refs() -> st.SearchStrategy[str]:
    """An opaque worker reference a host might choose ("W-17", "fettler-03"): never personal
    data (no 11+ digit runs, no resident ID, no phone number, no Chinese characters)."""
    return st.one_of(
        st.integers(min_value=1, max_value=99999).map(lambda n: f"W-{n}"),
        st.from_regex(r"[A-Za-z][A-Za-z0-9_.:-]{0,30}", fullmatch=True),
        st.text(_WORKER_REF_CHARS, min_size=1, max_size=WORKER_REF_MAX),
    ).filter(_is_opaque)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    """Something shaped like an 18-character resident ID: 17 digits and a digit or X."""
    digits = "".join(draw(st.lists(st.sampled_from(DIGITS), min_size=17, max_size=17)))
    return digits + draw(st.sampled_from(DIGITS + "Xx"))


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    """A mainland mobile (13812345678, +86 138-1234-5678) or landline (0595-23581234) number."""
    sep = draw(st.sampled_from(["", "-", " "]))
    if draw(st.booleans()):
        prefix = "1" + draw(st.sampled_from("3456789")) + draw(st.sampled_from(DIGITS))
        rest = "".join(draw(st.lists(st.sampled_from(DIGITS), min_size=8, max_size=8)))
        country = draw(st.sampled_from(["", "+86", "86", "+86 ", "+86-"]))
        return f"{country}{prefix}{sep}{rest[:4]}{sep}{rest[4:]}"
    area = "0" + "".join(draw(st.lists(st.sampled_from(DIGITS), min_size=2, max_size=3)))
    n = draw(st.integers(min_value=7, max_value=8))
    local = "".join(draw(st.lists(st.sampled_from(DIGITS), min_size=n, max_size=n)))
    return f"{area}{sep or '-'}{local}"


def chinese_names() -> st.SearchStrategy[str]:
    """A Chinese personal name: a surname and one or two given-name characters."""
    return st.builds(
        lambda surname, given: surname + given,
        st.sampled_from(_SURNAMES),
        st.text(st.sampled_from(_GIVEN), min_size=1, max_size=2),
    )


def personal_data() -> st.SearchStrategy[str]:
    """What must never be a worker reference: an ID number, a phone number or a name, alone or
    inside an otherwise opaque reference."""
    bare = st.one_of(resident_ids(), phone_numbers(), chinese_names())
    return st.one_of(bare, st.builds(lambda p, s: f"W-{s}" if p else f"{s}-1", st.booleans(), bare))


def day_types() -> st.SearchStrategy[DayType]:
    return st.sampled_from(DayType)


def shift_statuses() -> st.SearchStrategy[ShiftStatus]:
    return st.sampled_from(ShiftStatus)


def agreement_statuses() -> st.SearchStrategy[AgreementStatus]:
    return st.sampled_from(AgreementStatus)


def overtime_multipliers(*, min_value: Decimal | int = 1) -> st.SearchStrategy[Decimal]:
    """An overtime pay multiplier: a Decimal of at least ``min_value``, up to 5, two places."""
    return st.decimals(min_value=min_value, max_value=5, places=2)


@st.composite
def working_time_policies(draw: st.DrawFn, *, stricter: bool = False) -> WorkingTimePolicy:
    """A valid working-time policy. ``stricter=True``: every cap at or below the Labour Law's
    (and the weekly cap and rest day kept), every multiplier at or above it."""
    law = LABOUR_LAW
    if stricter:
        weekly_max = law.weekly_standard_max.value if law.weekly_standard_max else 2400
        return WorkingTimePolicy(
            daily_standard=draw(minutes(min_value=0, max_value=law.daily_standard.value)),
            daily_overtime_max=draw(minutes(min_value=0, max_value=law.daily_overtime_max.value)),
            monthly_overtime_max=draw(
                minutes(min_value=0, max_value=law.monthly_overtime_max.value)
            ),
            weekly_standard_max=draw(minutes(min_value=0, max_value=weekly_max)),
            weekly_rest_day=True,
            workday_overtime_multiplier=draw(
                overtime_multipliers(min_value=law.workday_overtime_multiplier)
            ),
            rest_day_multiplier=draw(overtime_multipliers(min_value=law.rest_day_multiplier)),
            holiday_multiplier=draw(overtime_multipliers(min_value=law.holiday_multiplier)),
        )
    return WorkingTimePolicy(
        daily_standard=draw(minutes(min_value=0, max_value=12 * 60)),
        daily_overtime_max=draw(minutes(min_value=0, max_value=6 * 60)),
        monthly_overtime_max=draw(minutes(min_value=0, max_value=100 * 60)),
        weekly_standard_max=draw(st.none() | minutes(min_value=0, max_value=72 * 60)),
        weekly_rest_day=draw(st.booleans()),
        workday_overtime_multiplier=draw(overtime_multipliers()),
        rest_day_multiplier=draw(overtime_multipliers()),
        holiday_multiplier=draw(overtime_multipliers()),
    )


@st.composite
def shifts(
    draw: st.DrawFn,
    *,
    workers: st.SearchStrategy[str] | None = None,
    work_dates: st.SearchStrategy[date] | None = None,
    max_minutes: int = DAY_MINUTES,
) -> Shift:
    """A valid shift: 1 to ``max_minutes`` minutes, of which overtime (all of it on a rest day
    or a statutory holiday)."""
    day_type = draw(day_types())
    length = draw(st.integers(min_value=1, max_value=max_minutes))
    overtime = (
        draw(st.integers(min_value=0, max_value=length)) if day_type is DayType.WORKDAY else length
    )
    return Shift(
        shift_id=draw(st.uuids()),
        worker=draw(workers if workers is not None else worker_refs()),
        work_date=draw(work_dates if work_dates is not None else business_dates()),
        minutes=Minutes(length),
        overtime=Minutes(overtime),
        day_type=day_type,
    )


def shift_entries() -> st.SearchStrategy[ShiftEntry]:
    """A shift as an agreement holds it: any status, maybe settled, maybe with a note."""
    return st.builds(
        ShiftEntry,
        shift=shifts(),
        status=shift_statuses(),
        settlement_id=st.none() | st.uuids(),
        note=st.text(_NAME_CHARS, max_size=40),
    )


def hourly_rates(*, max_fen: int = 10**6) -> st.SearchStrategy[Money]:
    """An hourly rate of a labour agreement: zero (not for profit) up to ``max_fen``."""
    return money(min_fen=0, bound=max_fen)


@st.composite
def settlements(
    draw: st.DrawFn,
    *,
    policies: st.SearchStrategy[WorkingTimePolicy] | None = None,
    rates: st.SearchStrategy[Money] | None = None,
) -> Settlement:
    """A settlement as the domain issues it: 1 to 8 shifts priced under a policy and rate."""
    chosen = draw(st.lists(shifts(), min_size=1, max_size=8, unique_by=lambda s: s.shift_id))
    days = [s.work_date for s in chosen]
    return settle(
        settlement_id=draw(st.uuids()),
        first_day=min(days),
        last_day=max(days),
        shifts=chosen,
        rate_per_hour=draw(rates if rates is not None else hourly_rates()),
        policy=draw(policies if policies is not None else working_time_policies()),
    )


register_strategy(DayType, day_types())
register_strategy(ShiftStatus, shift_statuses())
register_strategy(AgreementStatus, agreement_statuses())
register_strategy(WorkingTimePolicy, working_time_policies())
register_strategy(Shift, shifts())
register_strategy(ShiftEntry, shift_entries())
register_strategy(Settlement, settlements())
