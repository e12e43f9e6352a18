"""The fund-loans slice's errors (资金池 / 拆借 / 互相担保); codes unique across every slice."""

from __future__ import annotations

from sharemarket.domain.errors import Conflict, InvalidInput, PermissionDenied, RuleViolation


class InterestAboveLegalCap(RuleViolation):
    """The contract rate, or contract + overdue rate, exceeds 4 x the one-year LPR in force on
    the contract date (SPC private-lending provisions, 2020, Art. 25, 28-29)."""

    code = "interest_above_legal_cap"


class LprNotPublished(RuleViolation):
    """The contract date lies before the LPR table's first entry: the cap is not guessed."""

    code = "loan_lpr_not_published"


class LprEntryNotLater(Conflict):
    """An LPR figure is appended after the table's last date only: the past is never rewritten."""

    code = "loan_lpr_entry_not_later"


class LoanStatusWrong(RuleViolation):
    """The step does not apply to the loan in its current status."""

    code = "loan_status_wrong"


class LoanSelfLending(RuleViolation):
    """A firm cannot lend to itself or guarantee its own loan (or the lender guarantee it)."""

    code = "loan_self_lending"


class LoanTermsOutsidePoolRules(RuleViolation):
    """A pool loan's terms break the pool's rules (rate, longest term, most one firm may owe)."""

    code = "pool_loan_terms_outside_rules"


class PoolCashShort(RuleViolation):
    """The pool's cash not lent out cannot cover the disbursal or withdrawal."""

    code = "pool_cash_short"


class PoolLendingShareExceeded(RuleViolation):
    """The disbursal would lend out more than the pool's rules allow of its contributions."""

    code = "pool_lending_share_exceeded"


class PoolContributionShort(RuleViolation):
    """A member withdraws more than it has contributed."""

    code = "pool_contribution_short"


class LoanGuaranteesPending(RuleViolation):
    """A loan that requires guarantees cannot be disbursed until every guarantor has accepted."""

    code = "loan_guarantees_pending"


class GuaranteeNotCallable(RuleViolation):
    """The guarantee cannot be called: nothing overdue, a general guarantee before enforcement
    against the borrower failed, or an amount beyond the guarantor's exposure."""

    code = "guarantee_not_callable"


class LoanRepaymentTooLarge(RuleViolation):
    """A subrogation repayment beyond the guarantor's claim, or a refund beyond the overpayment."""

    code = "loan_repayment_too_large"


class LoanDisbursalDate(RuleViolation):
    """A disbursal date before the contract date, or not before the first due date."""

    code = "loan_disbursal_date"


class LoanPrincipalTooSmall(InvalidInput):
    """The principal is below ¥10 per period: instalments would round to nothing."""

    code = "loan_principal_too_small"


class GuaranteeLimitExceeded(RuleViolation):
    """The guarantee would take the guarantor past the most one firm may guarantee in total."""

    code = "guarantee_limit_exceeded"


class GuaranteeClosesCycle(RuleViolation):
    """The guarantee would close a guarantee cycle (互保链), and the park refuses cycles."""

    code = "guarantee_closes_cycle"


class JointGroupMembership(Conflict):
    """A firm belongs to one joint guarantee group at a time (or is not in the group named)."""

    code = "joint_group_membership"


class PoolApproverNotAllowed(PermissionDenied):
    """Who approves a pool loan is the pool's rule: its committee firms (never the borrower)
    through their representatives, or the park's administrators where it names no committee."""

    code = "pool_approver_not_allowed"


class PoolApprovalRepeated(Conflict):
    """A committee firm approves a pool loan once; the other firms' approvals are awaited."""

    code = "pool_approval_repeated"


class GuaranteeCallNotIssued(RuleViolation):
    """A guarantor's payment beyond what the lender has called it for and it has not paid."""

    code = "guarantee_call_not_issued"
