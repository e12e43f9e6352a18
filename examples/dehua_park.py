"""The Dehua Chengdong ceramics park in an SQLite file: its administrator, firms, representatives.

Run it with ``python examples/dehua_park.py [PATH]``. It admits the park's firms, then plays a
labour-sharing scene of the spring Canton Fair season. The market is written to PATH (default
``./dehua_park.sqlite``); a file left there by an earlier run is replaced, so the script can be
rerun. Later scenes (subcontracting, venues, fund loans) are added as functions called from
``main``.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple
from uuid import UUID

from sharemarket import (
    LABOUR_MINUTES,
    Actor,
    DayType,
    FirmSize,
    Member,
    Money,
    ObligationRef,
    ShareMarket,
    WorkingTimeLimitExceeded,
)
from sharemarket.park_views import ParkViews

DEFAULT_PATH = Path("dehua_park.sqlite")
PARK_NAME = "德化县城东陶瓷产业园"  # Dehua county, Chengdong new district ceramics park (Fujian)

#: The management committee's officer who runs the park in the software (a host user id).
ADMIN = Actor.administrator("cd-admin-01")


class Firm(NamedTuple):
    """One member as the management committee's register holds it."""

    code: str  # unified social credit code; region 350526 is Dehua county
    name: str
    industry: str
    size: FirmSize
    representatives: tuple[str, ...]  # the host software's user ids, never personal data


# The codes are made up but valid: '9' (market regulation) or '5' (civil affairs), a category,
# region 350526, a nine-character organisation code, and the check character computed with
# sharemarket.domain.firm_id.check_character.
FIRMS: tuple[Firm, ...] = (
    Firm(
        "91350526MA2YB7LX39",
        "德化县同鑫陶瓷有限公司",  # Tongxin Ceramics: short of workers in early 2020
        "tableware",
        FirmSize.SMALL,
        ("tongxin-01", "tongxin-02"),
    ),
    Firm(
        "91350526MA31HQ2D6G",
        "德化县佳美陶瓷有限公司",  # Jiamei Ceramics
        "craft porcelain",
        FirmSize.MEDIUM,
        ("jiamei-01",),
    ),
    Firm(
        "91350526705481326F",
        "福建省德化县顺美陶瓷有限公司",  # Shunmei Ceramics
        "gifts and crafts",
        FirmSize.LARGE,
        ("shunmei-01", "shunmei-02"),
    ),
    Firm(
        "913505261543981209",
        "福建省德化县冠福家用制品有限公司",  # Guanfu Household Products
        "household ware",
        FirmSize.LARGE,
        ("guanfu-01",),
    ),
    Firm(
        "92350526MA2XW9P14W",  # '92': an individual business (个体工商户)
        "德化县瓷韵彩绘工作室",  # Ciyun painting studio: 彩绘 hand painting
        "hand painting",
        FirmSize.MICRO,
        ("ciyun-01",),
    ),
    Firm(
        "52350526MJY3K50R4F",  # '52': a social organisation (民办非企业单位)
        "城东陶瓷产业园党群服务中心",  # the park's party-masses service centre
        "park services",
        FirmSize.MICRO,
        ("centre-01", "centre-02"),
    ),
)


def open_fresh(path: Path) -> ShareMarket:
    """Open a market on ``path``, replacing what an earlier run left there."""
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    # Views built from the replaced market would be refused as another market's.
    shutil.rmtree(views_folder(path), ignore_errors=True)
    return ShareMarket.sqlite(path)


def establish_park(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="dehua-establish-park", name=PARK_NAME)


