"""Long market histories written through market.batch(): a day of attendance per batch.

Every workday each worker of every agreement works an 8-hour shift that is recorded and
confirmed; at each month's end every agreement settles the month and the borrower pays it. So the
history holds what the projections map: confirmed shifts (labour postings), settlements and
payments (money postings), and every other event of those commands (timesheet hours).
"""

from __future__ import annotations

import math
from datetime import date

from benchmarks import park
from benchmarks.counting import EventCount
from sharemarket import ShareMarket

#: Workers per agreement: small agreements keep each agreement's snapshot small.
WORKERS_EACH = 10
#: Stored events per confirmed shift, roughly (shift, hours, confirmation; the two request
#: receipts are not events).
EVENTS_PER_SHIFT = 3


def agreements_for(events: int) -> int:
    """Agreements enough for ``events`` within the year's workdays (with a margin)."""
    per_agreement = WORKERS_EACH * len(park.WORKDAYS) * EVENTS_PER_SHIFT
    return max(1, math.ceil(1.2 * events / per_agreement))


def write(market: ShareMarket, events: int, *, prefix: str = "h") -> int:
    """Write at least ``events`` events (and stop at the end of a day); return how many exist."""
    park.establish(market)
    agreements = park.open_agreements(market, agreements_for(events), WORKERS_EACH, prefix=prefix)
    count = EventCount(market)
    written = count()
    days = park.WORKDAYS
    for i, day in enumerate(days):
        with market.batch():
            for agreement in agreements:
                for worker in agreement.workers:
                    key = f"{prefix}{worker}-{day.isoformat()}"
                    plan = park.ShiftPlan(
                        agreement.agreement_id, worker, day, f"r-{key}", f"c-{key}"
                    )
                    park.record_and_confirm(market, plan)
            if i + 1 == len(days) or days[i + 1].month != day.month:
                settle_month(market, agreements, day, prefix)
        written = count()
        if written >= events:
            break
    return written


def settle_month(
    market: ShareMarket, agreements: list[park.Agreement], day: date, prefix: str
) -> None:
    first = day.replace(day=1)
    for agreement in agreements:
        key = f"{prefix}{agreement.agreement_id.hex[:8]}-{first.isoformat()}"
        settlement = market.labour.issue_settlement(
            park.LENDER_REP,
            request_id=f"settle-{key}",
            agreement=agreement.agreement_id,
            first_day=first,
            last_day=day,
        )
        owed = market.labour.settlement(agreement.agreement_id, settlement).amount
        market.labour.record_payment(
            park.BORROWER_REP,
            request_id=f"pay-{key}",
            agreement=agreement.agreement_id,
            settlement=settlement,
            amount=owed,
        )
