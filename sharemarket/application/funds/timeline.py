"""The pools' cash and the loans' outstanding principal through a period, by the dates the
money moved: a report folded from the event log.

Each pool and loan is replayed from its events (the domain's own arithmetic); what an event
changed is counted on the date it carries (received, paid, disbursed on). A pool's cash that left
for a loan moves on the loan's disbursal date, a refund of an overpayment on the refund's date.
The figures of the last day are those ``market.funds.pool(...)`` and ``.loan(...)`` give now,
when no money moved after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import attrs

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.log_reads import read_events
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.money import Money
from sharemarket.domain.time import business_date

_POOL_EVENTS = (
    Pool.Established,
    Pool.ContributionReceived,
    Pool.ContributionWithdrawn,
    Pool.CashLent,
    Pool.CashReturned,
    Pool.CashRefunded,
    Pool.LoanLost,
    Pool.LossRecovered,
    Pool.ApproversSet,
)
# Loan events that change no principal are still replayed: a later one reads their state.
_LOAN_EVENTS = tuple(
    cls
    for cls in vars(Loan).values()
    if isinstance(cls, type)
    and issubclass(cls, Loan.Event)
    and cls not in (Loan.Event, Loan.Created)
    and cls.__qualname__.startswith("Loan.")
)
#: The longest period a timeline covers: ten years of days.
TIMELINE_DAYS_MAX = 3660


@attrs.frozen
class FundsDay:
    """The end of one day: cash in the pools, and principal still owed on every loan (pool
    loans and loans between members; a written-off loan's principal stays owed)."""

    day: date
    pool_cash: Money
    loans_outstanding: Money


@attrs.frozen
class FundsTimeline:
    """One row a day from ``first_day`` to ``last_day``, both included."""

    first_day: date
    last_day: date
    days: tuple[FundsDay, ...]


def _dated(event: Any, disbursed: dict[UUID, date], refunded: dict[UUID, date]) -> date:
    for name in ("received_on", "paid_on", "disbursed_on", "on", "as_of"):
        value = getattr(event, name, None)
        if isinstance(value, date):
            return value
    if isinstance(event, Pool.CashLent) and event.loan in disbursed:
        return disbursed[event.loan]
    if isinstance(event, Pool.CashRefunded) and event.loan in refunded:
        return refunded[event.loan]
    return business_date(event.timestamp)


def _figure(aggregate: Any) -> int:
    """A pool's cash or a loan's principal still owed, in fen (0 before it exists)."""
    if isinstance(aggregate, Pool):
        return aggregate.cash.fen
    if isinstance(aggregate, Loan):
        return aggregate.outstanding_principal.fen
    return 0


def _changes(events: Iterable[Any]) -> tuple[dict[date, int], dict[date, int]]:
    """What each day changed of the pools' cash and of the loans' principal, in fen."""
    events = list(events)
    disbursed = {e.originator_id: e.disbursed_on for e in events if isinstance(e, Loan.Disbursed)}
    refunded = {
        e.originator_id: e.paid_on for e in events if isinstance(e, Loan.OverpaymentRefunded)
    }
    aggregates: dict[UUID, Any] = {}
    cash: dict[date, int] = {}
    principal: dict[date, int] = {}
    for event in events:
        before = aggregates.get(event.originator_id)
        if isinstance(event, Loan.DisbursalUndone) and before is not None:
            day = before.disbursed_on  # undone: as if it had never been lent
        else:
            day = _dated(event, disbursed, refunded)
        was = _figure(before)  # read before the event: it changes the aggregate in place
        after = event.mutate(before)
        aggregates[event.originator_id] = after
        into = cash if isinstance(after, Pool) else principal
        into[day] = into.get(day, 0) + _figure(after) - was
    return cash, principal


def funds_timeline(log: EventLog, first_day: date, last_day: date) -> FundsTimeline:
    cash, principal = _changes(read_events(log, (*_POOL_EVENTS, *_LOAN_EVENTS)))
    cash_now = sum(fen for day, fen in cash.items() if day < first_day)
    owed_now = sum(fen for day, fen in principal.items() if day < first_day)
    days = []
    day = first_day
    while day <= last_day:
        cash_now += cash.get(day, 0)
        owed_now += principal.get(day, 0)
        days.append(FundsDay(day, Money(cash_now), Money(owed_now)))
        day += timedelta(days=1)
    return FundsTimeline(first_day, last_day, tuple(days))
