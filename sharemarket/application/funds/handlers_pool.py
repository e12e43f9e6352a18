"""Handlers of the LPR table and the mutual-aid pool: load, let the domain decide, return
what changed to be saved at once."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.funds.handling import Done, Saved, handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.domain.funds.pool import Pool

# The LPR table and the pool ----------------------------------------------------------------------


@handlers.handles(c.RecordLpr)
def record_lpr(loader: Loader, command: c.RecordLpr) -> Done:
    table = access.lpr_table_for_update(loader, command.actor)
    table.record(read_park(loader), command.actor, command.figure)
    return [table], None


@handlers.handles(c.EstablishPool)
def establish_pool(loader: Loader, command: c.EstablishPool) -> tuple[Saved, UUID]:
    pool = Pool.establish(
        read_park(loader),
        command.actor,
        pool_id=command.pool_id,
        name=command.name,
        custodian=command.custodian,
        rules=command.rules,
    )
    return [pool], pool.id


@handlers.handles(c.Contribute)
def contribute(loader: Loader, command: c.Contribute) -> Done:
    pool = access.pool(loader, command.pool)
    pool.contribute(
        read_park(loader), command.actor, command.contributor, command.amount, command.received_on
    )
    return [pool], None


@handlers.handles(c.WithdrawContribution)
def withdraw_contribution(loader: Loader, command: c.WithdrawContribution) -> Done:
    pool = access.pool(loader, command.pool)
    pool.withdraw(
        read_park(loader), command.actor, command.contributor, command.amount, command.paid_on
    )
    return [pool], None


@handlers.handles(c.SetPoolApprovers)
def set_pool_approvers(loader: Loader, command: c.SetPoolApprovers) -> Done:
    pool = access.pool(loader, command.pool)
    pool.set_approvers(
        read_park(loader), command.actor, command.approvers, command.approvals_needed
    )
    return [pool], None
