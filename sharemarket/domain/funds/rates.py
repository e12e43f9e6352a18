"""Annual rates as Decimal percentages, the one-year LPR figures, and the 4 x LPR legal cap.

The Supreme People's Court's private-lending provisions (2020, Art. 25) leave unprotected any
interest agreed above four times the one-year Loan Prime Rate in force when the contract is made;
Art. 28-29 cap contract and overdue interest together the same way. The LPR replaced the
benchmark rate on 2019-08-20: a contract made before the table's first date is refused, not
guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs

from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.funds.errors import InterestAboveLegalCap, LprNotPublished
from sharemarket.domain.time import check_business_date

#: An annual rate is a percentage from 0 to 100 with at most four decimal places ("4.35").
RATE_MAX = Decimal(100)
RATE_PLACES = 4
CAP_MULTIPLE = 4


def check_rate(value: object, what: str) -> Decimal:
    """An annual rate in percent: a finite Decimal from 0 to 100, at most 4 decimal places."""
    if isinstance(value, float):
        raise TypeError(f"{what} is a Decimal percentage such as Decimal('4.35'), never a float")
    if not isinstance(value, Decimal):
        raise TypeError(
            f"{what} is a Decimal percentage such as Decimal('4.35'), "
            f"not {type(value).__name__} {value!r}"
        )
    if not value.is_finite():
        raise InvalidInput(f"{what} {value} is not a finite number; give a percentage like 4.35")
    if not Decimal(0) <= value <= RATE_MAX:
        raise InvalidInput(f"{what} {value} % lies outside 0 to {RATE_MAX} % a year")
    if value != value.quantize(Decimal(1).scaleb(-RATE_PLACES)):
        raise InvalidInput(
            f"{what} {value} % has more than {RATE_PLACES} decimal places; round it (4.35, 3.1)"
        )
    return value + Decimal(0)  # normalises -0 to 0


def _rate(value: object) -> Decimal:
    return check_rate(value, "rate")


def _day(value: object) -> date:
    return check_business_date(value, "effective from")


@attrs.frozen
class LprFigure:
    """A one-year LPR in percent, in force from ``effective_from`` until the next figure."""

    effective_from: date = attrs.field(converter=_day)
    rate: Decimal = attrs.field(converter=_rate)

    @property
    def cap(self) -> Decimal:
        """Four times the LPR: the most a contract may charge a year and still be protected."""
        return self.rate * CAP_MULTIPLE

    def __str__(self) -> str:
        return f"one-year LPR {self.rate} % from {self.effective_from}"


def _figures(rows: Iterable[tuple[str, str]]) -> tuple[LprFigure, ...]:
    return tuple(LprFigure(date.fromisoformat(d), Decimal(r)) for d, r in rows)


PUBLISHED_LPR: tuple[LprFigure, ...] = _figures(
    (
        ("2019-08-20", "4.25"),
        ("2019-09-20", "4.20"),
        ("2019-11-20", "4.15"),
        ("2020-02-20", "4.05"),
        ("2020-04-20", "3.85"),
        ("2021-12-20", "3.80"),
        ("2022-01-20", "3.70"),
        ("2022-08-22", "3.65"),
        ("2023-06-20", "3.55"),
        ("2023-08-21", "3.45"),
        ("2024-07-22", "3.35"),
        ("2024-10-21", "3.10"),
        ("2025-05-20", "3.00"),
    )
)
"""The one-year LPR (贷款市场报价利率) as published by the National Interbank Funding Center
since the reform of August 2019, oldest first: each figure's rate in percent a year."""


def lpr_on(figures: tuple[LprFigure, ...], day: date) -> LprFigure:
    """The figure in force on ``day`` (figures in date order); refused before the first."""
    in_force = [f for f in figures if f.effective_from <= day]
    if not in_force:
        first = figures[0].effective_from if figures else None
        raise LprNotPublished(
            f"no one-year LPR is known for a contract made on {day}: the table starts on "
            f"{first} (the LPR reform); the legal cap is not guessed for earlier contracts"
        )
    return in_force[-1]


def check_legal_cap(
    figures: tuple[LprFigure, ...], contract_date: date, annual_rate: Decimal, overdue_rate: Decimal
) -> LprFigure:
    """Refuse a contract rate, or contract + overdue rate, above 4 x the contract date's LPR."""
    lpr = lpr_on(figures, contract_date)
    for asked, what in (
        (annual_rate, "the contract rate"),
        (annual_rate + overdue_rate, "the contract rate plus the overdue rate"),
    ):
        if asked > lpr.cap:
            raise InterestAboveLegalCap(
                f"{what} of {asked} % a year is above the legal cap of {lpr.cap} % "
                f"(4 x the one-year LPR of {lpr.rate} % in force since {lpr.effective_from}, "
                f"for a contract made on {contract_date}); courts do not protect interest above it"
            )
    return lpr
