"""Clearing handlers: load the run and the aggregates holding its obligations, decide, return.

Proposing reads each obligation from its holder (saved: nothing but the run). Committing saves
the run and every holder in one atomic save: all the obligations are paid by the run, or none.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.clearing import access
from sharemarket.application.clearing import commands as c
from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.domain.clearing import holders
from sharemarket.domain.clearing.run import ClearingRun

handlers = Handlers()

Saved = list[ClearingRun]


@handlers.handles(c.ProposeRun)
def propose(loader: Loader, command: c.ProposeRun) -> tuple[Saved, UUID]:
    park = read_park(loader)
    found = access.holders(loader, command.obligations)
    run = ClearingRun.propose(
        park,
        command.actor,
        run_id=command.run_id,
        as_of=command.as_of,
        obligations=holders.included(command.obligations, found),
    )
    return [run], run.id


@handlers.handles(c.AcceptRun)
def accept(loader: Loader, command: c.AcceptRun) -> tuple[Saved, None]:
    run = access.run(loader, command.run)
    run.accept(read_park(loader), command.actor)
    return [run], None


@handlers.handles(c.DeclineRun)
def decline(loader: Loader, command: c.DeclineRun) -> tuple[Saved, None]:
    run = access.run(loader, command.run)
    run.decline(read_park(loader), command.actor, command.reason)
    return [run], None


@handlers.handles(c.CommitRun)
def commit(loader: Loader, command: c.CommitRun) -> tuple[list[Aggregate], None]:
    run = access.run(loader, command.run)
    found = access.holders(loader, [o.ref for o in run.obligations])
    holders.commit(run, read_park(loader), command.actor, found)
    changed: list[Aggregate] = [run]
    changed.extend(h for h in found.values() if isinstance(h, Aggregate))
    return changed, None


@handlers.handles(c.AbandonRun)
def abandon(loader: Loader, command: c.AbandonRun) -> tuple[Saved, None]:
    run = access.run(loader, command.run)
    run.abandon(read_park(loader), command.actor, command.reason)
    return [run], None


@handlers.handles(c.RecordNetPayment)
def record_net_payment(loader: Loader, command: c.RecordNetPayment) -> tuple[Saved, UUID]:
    run = access.run(loader, command.run)
    run.record_payment(
        read_park(loader),
        command.actor,
        payee=command.payee,
        payment_id=command.payment_id,
        amount=command.amount,
    )
    return [run], command.payment_id
