"""A stateful machine: the market's clearing runs beside a small model of who owes whom.

The machine makes trade obligations of the three clearable slices between four Dehua firms
(labour bills, subcontracting parts' bills, venue fees), pays some directly, proposes runs
over open bills, lets firms accept or decline, commits (or finds a run stale) and pays net
payments. The model holds each bill's unpaid amount and each run's obligations, acceptances and
state; after every step each bill's unpaid amount, each run's state and each firm's net
position (over bills and committed runs' net payments) must agree with the market's.
"""

from __future__ import annotations

from uuid import UUID

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from sharemarket import (
    AcceptancesMissing,
    FirmId,
    Money,
    NotAParticipant,
    ObligationRef,
    RunNotOpen,
    RunStale,
    ShareMarket,
)
from tests.application.clearing import obligations
from tests.application.clearing.test_runs import AS_OF
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, open_park, rep

FIRMS = (TONGXIN, JIAMEI, SHUNMEI, GUANFU)
pairs = st.permutations(FIRMS).map(lambda firms: (firms[0], firms[1]))


class Run:
    """The model of a run: its obligations (ref -> debtor, creditor, amount) and answers."""

    def __init__(self, obligations: dict[ObligationRef, tuple[FirmId, FirmId, int]]) -> None:
        self.obligations = obligations
        self.accepted: set[FirmId] = set()
        self.status = "open"
        self.owed: dict[tuple[FirmId, FirmId], int] = {}

    @property
    def firms(self) -> set[FirmId]:
        return {f for d, c, _ in self.obligations.values() for f in (d, c)}


