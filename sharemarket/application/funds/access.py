"""Loading the fund-loans slice's aggregates: the LPR table, pools and loans."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.groups import GROUPS_ID, JointGroups
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.lpr import LPR_TABLE_ID, LprTable
from sharemarket.domain.funds.network import NETWORK_ID, GuaranteeNetwork
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.money import Money


def lpr_table(loader: Loader, actor: Actor) -> LprTable:
    """The stored table, or the published figures as shipped (started on its first extension)."""
    table = loader.read_only(LprTable, LPR_TABLE_ID)
    return table if table is not None else LprTable.start(actor)


def lpr_table_for_update(loader: Loader, actor: Actor) -> LprTable:
    table = loader.find(LprTable, LPR_TABLE_ID)
    return table if table is not None else LprTable.start(actor)


def pool(loader: Loader, pool_id: UUID) -> Pool:
    return loader.get(Pool, pool_id, f"pool {pool_id}")


def loan(loader: Loader, loan_id: UUID) -> Loan:
    return loader.get(Loan, loan_id, f"loan {loan_id}")


def pool_of(loader: Loader, loan: Loan) -> Pool | None:
    """The pool a pool loan moves cash in and out of (saved with the loan), or None."""
    return None if loan.pool is None else pool(loader, loan.pool)


def network(loader: Loader, actor: Actor) -> GuaranteeNetwork:
    """The guarantee network, to change (started on the first guarantee accepted)."""
    found = loader.find(GuaranteeNetwork, NETWORK_ID)
    return found if found is not None else GuaranteeNetwork.start(actor)


def network_if_any(loader: Loader) -> GuaranteeNetwork | None:
    return loader.find(GuaranteeNetwork, NETWORK_ID)


def groups(loader: Loader, actor: Actor) -> JointGroups:
    """The joint guarantee groups, to change (started on the first group formed, or the first
    disbursal, which is recorded there)."""
    found = loader.find(JointGroups, GROUPS_ID)
    return found if found is not None else JointGroups.start(actor)


def exposures(loader: Loader, network: GuaranteeNetwork, firm: FirmId) -> dict[str, Money]:
    """``firm``'s current exposure on each guarantee it holds in the network, by key: an
    external guarantee's limit; on a loan of the market, its limit until disbursal, then its
    exposure (read: it only ever falls, see ``GuaranteeNetwork.hold``)."""
    found: dict[str, Money] = {}
    for g in network.held_by(firm):
        loan = None if g.external else loader.read_only(Loan, g.loan)
        found[g.key] = g.limit if loan is None else loan.committed_exposure(firm)
    return found
