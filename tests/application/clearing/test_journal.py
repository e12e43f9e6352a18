"""A clearing run in the journal: each firm's net receivable less payable is what it was."""

from __future__ import annotations

from pathlib import Path

from sharemarket import FirmId, Money, ParkViews, ShareMarket
from sharemarket.application.projections.catalogue import POSTING_RULES
from sharemarket.domain.clearing.run import ClearingRun
from tests.application.clearing.test_runs import AS_OF, accept_all, bill
from tests.labour_support import ADMIN, JIAMEI, SHUNMEI, TONGXIN, open_park, rep

FIRMS = (TONGXIN, JIAMEI, SHUNMEI)


def net(views: ParkViews, firm: FirmId) -> Money:
    balances = views.balances(firm.code)
    return balances.receivable - balances.payable


def test_committing_and_paying_a_run_keeps_each_firms_net_in_the_journal(tmp_path: Path) -> None:
    with ShareMarket.in_memory() as market, ParkViews.sqlite(tmp_path / "views") as views:
        open_park(market)
        ring = [bill(market, a, b, 8, rate) for a, b, rate in (
            (TONGXIN, JIAMEI, "100.00"), (JIAMEI, SHUNMEI, "100.00"), (SHUNMEI, TONGXIN, "125.00"),
        )]  # fmt: skip
        run = market.clearing.propose_run(ADMIN, request_id="run", as_of=AS_OF, obligations=ring)
        accept_all(market, run, list(FIRMS))
        views.catch_up(market)
        before = {firm: net(views, firm) for firm in FIRMS}
        assert before == {TONGXIN: Money.of("200"), JIAMEI: Money(0), SHUNMEI: Money.of("-200")}
        market.clearing.commit_run(ADMIN, request_id="commit", run=run)
        views.catch_up(market)
        assert {firm: net(views, firm) for firm in FIRMS} == before
        # Only the net payment is left open: Shunmei pays Tongxin ¥200.
        assert views.balances(SHUNMEI.code).payable == Money.of("200")
        assert views.balances(TONGXIN.code).receivable == Money.of("200")
        assert views.balances(JIAMEI.code).receivable == Money(0)
        market.clearing.record_net_payment(
            rep(SHUNMEI), request_id="pay", run=run, payee=TONGXIN, amount="200.00"
        )
        views.catch_up(market)
        assert all(net(views, firm) == Money(0) for firm in FIRMS)
        assert views.verify().ok


def test_only_a_commit_and_its_payments_move_value() -> None:
    movers = [c for c in (ClearingRun.Proposed, ClearingRun.Accepted, ClearingRun.Declined,
              ClearingRun.Committed, ClearingRun.Abandoned, ClearingRun.NetPaymentRecorded)
              if POSTING_RULES.moves_value(c)]  # fmt: skip
    assert movers == [ClearingRun.Committed, ClearingRun.NetPaymentRecorded]
