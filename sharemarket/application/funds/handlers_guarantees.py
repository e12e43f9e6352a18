"""Handlers of guarantees: a loan's guarantors, calls and subrogation, the guarantee network
and joint guarantee groups."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.funds.handling import Done, Saved, acting_firm, handlers, saved
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.domain.funds import calls, guaranteeing
from sharemarket.domain.funds.network import HeldGuarantee

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
    guarantor = acting_firm(command.actor)
    exposures = access.exposures(loader, network, guarantor)
    guaranteeing.accept(read_park(loader), loan, network, command.actor, guarantor, exposures)
    return [loan, network], None


@handlers.handles(c.DeclineGuarantee)
def decline_guarantee(loader: Loader, command: c.DeclineGuarantee) -> Done:
    loan = access.loan(loader, command.loan)
    guarantor = acting_firm(command.actor)
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
    return saved(loader, loan, pool, command.actor), None


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
    return saved(loader, loan, pool, command.actor), None


@handlers.handles(c.RepaySubrogation)
def repay_subrogation(loader: Loader, command: c.RepaySubrogation) -> Done:
    loan = access.loan(loader, command.loan)
    guarantor = acting_firm(command.actor)
    guaranteeing.repay_subrogation(
        read_park(loader), loan, command.actor, guarantor, command.amount, command.paid_on
    )
    return [loan], None


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
