"""A loan's schedule and what remains owed on it, as the loan's snapshot stores them: rows of
integers.

A loan keeps one instalment and one amount owed per period (up to 360). As typed values they
cost about 430 bytes of snapshot a period, so a 30-year loan's snapshot was 154 kB; as rows
(``[number, due day, principal, interest]`` and ``[number, due day, principal, interest,
penalty]``, the due day as its proleptic ordinal, amounts in fen) about 65 (issue 20). The loan
itself keeps the typed tuples, which every decision reads: only its snapshot holds rows, turned
back into the same values when it is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sharemarket.domain.funds.allocation import Owed
from sharemarket.domain.funds.schedule import Instalment
from sharemarket.domain.money import Money


def schedule_rows(schedule: Iterable[Instalment]) -> list[list[int]]:
    return [[i.number, i.due_on.toordinal(), i.principal.fen, i.interest.fen] for i in schedule]


def owed_rows(owed: Iterable[Owed]) -> list[list[int]]:
    return [
        [o.number, o.due_on.toordinal(), o.principal.fen, o.interest.fen, o.penalty.fen]
        for o in owed
    ]


def schedule_of(rows: Iterable[list[int]]) -> tuple[Instalment, ...]:
    return tuple(
        Instalment(number, date.fromordinal(day), Money(principal), Money(interest))
        for number, day, principal, interest in rows
    )


def owed_of(rows: Iterable[list[int]]) -> tuple[Owed, ...]:
    return tuple(
        Owed(number, date.fromordinal(day), Money(principal), Money(interest), Money(penalty))
        for number, day, principal, interest, penalty in rows
    )


def compact(state: dict[str, Any]) -> None:
    """A loan's state as its snapshot stores it: the schedule and what is owed as rows. Also
    the upcast of a snapshot of version 1, which stored them as typed values."""
    state["schedule"] = schedule_rows(state["schedule"])
    state["owed"] = owed_rows(state["owed"])


def expand(state: dict[str, Any]) -> None:
    """A loan's state as the loan keeps it, from its snapshot's: typed tuples again."""
    state["schedule"] = schedule_of(state["schedule"])
    state["owed"] = owed_of(state["owed"])
