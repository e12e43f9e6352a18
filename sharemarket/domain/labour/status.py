"""The states of a labour agreement (stored by value as ``labour_agreement_status``)."""

from __future__ import annotations

import enum


class AgreementStatus(enum.Enum):
    """Where a labour agreement stands: shifts are recorded only while it is active."""

    PROPOSED = "proposed"
    ACTIVE = "active"  # accepted by the lender: shifts may be recorded
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"
