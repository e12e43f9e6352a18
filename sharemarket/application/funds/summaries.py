"""One-line audit summaries of fund-loan events: the LPR table, pools, loans and guarantees."""

from __future__ import annotations

from typing import Any

from sharemarket.application.projections.audit_summaries import SummaryRules, short, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.funds.groups import JointGroups
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.lpr import LprTable
from sharemarket.domain.funds.network import CyclePolicy, GuaranteeNetwork
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.money import Money

summaries = SummaryRules()


def _loan(e: Any) -> str:
    return f"loan {short(e.originator_id)}"


def _pool(e: Any) -> str:
    return f"pool {short(e.originator_id)}"


@summaries.summary(LprTable.Started)
def lpr_started(e: LprTable.Started, _: PartyBook) -> str:
    return f"{who(e.actor)} started the LPR table with {len(e.figures)} published figures"


@summaries.summary(LprTable.FigureRecorded)
def lpr_recorded(e: LprTable.FigureRecorded, _: PartyBook) -> str:
    f = e.figure
    return f"{who(e.actor)} recorded the one-year LPR of {f.rate} % from {f.effective_from}"


@summaries.summary(Pool.Established)
def pool_established(e: Pool.Established, _: PartyBook) -> str:
    r = e.rules
    return (
        f"{who(e.actor)} established the pool {e.name} held by {e.custodian.short}: at most "
        f"{r.max_per_firm} a firm over {r.max_periods} months at {r.annual_rate} %, "
        f"{r.lendable_percent} % lendable"
    )


@summaries.summary(Pool.ContributionReceived)
def contributed(e: Pool.ContributionReceived, _: PartyBook) -> str:
    return f"{who(e.actor)} received {e.amount} from {e.contributor.short} into {_pool(e)}"


@summaries.summary(Pool.ContributionWithdrawn)
def withdrawn_contribution(e: Pool.ContributionWithdrawn, _: PartyBook) -> str:
    return f"{who(e.actor)} paid {e.amount} back to {e.contributor.short} from {_pool(e)}"


@summaries.summary(Pool.CashLent)
def cash_lent(e: Pool.CashLent, _: PartyBook) -> str:
    return f"{_pool(e)} lent {e.amount} to {e.borrower.short} (loan {short(e.loan)})"


@summaries.summary(Pool.CashReturned)
def cash_returned(e: Pool.CashReturned, _: PartyBook) -> str:
    return (
        f"{_pool(e)} received {e.principal} principal and {e.income} interest"
        f"{f', {e.excess} overpaid' if e.excess else ''} on loan {short(e.loan)}"
    )


@summaries.summary(Pool.CashRefunded)
def cash_refunded(e: Pool.CashRefunded, _: PartyBook) -> str:
    return f"{_pool(e)} refunded {e.amount} overpaid by {e.borrower.short}"


@summaries.summary(Pool.LoanLost)
def loan_lost(e: Pool.LoanLost, _: PartyBook) -> str:
    return f"{_pool(e)} lost {e.principal} of principal on loan {short(e.loan)} (written off)"


@summaries.summary(Pool.LossRecovered)
def loss_recovered(e: Pool.LossRecovered, _: PartyBook) -> str:
    return f"{_pool(e)} recovered {e.principal + e.income} on written-off loan {short(e.loan)}"


@summaries.summary(Loan.Submitted)
def submitted(e: Loan.Submitted, _: PartyBook) -> str:
    t = e.terms
    source = f"pool {short(e.pool)}" if e.pool is not None else e.lender.short
    return (
        f"{who(e.actor)} applied to {source} for {t.principal} at {t.annual_rate} % "
        f"({t.schedule.value}, {t.periods} months from {t.contract_date}; cap {e.lpr.cap} %)"
    )


@summaries.summary(Loan.GuaranteeRequired)
def guarantee_required(e: Loan.GuaranteeRequired, _: PartyBook) -> str:
    g = e.guarantee
    kind = g.kind.value.replace("_", "-")
    return (
        f"{who(e.actor)} asked {g.guarantor.short} for a {kind} guarantee of {g.limit} "
        f"on {_loan(e)}"
    )


