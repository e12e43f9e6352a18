"""The guarantee network as it stood on a past date, rebuilt from the stored events.

The network aggregate holds the guarantees in force now; the past is in the events. A loan of
the market is replayed up to the date: every step with a business date of its own (a disbursal,
a repayment, a guarantor's payment, a write-off ...) dated on or before it, and the steps
without one (a request, an acceptance, an approval, a rejection) that were recorded before the
first step dated after it. Its guarantees then stand as they stood: in force while the loan had
not ended, exposed by the principal it still owed then. A bank loan's guarantee carries no
business date: it counts from the park date it was recorded on until the one it was released on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import project_aggregate

from sharemarket.domain.funds.guaranteeing import ENDED
from sharemarket.domain.funds.guarantees import GuaranteeStatus
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.network import GuaranteeNetwork, HeldGuarantee, NetworkReport, report
from sharemarket.domain.time import business_date

#: The fields a loan's events carry their business date in, in the order they are looked for.
DATED = ("disbursed_on", "paid_on", "on", "as_of")


def dated(event: object) -> date | None:
    """The business date an event records, or None for a step without one."""
    for name in DATED:
        value = getattr(event, name, None)
        if isinstance(value, date):
            return value
    return None


def loan_as_of(events: Iterable[Any], day: date) -> Loan | None:
    """The loan as it stood on ``day`` (None if it was not yet requested by then)."""
    prefix = []
    for event in events:
        when = dated(event)
        if when is not None and when > day:
            break
        prefix.append(event)
    loan = project_aggregate(None, prefix) if prefix else None
    return loan if isinstance(loan, Loan) else None


def network_as_of(network_events: Iterable[Any], loan_events: Any, day: date) -> NetworkReport:
    """The report as of ``day``: ``network_events`` are the network's stored events, and
    ``loan_events(loan_id)`` gives a loan's."""
    externals: dict[str, HeldGuarantee] = {}
    market_loans: dict[UUID, set[str]] = {}
    for event in network_events:
        recorded_on = business_date(event.timestamp)
        if isinstance(event, GuaranteeNetwork.GuaranteeHeld):
            g = event.guarantee
            if g.external:
                if recorded_on <= day:
                    externals[g.key] = g
            else:
                market_loans.setdefault(g.loan, set()).add(g.guarantor.code)
        elif isinstance(event, GuaranteeNetwork.GuaranteesReleased) and recorded_on <= day:
            prefix = f"{event.loan}:"
            externals = {k: g for k, g in externals.items() if not k.startswith(prefix)}
    held = list(externals.values())
    exposure = {g.key: g.limit for g in held}
    for loan_id, guarantors in market_loans.items():
        loan = loan_as_of(loan_events(loan_id), day)
        if loan is None or loan.status in ENDED:
            continue
        for given in loan.guarantors:
            if given.guarantor.code in guarantors and given.status is GuaranteeStatus.ACCEPTED:
                h = HeldGuarantee(loan.id, given.guarantor, loan.borrower, loan.lender, given.limit)
                held.append(h)
                exposure[h.key] = loan.exposure(given.guarantor)
    return report(held, exposure)
