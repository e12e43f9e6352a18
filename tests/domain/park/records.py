"""The records of firms that left the park, held in memory for a park under test (a store holds
them for a market's park: ``application/park/access.py``)."""

from __future__ import annotations

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.former import FormerMember
from sharemarket.domain.park.membership import Park


class FormerRecords:
    """The lookup a park under test reads former members' records with."""

    def __init__(self) -> None:
        self.held: dict[FirmId, FormerMember] = {}

    def __call__(self, firm: FirmId) -> FormerMember | None:
        return self.held.get(firm)

    def keep(self, former: FormerMember | None) -> None:
        """Keep a record a command made or changed, as saving it with the park would."""
        if former is not None:
            self.held[former.firm] = former


def consulting(park: Park) -> Park:
    """``park``, reading former members' records from memory."""
    park.consult(FormerRecords())
    return park


def records_of(park: Park) -> FormerRecords:
    records = park._formers
    assert isinstance(records, FormerRecords)
    return records


def leave(park: Park, *args: object) -> FormerMember:
    """``park.record_departure(*args)``, its record kept as a save would keep it."""
    former = park.record_departure(*args)  # type: ignore[arg-type]
    records_of(park).keep(former)
    return former