@summaries.summary(Loan.GuaranteeAccepted)
def guarantee_accepted(e: Loan.GuaranteeAccepted, _: PartyBook) -> str:
    return f"{who(e.actor)} accepted to guarantee {_loan(e)}"


@summaries.summary(Loan.GuaranteeDeclined)
def guarantee_declined(e: Loan.GuaranteeDeclined, _: PartyBook) -> str:
    return f"{who(e.actor)} declined to guarantee {_loan(e)}: {e.reason}"


@summaries.summary(Pool.ApproversSet)
def approvers_set(e: Pool.ApproversSet, _: PartyBook) -> str:
    names = ", ".join(f.short for f in e.approvers)
    return (
        f"{who(e.actor)} named the committee approving loans of {_pool(e)}: "
        f"{e.approvals_needed} of {names}"
    )


@summaries.summary(Loan.ApprovalGiven)
def approval_given(e: Loan.ApprovalGiven, _: PartyBook) -> str:
    return f"{who(e.actor)} approved {_loan(e)} for the pool's committee firm {e.firm.short}"


@summaries.summary(JointGroups.LoanDisbursalChecked)
def disbursal_checked(e: JointGroups.LoanDisbursalChecked, _: PartyBook) -> str:
    where = "in no joint guarantee group" if e.group is None else f"in group {short(e.group)}"
    return (
        f"{who(e.actor)} disbursed loan {short(e.loan)} to {e.borrower.short}, {where}: "
        "checked against the groups as they stood"
    )


@summaries.summary(Loan.InterestRepriced)
def interest_repriced(e: Loan.InterestRepriced, _: PartyBook) -> str:
    saved = Money.sum(c.before - c.after for c in e.changes)
    numbers = ", ".join(str(c.number) for c in e.changes)
    return (
        f"{who(e.actor)} recorded a prepayment on {_loan(e)} on {e.on}: the interest of "
        f"instalments {numbers} falls by {saved}"
    )


@summaries.summary(Loan.GuaranteeCallIssued)
def call_issued(e: Loan.GuaranteeCallIssued, _: PartyBook) -> str:
    return f"{who(e.actor)} called {e.guarantor.short} for {e.amount} on {_loan(e)} on {e.on}"


@summaries.summary(Loan.Approved)
def approved(e: Loan.Approved, _: PartyBook) -> str:
    return f"{who(e.actor)} approved {_loan(e)}"


@summaries.summary(Loan.ApprovalUndone)
def approval_undone(e: Loan.ApprovalUndone, _: PartyBook) -> str:
    return f"{who(e.actor)} undid the approval of {_loan(e)}: {e.reason}"


@summaries.summary(Loan.Rejected)
def rejected(e: Loan.Rejected, _: PartyBook) -> str:
    return f"{who(e.actor)} rejected {_loan(e)}: {e.reason}"


@summaries.summary(Loan.Withdrawn)
def withdrawn(e: Loan.Withdrawn, _: PartyBook) -> str:
    return f"{who(e.actor)} withdrew the application for {_loan(e)}: {e.reason}"


@summaries.summary(Loan.Disbursed)
def disbursed(e: Loan.Disbursed, _: PartyBook) -> str:
    principal = Money.sum(i.principal for i in e.schedule)
    return (
        f"{who(e.actor)} disbursed {principal} on {e.disbursed_on} ({_loan(e)}, "
        f"{len(e.schedule)} instalments)"
    )


@summaries.summary(Loan.DisbursalUndone)
def disbursal_undone(e: Loan.DisbursalUndone, _: PartyBook) -> str:
    return f"{who(e.actor)} undid the disbursal of {e.principal} on {_loan(e)}: {e.reason}"


