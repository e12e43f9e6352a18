"""A member firm: its size and status, the Member value, and the compact row the park stores.

The park keeps a row for each current member (a firm that left keeps its row in a record of its
own: ``former.py``), so what it stores per firm is what its snapshot grows by. A ``Member``
stored as a typed value took about 334 bytes (a wrapper for the value, the credit code, the size
and the status); a row of plain JSON values takes about 125 (issue 20: 99 kB for Dehua's 297
firms before, 37 kB after). The rows are the stored state; domain code reads them as ``Member``
values.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from sharemarket.domain.actor import check_user_id
from sharemarket.domain.firm_id import FirmId

#: The longest name, industry or reason the park records.
NAME_MAX = 200


class FirmSize(enum.Enum):
    """Enterprise size class (大中小微企业划型)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class FirmStatus(enum.Enum):
    """A member firm's standing in the park: active, suspended (暂停) or left (退出)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    LEFT = "left"


def representative_ids(values: Iterable[str]) -> tuple[str, ...]:
    """User ids as a firm's representatives are held: checked, distinct, sorted."""
    if isinstance(values, str):
        # A str is an iterable of one-character "user ids": "rep-1" would make five of them.
        raise TypeError(f"representatives is a list of user ids, not a str: write [{values!r}]")
    return tuple(sorted({check_user_id(v) for v in values}))


@attrs.frozen
class Member:
    """What the park holds about one member firm."""

    firm: FirmId
    name: str
    industry: str
    size: FirmSize
    status: FirmStatus
    representatives: tuple[str, ...] = attrs.field(converter=representative_ids)

    @property
    def is_active(self) -> bool:
        """Whether the firm may undertake anything new (neither suspended nor gone)."""
        return self.status is FirmStatus.ACTIVE


# The compact row of a member, stored under its credit code:
# [name, industry, size value, status value, [representative user ids, sorted]].
Row = list[Any]
Rows = dict[str, Row]
_NAME, _INDUSTRY, _SIZE, _STATUS, _REPRESENTATIVES = range(5)


def row_of(member: Member) -> Row:
    return [
        member.name,
        member.industry,
        member.size.value,
        member.status.value,
        list(member.representatives),
    ]


_SIZES = {size.value: size for size in FirmSize}
_STATUSES = {status.value: status for status in FirmStatus}
# Member is slotted (attrs.frozen): its slots' own setters, as attrs' generated __init__ uses.
_SET_FIRM, _SET_NAME, _SET_INDUSTRY, _SET_SIZE, _SET_STATUS, _SET_REPRESENTATIVES = (
    getattr(Member, field.name).__set__ for field in attrs.fields(Member)
)


def member_of(firm: FirmId, row: Row) -> Member:
    """The member a stored row holds.

    Every permission check of every slice reads one, so it is built without checking again what
    was checked when it was recorded (valid user ids, distinct and sorted): a third of the time.
    """
    member: Member = object.__new__(Member)
    _SET_FIRM(member, firm)
    _SET_NAME(member, row[_NAME])
    _SET_INDUSTRY(member, row[_INDUSTRY])
    _SET_SIZE(member, _SIZES[row[_SIZE]])
    _SET_STATUS(member, _STATUSES[row[_STATUS]])
    _SET_REPRESENTATIVES(member, tuple(row[_REPRESENTATIVES]))
    return member


#: Members already built, by credit code, each with the row it was built from. A row is replaced,
#: never changed in place, when its member changes: a member built from the very row still
#: stored is that member.
Built = dict[str, tuple[Row, Member]]


def built_member(built: Built, code: str, row: Row, firm: FirmId | None = None) -> Member:
    """The member ``row`` holds: built once, then read from ``built`` until the row changes."""
    hit = built.get(code)
    if hit is not None and hit[0] is row:
        return hit[1]
    member = member_of(FirmId(code) if firm is None else firm, row)
    built[code] = (row, member)
    return member


def has_left(row: Row) -> bool:
    return bool(row[_STATUS] == FirmStatus.LEFT.value)


def represents(row: Row, user: str) -> bool:
    return user in row[_REPRESENTATIVES]


def with_status(row: Row, status: FirmStatus) -> Row:
    """A new row (rows are replaced, never changed in place)."""
    return [*row[:_STATUS], status.value, row[_REPRESENTATIVES]]


def with_representatives(row: Row, users: Iterable[str]) -> Row:
    return [*row[:_REPRESENTATIVES], sorted(set(users))]


def representatives_of(row: Row) -> list[str]:
    return list(row[_REPRESENTATIVES])


def rows_of(members: dict[str, Member]) -> Rows:
    """Members kept as values (snapshots of class version 1) as rows."""
    return {code: row_of(member) for code, member in members.items()}
