"""Fund-loan handlers: load, let the domain decide, return what changed to be saved at once.

A pool loan's disbursal, repayment, call, refund, write-off and undone disbursal move the pool's
cash: the pool is returned with the loan, so the unit of work saves both atomically and a racing
command that read an older pool fails its write and is decided again.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.funds import guaranteeing, lending
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.network import HeldGuarantee
from sharemarket.domain.funds.pool import Pool

handlers = Handlers()
Saved = list[Aggregate]


def _saved(loader: Loader, loan: Loan, pool: Pool | None, actor: Actor) -> Saved:
    """The loan, its pool if it moved cash, and the guarantee network if the loan just ended
    with guarantees held there (released in the same transaction)."""
    saved: Saved = [loan] if pool is None else [loan, pool]
    network = access.network_if_any(loader)
    if network is not None and guaranteeing.release_if_ended(loan, network, actor):
        saved.append(network)
    return saved


@handlers.handles(c.RecordLpr)
def record_lpr(loader: Loader, command: c.RecordLpr) -> tuple[Saved, None]:
    table = access.lpr_table_for_update(loader, command.actor)
    table.record(read_park(loader), command.actor, command.figure)
    return [table], None


@handlers.handles(c.EstablishPool)
def establish_pool(loader: Loader, command: c.EstablishPool) -> tuple[Saved, UUID]:
    pool = Pool.establish(
        read_park(loader), command.actor, pool_id=command.pool_id, name=command.name,
        custodian=command.custodian, rules=command.rules,
    )  # fmt: skip
    return [pool], pool.id


@handlers.handles(c.Contribute)
def contribute(loader: Loader, command: c.Contribute) -> tuple[Saved, None]:
    pool = access.pool(loader, command.pool)
    pool.contribute(
        read_park(loader), command.actor, command.contributor, command.amount, command.received_on
    )
    return [pool], None


@handlers.handles(c.WithdrawContribution)
def withdraw_contribution(loader: Loader, command: c.WithdrawContribution) -> tuple[Saved, None]:
    pool = access.pool(loader, command.pool)
    pool.withdraw(
        read_park(loader), command.actor, command.contributor, command.amount, command.paid_on
    )
    return [pool], None


def _submit(loader: Loader, command: c.NewLoan, pool: Pool | None, lender: object) -> Loan:
    return lending.submit(
        read_park(loader), access.lpr_table(loader, command.actor), command.actor,
        loan_id=command.loan_id, lender=lender, pool=pool, terms=command.terms.terms,  # type: ignore[arg-type]
    )  # fmt: skip


@handlers.handles(c.ApplyToPool)
def apply_to_pool(loader: Loader, command: c.ApplyToPool) -> tuple[Saved, UUID]:
    # The pool is read to check the terms against its rules; its cash is checked on disbursal.
    loan = _submit(loader, command, access.pool(loader, command.pool), None)
    return [loan], loan.id


@handlers.handles(c.RequestLoan)
def request_loan(loader: Loader, command: c.RequestLoan) -> tuple[Saved, UUID]:
    loan = _submit(loader, command, None, command.lender)
    return [loan], loan.id


def _on_loan(
    decide: Callable[[Loader, c.OnLoan[None], Loan], None],
) -> Callable[[Loader, c.OnLoan[None]], tuple[Saved, None]]:
    def handle(loader: Loader, command: c.OnLoan[None]) -> tuple[Saved, None]:
        loan = access.loan(loader, command.loan)
        decide(loader, command, loan)
        return _saved(loader, loan, None, command.actor), None

    return handle


def _moving_pool_cash(
    decide: Callable[[Loader, c.OnLoan[None], Loan, Pool | None], None],
) -> Callable[[Loader, c.OnLoan[None]], tuple[Saved, None]]:
    def handle(loader: Loader, command: c.OnLoan[None]) -> tuple[Saved, None]:
        loan = access.loan(loader, command.loan)
        pool = access.pool_of(loader, loan)
        decide(loader, command, loan, pool)
        return _saved(loader, loan, pool, command.actor), None

    return handle


def _guarantor(command: c.OnLoan[None]) -> object:
    if command.actor.firm is None:
        raise InvalidInput("a guarantor answers through a representative of the guarantor firm")
    return command.actor.firm


handlers.handles(c.RequireGuarantee)(_on_loan(lambda ld, cmd, loan: guaranteeing.require_guarantee(
    read_park(ld), loan, cmd.actor, cmd.guarantor, cmd.limit, cmd.kind)))  # type: ignore[attr-defined]
handlers.handles(c.DeclineGuarantee)(_on_loan(lambda ld, cmd, loan: guaranteeing.decline(
    read_park(ld), loan, cmd.actor, _guarantor(cmd), cmd.reason)))  # type: ignore[arg-type, attr-defined]
handlers.handles(c.ApproveLoan)(_on_loan(lambda ld, cmd, loan: lending.approve(
    read_park(ld), loan, cmd.actor)))
handlers.handles(c.UndoApproval)(_on_loan(lambda ld, cmd, loan: lending.undo_approval(
    read_park(ld), loan, cmd.actor, cmd.reason)))  # type: ignore[attr-defined]
handlers.handles(c.RejectLoan)(_on_loan(lambda ld, cmd, loan: lending.reject(
    read_park(ld), loan, cmd.actor, cmd.reason)))  # type: ignore[attr-defined]
handlers.handles(c.WithdrawLoan)(_on_loan(lambda ld, cmd, loan: lending.withdraw(
    read_park(ld), loan, cmd.actor, cmd.reason)))  # type: ignore[attr-defined]
handlers.handles(c.AccruePenalty)(_on_loan(lambda ld, cmd, loan: lending.accrue_penalty(
    read_park(ld), loan, cmd.actor, cmd.as_of)))  # type: ignore[attr-defined]
handlers.handles(c.RecordEnforcementFailed)(_on_loan(
    lambda ld, cmd, loan: guaranteeing.record_enforcement_failed(
        read_park(ld), loan, cmd.actor, cmd.failed_on, cmd.reason)))  # type: ignore[attr-defined]
handlers.handles(c.RepaySubrogation)(_on_loan(lambda ld, cmd, loan: guaranteeing.repay_subrogation(
    read_park(ld), loan, cmd.actor, _guarantor(cmd), cmd.amount, cmd.paid_on)))  # type: ignore[arg-type, attr-defined]

handlers.handles(c.DisburseLoan)(_moving_pool_cash(lambda ld, cmd, loan, pool: lending.disburse(
    read_park(ld), loan, pool, cmd.actor, cmd.disbursed_on)))  # type: ignore[attr-defined]
handlers.handles(c.UndoDisbursal)(_moving_pool_cash(
    lambda ld, cmd, loan, pool: lending.undo_disbursal(
        read_park(ld), loan, pool, cmd.actor, cmd.reason)))  # type: ignore[attr-defined]
handlers.handles(c.RecordRepayment)(_moving_pool_cash(lambda ld, cmd, loan, pool: lending.repay(
    read_park(ld), loan, pool, cmd.actor, cmd.amount, cmd.paid_on)))  # type: ignore[attr-defined]
handlers.handles(c.WriteOff)(_moving_pool_cash(lambda ld, cmd, loan, pool: lending.write_off(
    read_park(ld), loan, pool, cmd.actor, cmd.written_off_on, cmd.reason)))  # type: ignore[attr-defined]
handlers.handles(c.RefundOverpayment)(_moving_pool_cash(lambda ld, cmd, loan, pool: lending.refund(
    read_park(ld), loan, pool, cmd.actor, cmd.amount, cmd.paid_on)))  # type: ignore[attr-defined]
handlers.handles(c.CallGuarantee)(_moving_pool_cash(lambda ld, cmd, loan, pool: guaranteeing.call(
    read_park(ld), loan, pool, cmd.actor, cmd.guarantor, cmd.amount, cmd.paid_on)))  # type: ignore[attr-defined]


@handlers.handles(c.AcceptGuarantee)
def accept_guarantee(loader: Loader, command: c.AcceptGuarantee) -> tuple[Saved, None]:
    loan = access.loan(loader, command.loan)
    network = access.network(loader, command.actor)
    guarantor = _guarantor(command)
    guaranteeing.accept(read_park(loader), loan, network, command.actor, guarantor)  # type: ignore[arg-type]
    return [loan, network], None


@handlers.handles(c.SetGuaranteeRules)
def set_guarantee_rules(loader: Loader, command: c.SetGuaranteeRules) -> tuple[Saved, None]:
    network = access.network(loader, command.actor)
    network.set_rules(read_park(loader), command.actor, command.max_per_guarantor, command.cycles)
    return [network], None


@handlers.handles(c.RecordExternalGuarantee)
def record_external_guarantee(
    loader: Loader, command: c.RecordExternalGuarantee
) -> tuple[Saved, UUID]:
    network = access.network(loader, command.actor)
    held = HeldGuarantee(
        command.guarantee_id, command.guarantor, command.borrower, command.lender, command.limit,
        external=True,
    )  # fmt: skip
    network.record_external(read_park(loader), command.actor, held)
    return [network], command.guarantee_id


@handlers.handles(c.ReleaseExternalGuarantee)
def release_external_guarantee(
    loader: Loader, command: c.ReleaseExternalGuarantee
) -> tuple[Saved, None]:
    network = access.network(loader, command.actor)
    network.release_external(read_park(loader), command.actor, command.guarantee)
    return [network], None
