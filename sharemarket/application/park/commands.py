"""Park membership commands as values; each one's ``stored_as`` is kept in receipts forever."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar, TypeVar

import attrs

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import (
    as_firm_id,
    enum_value,
    opaque_ids,
    text,
    user_id,
)
from sharemarket.domain.actor import USER_ID_MAX
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.park.membership import NAME_MAX, FirmSize
from sharemarket.domain.time import is_business_date

R = TypeVar("R")

#: Names, industries and reasons: free text, as the park records them.
_TEXT = text(NAME_MAX)


def as_size(value: FirmSize | str) -> FirmSize:
    return enum_value(FirmSize, value, "size")


def as_representatives(values: Iterable[str]) -> tuple[str, ...]:
    """Sorted, without repeats: the same people in another order are the same command."""
    return opaque_ids(values, "representatives", USER_ID_MAX)


def _firm(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "firm")


@attrs.frozen(kw_only=True)
class EstablishPark(Command[str]):
    stored_as: ClassVar[str] = "establish_park"
    name: str = attrs.field(validator=_TEXT)


@attrs.frozen(kw_only=True)
class AppointAdministrator(Command[None]):
    stored_as: ClassVar[str] = "appoint_administrator"
    user: str = attrs.field(validator=user_id)


@attrs.frozen(kw_only=True)
class DismissAdministrator(Command[None]):
    stored_as: ClassVar[str] = "dismiss_administrator"
    user: str = attrs.field(validator=user_id)


@attrs.frozen(kw_only=True)
class OnFirm(Command[R]):
    """A command about one member firm."""

    firm: FirmId = attrs.field(converter=_firm)


@attrs.frozen(kw_only=True)
class AdmitFirm(OnFirm[FirmId]):
    stored_as: ClassVar[str] = "admit_firm"
    name: str = attrs.field(validator=_TEXT)
    industry: str = attrs.field(validator=_TEXT)
    size: FirmSize = attrs.field(converter=as_size)
    representatives: tuple[str, ...] = attrs.field(converter=as_representatives)


@attrs.frozen(kw_only=True)
class SuspendFirm(OnFirm[None]):
    stored_as: ClassVar[str] = "suspend_firm"
    reason: str = attrs.field(validator=_TEXT)


@attrs.frozen(kw_only=True)
class ReinstateFirm(OnFirm[None]):
    stored_as: ClassVar[str] = "reinstate_firm"


@attrs.frozen(kw_only=True)
class RecordDeparture(OnFirm[None]):
    stored_as: ClassVar[str] = "record_departure"
    reason: str = attrs.field(validator=_TEXT)


@attrs.frozen(kw_only=True)
class AppointRepresentative(OnFirm[None]):
    stored_as: ClassVar[str] = "appoint_representative"
    user: str = attrs.field(validator=user_id)


@attrs.frozen(kw_only=True)
class RemoveRepresentative(OnFirm[None]):
    stored_as: ClassVar[str] = "remove_representative"
    user: str = attrs.field(validator=user_id)


def as_park_day(value: ParkDay | str) -> ParkDay:
    return enum_value(ParkDay, value, "kind")


@attrs.frozen(kw_only=True)
class SetParkDay(Command[None]):
    # The command was the venues slice's before the calendar moved to the park: its stored
    # name is in receipts and their fingerprints, so it keeps it.
    stored_as: ClassVar[str] = "venues.set_park_day"
    day: date = attrs.field(validator=is_business_date)
    kind: ParkDay = attrs.field(converter=as_park_day)
