"""A member firm: its size and status, the Member value, and the compact row the park stores.

The park keeps every firm it ever admitted (a firm that left is refused re-admission, and its
representatives may still pay what it owes), so what it stores per firm is what its snapshot
grows by. A ``Member`` stored as a typed value took about 334 bytes (a wrapper for the value,
the credit code, the size and the status); a row of plain JSON values takes about 125 (issue
20: 99 kB for Dehua's 297 firms before, 37 kB after). The rows are the stored state; domain
code reads them as ``Member`` values.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from sharemarket.domain.actor import check_user_id
from sharemarket.domain.firm_id import FirmId


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


def member_of(firm: FirmId, row: Row) -> Member:
    return Member(
        firm,
        row[_NAME],
        row[_INDUSTRY],
        FirmSize(row[_SIZE]),
        FirmStatus(row[_STATUS]),
        row[_REPRESENTATIVES],
    )


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
