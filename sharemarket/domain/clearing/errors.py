"""The clearing slice's errors (codes unique across every slice)."""

from __future__ import annotations

from sharemarket.domain.errors import Conflict, InvalidInput, RuleViolation


class ObligationNotClearable(InvalidInput):
    """The obligation named is not one a clearing run may include: its slice holds no trade
    obligations (loans, interest and guarantees stay bilateral), or it is already paid."""

    code = "clearing_obligation_not_clearable"


class ObligationListedTwice(InvalidInput):
    """A run names the same obligation more than once."""

    code = "clearing_obligation_listed_twice"


class NotAParticipant(RuleViolation):
    """Only a firm with an obligation in the run accepts or declines it, or pays its payments."""

    code = "clearing_not_a_participant"


class RunNotOpen(RuleViolation):
    """The run was committed or abandoned: it changes no more (a new run is proposed)."""

    code = "clearing_run_not_open"


class AcceptancesMissing(RuleViolation):
    """A run commits only once every participating firm has accepted its net payments."""

    code = "clearing_acceptances_missing"


class RunStale(Conflict):
    """An obligation of the run was paid, disputed or changed after the run was proposed: the
    run cannot commit and is proposed again."""

    code = "clearing_run_stale"


class NetPaymentOverpaid(RuleViolation):
    """A payment of a net payment above what is still owed on it."""

    code = "clearing_net_payment_overpaid"