def admit_members(market: ShareMarket) -> None:
    """The administrator admits every firm; request ids come from the codes, so retries are safe."""
    for firm in FIRMS:
        market.park.admit_firm(
            ADMIN,
            request_id=f"dehua-admit-{firm.code}",
            firm=firm.code,
            name=firm.name,
            industry=firm.industry,
            size=firm.size,
            representatives=firm.representatives,
        )


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(display_width(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    lines = [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (headers, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def membership_rows(members: Sequence[Member]) -> list[list[str]]:
    return [
        [
            m.firm.code,
            m.name,
            m.industry,
            m.size.value,
            m.status.value,
            ", ".join(m.representatives),
        ]
        for m in members
    ]


def print_membership(market: ShareMarket) -> None:
    members = market.park.members()
    print(f"{market.park.name()}: {len(members)} members")
    print(f"administrators: {', '.join(market.park.administrators())}")
    print()
    headers = ["code", "name", "industry", "size", "status", "representatives"]
    print(table(headers, membership_rows(members)))


# Labour sharing (共享用工) ---------------------------------------------------------------------
#
# Spring Canton Fair season 2026: Tongxin has more orders than hands. It borrows two fettlers
# (修坯) from Jiamei and two glazers (上釉) from Shunmei for the second half of April. Workers are
# named by the lenders' own opaque references, never by name, ID number or phone number.

TONGXIN, JIAMEI, SHUNMEI = FIRMS[0], FIRMS[1], FIRMS[2]
SEASON_START, SEASON_END = date(2026, 4, 13), date(2026, 4, 30)  # Monday 13 April onwards


def rep(firm: Firm) -> Actor:
    return Actor.for_firm(firm.representatives[0], firm.code)


class Loan(NamedTuple):
    lender: Firm
    work: str
    rate_per_hour: str  # yuan; lending is not for profit: the rate reimburses wages
    workers: tuple[str, ...]


LOANS = (
    Loan(JIAMEI, "修坯 fettling", "26.00", ("JM-W07", "JM-W12")),
    Loan(SHUNMEI, "上釉 glazing", "24.50", ("SM-G03", "SM-G05")),
)


def share_labour(market: ShareMarket) -> list[UUID]:
    """Tongxin borrows from two neighbours; shifts are recorded, confirmed, settled, part paid."""
    borrower = rep(TONGXIN)
    agreements = []
    for loan in LOANS:
        agreement = market.labour.propose_agreement(
            borrower,
            request_id=f"labour-{loan.lender.code}",
            lender=loan.lender.code,
            work=loan.work,
            rate_per_hour=loan.rate_per_hour,
            first_day=SEASON_START,
            last_day=SEASON_END,
            workers=loan.workers,
        )
        market.labour.accept_agreement(
            rep(loan.lender), request_id=f"accept-{agreement}", agreement=agreement
        )
        agreements.append(agreement)
        # Monday to Friday: 8 hours, with one hour of overtime on Wednesday and Thursday.
        for worker in loan.workers:
            for offset in range(5):
                day = SEASON_START + timedelta(days=offset)
                overtime = 60 if offset in (2, 3) else 0
                shift = market.labour.record_shift(
                    borrower,
                    request_id=f"shift-{worker}-{day}",
                    agreement=agreement,
                    worker=worker,
                    work_date=day,
                    minutes=8 * 60 + overtime,
                    overtime=overtime,
                )
                market.labour.confirm_shift(
                    rep(loan.lender),
                    request_id=f"confirm-{worker}-{day}",
                    agreement=agreement,
                    shift=shift,
                )
        # Saturday is a rest day: five hours, all of it overtime paid at 200 %.
        saturday = SEASON_START + timedelta(days=5)
        shift = market.labour.record_shift(
            borrower,
            request_id=f"shift-{loan.workers[0]}-{saturday}",
            agreement=agreement,
            worker=loan.workers[0],
            work_date=saturday,
            minutes=5 * 60,
            day_type=DayType.REST_DAY,
        )
        market.labour.confirm_shift(
            rep(loan.lender), request_id=f"confirm-{shift}", agreement=agreement, shift=shift
        )

    # A shift the lender disputes, and the borrower records again correctly.
    jiamei_agreement = agreements[0]
    wrong = market.labour.record_shift(
        borrower,
        request_id="shift-JM-W12-2026-04-20",
        agreement=jiamei_agreement,
        worker="JM-W12",
        work_date=date(2026, 4, 20),
        minutes=9 * 60,
        overtime=60,
    )
    market.labour.dispute_shift(
        rep(JIAMEI),
        request_id="dispute-JM-W12-2026-04-20",
        agreement=jiamei_agreement,
        shift=wrong,
        reason="JM-W12 left at 17:00: 8 hours, no overtime",
    )
    right = market.labour.rerecord_shift(
        borrower,
        request_id="rerecord-JM-W12-2026-04-20",
        agreement=jiamei_agreement,
        shift=wrong,
        work_date=date(2026, 4, 20),
        minutes=8 * 60,
    )
    market.labour.confirm_shift(
        rep(JIAMEI), request_id="confirm-rerecorded", agreement=jiamei_agreement, shift=right
    )

    # The caps hold across firms: JM-W07 worked 9 hours at Tongxin on Wednesday 15 April, so
    # Jiamei cannot also declare 3 hours at home that day (12 h > 11 h).
    try:
        market.labour.declare_home_hours(
            rep(JIAMEI),
            request_id="home-JM-W07-2026-04-15",
            worker="JM-W07",
            work_date=date(2026, 4, 15),
            minutes=3 * 60,
            overtime=0,
        )
    except WorkingTimeLimitExceeded as refused:
        print(f"refused ({refused.code}): {refused}")
        print()

    # Each lender bills the first week; Tongxin pays Jiamei in full and Shunmei in part.
    for loan, agreement in zip(LOANS, agreements, strict=True):
        settlement = market.labour.issue_settlement(
            rep(loan.lender),
            request_id=f"settle-{agreement}-week-16",
            agreement=agreement,
            first_day=SEASON_START,
            last_day=SEASON_START + timedelta(days=6),
        )
        owed = market.labour.settlement(agreement, settlement).amount
        paid = owed if loan.lender is JIAMEI else Money(owed.fen // 2)
        market.labour.record_payment(
            borrower,
            request_id=f"pay-{settlement}",
            agreement=agreement,
            settlement=settlement,
            amount=paid,
        )
    return agreements


def print_labour(market: ShareMarket, agreements: Sequence[UUID]) -> None:
    names = {m.firm: m.name for m in market.park.members()}
    rows = []
    for agreement in agreements:
        a = market.labour.agreement(agreement)
        statement = market.labour.statement(agreement)
        for worker, minutes in statement.confirmed_by_worker.items():
            rows.append([names[a.lender], a.work, worker, str(minutes), "", "", ""])
        rows.append(
            [
                names[a.lender],
                a.work,
                "all",
                str(statement.confirmed),
                str(statement.settled),
                str(statement.paid),
                str(statement.owed),
            ]
        )
    print(
        f"labour borrowed by {names[rep(TONGXIN).firm]}: confirmed hours to date; "
        "the first week settled"
    )
    print()
    headers = ["lender", "work", "worker", "hours", "settled", "paid", "owed"]
    print(table(headers, rows))


# Month-end clearing (清算) ---------------------------------------------------------------------

GUANFU = FIRMS[3]
WEEK_17 = date(2026, 4, 20)


def lend_for_a_week(market: ShareMarket, borrower: Firm, lender: Firm, work: str, worker: str,
                    rate: str) -> ObligationRef:  # fmt: skip
    """``borrower`` takes one of ``lender``'s workers for week 17 (five 8-hour days); billed."""
    tag = f"{borrower.code[-4:]}-from-{lender.code[-4:]}"
    agreement = market.labour.propose_agreement(
        rep(borrower), request_id=f"labour-{tag}", lender=lender.code, work=work,
        rate_per_hour=rate, first_day=WEEK_17, last_day=SEASON_END, workers=[worker],
    )  # fmt: skip
    market.labour.accept_agreement(rep(lender), request_id=f"accept-{tag}", agreement=agreement)
    for offset in range(5):
        day = WEEK_17 + timedelta(days=offset)
        shift = market.labour.record_shift(
            rep(borrower), request_id=f"shift-{tag}-{day}", agreement=agreement, worker=worker,
            work_date=day, minutes=8 * 60,
        )  # fmt: skip
        market.labour.confirm_shift(
            rep(lender), request_id=f"confirm-{tag}-{day}", agreement=agreement, shift=shift
        )
    settlement = market.labour.issue_settlement(
        rep(lender), request_id=f"settle-{tag}", agreement=agreement,
        first_day=WEEK_17, last_day=SEASON_END,
    )  # fmt: skip
    return ObligationRef("labour", agreement, settlement)


def month_end_clearing(market: ShareMarket, tongxin_agreements: Sequence[UUID]) -> UUID:
    """Shunmei borrows a Guanfu packer and Guanfu a Tongxin painter; with what Tongxin still owes
    Shunmei, the three owe each other in a ring. The park clears April's open settlements in one
    run: each firm accepts, an administrator commits, and one net payment is left to make."""
    owed = [
        lend_for_a_week(market, SHUNMEI, GUANFU, "包装 packing", "GF-P01", "22.00"),
        lend_for_a_week(market, GUANFU, TONGXIN, "彩绘 painting", "TX-H02", "30.00"),
    ]
    for agreement in tongxin_agreements:
        a = market.labour.agreement(agreement)
        for settlement in a.settlements:
            if a.owed_on(UUID(settlement)).fen > 0:
                owed.append(ObligationRef("labour", agreement, UUID(settlement)))
    run = market.clearing.propose_run(
        ADMIN, request_id="clearing-2026-04", as_of=SEASON_END, obligations=owed
    )
    for firm in (TONGXIN, SHUNMEI, GUANFU):
        market.clearing.accept_run(rep(firm), request_id=f"accept-clearing-{firm.code}", run=run)
    market.clearing.commit_run(ADMIN, request_id="commit-clearing-2026-04", run=run)
    return run


def print_clearing(market: ShareMarket, run: UUID) -> None:
    names = {m.firm: m.name for m in market.park.members()}
    statement = market.clearing.statement(run)
    print(f"month-end clearing as of {statement.as_of} ({statement.status.value}):")
    print()
    rows = [[names[o.debtor], names[o.creditor], str(o.amount)] for o in statement.obligations]
    print(table(["owed by", "to", "unpaid"], rows))
    print()
    rows = [[names[p.payer], names[p.payee], str(p.amount)] for p in statement.payments]
    print(table(["now pays", "to", "amount"], rows))
    print()
    saved = statement.gross - statement.net
    print(f"paid one by one: {statement.gross}; netted: {statement.net}; not moved: {saved}")


# The views park software embeds -----------------------------------------------------------------


def views_folder(path: Path) -> Path:
    return path.with_name(path.stem + "-views")


def print_views(market: ShareMarket, folder: Path) -> None:
    """Balances from the journal, and the last lines of the hash-chained audit trail."""
    names = {m.firm.code: m.name for m in market.park.members()}
    with ParkViews.sqlite(folder) as views:
        views.catch_up(market)
        rows = []
        for code, name in sorted(names.items(), key=lambda item: item[1]):
            b = views.balances(code)
            if b.lines:
                hours = (str(b.given(LABOUR_MINUTES)), str(b.received(LABOUR_MINUTES)))
                rows.append([name, *hours, str(b.receivable), str(b.payable)])
        print(
            f"balances from the journal; shared working time in the park: "
            f"{views.totals().shared(LABOUR_MINUTES)}"
        )
        print()
        print(table(["firm", "hours lent", "hours borrowed", "to receive", "to pay"], rows))
        print()
        print("audit trail, last lines:")
        for row in views.audit_tail(5):
            print(f"  {row.position:>4}  {row.user:<12} {row.summary}")
        check = views.verify()
        print(
            f"verify(): {'ok' if check.ok else 'BROKEN at ' + str(check.first_bad_position)}, "
            f"{check.rows_checked} rows, last hash {check.head_hash[:16]}…"
        )


def main(path: str | Path = DEFAULT_PATH) -> None:
    path = Path(path)
    with open_fresh(path) as market:
        establish_park(market)
        admit_members(market)
        agreements = share_labour(market)
        run = month_end_clearing(market, agreements)
    # Reopen the file to show that what was printed is what was stored.
    with ShareMarket.sqlite(path) as market:
        print_membership(market)
        print()
        print_labour(market, agreements)
        print()
        print_clearing(market, run)
        print()
        print_views(market, views_folder(path))
    print()
    print(f"market stored in {path}, views in {views_folder(path)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH)
