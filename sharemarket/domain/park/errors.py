"""The park slice's errors: membership rules (codes unique across every slice)."""

from __future__ import annotations

from sharemarket.domain.errors import Conflict, RuleViolation


class FirmAlreadyAdmitted(Conflict):
    """A firm with this unified social credit code is already a member (or was one)."""

    code = "firm_already_admitted"


class ParkAlreadyEstablished(Conflict):
    """The market already has a park; a market holds exactly one."""

    code = "park_already_established"


class FirmNotActive(RuleViolation):
    """A suspended firm, or one that left, can do nothing new."""

    code = "firm_not_active"


class LastAdministrator(RuleViolation):
    """The park must keep at least one administrator."""

    code = "last_administrator"


class LastRepresentative(RuleViolation):
    """A member firm must keep at least one representative."""

    code = "last_representative"
