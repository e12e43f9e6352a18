"""The audit trail's words for each event of a clearing run: what each firm owed, what was
cleared, and what it now pays or receives."""

from __future__ import annotations

from collections.abc import Iterable

from sharemarket.application.projections.audit_summaries import SummaryRules, short, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.clearing.netting import NetPayment, positions
from sharemarket.domain.clearing.run import ClearingRun, Included
from sharemarket.domain.money import Money

summaries = SummaryRules()


def run(e: ClearingRun.Event) -> str:
    return f"clearing run {short(e.originator_id)}"


def netting(obligations: Iterable[Included], payments: Iterable[NetPayment]) -> str:
    included = list(obligations)
    net = [f"{p.payer.short} pays {p.payee.short} {p.amount}" for p in payments]
    stand = [f"{firm.short} {money}" for firm, money in positions(o.debt for o in included).items()]
    return (
        f"{len(included)} obligations, {Money.sum(o.amount for o in included)} in all; "
        f"positions {', '.join(stand) or 'none'}; "
        f"net payments {'; '.join(net) or 'none (everything cancels)'}"
    )


@summaries.summary(ClearingRun.Proposed)
def proposed(e: ClearingRun.Proposed, _: PartyBook) -> str:
    owed = "; ".join(
        f"{o.debtor.short} owed {o.creditor.short} {o.amount} ({o.label})" for o in e.obligations
    )
    return (
        f"{who(e.actor)} proposed {run(e)} as of {e.as_of}: {owed}. "
        f"{netting(e.obligations, e.payments)}"
    )


@summaries.summary(ClearingRun.Accepted)
def accepted(e: ClearingRun.Accepted, _: PartyBook) -> str:
    return f"{who(e.actor)} accepted {run(e)} for {e.firm.short}"


@summaries.summary(ClearingRun.Declined)
def declined(e: ClearingRun.Declined, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} declined {run(e)} for {e.firm.short} ({e.reason}); recomputed without "
        f"its obligations: {netting(e.obligations, e.payments)}"
    )


@summaries.summary(ClearingRun.Committed)
def committed(e: ClearingRun.Committed, _: PartyBook) -> str:
    net = "; ".join(f"{p.payer.short} now pays {p.payee.short} {p.amount}" for p in e.payments)
    return f"{who(e.actor)} committed {run(e)}: its obligations are paid; {net or 'nothing to pay'}"


@summaries.summary(ClearingRun.Abandoned)
def abandoned(e: ClearingRun.Abandoned, _: PartyBook) -> str:
    return f"{who(e.actor)} abandoned {run(e)} ({e.reason})"


@summaries.summary(ClearingRun.NetPaymentRecorded)
def net_payment(e: ClearingRun.NetPaymentRecorded, _: PartyBook) -> str:
    return f"{who(e.actor)} paid {e.payee.short} {e.amount} on {run(e)}"
