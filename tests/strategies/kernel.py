"""Strategies of the values every slice shares (money, minutes, ids, dates, actors)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from sharemarket import (
    PARK_TZ,
    Actor,
    FirmId,
    Minutes,
    Money,
    Role,
    TimeSlot,
)
from sharemarket.domain.actor import USER_ID_MAX, check_user_id
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import (
    CATEGORIES,
    CHARSET,
    REGISTRATION_AUTHORITIES,
    check_character,
)
from sharemarket.domain.requests import REQUEST_ID_MAX
from sharemarket.domain.text import personal_data_in

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
# What opaque ids are drawn from: printable, no spaces, below the CJK blocks (names are refused).
_OPAQUE_CHARS = st.characters(exclude_categories=("C", "Z"), max_codepoint=0x2FFF)
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
    category = draw(st.sampled_from(CATEGORIES[authority]))
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


def _is_user_id(text: str) -> bool:
    try:
        check_user_id(text)
    except InvalidInput:
        return False
    return True


def user_ids() -> st.SearchStrategy[str]:
    """An opaque user id chosen by the host: 1-64 printable characters, no spaces, nothing that
    looks like personal data (no Chinese characters, which may be a name; no phone number)."""
    return st.text(_OPAQUE_CHARS, min_size=1, max_size=USER_ID_MAX).filter(_is_user_id)


def request_ids() -> st.SearchStrategy[str]:
    """A caller-supplied request id: 1-128 printable characters, no spaces (UUIDs included)."""
    return st.one_of(
        st.uuids().map(str),
        st.text(_ID_CHARS, min_size=1, max_size=REQUEST_ID_MAX),
    )


def names(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """A park, firm or industry name as the domain stores it (stripped, not empty, and nothing
    the domain refuses as personal data: a run of digits may read as a phone number)."""
    return (
        st.text(_NAME_CHARS, min_size=1, max_size=max_size)
        .map(str.strip)
        .filter(lambda name: bool(name) and personal_data_in(name) is None)
    )


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


register_strategy(Money, money())
register_strategy(Minutes, minutes())
register_strategy(FirmId, firm_ids())
register_strategy(TimeSlot, time_slots())
register_strategy(Actor, actors())
