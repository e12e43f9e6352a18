"""Materials the issuer supplies for a part (clay, glaze, blanks), and the leftovers returned.

Each material is sent in a declared unit with an agreed consumption per piece; sending it again
keeps those terms. The balance the subcontractor holds is a query of the part
(``SubcontractPart.materials_balance``); returning more than it holds is refused.
"""

from __future__ import annotations

from typing import Any

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting.errors import MaterialOverReturn, MaterialTermsChanged
from sharemarket.domain.subcontracting.inspection import material_balance
from sharemarket.domain.subcontracting.part import MATERIAL_MAX, MATERIALS_MAX, SubcontractPart
from sharemarket.domain.subcontracting.values import MaterialUnit, PartStatus, check_pieces
from sharemarket.domain.text import free_text


def send(
    park: Park,
    actor: Actor,
    part: SubcontractPart,
    *,
    material: str,
    unit: MaterialUnit,
    quantity: int,
    per_piece: int,
) -> None:
    """The issuer records ``quantity`` of ``material`` sent to the subcontractor."""
    part.require_party(park, actor, part.issuer, "issuer")
    if part.stage not in (PartStatus.OFFERED, PartStatus.ACCEPTED):
        part.require_open("supplied with materials")
    name = free_text(material, "material", MATERIAL_MAX)
    if not isinstance(unit, MaterialUnit):
        raise TypeError(f"unit is a MaterialUnit, not {type(unit).__name__}")
    check_pieces(quantity, "quantity")
    check_pieces(per_piece, "per_piece", positive=False)
    row = part.materials.get(name)
    if row is None and len(part.materials) >= MATERIALS_MAX:
        raise InvalidInput(f"{part.label} is supplied with {MATERIALS_MAX} materials already")
    if row is not None and (row[0] != unit.value or row[1] != per_piece):
        raise MaterialTermsChanged(
            f"{name} was first sent to {part.label} in {row[0]} at {row[1]} per piece; send it "
            f"under the same terms, not in {unit.value} at {per_piece} per piece"
        )
    consumed = 0
    if row is not None:
        before = material_balance(part, name, row).consumed
        consumed = material_balance(part, name, row, sent_more=quantity).consumed - before
    else:
        fresh: list[Any] = [unit.value, per_piece, 0, 0]
        consumed = material_balance(part, name, fresh, sent_more=quantity).consumed
    part.trigger_event(
        part.MaterialSent,
        material=name,
        unit=unit,
        per_piece=per_piece,
        quantity=quantity,
        consumed=consumed,
        actor=actor,
    )


def give_back(
    park: Park, actor: Actor, part: SubcontractPart, *, material: str, quantity: int
) -> None:
    """The subcontractor returns leftovers of a material it holds for the part."""
    part.require_party(park, actor, part.subcontractor, "subcontractor")
    name = free_text(material, "material", MATERIAL_MAX)
    check_pieces(quantity, "quantity")
    row = part.materials.get(name)
    if row is None:
        raise MaterialOverReturn(f"no {name} was sent to {part.label}; nothing to return")
    held = next(b for b in part.materials_balance() if b.material == name).held
    if quantity > held:
        raise MaterialOverReturn(
            f"returning {quantity:,} {row[0]} of {name}: the subcontractor of {part.label} "
            f"holds {held:,}"
        )
    part.trigger_event(
        part.MaterialReturned,
        material=name,
        unit=MaterialUnit(row[0]),
        quantity=quantity,
        actor=actor,
    )
