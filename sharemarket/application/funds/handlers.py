"""Fund-loan handlers: load, let the domain decide, return what changed to be saved at once.

A pool loan's disbursal, repayment, call, refund, write-off and undone disbursal move the pool's
cash: the pool is returned with the loan, so the unit of work saves both atomically and a racing
command that read an older pool fails its write and is decided again. A step that ends a loan
with guarantees held in the guarantee network releases them in the same transaction.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import calls, guaranteeing, lending
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.network import HeldGuarantee
from sharemarket.domain.funds.pool import Pool

handlers = Handlers()
Saved = list[Aggregate]
Done = tuple[Saved, None]


def _saved(loader: Loader, loan: Loan, pool: Pool | None, actor: Actor) -> Saved:
    """The loan, its pool if it moved cash, and the guarantee network if the loan just ended
    with guarantees held there (released in the same transaction)."""
    saved: Saved = [loan] if pool is None else [loan, pool]
    network = access.network_if_any(loader)
    if network is not None and guaranteeing.release_if_ended(loan, network, actor):
        saved.append(network)
    return saved


def _acting_firm(actor: Actor) -> FirmId:
    if actor.firm is None:
        raise InvalidInput("a guarantor acts through a representative of the guarantor firm")
    return actor.firm


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


# Applying --------------------------------------------------------------------------------------


@handlers.handles(c.ApplyToPool)
def apply_to_pool(loader: Loader, command: c.ApplyToPool) -> tuple[Saved, UUID]:
    # The pool is read to check the terms against its rules; its cash is checked on disbursal.
    loan = lending.submit(
        read_park(loader),
        access.lpr_table(loader, command.actor),
        command.actor,
        loan_id=command.loan_id,
        lender=None,
        pool=access.pool(loader, command.pool),
        terms=command.terms.terms,
    )
    return [loan], loan.id


@handlers.handles(c.RequestLoan)
def request_loan(loader: Loader, command: c.RequestLoan) -> tuple[Saved, UUID]:
    loan = lending.submit(
        read_park(loader),
        access.lpr_table(loader, command.actor),
        command.actor,
        loan_id=command.loan_id,
        lender=command.lender,
        pool=None,
        terms=command.terms.terms,
    )
    return [loan], loan.id


# Guarantees ------------------------------------------------------------------------------------


@handlers.handles(c.RequireGuarantee)
def require_guarantee(loader: Loader, command: c.RequireGuarantee) -> Done:
    loan = access.loan(loader, command.loan)
    guaranteeing.require_guarantee(
        read_park(loader), loan, command.actor, command.guarantor, command.limit, command.kind
    )
    return [loan], None


@handlers.handles(c.AcceptGuarantee)
def accept_guarantee(loader: Loader, command: c.AcceptGuarantee) -> Done:
    loan = access.loan(loader, command.loan)
    network = access.network(loader, command.actor)
    guarantor = _acting_firm(command.actor)
    exposures = access.exposures(loader, network, guarantor)
    guaranteeing.accept(read_park(loader), loan, network, command.actor, guarantor, exposures)
    return [loan, network], None


@handlers.handles(c.DeclineGuarantee)
def decline_guarantee(loader: Loader, command: c.DeclineGuarantee) -> Done:
    loan = access.loan(loader, command.loan)
    guarantor = _acting_firm(command.actor)
    guaranteeing.decline(read_park(loader), loan, command.actor, guarantor, command.reason)
    return [loan], None


@handlers.handles(c.RecordEnforcementFailed)
def record_enforcement_failed(loader: Loader, command: c.RecordEnforcementFailed) -> Done:
    loan = access.loan(loader, command.loan)
    guaranteeing.record_enforcement_failed(
        read_park(loader), loan, command.actor, command.failed_on, command.reason
    )
    return [loan], None


@handlers.handles(c.CallGuarantee)
def call_guarantee(loader: Loader, command: c.CallGuarantee) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    park = read_park(loader)
    g, amount, on = command.guarantor, command.amount, command.paid_on
    calls.call_and_pay(park, loan, pool, command.actor, g, amount, on)
    return _saved(loader, loan, pool, command.actor), None


@handlers.handles(c.IssueGuaranteeCall)
def issue_guarantee_call(loader: Loader, command: c.IssueGuaranteeCall) -> Done:
    loan = access.loan(loader, command.loan)
    park = read_park(loader)
    g, amount, on = command.guarantor, command.amount, command.called_on
    calls.issue(park, loan, command.actor, g, amount, on)
    return [loan], None


@handlers.handles(c.RecordGuarantorPayment)
def record_guarantor_payment(loader: Loader, command: c.RecordGuarantorPayment) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    park = read_park(loader)
    g, amount, on = command.guarantor, command.amount, command.paid_on
    calls.pay(park, loan, pool, command.actor, g, amount, on)
    return _saved(loader, loan, pool, command.actor), None


@handlers.handles(c.RepaySubrogation)
def repay_subrogation(loader: Loader, command: c.RepaySubrogation) -> Done:
    loan = access.loan(loader, command.loan)
    guarantor = _acting_firm(command.actor)
    guaranteeing.repay_subrogation(
        read_park(loader), loan, command.actor, guarantor, command.amount, command.paid_on
    )
    return [loan], None


# The lifecycle ---------------------------------------------------------------------------------


@handlers.handles(c.ApproveLoan)
def approve_loan(loader: Loader, command: c.ApproveLoan) -> Done:
    loan = access.loan(loader, command.loan)
    # A pool loan is approved as the pool's rules say (read: approving moves no cash).
    lending.approve(read_park(loader), loan, command.actor, access.pool_of(loader, loan))
    return [loan], None


@handlers.handles(c.UndoApproval)
def undo_approval(loader: Loader, command: c.UndoApproval) -> Done:
    loan = access.loan(loader, command.loan)
    lending.undo_approval(read_park(loader), loan, command.actor, command.reason)
    return [loan], None


@handlers.handles(c.RejectLoan)
def reject_loan(loader: Loader, command: c.RejectLoan) -> Done:
    loan = access.loan(loader, command.loan)
    lending.reject(read_park(loader), loan, command.actor, command.reason)
    return _saved(loader, loan, None, command.actor), None


@handlers.handles(c.WithdrawLoan)
def withdraw_loan(loader: Loader, command: c.WithdrawLoan) -> Done:
    loan = access.loan(loader, command.loan)
    lending.withdraw(read_park(loader), loan, command.actor, command.reason)
    return _saved(loader, loan, None, command.actor), None


@handlers.handles(c.DisburseLoan)
def disburse_loan(loader: Loader, command: c.DisburseLoan) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    # The groups are saved with the loan: a change of membership racing the disbursal makes
    # one of the two fail its write and be decided again.
    groups = access.groups(loader, command.actor)
    lending.disburse(read_park(loader), loan, pool, command.actor, command.disbursed_on, groups)
    return [*_saved(loader, loan, pool, command.actor), groups], None


@handlers.handles(c.UndoDisbursal)
def undo_disbursal(loader: Loader, command: c.UndoDisbursal) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    lending.undo_disbursal(read_park(loader), loan, pool, command.actor, command.reason)
    return _saved(loader, loan, pool, command.actor), None


@handlers.handles(c.RecordRepayment)
def record_repayment(loader: Loader, command: c.RecordRepayment) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    lending.repay(read_park(loader), loan, pool, command.actor, command.amount, command.paid_on)
    return _saved(loader, loan, pool, command.actor), None


@handlers.handles(c.AccruePenalty)
def accrue_penalty(loader: Loader, command: c.AccruePenalty) -> Done:
    loan = access.loan(loader, command.loan)
    lending.accrue_penalty(read_park(loader), loan, command.actor, command.as_of)
    return [loan], None


@handlers.handles(c.WriteOff)
def write_off(loader: Loader, command: c.WriteOff) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    lending.write_off(
        read_park(loader), loan, pool, command.actor, command.written_off_on, command.reason
    )
    return _saved(loader, loan, pool, command.actor), None


@handlers.handles(c.RefundOverpayment)
def refund_overpayment(loader: Loader, command: c.RefundOverpayment) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    lending.refund(read_park(loader), loan, pool, command.actor, command.amount, command.paid_on)
    return _saved(loader, loan, pool, command.actor), None


# The guarantee network -------------------------------------------------------------------------


@handlers.handles(c.SetGuaranteeRules)
def set_guarantee_rules(loader: Loader, command: c.SetGuaranteeRules) -> Done:
    network = access.network(loader, command.actor)
    network.set_rules(read_park(loader), command.actor, command.max_per_guarantor, command.cycles)
    return [network], None


@handlers.handles(c.RecordExternalGuarantee)
def record_external_guarantee(
    loader: Loader, command: c.RecordExternalGuarantee
) -> tuple[Saved, UUID]:
    network = access.network(loader, command.actor)
    held = HeldGuarantee(
        command.guarantee_id,
        command.guarantor,
        command.borrower,
        command.lender,
        command.limit,
        external=True,
    )
    exposures = access.exposures(loader, network, command.guarantor)
    network.record_external(read_park(loader), command.actor, held, exposures)
    return [network], command.guarantee_id


@handlers.handles(c.ReleaseExternalGuarantee)
def release_external_guarantee(loader: Loader, command: c.ReleaseExternalGuarantee) -> Done:
    network = access.network(loader, command.actor)
    network.release_external(read_park(loader), command.actor, command.guarantee)
    return [network], None


# Joint guarantee groups ------------------------------------------------------------------------


@handlers.handles(c.FormJointGroup)
def form_joint_group(loader: Loader, command: c.FormJointGroup) -> tuple[Saved, UUID]:
    groups = access.groups(loader, command.actor)
    groups.form(read_park(loader), command.actor, command.group_id, command.name)
    return [groups], command.group_id


@handlers.handles(c.JoinJointGroup)
def join_joint_group(loader: Loader, command: c.JoinJointGroup) -> Done:
    groups = access.groups(loader, command.actor)
    groups.join(read_park(loader), command.actor, command.group, command.firm)
    return [groups], None


@handlers.handles(c.LeaveJointGroup)
def leave_joint_group(loader: Loader, command: c.LeaveJointGroup) -> Done:
    groups = access.groups(loader, command.actor)
    groups.leave(read_park(loader), command.actor, command.group, command.firm)
    return [groups], None
