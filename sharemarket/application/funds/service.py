"""``market.funds``: the LPR table, the mutual-aid pool (资金池), loans between members (拆借) and
their guarantees (互相担保)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.arrears import Arrears
from sharemarket.domain.funds.groups import GROUPS_ID, JointGroup, JointGroups
from sharemarket.domain.funds.guarantees import GuaranteeKind
from sharemarket.domain.funds.network import CyclePolicy, NetworkReport, report
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.funds.schedule import ScheduleType
from sharemarket.domain.funds.statements import LoanStatement, PoolStatement
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

_ADMIN = Actor.administrator("funds-query")


class FundsService(Service):
    """Fund loans: every step says who acted, for which firm; amounts are Money, rates Decimal %."""

    # The LPR table ----------------------------------------------------------------------------

    def record_lpr(
        self, actor: Actor, *, request_id: str, effective_from: date, rate: Decimal
    ) -> None:
        """An administrator appends a newly published one-year LPR (a later date only)."""
        self._run(
            c.RecordLpr(
                actor=actor, request_id=request_id, effective_from=effective_from, rate=rate
            )
        )

    def lpr_figures(self) -> tuple[LprFigure, ...]:
        """Every one-year LPR figure known, in date order (the published ones as shipped)."""
        return access.lpr_table(self._loader, _ADMIN).figures

    def lpr_on(self, day: date) -> LprFigure:
        """The one-year LPR in force on ``day``; ``loan_lpr_not_published`` before 2019-08-20."""
        return access.lpr_table(self._loader, _ADMIN).on(check_business_date(day, "day"))

    # The pool ---------------------------------------------------------------------------------

    def establish_pool(
        self,
        actor: Actor,
        *,
        request_id: str,
        name: str,
        custodian: FirmId | str,
        max_per_firm: Money | Decimal | str | int,
        max_periods: int,
        annual_rate: Decimal,
        lendable_percent: Decimal,
    ) -> UUID:
        """An administrator establishes a pool held in ``custodian``'s account, with its rules."""
        return self._run(
            c.EstablishPool(
                actor=actor,
                request_id=request_id,
                name=name,
                custodian=custodian,
                max_per_firm=max_per_firm,
                max_periods=max_periods,
                annual_rate=annual_rate,
                lendable_percent=lendable_percent,
            )
        )

    def contribute(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        contributor: FirmId | str,
        amount: Money | Decimal | str | int,
        received_on: date,
    ) -> None:
        """An administrator records a member's contribution when the money arrives."""
        self._run(
            c.Contribute(
                actor=actor,
                request_id=request_id,
                pool=pool,
                contributor=contributor,
                amount=amount,
                received_on=received_on,
            )
        )

    def withdraw_contribution(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        contributor: FirmId | str,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """A member takes back contributed money, from cash not lent out (``pool_cash_short``)."""
        self._run(
            c.WithdrawContribution(
                actor=actor,
                request_id=request_id,
                pool=pool,
                contributor=contributor,
                amount=amount,
                paid_on=paid_on,
            )
        )

    def pool(self, pool: UUID) -> PoolStatement:
        return PoolStatement.of(access.pool(self._loader, as_uuid(pool, "pool")))

    # Loans ------------------------------------------------------------------------------------

    def apply_to_pool(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        principal: Money | Decimal | str | int,
        annual_rate: Decimal,
        overdue_rate: Decimal,
        contract_date: date,
        first_due_date: date,
        periods: int,
        schedule: ScheduleType | str,
    ) -> UUID:
        """The borrower (the acting firm) applies for a loan from the pool, at the pool's rate."""
        terms = c.Terms(
            principal=principal,
            annual_rate=annual_rate,
            overdue_rate=overdue_rate,
            contract_date=contract_date,
            first_due_date=first_due_date,
            periods=periods,
            schedule=schedule,
        )
        return self._run(c.ApplyToPool(actor=actor, request_id=request_id, pool=pool, terms=terms))

    def request_loan(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        principal: Money | Decimal | str | int,
        annual_rate: Decimal,
        overdue_rate: Decimal,
        contract_date: date,
        first_due_date: date,
        periods: int,
        schedule: ScheduleType | str,
    ) -> UUID:
        """The borrower (the acting firm) asks a member for a loan (拆借); zero rate allowed."""
        terms = c.Terms(
            principal=principal,
            annual_rate=annual_rate,
            overdue_rate=overdue_rate,
            contract_date=contract_date,
            first_due_date=first_due_date,
            periods=periods,
            schedule=schedule,
        )
        return self._run(
            c.RequestLoan(actor=actor, request_id=request_id, lender=lender, terms=terms)
        )

    def require_guarantee(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        guarantor: FirmId | str,
        limit: Money | Decimal | str | int,
        kind: GuaranteeKind | str = GuaranteeKind.GENERAL,
    ) -> None:
        """The borrower names a guarantor; a guarantee of unstated type is general (Art. 686)."""
        self._run(
            c.RequireGuarantee(
                actor=actor,
                request_id=request_id,
                loan=loan,
                guarantor=guarantor,
                limit=limit,
                kind=kind,
            )
        )

    def accept_guarantee(self, actor: Actor, *, request_id: str, loan: UUID) -> None:
        """The guarantor (the acting firm) accepts its guarantee."""
        self._run(c.AcceptGuarantee(actor=actor, request_id=request_id, loan=loan))

    def decline_guarantee(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.DeclineGuarantee(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def approve_loan(self, actor: Actor, *, request_id: str, loan: UUID) -> None:
        """The lender approves (administrators for a pool loan)."""
        self._run(c.ApproveLoan(actor=actor, request_id=request_id, loan=loan))

    def undo_approval(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.UndoApproval(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def reject_loan(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.RejectLoan(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def withdraw_loan(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The borrower withdraws its application before disbursal."""
        self._run(c.WithdrawLoan(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def disburse_loan(
        self, actor: Actor, *, request_id: str, loan: UUID, disbursed_on: date
    ) -> None:
        """The lender pays the principal out; the schedule is fixed from this date."""
        self._run(
            c.DisburseLoan(actor=actor, request_id=request_id, loan=loan, disbursed_on=disbursed_on)
        )

    def undo_disbursal(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.UndoDisbursal(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def record_repayment(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The lender records a repayment received; its allocation is recorded with it."""
        self._run(
            c.RecordRepayment(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def accrue_penalty(self, actor: Actor, *, request_id: str, loan: UUID, as_of: date) -> None:
        """Penalty interest on overdue principal up to ``as_of``, at the overdue rate / 360."""
        self._run(c.AccruePenalty(actor=actor, request_id=request_id, loan=loan, as_of=as_of))

    def write_off(
        self, actor: Actor, *, request_id: str, loan: UUID, written_off_on: date, reason: str
    ) -> None:
        self._run(
            c.WriteOff(
                actor=actor,
                request_id=request_id,
                loan=loan,
                written_off_on=written_off_on,
                reason=reason,
            )
        )

    def refund_overpayment(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        self._run(
            c.RefundOverpayment(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def record_enforcement_failed(
        self, actor: Actor, *, request_id: str, loan: UUID, failed_on: date, reason: str
    ) -> None:
        """After this, general guarantees of the loan can be called."""
        self._run(
            c.RecordEnforcementFailed(
                actor=actor, request_id=request_id, loan=loan, failed_on=failed_on, reason=reason
            )
        )

    def call_guarantee(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        guarantor: FirmId | str,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The lender called ``guarantor``, who paid ``amount``; it gains a subrogation claim."""
        self._run(
            c.CallGuarantee(
                actor=actor,
                request_id=request_id,
                loan=loan,
                guarantor=guarantor,
                amount=amount,
                paid_on=paid_on,
            )
        )

    def repay_subrogation(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The guarantor (the acting firm) records what the borrower repaid on its claim."""
        self._run(
            c.RepaySubrogation(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def loan(self, loan: UUID) -> LoanStatement:
        return LoanStatement.of(access.loan(self._loader, as_uuid(loan, "loan")))

    def arrears(self, loan: UUID, as_of: date) -> Arrears:
        """What is overdue on ``as_of``: days, amounts by component, delinquency bucket."""
        day = check_business_date(as_of, "as_of")
        return access.loan(self._loader, as_uuid(loan, "loan")).arrears(day)

    def exposure(self, loan: UUID, guarantor: FirmId | str) -> Money:
        """The guarantor's exposure on the loan now (zero once the loan is closed)."""
        found = access.loan(self._loader, as_uuid(loan, "loan"))
        return found.exposure(as_firm_id(guarantor, "guarantor"))

    # The guarantee network -------------------------------------------------------------------

    def set_guarantee_rules(
        self,
        actor: Actor,
        *,
        request_id: str,
        max_per_guarantor: Money | Decimal | str | int,
        cycles: CyclePolicy | str,
    ) -> None:
        """The most one firm may guarantee in total (the limits of its guarantees in force), and
        whether a guarantee closing a cycle is refused or only reported."""
        self._run(
            c.SetGuaranteeRules(
                actor=actor,
                request_id=request_id,
                max_per_guarantor=max_per_guarantor,
                cycles=cycles,
            )
        )

    def record_external_guarantee(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        borrower: FirmId | str,
        guarantor: FirmId | str,
        limit: Money | Decimal | str | int,
    ) -> UUID:
        """A bank loan the park arranged, recorded for its guarantee alone (lender: the bank's
        credit code, not a member); returns the guarantee's id."""
        return self._run(
            c.RecordExternalGuarantee(
                actor=actor,
                request_id=request_id,
                lender=lender,
                borrower=borrower,
                guarantor=guarantor,
                limit=limit,
            )
        )

    def release_external_guarantee(self, actor: Actor, *, request_id: str, guarantee: UUID) -> None:
        self._run(
            c.ReleaseExternalGuarantee(actor=actor, request_id=request_id, guarantee=guarantee)
        )

    def guarantee_network(self) -> NetworkReport:
        """Every guarantor's contingent exposure now (direct, and through chains), the
        guarantees in force, and the cycles of the network (互保链)."""
        network = access.network_if_any(self._loader)
        if network is None:
            return report((), {})
        exposure = {}
        for g in network.guarantees:
            if g.external:
                exposure[g.key] = g.limit
            else:
                exposure[g.key] = access.loan(self._loader, g.loan).exposure(g.guarantor)
        return report(network.guarantees, exposure)

    # Joint guarantee groups (联保小组) ----------------------------------------------------------

    def form_joint_group(self, actor: Actor, *, request_id: str, name: str) -> UUID:
        """An administrator forms a joint guarantee group; a member's loan then needs the
        joint-and-several guarantee of every other member before it is disbursed."""
        return self._run(c.FormJointGroup(actor=actor, request_id=request_id, name=name))

    def join_joint_group(
        self, actor: Actor, *, request_id: str, group: UUID, firm: FirmId | str
    ) -> None:
        """A firm belongs to one group at a time (``joint_group_membership``)."""
        self._run(c.JoinJointGroup(actor=actor, request_id=request_id, group=group, firm=firm))

    def leave_joint_group(
        self, actor: Actor, *, request_id: str, group: UUID, firm: FirmId | str
    ) -> None:
        self._run(c.LeaveJointGroup(actor=actor, request_id=request_id, group=group, firm=firm))

    def joint_groups(self) -> tuple[JointGroup, ...]:
        found = self._loader.find(JointGroups, GROUPS_ID)
        return () if found is None else tuple(found.groups[k] for k in sorted(found.groups))
