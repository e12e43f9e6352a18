"""The command line's argument types: business dates, months, credit codes, rates.

A value that cannot be read is a usage error (exit status 2) naming the option; a value that
reads but breaks a rule of the market is the market's own error (exit status 1).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import click

from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.time import PARK_TZ


class BusinessDate(click.ParamType[date]):
    """A park business date written YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-04-13", param, ctx)


class Month(click.ParamType[tuple[date, date]]):
    """A calendar month written YYYY-MM, read as its first and last day."""

    name = "YYYY-MM"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[date, date]:
        if isinstance(value, tuple):
            return value
        try:
            first = date.fromisoformat(f"{value}-01")
        except ValueError:
            self.fail(f"{value!r} is not a month: write YYYY-MM, e.g. 2026-04", param, ctx)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return first, last


class CreditCode(click.ParamType[FirmId]):
    """A firm's unified social credit code (18 characters, its check character verified)."""

    name = "CODE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> FirmId:
        if isinstance(value, FirmId):
            return value
        try:
            return FirmId(str(value))
        except InvalidInput as error:
            self.fail(str(error), param, ctx)


class Rate(click.ParamType[Decimal]):
    """A rate in percent written as a decimal (3.45), read exactly."""

    name = "PERCENT"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Decimal:
        if isinstance(value, Decimal):
            return value
        try:
            rate = Decimal(str(value))
        except InvalidOperation:
            self.fail(f"{value!r} is not a rate: write percent as a decimal, e.g. 3.45", param, ctx)
        if not rate.is_finite():
            self.fail(f"{value!r} is not a rate: write percent as a decimal, e.g. 3.45", param, ctx)
        return rate


DATE = BusinessDate()
MONTH = Month()
FIRM = CreditCode()
RATE = Rate()


def today() -> date:
    """Today's business date in the park's zone: the default of an ``--as-of``."""
    return datetime.now(PARK_TZ).date()
