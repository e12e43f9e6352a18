"""How the subcontracting slice's values are stored. Names are stored forever: never rename or
reuse one."""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.subcontracting.values import (
    Bill,
    DefectReason,
    Disposition,
    Inspection,
    MaterialBearer,
    MaterialUnit,
    MaterialUse,
    Operation,
    PartStatus,
    PartTerms,
    Rejection,
    Rejections,
    ScrapEffect,
)

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(Operation, "subcontracting_operation"),
    EnumAsValue(DefectReason, "subcontracting_defect_reason"),
    EnumAsValue(Disposition, "subcontracting_disposition"),
    EnumAsValue(ScrapEffect, "subcontracting_scrap_effect"),
    EnumAsValue(MaterialUnit, "subcontracting_material_unit"),
    EnumAsValue(MaterialBearer, "subcontracting_material_bearer"),
    EnumAsValue(PartStatus, "subcontracting_part_status"),
    AttrsAsDict(PartTerms, "subcontracting_part_terms"),
    AttrsAsDict(Rejection, "subcontracting_rejection"),
    AttrsAsDict(Rejections, "subcontracting_rejections"),
    AttrsAsDict(Inspection, "subcontracting_inspection"),
    AttrsAsDict(Bill, "subcontracting_bill"),
    AttrsAsDict(MaterialUse, "subcontracting_material_use"),
)
