"""The Dehua mutual-aid pool (企业互助资金池) and loans between its firms, in an SQLite file.

Run it with ``python examples/dehua_funds.py [PATH]`` (default ``./dehua_funds.sqlite``; a file
left there by an earlier run is replaced). Four firms raise ¥3,000,000 into the pool in early
2020; the pool lends 同鑫陶瓷 ¥800,000 in an emergency, guaranteed jointly and severally by two
firms; 冠福 lends the 瓷韵 painting studio ¥50,000 interest-free. The studio repays on
schedule; 同鑫 pays two instalments, then falls behind, and a guarantor is called for the
arrears. It prints the schedule, the arrears as of a date, the guarantee network and the pool.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from sharemarket import Actor, Arrears, FirmSize, GuaranteeKind, ShareMarket

DEFAULT_PATH = Path("dehua_funds.sqlite")
ADMIN = Actor.administrator("cd-admin-01")
TONGXIN, JIAMEI, SHUNMEI, GUANFU = (
    "91350526MA2YB7LX39",
    "91350526MA31HQ2D6G",
    "91350526705481326F",
    "913505261543981209",
)
CIYUN = "92350526MA2XW9P14W"  # 瓷韵彩绘工作室, an individual business
CENTRE = "52350526MJY3K50R4F"  # the park's party-masses service centre: holds the pool's account
FIRMS = {
    TONGXIN: ("德化县同鑫陶瓷有限公司", "tongxin-01"),
    JIAMEI: ("德化县佳美陶瓷有限公司", "jiamei-01"),
    SHUNMEI: ("福建省德化县顺美陶瓷有限公司", "shunmei-01"),
    GUANFU: ("福建省德化县冠福家用制品有限公司", "guanfu-01"),
    CIYUN: ("德化县瓷韵彩绘工作室", "ciyun-01"),
    CENTRE: ("城东陶瓷产业园党群服务中心", "centre-01"),
}
CONTRIBUTIONS = {JIAMEI: "1000000", SHUNMEI: "1000000", GUANFU: "800000", TONGXIN: "200000"}


def rep(firm: str) -> Actor:
    return Actor.for_firm(FIRMS[firm][1], firm)


def open_fresh(path: Path) -> ShareMarket:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    return ShareMarket.sqlite(path)


def admit(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="funds-park", name="德化县城东陶瓷产业园")
    for code, (name, user) in FIRMS.items():
        market.park.admit_firm(
            ADMIN,
            request_id=f"funds-admit-{code}",
            firm=code,
            name=name,
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[user],
        )


def raise_the_pool(market: ShareMarket) -> UUID:
    """Interest-free, at most ¥1,000,000 a firm for up to 12 months, 80 % lendable."""
    pool: UUID = market.funds.establish_pool(
        ADMIN,
        request_id="pool",
        name="企业互助资金池",
        custodian=CENTRE,
        max_per_firm="1000000",
        max_periods=12,
        annual_rate=Decimal(0),
        lendable_percent=Decimal(80),
    )
    for firm, amount in CONTRIBUTIONS.items():
        market.funds.contribute(
            ADMIN,
            request_id=f"contribute-{firm}",
            pool=pool,
            contributor=firm,
            amount=amount,
            received_on=date(2020, 2, 5),
        )
    return pool


def emergency_loan(market: ShareMarket, pool: UUID) -> UUID:
    """同鑫 borrows ¥800,000 over 8 months; 佳美 and 顺美 guarantee it jointly and severally."""
    funds = market.funds
    loan: UUID = funds.apply_to_pool(
        rep(TONGXIN),
        request_id="tongxin-loan",
        pool=pool,
        principal="800000",
        annual_rate=Decimal(0),
        overdue_rate=Decimal(6),
        contract_date=date(2020, 2, 10),
        first_due_date=date(2020, 3, 10),
        periods=8,
        schedule="equal_principal",
    )
    for firm in (JIAMEI, SHUNMEI):
        funds.require_guarantee(
            rep(TONGXIN),
            request_id=f"tongxin-g-{firm}",
            loan=loan,
            guarantor=firm,
            limit="400000",
            kind=GuaranteeKind.JOINT_AND_SEVERAL,
        )
        funds.accept_guarantee(rep(firm), request_id=f"tongxin-ga-{firm}", loan=loan)
    funds.approve_loan(ADMIN, request_id="tongxin-approve", loan=loan)
    funds.disburse_loan(
        ADMIN, request_id="tongxin-disburse", loan=loan, disbursed_on=date(2020, 2, 10)
    )
    for n, instalment in enumerate(funds.loan(loan).schedule[:2]):
        funds.record_repayment(
            ADMIN,
            request_id=f"tongxin-pay-{n}",
            loan=loan,
            amount=instalment.total,
            paid_on=instalment.due_on,
        )
    return loan


def interest_free_loan(market: ShareMarket) -> UUID:
    """冠福 lends the 瓷韵 studio ¥50,000 for three months, interest-free; repaid on time."""
    funds = market.funds
    loan: UUID = funds.request_loan(
        rep(CIYUN),
        request_id="ciyun-loan",
        lender=GUANFU,
        principal="50000",
        annual_rate=Decimal(0),
        overdue_rate=Decimal(0),
        contract_date=date(2020, 3, 2),
        first_due_date=date(2020, 4, 2),
        periods=3,
        schedule="equal_instalment",
    )
    funds.approve_loan(rep(GUANFU), request_id="ciyun-approve", loan=loan)
    funds.disburse_loan(
        rep(GUANFU), request_id="ciyun-disburse", loan=loan, disbursed_on=date(2020, 3, 2)
    )
    for n, instalment in enumerate(funds.loan(loan).schedule):
        funds.record_repayment(
            rep(GUANFU),
            request_id=f"ciyun-pay-{n}",
            loan=loan,
            amount=instalment.total,
            paid_on=instalment.due_on,
        )
    return loan


def call_the_guarantor(market: ShareMarket, loan: UUID, as_of: date) -> Arrears:
    """Penalty interest to ``as_of``, then 佳美 is called for what is overdue (returned)."""
    funds = market.funds
    funds.accrue_penalty(ADMIN, request_id="tongxin-penalty", loan=loan, as_of=as_of)
    overdue = funds.arrears(loan, as_of)
    funds.call_guarantee(
        ADMIN,
        request_id="tongxin-call",
        loan=loan,
        guarantor=JIAMEI,
        amount=overdue.total,
        paid_on=as_of,
    )
    return overdue


def show(market: ShareMarket, pool: UUID, loans: dict[str, UUID], overdue: Arrears) -> None:
    funds = market.funds
    tongxin = funds.loan(loans["tongxin"])
    print(
        f"Emergency loan to {FIRMS[TONGXIN][0]}: {tongxin.terms.principal}, "
        f"{tongxin.status.value} (legal cap {tongxin.lpr.cap} % = 4 x LPR {tongxin.lpr.rate} %)"
    )
    print("  no.  due on       principal       interest   still owed")
    for i, o in zip(tongxin.schedule, tongxin.owed, strict=True):
        print(
            f"  {i.number:>3}  {i.due_on}  {i.principal!s:>13}  {i.interest!s:>13}  {o.total!s:>11}"
        )
    print(f"Arrears before the call: {overdue}")
    print(f"After 佳美's payment: {funds.arrears(loans['tongxin'], overdue.as_of)}")
    ciyun = funds.loan(loans["ciyun"])
    print(f"Interest-free loan to {FIRMS[CIYUN][0]}: {ciyun.terms.principal}, {ciyun.status.value}")
    print()
    print("Guarantee network:")
    network = funds.guarantee_network()
    for p in network.positions:
        print(
            f"  {p.firm.code} {FIRMS[p.firm.code][0]}: exposed {p.direct} directly, "
            f"{p.through_chains} through chains"
        )
    for g in tongxin.guarantees:
        print(
            f"  {FIRMS[g.guarantee.guarantor.code][0]} paid {g.guarantee.paid} on a call, "
            f"holds a subrogation claim of {g.guarantee.claim}"
        )
    print(f"  cycles: {len(network.cycles)}")
    print()
    statement = funds.pool(pool)
    print(
        f"Pool {statement.name}: contributed {statement.contributed}, cash "
        f"{statement.cash}, lent out {statement.lent_out}"
    )
    for code, share in statement.shares.items():
        print(
            f"  {code} {FIRMS[code][0]}: contributed {share.contributed}, "
            f"income {share.income}, losses {share.losses}"
        )


def main(path: str | Path = DEFAULT_PATH) -> None:
    path, as_of = Path(path), date(2020, 6, 20)
    with open_fresh(path) as market:
        admit(market)
        pool = raise_the_pool(market)
        loans = {"tongxin": emergency_loan(market, pool), "ciyun": interest_free_loan(market)}
        overdue = call_the_guarantor(market, loans["tongxin"], as_of)
    with ShareMarket.sqlite(path) as market:  # what is printed is what was stored
        show(market, pool, loans, overdue)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH)
