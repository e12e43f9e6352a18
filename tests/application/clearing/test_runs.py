"""Clearing runs (清算) through the application, on memory, SQLite and PostgreSQL.

The obligations are labour settlements between Dehua firms: 同鑫 (Tongxin) borrows Jiamei's
fettlers, Jiamei borrows Shunmei's glazers, Shunmei borrows Tongxin's packers; each bills the
other for the hours. Every refusal is checked twice: the error, and that nothing was recorded.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from sharemarket import (
    AcceptancesMissing,
    FirmId,
    InvalidInput,
    Money,
    NetPaymentOverpaid,
    NotAParticipant,
    ObligationListedTwice,
    ObligationNotClearable,
    ObligationRef,
    PermissionDenied,
    RunNotOpen,
    RunStale,
    RunStatus,
    ShareMarket,
    ShareMarketError,
)
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, open_park, rep

MONDAY = date(2026, 4, 13)
#: Bill numbers: request ids and worker references of their own, never random (a random hex run
#: can look like a phone number, which the market refuses as personal data).
BILLS = itertools.count(1)
AS_OF = date(2026, 4, 30)


def bill(
    market: ShareMarket, borrower: FirmId, lender: FirmId, hours: int, rate: str, key: str = ""
) -> ObligationRef:
    """``borrower`` borrows one worker of ``lender`` for ``hours`` (one day's shift, up to 8 h)
    at ``rate`` an hour; ``lender`` bills it. The settlement, as a clearing run names it."""
    tag = f"{borrower.code[-4:]}-{lender.code[-4:]}-{key or next(BILLS)}"
    worker = f"W-{tag}"  # a worker of their own: the working-time caps are not what is tested
    agreement = market.labour.propose_agreement(
        rep(borrower), request_id=f"a-{tag}", lender=lender, work="修坯 fettling",
        rate_per_hour=rate, first_day=MONDAY, last_day=AS_OF, workers=[worker],
    )  # fmt: skip
    market.labour.accept_agreement(rep(lender), request_id=f"ok-{tag}", agreement=agreement)
    shift = market.labour.record_shift(
        rep(borrower), request_id=f"s-{tag}", agreement=agreement, worker=worker,
        work_date=MONDAY, minutes=hours * 60,
    )  # fmt: skip
    market.labour.confirm_shift(
        rep(lender), request_id=f"c-{tag}", agreement=agreement, shift=shift
    )
    settlement = market.labour.issue_settlement(
        rep(lender), request_id=f"b-{tag}", agreement=agreement, first_day=MONDAY, last_day=AS_OF
    )
    return ObligationRef("labour", agreement, settlement)


def owed(market: ShareMarket, ref: ObligationRef) -> Money:
    return market.labour.agreement(ref.holder).owed_on(ref.obligation)


def head(market: ShareMarket) -> int | None:
    return market.event_log.head()


def refused(market: ShareMarket, error: type[ShareMarketError], call: Callable[[], Any]) -> None:
    before = head(market)
    with pytest.raises(error):
        call()
    assert head(market) == before


@pytest.fixture
def ring(market: ShareMarket) -> list[ObligationRef]:
    """Tongxin owes Jiamei ¥800, Jiamei owes Shunmei ¥800, Shunmei owes Tongxin ¥1,000."""
    open_park(market)
    return [
        bill(market, TONGXIN, JIAMEI, 8, "100.00"),
        bill(market, JIAMEI, SHUNMEI, 8, "100.00"),
        bill(market, SHUNMEI, TONGXIN, 8, "125.00"),
    ]


def accept_all(market: ShareMarket, run: UUID, firms: list[FirmId]) -> None:
    for firm in firms:
        market.clearing.accept_run(rep(firm), request_id=f"yes-{run}-{firm.code}", run=run)


def test_a_ring_nets_to_one_payment_and_commits_atomically(
    market: ShareMarket, ring: list[ObligationRef]
) -> None:
    run = market.clearing.propose_run(ADMIN, request_id="run-april", as_of=AS_OF, obligations=ring)
    proposed = market.clearing.statement(run)
    assert proposed.status is RunStatus.OPEN
    assert proposed.gross == Money.of("2600.00")
    assert proposed.positions == {
        JIAMEI: Money(0), SHUNMEI: Money.of("-200.00"), TONGXIN: Money.of("200.00"),
    }  # fmt: skip
    [payment] = proposed.payments
    assert (payment.payer, payment.payee, payment.amount) == (SHUNMEI, TONGXIN, Money.of("200"))
    refused(
        market,
        AcceptancesMissing,
        lambda: market.clearing.commit_run(ADMIN, request_id="c0", run=run),
    )

    accept_all(market, run, [TONGXIN, JIAMEI, SHUNMEI])
    market.clearing.commit_run(ADMIN, request_id="commit-april", run=run)
    assert [owed(market, ref) for ref in ring] == [Money(0)] * 3
    committed = market.clearing.statement(run)
    assert committed.status is RunStatus.COMMITTED
    assert committed.owed == (Money.of("200.00"),)
    assert committed.net == Money.of("200.00")

    refused(
        market,
        NetPaymentOverpaid,
        lambda: market.clearing.record_net_payment(
            rep(SHUNMEI), request_id="too-much", run=run, payee=TONGXIN, amount="200.01"
        ),
    )
    market.clearing.record_net_payment(
        rep(SHUNMEI), request_id="pay", run=run, payee=TONGXIN, amount="200.00"
    )
    assert market.clearing.statement(run).owed == (Money(0),)
    refused(
        market,
        RunNotOpen,
        lambda: market.clearing.accept_run(rep(JIAMEI), request_id="late", run=run),
    )


def test_a_pure_cycle_clears_without_any_payment(market: ShareMarket) -> None:
    open_park(market)
    cycle = [
        bill(market, a, b, 8, "100.00")
        for a, b in ((TONGXIN, JIAMEI), (JIAMEI, SHUNMEI), (SHUNMEI, TONGXIN))
    ]
    run = market.clearing.propose_run(ADMIN, request_id="cycle", as_of=AS_OF, obligations=cycle)
    assert market.clearing.statement(run).payments == ()
    accept_all(market, run, [TONGXIN, JIAMEI, SHUNMEI])
    market.clearing.commit_run(ADMIN, request_id="commit", run=run)
    assert [owed(market, ref) for ref in cycle] == [Money(0)] * 3


def test_a_firm_that_declines_is_taken_out_and_the_rest_accept_again(
    market: ShareMarket, ring: list[ObligationRef]
) -> None:
    run = market.clearing.propose_run(ADMIN, request_id="run", as_of=AS_OF, obligations=ring)
    market.clearing.accept_run(rep(TONGXIN), request_id="t-yes", run=run)
    market.clearing.decline_run(rep(SHUNMEI), request_id="s-no", run=run, reason="按合同单独结算")
    after = market.clearing.statement(run)
    assert after.obligations[0].ref == ring[0]
    assert len(after.obligations) == 1
    assert after.accepted == ()  # the run changed: everyone accepts again
    [payment] = after.payments
    assert (payment.payer, payment.payee, payment.amount) == (TONGXIN, JIAMEI, Money.of("800"))
    refused(
        market,
        NotAParticipant,
        lambda: market.clearing.accept_run(rep(SHUNMEI), request_id="s-yes", run=run),
    )
    accept_all(market, run, [TONGXIN, JIAMEI])
    market.clearing.commit_run(ADMIN, request_id="commit", run=run)
    assert [owed(market, ref) for ref in ring] == [Money(0), Money.of("800"), Money.of("1000")]


def test_an_obligation_paid_after_the_proposal_makes_the_run_stale(
    market: ShareMarket, ring: list[ObligationRef]
) -> None:
    run = market.clearing.propose_run(ADMIN, request_id="run", as_of=AS_OF, obligations=ring)
    accept_all(market, run, [TONGXIN, JIAMEI, SHUNMEI])
    market.labour.record_payment(
        rep(TONGXIN), request_id="paid-directly", agreement=ring[0].holder,
        settlement=ring[0].obligation, amount="100.00",
    )  # fmt: skip
    refused(
        market, RunStale, lambda: market.clearing.commit_run(ADMIN, request_id="commit", run=run)
    )
    assert [owed(market, ref) for ref in ring] == [
        Money.of("700"),
        Money.of("800"),
        Money.of("1000"),
    ]
    market.clearing.abandon_run(ADMIN, request_id="give-up", run=run, reason="一笔已单独支付")
    assert market.clearing.statement(run).status is RunStatus.ABANDONED


def test_refusals_record_nothing(market: ShareMarket, ring: list[ObligationRef]) -> None:
    propose = market.clearing.propose_run
    refused(
        market,
        PermissionDenied,
        lambda: propose(rep(TONGXIN), request_id="r1", as_of=AS_OF, obligations=ring),
    )
    refused(
        market,
        ObligationListedTwice,
        lambda: propose(ADMIN, request_id="r2", as_of=AS_OF, obligations=[ring[0], ring[0]]),
    )
    refused(
        market, InvalidInput, lambda: propose(ADMIN, request_id="r3", as_of=AS_OF, obligations=[])
    )
    loan = ObligationRef("funds", ring[0].holder, ring[0].obligation)
    refused(
        market,
        ObligationNotClearable,
        lambda: propose(ADMIN, request_id="r4", as_of=AS_OF, obligations=[loan]),
    )
    refused(
        market,
        ShareMarketError,
        lambda: propose(
            ADMIN,
            request_id="r5",
            as_of=AS_OF,
            obligations=[ObligationRef("labour", uuid4(), uuid4())],
        ),
    )
    refused(
        market,
        TypeError,
        lambda: propose(ADMIN, request_id="r6", as_of=AS_OF, obligations=[str(ring[0].holder)]),
    )  # type: ignore[list-item]
    refused(
        market,
        TypeError,
        lambda: propose(ADMIN, request_id="r7", as_of="2026-04-30", obligations=ring),
    )  # type: ignore[arg-type]
    run = propose(ADMIN, request_id="run", as_of=AS_OF, obligations=ring)
    refused(
        market,
        NotAParticipant,
        lambda: market.clearing.accept_run(rep(GUANFU), request_id="g", run=run),
    )
    refused(
        market, PermissionDenied, lambda: market.clearing.accept_run(ADMIN, request_id="a", run=run)
    )
    # A settlement paid in full is no longer open: it cannot be included.
    market.labour.record_payment(
        rep(TONGXIN), request_id="paid", agreement=ring[0].holder,
        settlement=ring[0].obligation, amount="800.00",
    )  # fmt: skip
    refused(
        market,
        ObligationNotClearable,
        lambda: propose(ADMIN, request_id="r8", as_of=AS_OF, obligations=ring),
    )


def test_a_request_id_replays_its_run(market: ShareMarket, ring: list[ObligationRef]) -> None:
    run = market.clearing.propose_run(ADMIN, request_id="run", as_of=AS_OF, obligations=ring)
    before = head(market)
    assert (
        market.clearing.propose_run(ADMIN, request_id="run", as_of=AS_OF, obligations=ring) == run
    )
    assert head(market) == before
