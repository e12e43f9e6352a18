"""A labour agreement's history of a given length, for the cold-load benchmark (item 5).

Written through the command path in batches (one batch a workday): ten workers each work a
shift every workday, recorded and confirmed, and every month is settled and paid, as a park
uses an agreement. Each of those commands records exactly one event of the agreement, so the
history stops at the exact length asked: the worst case of a load (the snapshot interval minus
one events after the last snapshot) is then written exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from uuid import UUID

from benchmarks import park
from sharemarket import ShareMarket

WORKERS = 10
#: The agreement's proposal and its acceptance.
OPENING_EVENTS = 2


def _commands(
    market: ShareMarket, agreement: park.Agreement, key: str
) -> Iterator[Callable[[], None]]:
    """Commands that each record one event of the agreement, in the order a park makes them."""
    days = park.WORKDAYS
    for i, day in enumerate(days):
        for worker in agreement.workers:
            plan_key = f"{key}-{worker}-{day.isoformat()}"
            shifts: list[UUID] = []

            def record(
                worker: str = worker,
                day: object = day,
                k: str = plan_key,
                shifts: list[UUID] = shifts,
            ) -> None:
                shifts.append(
                    market.labour.record_shift(
                        park.BORROWER_REP,
                        request_id=f"r-{k}",
                        agreement=agreement.agreement_id,
                        worker=worker,
                        work_date=day,  # type: ignore[arg-type]
                        minutes=park.SHIFT_MINUTES,
                    )
                )

            def confirm(k: str = plan_key, shifts: list[UUID] = shifts) -> None:
                market.labour.confirm_shift(
                    park.LENDER_REP,
                    request_id=f"c-{k}",
                    agreement=agreement.agreement_id,
                    shift=shifts[0],
                )

            yield record
            yield confirm
        if i + 1 == len(days) or days[i + 1].month != day.month:
            # Issuing the settlement and paying it: two commands, one event each.
            first = day.replace(day=1)
            month_key = f"{key}-{first.isoformat()}"
            settlement: list[UUID] = []

            def issue(
                first: object = first,
                day: object = day,
                k: str = month_key,
                settlement: list[UUID] = settlement,
            ) -> None:
                settlement.append(
                    market.labour.issue_settlement(
                        park.LENDER_REP,
                        request_id=f"settle-{k}",
                        agreement=agreement.agreement_id,
                        first_day=first,  # type: ignore[arg-type]
                        last_day=day,  # type: ignore[arg-type]
                    )
                )

            def pay(k: str = month_key, settlement: list[UUID] = settlement) -> None:
                owed = market.labour.settlement(agreement.agreement_id, settlement[0]).amount
                market.labour.record_payment(
                    park.BORROWER_REP,
                    request_id=f"pay-{k}",
                    agreement=agreement.agreement_id,
                    settlement=settlement[0],
                    amount=owed,
                )

            yield issue
            yield pay


def write_agreement(market: ShareMarket, events: int, key: str, interval: int) -> UUID:
    """An accepted agreement with exactly ``events`` events (the park already established).

    The market snapshots an aggregate when a save takes its version past a multiple of the
    interval, at the version the save ends on: each batch ends on the next multiple, so the
    snapshots are at the multiples and a load replays ``events % interval`` events.
    """
    (agreement,) = park.open_agreements(market, 1, WORKERS, prefix=key)
    commands = _commands(market, agreement, key)
    version = OPENING_EVENTS
    while version < events:
        to_multiple = interval - version % interval
        with market.batch():
            for _ in range(min(events - version, 2 * WORKERS, to_multiple)):
                next(commands)()
                version += 1
    return agreement.agreement_id
