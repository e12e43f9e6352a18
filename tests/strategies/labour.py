"""Strategies of the labour slice's values (共享用工): workers, shifts, policies, settlements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from sharemarket import (
    LABOUR_LAW,
    AgreementStatus,
    DayType,
    InvalidInput,
    Minutes,
    Money,
    Settlement,
    Shift,
    ShiftStatus,
    WorkingTimePolicy,
)
from sharemarket.application.labour.commands import ShiftTerms
from sharemarket.domain.labour.settlement import settle
from sharemarket.domain.labour.shift import DAY_MINUTES, ShiftEntry
from sharemarket.domain.labour.workers import WORKER_REF_MAX, check_worker_ref
from tests.strategies.kernel import (
    _NAME_CHARS,
    DIGITS,
    business_dates,
    minutes,
    money,
    register_strategy,
)

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


@st.composite
def shift_terms(draw: st.DrawFn) -> ShiftTerms:
    """What a borrowing firm's record_shift command says of a shift (the command's part)."""
    shift = draw(shifts())
    return ShiftTerms.of(
        worker=shift.worker,
        work_date=shift.work_date,
        minutes=shift.minutes,
        overtime=shift.overtime,
        day_type=shift.day_type,
    )


register_strategy(ShiftTerms, shift_terms())
