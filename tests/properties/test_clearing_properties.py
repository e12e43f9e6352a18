"""Clearing runs over random labour settlements: what each firm is owed, net, never changes.

Each example opens an in-memory market, bills random hours between four Dehua firms (labour
settlements), proposes a run over all of them, lets random firms decline, and commits. Before
and after, each firm's net position (what it is owed less what it owes, over the settlements
and the run's net payments) is the same; the payments are at most the participants less one.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sharemarket import FirmId, Money, ObligationRef, RunStale, ShareMarket
from tests.application.clearing.test_runs import AS_OF, bill
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, open_park, rep

FIRMS = [TONGXIN, JIAMEI, SHUNMEI, GUANFU]
pairs = st.tuples(st.sampled_from(FIRMS), st.sampled_from(FIRMS)).filter(lambda p: p[0] != p[1])


def net_positions(market: ShareMarket, refs: list[ObligationRef], runs: list) -> dict[FirmId, int]:  # type: ignore[type-arg]
    net = dict.fromkeys(FIRMS, 0)
    for ref in refs:
        agreement = market.labour.agreement(ref.holder)
        unpaid = agreement.owed_on(ref.obligation).fen
        net[agreement.lender] += unpaid
        net[agreement.borrower] -= unpaid
    for run in runs:
        statement = market.clearing.statement(run)
        for payment, owed in zip(statement.payments, statement.owed, strict=True):
            if statement.status.value == "committed":
                net[payment.payee] += owed.fen
                net[payment.payer] -= owed.fen
    return net


@settings(max_examples=10, deadline=None)
@given(
    bills=st.lists(
        st.tuples(pairs, st.integers(1, 8), st.integers(0, 500)), min_size=1, max_size=5
    ),
    decliners=st.sets(st.sampled_from(FIRMS), max_size=2),
    pay_first=st.booleans(),
)
def test_a_committed_run_keeps_every_firms_net_position(
    bills: list[tuple[tuple[FirmId, FirmId], int, int]], decliners: set[FirmId], pay_first: bool
) -> None:
    with ShareMarket.in_memory() as market:
        open_park(market)
        refs = [
            bill(market, borrower, lender, hours, f"{rate}.00")
            for (borrower, lender), hours, rate in bills
        ]
        refs = [r for r in refs if market.labour.agreement(r.holder).owed_on(r.obligation).fen > 0]
        if not refs:
            return
        run = market.clearing.propose_run(ADMIN, request_id="run", as_of=AS_OF, obligations=refs)
        for firm in sorted(decliners):
            if firm in market.clearing.statement(run).positions:
                market.clearing.decline_run(
                    rep(firm), request_id=f"no-{firm}", run=run, reason="不参加"
                )
        statement = market.clearing.statement(run)
        if statement.status.value != "open":
            return
        firms = list(statement.positions)
        assert len(statement.payments) <= len(firms) - 1
        assert sum(p.fen for p in statement.positions.values()) == 0
        for firm in firms:
            market.clearing.accept_run(rep(firm), request_id=f"yes-{firm}", run=run)
        before = net_positions(market, refs, [run])
        if pay_first:  # one obligation paid after the proposal: the run never commits
            first = statement.obligations[0].ref
            market.labour.record_payment(
                rep(statement.obligations[0].debtor), request_id="direct", agreement=first.holder,
                settlement=first.obligation, amount=Money(1),
            )  # fmt: skip
            try:
                market.clearing.commit_run(ADMIN, request_id="commit", run=run)
            except RunStale:
                return
            raise AssertionError("a stale run committed")
        market.clearing.commit_run(ADMIN, request_id="commit", run=run)
        assert net_positions(market, refs, [run]) == before
        for item in market.clearing.statement(run).obligations:
            assert market.labour.agreement(item.ref.holder).owed_on(item.ref.obligation) == Money(0)
