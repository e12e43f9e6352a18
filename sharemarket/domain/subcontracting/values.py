"""The values of order subcontracting: operations, part terms, defect reasons, rejections, bills."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from uuid import UUID

import attrs

from sharemarket.domain.checks import of_type
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.text import free_text
from sharemarket.domain.time import check_business_date

#: The most pieces one order, part, delivery or material quantity may hold: far above any real
#: order (同鑫's was 60,000 pieces), low enough that totals fit the views' 64-bit columns.
PIECES_MAX = 10**9
#: Over-delivery tolerance, in whole percent of the part's quantity.
TOLERANCE_MAX = 100
NOTE_MAX = 200
REJECTION_LINES_MAX = 20


class Operation(enum.Enum):
    """What the subcontractor does to the pieces (陶瓷工序)."""

    PAINTING = "painting"  # 彩绘
    SLIP_CASTING = "slip_casting"  # 倒坯
    FETTLING = "fettling"  # 修坯
    GLAZING = "glazing"  # 上釉
    FINISHED_PIECE = "finished_piece"  # the whole piece, made to the order


class DefectReason(enum.Enum):
    """Why an inspected piece was rejected (验货)."""

    CRACK = "crack"  # 开裂
    DEFORMATION = "deformation"  # 变形
    GLAZE_DEFECT = "glaze_defect"  # 釉面缺陷: pinholes, crawling, bubbles
    COLOUR_DIFFERENCE = "colour_difference"  # 色差
    DIMENSION = "dimension"  # 尺寸偏差
    BREAKAGE = "breakage"  # 破损
    OTHER = "other"  # with a note saying what


class Disposition(enum.Enum):
    """What becomes of rejected pieces: back to the subcontractor for rework, or scrapped."""

    REWORK = "rework"
    SCRAP = "scrap"


class ScrapEffect(enum.Enum):
    """Whether scrapped pieces are made again (the part's quantity stands) or dropped from it."""

    REPLACE = "replace"
    REDUCE = "reduce"


class MaterialUnit(enum.Enum):
    """The unit a material is counted in: grams, kilograms or pieces."""

    GRAM = "g"
    KILOGRAM = "kg"
    PIECE = "piece"


class MaterialBearer(enum.Enum):
    """Who bears the material of scrapped pieces: a term of the part."""

    ISSUER = "issuer"
    SUBCONTRACTOR = "subcontractor"


class PartStatus(enum.Enum):
    """Where a part of an order stands, from offered to closed."""

    OFFERED = "offered"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    PARTLY_DELIVERED = "partly_delivered"
    DELIVERED = "delivered"
    CLOSED = "closed"


def check_pieces(value: object, what: str, *, positive: bool = True) -> int:
    """A whole number of pieces (or units of a material), 1 (0 if not ``positive``) to
    ``PIECES_MAX``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is a whole number (int), not {type(value).__name__} {value!r}")
    low = 1 if positive else 0
    if not low <= value <= PIECES_MAX:
        raise InvalidInput(f"{what} is {value}; give a whole number from {low} to {PIECES_MAX:,}")
    return value


def _money(value: Money, what: str) -> Money:
    if not isinstance(value, Money):
        raise TypeError(f"{what} is Money, not {type(value).__name__}")
    check_amount(value, what)
    if value.is_negative():
        raise InvalidInput(f"{what} must not be negative, got {value}")
    return value


@attrs.frozen
class PartTerms:
    """What the issuer offers: an operation on so many pieces at a price per piece, by a date."""

    operation: Operation = attrs.field(validator=of_type(Operation))
    quantity: int
    unit_price: Money
    due_on: date
    tolerance_percent: int = 0
    material_borne_by: MaterialBearer = attrs.field(
        default=MaterialBearer.ISSUER, validator=of_type(MaterialBearer)
    )
    late_charge_per_day: Money = attrs.field(factory=Money.zero)
    late_charge_cap: Money = attrs.field(factory=Money.zero)

    def __attrs_post_init__(self) -> None:
        check_pieces(self.quantity, "quantity")
        _money(self.unit_price, "unit_price")
        check_business_date(self.due_on, "due_on")
        check_pieces(self.tolerance_percent, "tolerance_percent", positive=False)
        if self.tolerance_percent > TOLERANCE_MAX:
            raise InvalidInput(
                f"tolerance_percent is {self.tolerance_percent}; give 0 to {TOLERANCE_MAX} %"
            )
        _money(self.late_charge_per_day, "late_charge_per_day")
        _money(self.late_charge_cap, "late_charge_cap")

    def ceiling(self, quantity: int) -> int:
        """The most pieces that may be accepted against ``quantity``: it plus the tolerance
        (rounded down to a whole piece)."""
        return quantity + quantity * self.tolerance_percent // 100


@attrs.frozen
class Rejection:
    """Rejected pieces of one delivery, for one reason, with what becomes of them."""

    reason: DefectReason = attrs.field(validator=of_type(DefectReason))
    pieces: int
    disposition: Disposition = attrs.field(validator=of_type(Disposition))
    note: str = ""

    def __attrs_post_init__(self) -> None:
        check_pieces(self.pieces, "rejected pieces")
        # "Other" says what in its note; any other reason may add one.
        if self.reason is DefectReason.OTHER or self.note:
            object.__setattr__(self, "note", free_text(self.note, "note", NOTE_MAX))


def _lines(values: Iterable[Rejection]) -> tuple[Rejection, ...]:
    if isinstance(values, (str, bytes)):
        raise TypeError("rejected lines are Rejection values, not text")
    lines = tuple(values)
    for line in lines:
        if not isinstance(line, Rejection):
            raise TypeError(f"rejected lines are Rejection values, not {type(line).__name__}")
    if len(lines) > REJECTION_LINES_MAX:
        raise InvalidInput(f"{len(lines)} rejection lines; give at most {REJECTION_LINES_MAX}")
    return lines


@attrs.frozen
class Rejections:
    """Every rejected piece of a delivery, each with its reason: ``Rejections.of(...)`` or
    ``Rejections.none()``."""

    lines: tuple[Rejection, ...] = attrs.field(converter=_lines, factory=tuple)

    @classmethod
    def of(cls, *lines: Rejection) -> Rejections:
        """Rejections made of these lines."""
        return cls(lines)

    @classmethod
    def none(cls) -> Rejections:
        """No piece rejected."""
        return cls(())

    def pieces(self, disposition: Disposition | None = None) -> int:
        """The pieces rejected (with this disposition, or all)."""
        return sum(
            line.pieces
            for line in self.lines
            if disposition is None or line.disposition is disposition
        )

    def by_reason(self) -> dict[DefectReason, int]:
        """The pieces rejected for each defect reason."""
        counts: dict[DefectReason, int] = {}
        for line in self.lines:
            counts[line.reason] = counts.get(line.reason, 0) + line.pieces
        return counts

    def __str__(self) -> str:
        if not self.lines:
            return "none rejected"
        return ", ".join(
            f"{line.pieces} {line.reason.value}{f' ({line.note})' if line.note else ''} "
            f"to {line.disposition.value}"
            for line in self.lines
        )


@attrs.frozen
class Inspection:
    """The issuer's inspection of one delivery: accepted and rejected pieces, and the figures it
    changed. A correcting inspection replaces it; both stay in the log."""

    delivery_id: UUID
    inspected_on: date
    delivered_on: date
    pieces: int
    rework: bool
    accepted: int
    rejections: Rejections
    scrap_effect: ScrapEffect
    #: Pieces by which the part's quantity shrank: the scrapped ones, when the issuer says so,
    #: as far as the quantity still had room for them.
    reduced: int = 0

    @property
    def reworked(self) -> int:
        """The rejected pieces sent back for rework (返工)."""
        return self.rejections.pieces(Disposition.REWORK)

    @property
    def scrapped(self) -> int:
        """The rejected pieces scrapped (报废)."""
        return self.rejections.pieces(Disposition.SCRAP)


@attrs.frozen
class Bill:
    """A subcontractor's bill for accepted pieces not billed before, line by line."""

    bill_id: UUID
    billed_on: date
    pieces: int
    unit_price: Money
    gross: Money
    late_days: int
    late_charge: Money

    @property
    def amount(self) -> Money:
        """What the bill asks: the accepted pieces' gross less the late-delivery charge."""
        return self.gross - self.late_charge

    def lines(self) -> tuple[tuple[str, Money], ...]:
        """The bill's lines as (text, amount), as a bill printed for the firms reads."""
        rows = [(f"{self.pieces:,} accepted pieces at {self.unit_price}", self.gross)]
        if self.late_charge:
            rows.append((f"late-delivery charge, {self.late_days} days", -self.late_charge))
        return tuple(rows)


@attrs.frozen
class MaterialBalance:
    """A material of a part: sent, consumed by the pieces counted against it, returned, held.

    Consumption never exceeds what was sent less what came back: material the pieces needed
    beyond that came from the subcontractor (``uncovered``).
    """

    material: str
    unit: MaterialUnit
    per_piece: int
    sent: int
    consumed: int
    returned: int
    uncovered: int

    @property
    def held(self) -> int:
        """What the subcontractor still holds: sent less consumed less returned."""
        return self.sent - self.consumed - self.returned


@attrs.frozen
class MaterialUse:
    """By how much an inspection changed what the pieces consumed of one material (negative
    when a correction gives material back to the subcontractor's balance)."""

    material: str
    unit: MaterialUnit
    quantity: int
