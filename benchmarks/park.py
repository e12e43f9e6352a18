"""The benchmark park: two member firms, agreements with distinct workers, and a shift plan.

The plan never meets a working-time cap: every worker works at most one 8-hour shift on each
workday (Monday to Friday) of 2026 that China's calendar keeps a workday, with no overtime, so
at most 40 hours a week and a free weekend. The shifts give no day type: as a host's would, each
takes the park's kind of its date (a statutory holiday would make every minute overtime, and
the Spring Festival week would pass the monthly overtime cap).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from sharemarket import Actor, FirmSize, ParkDay, ShareMarket
from sharemarket.application.park.calendar import china_day

LENDER = "91350526MA00000A09"
BORROWER = "91350526MA00000B0A"
ADMIN = Actor.administrator("bench-admin")
LENDER_REP = Actor.for_firm("bench-lender", LENDER)
BORROWER_REP = Actor.for_firm("bench-borrower", BORROWER)
FIRST_DAY, LAST_DAY = date(2026, 1, 1), date(2026, 12, 31)
SHIFT_MINUTES = 8 * 60
WORKDAYS = tuple(
    day
    for day in (FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1))
    if day.weekday() < 5 and china_day(day) is ParkDay.WORKDAY
)


@dataclass(frozen=True)
class Agreement:
    agreement_id: UUID
    workers: tuple[str, ...]


@dataclass(frozen=True)
class ShiftPlan:
    """One planned shift and the request ids of its two commands."""

    agreement: UUID
    worker: str
    day: date
    record_id: str
    confirm_id: str


def establish(market: ShareMarket) -> None:
    """The park and its two firms (the lender's workers go to the borrower)."""
    market.park.establish(ADMIN, request_id="bench-park", name="Benchmark ceramics park")
    for request_id, firm, name, size, rep in (
        ("bench-admit-l", LENDER, "借出陶瓷", FirmSize.SMALL, LENDER_REP.user),
        ("bench-admit-b", BORROWER, "借入陶瓷", FirmSize.LARGE, BORROWER_REP.user),
    ):
        market.park.admit_firm(
            ADMIN,
            request_id=request_id,
            firm=firm,
            name=name,
            industry="ceramics",
            size=size,
            representatives=[rep],
        )


def open_agreements(
    market: ShareMarket, count: int, workers_each: int, *, prefix: str = "a"
) -> list[Agreement]:
    """``count`` accepted agreements over the whole year, each with its own workers."""
    made = []
    for a in range(count):
        workers = tuple(f"{prefix}{a}-W{w}" for w in range(workers_each))
        agreement_id = market.labour.propose_agreement(
            BORROWER_REP,
            request_id=f"bench-{prefix}{a}-propose",
            lender=LENDER,
            work="修坯 fettling",
            rate_per_hour="21.50",
            first_day=FIRST_DAY,
            last_day=LAST_DAY,
            workers=workers,
        )
        market.labour.accept_agreement(
            LENDER_REP, request_id=f"bench-{prefix}{a}-accept", agreement=agreement_id
        )
        made.append(Agreement(agreement_id, workers))
    return made


def shift_plan(agreements: list[Agreement], *, prefix: str = "") -> Iterator[ShiftPlan]:
    """Shifts day by day (a day's attendance of every worker, then the next workday)."""
    for day in WORKDAYS:
        for agreement in agreements:
            for worker in agreement.workers:
                key = f"{prefix}{worker}-{day.isoformat()}"
                yield ShiftPlan(agreement.agreement_id, worker, day, f"r-{key}", f"c-{key}")


def capacity(agreements: int, workers_each: int) -> int:
    """How many shifts the plan holds before it runs out of workdays."""
    return agreements * workers_each * len(WORKDAYS)


def record_and_confirm(market: ShareMarket, plan: ShiftPlan) -> None:
    """The two commands of one confirmed shift."""
    shift = market.labour.record_shift(
        BORROWER_REP,
        request_id=plan.record_id,
        agreement=plan.agreement,
        worker=plan.worker,
        work_date=plan.day,
        minutes=SHIFT_MINUTES,
    )
    market.labour.confirm_shift(
        LENDER_REP, request_id=plan.confirm_id, agreement=plan.agreement, shift=shift
    )
