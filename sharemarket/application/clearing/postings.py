"""Clearing (清算) in the journal: the net payments a committed run asks for, and their payment.

The included obligations are cleared in their own slices (a labour settlement's receivable and
payable fall by what the run paid, by the labour slice's rule for ``SettledByClearing``); the run
then posts each net payment as CNY receivable by the payee and payable by the payer, so each
firm's net receivable less payable is what it was before the run. A payment of a net payment
clears that much of both, as any payment does.
"""

from __future__ import annotations

from collections.abc import Sequence

from sharemarket.application.projections.journal import (
    Posting,
    PostingRules,
    owed,
    paid,
)
from sharemarket.application.projections.parties import PartyBook, PartyRules
from sharemarket.domain.clearing.run import ClearingRun

postings = PostingRules()
#: A run's parties are many and are named in its events: it declares no roles.
parties = PartyRules()


@postings.rule(ClearingRun.Committed)
def committed(event: ClearingRun.Committed, _: PartyBook) -> Sequence[Posting]:
    found: list[Posting] = []
    for p in event.payments:
        found.extend(
            owed(
                p.amount.fen,
                debtor=p.payer,
                creditor=p.payee,
                reference=f"net payment of clearing run {event.originator_id}",
            )
        )
    return found


@postings.rule(ClearingRun.NetPaymentRecorded)
def net_payment_recorded(event: ClearingRun.NetPaymentRecorded, _: PartyBook) -> Sequence[Posting]:
    return paid(
        event.amount.fen,
        debtor=event.payer,
        creditor=event.payee,
        reference=f"payment {event.payment_id} of clearing run {event.originator_id}",
    )


postings.moves_no_value(
    ClearingRun.Proposed, ClearingRun.Accepted, ClearingRun.Declined, ClearingRun.Abandoned
)