class Clearing(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.market = ShareMarket.in_memory()
        open_park(self.market)
        self.bills: dict[ObligationRef, tuple[FirmId, FirmId, int]] = {}  # unpaid fen
        self.runs: dict[UUID, Run] = {}
        self.n = 0

    def teardown(self) -> None:
        self.market.close()

    def rid(self, what: str) -> str:
        self.n += 1
        return f"{what}-{self.n}"

    def open_runs(self) -> list[UUID]:
        return [k for k, r in self.runs.items() if r.status == "open"]

    def open_bills(self) -> list[ObligationRef]:
        return [ref for ref, (_, _, unpaid) in self.bills.items() if unpaid > 0]

    @initialize(
        first=st.lists(
            st.tuples(pairs, st.integers(1, 8), st.sampled_from(obligations.KINDS)),
            min_size=2,
            max_size=4,
        )
    )
    def first_bills(self, first: list[tuple[tuple[FirmId, FirmId], int, str]]) -> None:
        """A few obligations, and a run over them that every firm accepted, ready to commit."""
        for pair, units, kind in first:
            self.bill(pair, units, kind)
        refs = self.open_bills()
        run_id = self.market.clearing.propose_run(
            ADMIN, request_id=self.rid("run"), as_of=AS_OF, obligations=refs
        )
        self.runs[run_id] = run = Run({ref: self.bills[ref] for ref in refs})
        for firm in sorted(run.firms):
            self.market.clearing.accept_run(rep(firm), request_id=self.rid("yes"), run=run_id)
        run.accepted = set(run.firms)

    @rule(pair=pairs, units=st.integers(1, 8), kind=st.sampled_from(obligations.KINDS))
    def bill(self, pair: tuple[FirmId, FirmId], units: int, kind: str) -> None:
        ref = obligations.make(self.market, kind, pair[0], pair[1], units, self.rid(kind))
        self.bills[ref] = (pair[0], pair[1], obligations.owed(self.market, ref).fen)

    @rule(data=st.data())
    def pay_directly(self, data: st.DataObject) -> None:
        if not self.open_bills():
            return
        ref = data.draw(st.sampled_from(self.open_bills()))
        debtor, creditor, unpaid = self.bills[ref]
        amount = data.draw(st.integers(1, unpaid))
        obligations.pay(self.market, ref, debtor, Money(amount), self.rid("pay"))
        self.bills[ref] = (debtor, creditor, unpaid - amount)

    @rule(data=st.data())
    def propose(self, data: st.DataObject) -> None:
        if not self.open_bills():
            return
        refs = data.draw(st.lists(st.sampled_from(self.open_bills()), min_size=1, unique=True))
        run = self.market.clearing.propose_run(
            ADMIN, request_id=self.rid("run"), as_of=AS_OF, obligations=refs
        )
        self.runs[run] = Run({ref: self.bills[ref] for ref in refs})

    @rule(data=st.data(), decline=st.booleans())
    def answer(self, data: st.DataObject, decline: bool) -> None:
        if not self.open_runs():
            return
        run_id = data.draw(st.sampled_from(self.open_runs()))
        run, firm = self.runs[run_id], data.draw(st.sampled_from(FIRMS))
        if firm not in run.firms:
            try:
                self.market.clearing.accept_run(rep(firm), request_id=self.rid("x"), run=run_id)
            except NotAParticipant:
                return
            raise AssertionError("a firm outside the run accepted it")
        if decline:
            self.market.clearing.decline_run(
                rep(firm), request_id=self.rid("no"), run=run_id, reason="单独结算"
            )
            run.obligations = {r: o for r, o in run.obligations.items() if firm not in o[:2]}
            run.accepted = set()
            run.status = "open" if run.obligations else "abandoned"
        else:
            self.market.clearing.accept_run(rep(firm), request_id=self.rid("yes"), run=run_id)
            run.accepted.add(firm)

    @rule(data=st.data())
    def everyone_accepts(self, data: st.DataObject) -> None:
        if not self.open_runs():
            return
        run_id = data.draw(st.sampled_from(self.open_runs()))
        run = self.runs[run_id]
        for firm in sorted(run.firms - run.accepted):
            self.market.clearing.accept_run(rep(firm), request_id=self.rid("yes"), run=run_id)
        run.accepted = set(run.firms)

    def ready(self) -> list[UUID]:
        return [k for k, r in self.runs.items() if r.status == "open" and r.accepted == r.firms]

    @rule(data=st.data())
    def commit(self, data: st.DataObject) -> None:
        """Commit any run: one every firm accepted, or (refused) another."""
        if not self.runs:
            return
        self.try_commit(data.draw(st.sampled_from(sorted(self.runs))))

    @rule(data=st.data())
    def commit_a_ready_run(self, data: st.DataObject) -> None:
        if not self.ready():
            return
        self.try_commit(data.draw(st.sampled_from(self.ready())))

    def try_commit(self, run_id: UUID) -> None:
        run = self.runs[run_id]
        expected: type[Exception] | None = None
        if run.status != "open":
            expected = RunNotOpen
        elif run.accepted != run.firms:
            expected = AcceptancesMissing
        elif any(self.bills[ref] != o for ref, o in run.obligations.items()):
            expected = RunStale
        head = self.market.event_log.head()
        if expected is not None:
            event(f"commit refused: {expected.code}")  # type: ignore[attr-defined]
            with pytest.raises(expected):
                self.market.clearing.commit_run(ADMIN, request_id=self.rid("commit"), run=run_id)
            assert self.market.event_log.head() == head
            return
        self.market.clearing.commit_run(ADMIN, request_id=self.rid("commit"), run=run_id)
        event("run committed")
        for ref, (debtor, creditor, _) in run.obligations.items():
            self.bills[ref] = (debtor, creditor, 0)
        run.status = "committed"
        statement = self.market.clearing.statement(run_id)
        run.owed = {(p.payer, p.payee): p.amount.fen for p in statement.payments}

    @rule(data=st.data())
    def pay_net(self, data: st.DataObject) -> None:
        choices = [(k, pair) for k, r in self.runs.items() for pair, fen in r.owed.items() if fen]
        if not choices:
            return
        run_id, (payer, payee) = data.draw(st.sampled_from(choices))
        amount = data.draw(st.integers(1, self.runs[run_id].owed[(payer, payee)]))
        self.market.clearing.record_net_payment(
            rep(payer), request_id=self.rid("net"), run=run_id, payee=payee, amount=Money(amount)
        )
        self.runs[run_id].owed[(payer, payee)] -= amount

    @invariant()
    def bills_agree(self) -> None:
        for ref, (_, _, unpaid) in self.bills.items():
            assert obligations.owed(self.market, ref).fen == unpaid

    @invariant()
    def runs_agree(self) -> None:
        for run_id, run in self.runs.items():
            statement = self.market.clearing.statement(run_id)
            assert statement.status.value == run.status
            assert {o.ref for o in statement.obligations} == set(run.obligations)
            assert set(statement.accepted) == run.accepted
            assert len(statement.payments) <= max(len(run.firms) - 1, 0)
            if run.status == "committed":
                pairs = zip(statement.payments, statement.owed, strict=True)
                owed = {(p.payer, p.payee): o.fen for p, o in pairs}
                assert owed == run.owed

    @invariant()
    def each_firms_net_position_agrees(self) -> None:
        """What each firm is owed less what it owes, over bills and committed runs."""
        model = dict.fromkeys(FIRMS, 0)
        for debtor, creditor, unpaid in self.bills.values():
            model[creditor] += unpaid
            model[debtor] -= unpaid
        for run in self.runs.values():
            for (payer, payee), fen in run.owed.items():
                model[payee] += fen
                model[payer] -= fen
        assert sum(model.values()) == 0
        market = dict.fromkeys(FIRMS, 0)
        for ref, (debtor, creditor, _) in self.bills.items():
            unpaid = obligations.owed(self.market, ref).fen
            market[creditor] += unpaid
            market[debtor] -= unpaid
        for run_id in self.runs:
            statement = self.market.clearing.statement(run_id)
            if statement.status.value == "committed":
                for p, owed in zip(statement.payments, statement.owed, strict=True):
                    market[p.payee] += owed.fen
                    market[p.payer] -= owed.fen
        assert market == model


Clearing.TestCase.settings = settings(max_examples=20, stateful_step_count=20, deadline=None)
TestClearing = Clearing.TestCase
