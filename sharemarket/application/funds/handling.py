"""What the fund-loan handlers share: their table, and the aggregates a loan's step saves.

A pool loan's disbursal, repayment, call, refund, write-off and undone disbursal move the pool's
cash: the pool is returned with the loan, so the unit of work saves both atomically and a racing
command that read an older pool fails its write and is decided again. A step that ends a loan
with guarantees held in the guarantee network releases them in the same transaction.
"""

from __future__ import annotations

from eventsourcing.domain import Aggregate

from sharemarket.application.funds import access
from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import guaranteeing
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.pool import Pool

handlers = Handlers()
Saved = list[Aggregate]
Done = tuple[Saved, None]


def saved(loader: Loader, loan: Loan, pool: Pool | None, actor: Actor) -> Saved:
    """The loan, its pool if it moved cash, and the guarantee network if the loan just ended
    with guarantees held there (released in the same transaction)."""
    found: Saved = [loan] if pool is None else [loan, pool]
    network = access.network_if_any(loader)
    if network is not None and guaranteeing.release_if_ended(loan, network, actor):
        found.append(network)
    return found


def acting_firm(actor: Actor) -> FirmId:
    if actor.firm is None:
        raise InvalidInput("a guarantor acts through a representative of the guarantor firm")
    return actor.firm
