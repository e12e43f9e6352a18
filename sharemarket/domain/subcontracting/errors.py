"""The subcontracting slice's errors (二次发单): codes unique across every slice."""

from __future__ import annotations

from sharemarket.domain.errors import InvalidTransition, RuleViolation


class SelfSubcontracting(RuleViolation):
    """A firm cannot offer a part of its own order to itself."""

    code = "subcontract_to_self"


class OrderOversplit(RuleViolation):
    """The parts offered would exceed the order's quantity less what the issuer keeps."""

    code = "order_oversplit"


class OrderPartLimit(RuleViolation):
    """An order holds at most ``PARTS_MAX`` live parts (offered or accepted)."""

    code = "order_part_limit"


class PartNotOpen(InvalidTransition):
    """The part is not in a state that allows the step (not yet accepted, declined, closed...)."""

    code = "part_not_open"


class DeliveryExceedsOutstanding(RuleViolation):
    """A delivery of new pieces above what is outstanding plus the over-delivery tolerance, or
    of rework pieces above those returned for rework."""

    code = "delivery_exceeds_outstanding"


class DeliveryNotAwaitingInspection(InvalidTransition):
    """The delivery was already inspected (correct it instead) or was never made."""

    code = "delivery_not_awaiting_inspection"


class InspectionMismatch(RuleViolation):
    """Accepted and rejected pieces do not add up to the pieces delivered."""

    code = "inspection_mismatch"


class InspectionNotCorrectable(RuleViolation):
    """The correction would undo what already happened (pieces billed, rework redelivered), or
    the inspection is older than the inspections a part keeps correctable."""

    code = "inspection_not_correctable"


class NothingToBill(RuleViolation):
    """Every accepted piece of the part has been billed already."""

    code = "part_nothing_to_bill"


class PartOverpayment(RuleViolation):
    """A payment above what is still owed on the part's bills."""

    code = "part_overpayment"


class MaterialTermsChanged(RuleViolation):
    """A material sent again under another unit or per-piece consumption than first agreed."""

    code = "material_terms_changed"


class MaterialOverReturn(RuleViolation):
    """Returning more of a material than the subcontractor holds."""

    code = "material_over_return"


class BackorderNotCancellable(RuleViolation):
    """Nothing of the part is left undelivered to cancel."""

    code = "backorder_not_cancellable"