@summaries.summary(Loan.RepaymentRecorded)
def repayment(e: Loan.RepaymentRecorded, _: PartyBook) -> str:
    a = e.allocation
    extra = f", {a.excess} overpaid" if a.excess else ""
    return (
        f"{who(e.actor)} recorded {e.amount} repaid on {e.paid_on} on {_loan(e)}: {a.penalty} "
        f"penalty, {a.interest} interest, {a.principal} principal{extra}"
    )


@summaries.summary(Loan.PenaltyAccrued)
def penalty(e: Loan.PenaltyAccrued, _: PartyBook) -> str:
    total = Money.sum(c.amount for c in e.charges)
    return f"{who(e.actor)} accrued {total} penalty interest on {_loan(e)} to {e.as_of}"


@summaries.summary(Loan.EnforcementFailed)
def enforcement_failed(e: Loan.EnforcementFailed, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded that enforcement failed on {_loan(e)} ({e.on}): {e.reason}"


@summaries.summary(Loan.GuaranteeCalled)
def called(e: Loan.GuaranteeCalled, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} called {e.guarantor.short}, who paid {e.amount} on {e.paid_on} for "
        f"{_loan(e)} and holds a subrogation claim for it"
    )


@summaries.summary(Loan.SubrogationRepaid)
def subrogation_repaid(e: Loan.SubrogationRepaid, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded {e.amount} repaid on its subrogation claim on {_loan(e)}"


@summaries.summary(Loan.WrittenOff)
def written_off(e: Loan.WrittenOff, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} wrote off {_loan(e)} on {e.on} with {e.principal} principal, "
        f"{e.interest} interest and {e.penalty} penalty unpaid: {e.reason}"
    )


@summaries.summary(Loan.OverpaymentRefunded)
def refunded(e: Loan.OverpaymentRefunded, _: PartyBook) -> str:
    return f"{who(e.actor)} refunded {e.amount} overpaid on {_loan(e)}"


@summaries.summary(GuaranteeNetwork.Started)
def network_started(e: GuaranteeNetwork.Started, _: PartyBook) -> str:
    return f"{who(e.actor)} started the park's guarantee network"


@summaries.summary(GuaranteeNetwork.RulesSet)
def network_rules(e: GuaranteeNetwork.RulesSet, _: PartyBook) -> str:
    most = "no limit" if e.max_per_guarantor is None else f"at most {e.max_per_guarantor}"
    cycles = "refused" if e.cycles is CyclePolicy.REFUSE else "reported"
    return f"{who(e.actor)} set the guarantee rules: {most} a guarantor, cycles {cycles}"


@summaries.summary(GuaranteeNetwork.GuaranteeHeld)
def guarantee_held(e: GuaranteeNetwork.GuaranteeHeld, _: PartyBook) -> str:
    g = e.guarantee
    what = f"bank loan from {g.lender.short}" if g.external else f"loan {short(g.loan)}"
    return (
        f"{who(e.actor)}: {g.guarantor.short} guarantees {g.borrower.short} for {g.limit} ({what})"
    )


@summaries.summary(GuaranteeNetwork.GuaranteesReleased)
def guarantees_released(e: GuaranteeNetwork.GuaranteesReleased, _: PartyBook) -> str:
    return f"{who(e.actor)}: the guarantees of loan {short(e.loan)} ended with it"


@summaries.summary(JointGroups.Started)
def groups_started(e: JointGroups.Started, _: PartyBook) -> str:
    return f"{who(e.actor)} started the park's joint guarantee groups"


@summaries.summary(JointGroups.GroupFormed)
def group_formed(e: JointGroups.GroupFormed, _: PartyBook) -> str:
    return f"{who(e.actor)} formed the joint guarantee group {e.name} ({short(e.group)})"


@summaries.summary(JointGroups.MemberJoined)
def member_joined(e: JointGroups.MemberJoined, _: PartyBook) -> str:
    return f"{who(e.actor)}: {e.firm.short} joined joint guarantee group {short(e.group)}"


@summaries.summary(JointGroups.MemberLeft)
def member_left(e: JointGroups.MemberLeft, _: PartyBook) -> str:
    return f"{who(e.actor)}: {e.firm.short} left joint guarantee group {short(e.group)}"
