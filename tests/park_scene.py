"""A small Dehua park scene for the projection tests: three firms, labour agreements, shifts."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sharemarket import Actor, FirmSize, ShareMarket

#: 同鑫陶瓷 lends fettlers; 冠福 borrows them; a third firm borrows too.
LENDER = "91350100M000100Y43"
BORROWER = "91110000802100433B"
THIRD = "91350526MA00000012"
FIRMS = (LENDER, BORROWER, THIRD)
ADMIN = Actor.administrator("admin-1")
REPS = {firm: Actor.for_firm(f"rep-{i}", firm) for i, firm in enumerate(FIRMS)}
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def establish(market: ShareMarket) -> None:
    """The park with its three member firms, each with one representative."""
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    for i, firm in enumerate(FIRMS):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{i}",
            firm=firm,
            name=f"ceramics firm {i}",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[f"rep-{i}"],
        )


def agreement(
    market: ShareMarket,
    key: str,
    *,
    borrower: str = BORROWER,
    lender: str = LENDER,
    rate: str = "30.00",
    workers: tuple[str, ...] = ("W-17", "W-18"),
) -> UUID:
    """An accepted labour agreement for March."""
    agreement_id = market.labour.propose_agreement(
        REPS[borrower],
        request_id=f"propose-{key}",
        lender=lender,
        work="修坯 fettling",
        rate_per_hour=rate,
        first_day=MARCH[0],
        last_day=MARCH[1],
        workers=list(workers),
    )
    market.labour.accept_agreement(REPS[lender], request_id=f"accept-{key}", agreement=agreement_id)
    return agreement_id


def confirmed_shift(
    market: ShareMarket,
    agreement_id: UUID,
    key: str,
    *,
    minutes: int,
    day: date = date(2026, 3, 2),
    worker: str = "W-17",
    borrower: str = BORROWER,
    lender: str = LENDER,
    **kwargs: Any,
) -> UUID:
    shift: UUID = market.labour.record_shift(
        REPS[borrower],
        request_id=f"record-{key}",
        agreement=agreement_id,
        worker=worker,
        work_date=day,
        minutes=minutes,
        **kwargs,
    )
    market.labour.confirm_shift(
        REPS[lender], request_id=f"confirm-{key}", agreement=agreement_id, shift=shift
    )
    return shift


def dehua_month(market: ShareMarket, *, established: bool = False) -> dict[str, UUID]:
    """A month of lending: shifts confirmed, one reversed, a settlement billed and part paid.

    The borrower receives 7h30 + 8h00 (the 1h00 shift is reversed) = 15h30 from the lender; at
    ¥30.00/h the settlement is ¥465.00, of which ¥200.00 is paid. The third firm receives 2h00
    at a zero rate. ``established``: the park and its firms are already there.
    """
    if not established:
        establish(market)
    main = agreement(market, "main")
    other = agreement(market, "other", borrower=THIRD, rate="0")
    confirmed_shift(market, main, "s1", minutes=450)
    confirmed_shift(market, main, "s2", minutes=480, day=date(2026, 3, 3), worker="W-18")
    wrong = confirmed_shift(market, main, "s3", minutes=60, day=date(2026, 3, 4))
    market.labour.reverse_shift(
        REPS[BORROWER], request_id="reverse-s3", agreement=main, shift=wrong, reason="typo"
    )
    confirmed_shift(market, other, "t1", minutes=120, day=date(2026, 3, 5), borrower=THIRD)
    settlement = market.labour.issue_settlement(
        REPS[LENDER], request_id="settle", agreement=main, first_day=MARCH[0], last_day=MARCH[1]
    )
    market.labour.record_payment(
        REPS[BORROWER], request_id="pay", agreement=main, settlement=settlement, amount="200.00"
    )
    return {"main": main, "other": other, "settlement": settlement}
