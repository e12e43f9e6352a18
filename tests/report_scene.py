"""A small Dehua market with a month of everything the report page shows (April 2026).

Labour: Tongxin borrows two of Jiamei's fettlers in weeks 16 and 17 and one of Shunmei's glazers
in week 17; one shift is reversed. Venues: Shunmei's activity room, one session used, one
no-show. Funds: a pool of ¥300,000, a pool loan to the 瓷韵 studio, and two loans between members
whose guarantees close a cycle (Shunmei guarantees Tongxin, Tongxin guarantees Shunmei). The
figures are the tests' expectations: change one and the page's tests say where.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import attrs

from sharemarket import (
    PARK_TZ,
    Actor,
    FirmSize,
    OpeningHours,
    ShareMarket,
    TimeSlot,
    VenueKind,
    VenueRules,
)

ADMIN = Actor.administrator("cd-admin-01")
TONGXIN, JIAMEI, SHUNMEI, GUANFU = (
    "91350526MA2YB7LX39",
    "91350526MA31HQ2D6G",
    "91350526705481326F",
    "913505261543981209",
)
CIYUN = "92350526MA2XW9P14W"
CENTRE = "52350526MJY3K50R4F"
NAMES = {
    TONGXIN: "德化县同鑫陶瓷有限公司",
    JIAMEI: "德化县佳美陶瓷有限公司",
    SHUNMEI: "福建省德化县顺美陶瓷有限公司",
    GUANFU: "福建省德化县冠福家用制品有限公司",
    CIYUN: "德化县瓷韵彩绘工作室",
    CENTRE: "城东陶瓷产业园党群服务中心",
}
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
WEEK_16, WEEK_17 = date(2026, 4, 13), date(2026, 4, 20)


def rep(firm: str) -> Actor:
    return Actor.for_firm(f"rep-{firm[-4:]}", firm)


@attrs.frozen
class ReportScene:
    room: UUID
    pool: UUID
    loans: tuple[UUID, ...]


def build(market: ShareMarket) -> ReportScene:
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for code, name in NAMES.items():
        market.park.admit_firm(
            ADMIN, request_id=f"admit-{code}", firm=code, name=name, industry="ceramics",
            size=FirmSize.MICRO if code in (CIYUN, CENTRE) else FirmSize.SMALL,
            representatives=[rep(code).user],
        )  # fmt: skip
    labour(market)
    room = venues(market)
    pool, loans = funds(market)
    return ReportScene(room, pool, loans)


def _lend(market: ShareMarket, lender: str, work: str, workers: list[str]) -> UUID:
    agreement: UUID = market.labour.propose_agreement(
        rep(TONGXIN), request_id=f"agree-{lender}", lender=lender, work=work,
        rate_per_hour="25.00", first_day=WEEK_16, last_day=APRIL[1], workers=workers,
    )  # fmt: skip
    market.labour.accept_agreement(rep(lender), request_id=f"ok-{lender}", agreement=agreement)
    return agreement


def _shift(market: ShareMarket, lender: str, agreement: UUID, worker: str, day: date) -> UUID:
    shift: UUID = market.labour.record_shift(
        rep(TONGXIN), request_id=f"shift-{worker}-{day}", agreement=agreement, worker=worker,
        work_date=day, minutes=8 * 60,
    )  # fmt: skip
    market.labour.confirm_shift(
        rep(lender), request_id=f"confirm-{worker}-{day}", agreement=agreement, shift=shift
    )
    return shift


def labour(market: ShareMarket) -> None:
    """Jiamei: 2 fettlers x 5 days in week 16 and x 3 days in week 17 (one shift reversed:
    15 shifts of 8 h = 120 h, 40 in week 17); Shunmei: 1 glazer x 2 days in week 17 (16 h)."""
    fettling = _lend(market, JIAMEI, "修坯 fettling", ["JM-W07", "JM-W12"])
    for worker in ("JM-W07", "JM-W12"):
        for n in range(5):
            _shift(market, JIAMEI, fettling, worker, WEEK_16 + timedelta(days=n))
        for n in range(3):
            last = _shift(market, JIAMEI, fettling, worker, WEEK_17 + timedelta(days=n))
    market.labour.reverse_shift(
        rep(TONGXIN), request_id="reverse", agreement=fettling, shift=last,
        reason="JM-W12 stayed home on 22 April",
    )  # fmt: skip
    glazing = _lend(market, SHUNMEI, "上釉 glazing", ["SM-G03"])
    for n in range(2):
        _shift(market, SHUNMEI, glazing, "SM-G03", WEEK_17 + timedelta(days=n))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 4, day, hour, minute, tzinfo=PARK_TZ)


def venues(market: ShareMarket) -> UUID:
    """Shunmei's room, open Monday to Saturday 08:00-20:00 (26 days, 312 h in April):
    a 2-hour training used on the 7th, a 1-hour meeting missed on the 9th."""
    v = market.venues
    room: UUID = v.open_venue(
        rep(SHUNMEI), request_id="room", name="顺美活动室 activity room",
        kind=VenueKind.ACTIVITY_ROOM,
        rules=VenueRules(capacity=40, opening=OpeningHours.on(range(6), "08:00", "20:00")),
    )  # fmt: skip
    now = at(1, 9)
    training = v.book(
        rep(TONGXIN), request_id="training", venue=room,
        slot=TimeSlot.on(date(2026, 4, 7), (14, 0), (16, 0)), attendees=30,
        purpose="上釉 glazing safety training", as_of=now,
    )  # fmt: skip
    v.check_in(rep(TONGXIN), request_id="in", booking=training, at=at(7, 13, 50))
    v.complete(rep(SHUNMEI), request_id="done", booking=training, as_of=at(7, 16))
    missed = v.book(
        rep(CIYUN), request_id="meeting", venue=room,
        slot=TimeSlot.on(date(2026, 4, 9), (10, 0), (11, 0)), attendees=6,
        purpose="彩绘 painters' meeting", as_of=now,
    )  # fmt: skip
    v.record_no_show(rep(SHUNMEI), request_id="no-show", booking=missed, as_of=at(9, 10, 15))
    return room


def _loan(market: ShareMarket, borrower: str, lender: str, guarantor: str, amount: str) -> UUID:
    f = market.funds
    loan: UUID = f.request_loan(
        rep(borrower), request_id=f"loan-{borrower}", lender=lender, principal=amount,
        annual_rate=Decimal(0), overdue_rate=Decimal(0), contract_date=date(2026, 4, 10),
        first_due_date=date(2026, 5, 10), periods=2, schedule="equal_principal",
    )  # fmt: skip
    f.require_guarantee(
        rep(borrower), request_id=f"g-{borrower}", loan=loan, guarantor=guarantor,
        limit=amount, kind="joint_and_several",
    )  # fmt: skip
    f.accept_guarantee(rep(guarantor), request_id=f"ga-{borrower}", loan=loan)
    f.approve_loan(rep(lender), request_id=f"approve-{borrower}", loan=loan)
    f.disburse_loan(
        rep(lender), request_id=f"pay-out-{borrower}", loan=loan, disbursed_on=date(2026, 4, 10)
    )
    return loan


def funds(market: ShareMarket) -> tuple[UUID, tuple[UUID, ...]]:
    """Pool: ¥100,000 from Jiamei on 1 April, ¥200,000 from Guanfu on 3 April; ¥60,000 lent to
    瓷韵 on 15 April (guaranteed by Jiamei), ¥10,000 of it repaid early on 28 April. Between
    members on 10 April: Jiamei lends Tongxin ¥80,000 (guaranteed by Shunmei; ¥20,000 repaid
    early on 25 April), Guanfu lends Shunmei ¥50,000 (guaranteed by Tongxin): a cycle."""
    f = market.funds
    pool: UUID = f.establish_pool(
        ADMIN, request_id="pool", name="企业互助资金池", custodian=CENTRE,
        max_per_firm="100000", max_periods=12, annual_rate=Decimal(0),
        lendable_percent=Decimal(80),
    )  # fmt: skip
    for firm, amount, day in ((JIAMEI, "100000", 1), (GUANFU, "200000", 3)):
        f.contribute(
            ADMIN, request_id=f"in-{firm}", pool=pool, contributor=firm, amount=amount,
            received_on=date(2026, 4, day),
        )  # fmt: skip
    first = _loan(market, TONGXIN, JIAMEI, SHUNMEI, "80000")
    second = _loan(market, SHUNMEI, GUANFU, TONGXIN, "50000")
    pooled: UUID = f.apply_to_pool(
        rep(CIYUN), request_id="pool-loan", pool=pool, principal="60000",
        annual_rate=Decimal(0), overdue_rate=Decimal(0), contract_date=date(2026, 4, 15),
        first_due_date=date(2026, 5, 15), periods=2, schedule="equal_principal",
    )  # fmt: skip
    f.require_guarantee(
        rep(CIYUN), request_id="g-pool", loan=pooled, guarantor=JIAMEI, limit="60000",
        kind="joint_and_several",
    )  # fmt: skip
    f.accept_guarantee(rep(JIAMEI), request_id="ga-pool", loan=pooled)
    f.approve_loan(ADMIN, request_id="approve-pool", loan=pooled)
    f.disburse_loan(ADMIN, request_id="out-pool", loan=pooled, disbursed_on=date(2026, 4, 15))
    f.record_repayment(
        rep(JIAMEI), request_id="repay-early", loan=first, amount="20000",
        paid_on=date(2026, 4, 25),
    )  # fmt: skip
    f.record_repayment(
        ADMIN, request_id="repay-pool", loan=pooled, amount="10000", paid_on=date(2026, 4, 28)
    )
    return pool, (first, second, pooled)
