"""Of the subcontracting slice's events, these move value in the journal: accepted pieces (and
their corrections), bills, payments (a clearing run's too), and materials sent and returned."""

from __future__ import annotations

from sharemarket.application.projections.catalogue import POSTING_RULES
from tests.application.projections.test_journal import domain_event_classes


def test_pieces_bills_payments_and_materials_move_value() -> None:
    movers = sorted(
        c.__qualname__
        for c in domain_event_classes()
        if c.__module__.startswith("sharemarket.domain.subcontracting.")
        and POSTING_RULES.moves_value(c)
    )
    assert movers == [
        "SubcontractPart.Billed",
        "SubcontractPart.Inspected",
        "SubcontractPart.InspectionCorrected",
        "SubcontractPart.MaterialReturned",
        "SubcontractPart.MaterialSent",
        "SubcontractPart.PaymentRecorded",
        "SubcontractPart.SettledByClearing",
    ]
