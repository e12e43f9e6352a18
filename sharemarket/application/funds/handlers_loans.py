"""Handlers of a loan's lifecycle, from application to write-off: load, let the domain decide,
return what changed (with the pool that moved cash) to be saved at once."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.funds.handling import Done, Saved, handlers, saved
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.domain.funds import lending, repayments

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
    return saved(loader, loan, None, command.actor), None


@handlers.handles(c.WithdrawLoan)
def withdraw_loan(loader: Loader, command: c.WithdrawLoan) -> Done:
    loan = access.loan(loader, command.loan)
    lending.withdraw(read_park(loader), loan, command.actor, command.reason)
    return saved(loader, loan, None, command.actor), None


@handlers.handles(c.DisburseLoan)
def disburse_loan(loader: Loader, command: c.DisburseLoan) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    # The groups are saved with the loan: a change of membership racing the disbursal makes
    # one of the two fail its write and be decided again.
    groups = access.groups(loader, command.actor)
    lending.disburse(read_park(loader), loan, pool, command.actor, command.disbursed_on, groups)
    return [*saved(loader, loan, pool, command.actor), groups], None


@handlers.handles(c.UndoDisbursal)
def undo_disbursal(loader: Loader, command: c.UndoDisbursal) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    lending.undo_disbursal(read_park(loader), loan, pool, command.actor, command.reason)
    return saved(loader, loan, pool, command.actor), None


@handlers.handles(c.RecordRepayment)
def record_repayment(loader: Loader, command: c.RecordRepayment) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    repayments.repay(read_park(loader), loan, pool, command.actor, command.amount, command.paid_on)
    return saved(loader, loan, pool, command.actor), None


@handlers.handles(c.AccruePenalty)
def accrue_penalty(loader: Loader, command: c.AccruePenalty) -> Done:
    loan = access.loan(loader, command.loan)
    repayments.accrue_penalty(read_park(loader), loan, command.actor, command.as_of)
    return [loan], None


@handlers.handles(c.WriteOff)
def write_off(loader: Loader, command: c.WriteOff) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    repayments.write_off(
        read_park(loader), loan, pool, command.actor, command.written_off_on, command.reason
    )
    return saved(loader, loan, pool, command.actor), None


@handlers.handles(c.RefundOverpayment)
def refund_overpayment(loader: Loader, command: c.RefundOverpayment) -> Done:
    loan = access.loan(loader, command.loan)
    pool = access.pool_of(loader, loan)
    repayments.refund(read_park(loader), loan, pool, command.actor, command.amount, command.paid_on)
    return saved(loader, loan, pool, command.actor), None
