"""The inspections a part keeps correctable: the newest, bounded by their number and their lines.

A correction replaces the inspection in force for a delivery, so the part keeps that inspection
(its ``InspectionCorrected`` event carries it whole as ``previous``, for the journal and the
reports). Kept whole, an inspection weighs what its rejection lines weigh: up to 20 lines with a
200-character note each, about 17 kB. Bounded by number alone (20), a part's snapshot reached
340 kB at the caps (issue 20); bounded by lines too (40: two inspections at the caps, 20 at two
lines each), it stays near 35 kB, whatever its history. The newest inspection is always kept.

An inspection that drops out cannot be corrected (``inspection_not_correctable``), as before;
its figures stay in the events and the views.
"""

from __future__ import annotations

from sharemarket.domain.subcontracting.values import Inspection

#: Inspections of one part that stay correctable (the oldest drop out of the part's state).
INSPECTIONS_KEPT = 20
#: Rejection lines the kept inspections may hold together (the oldest drop out beyond).
REJECTION_LINES_KEPT = 40

#: Delivery id -> its inspection in force, oldest first.
Kept = dict[str, Inspection]


def keep(kept: Kept, inspection: Inspection) -> None:
    """Keep ``inspection`` as its delivery's newest, then drop what the bounds leave out."""
    key = str(inspection.delivery_id)
    kept.pop(key, None)
    kept[key] = inspection
    bound(kept)


def bound(kept: Kept) -> None:
    """Drop the oldest inspections while there are more than ``INSPECTIONS_KEPT`` or their
    rejection lines exceed ``REJECTION_LINES_KEPT``; the newest always stays."""
    lines = sum(len(inspection.rejections.lines) for inspection in kept.values())
    while len(kept) > 1 and (len(kept) > INSPECTIONS_KEPT or lines > REJECTION_LINES_KEPT):
        lines -= len(kept.pop(next(iter(kept))).rejections.lines)
