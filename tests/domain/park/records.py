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

    def keep(self, former: FormerMember | list[FormerMember] | None) -> None:
        """Keep the records a command made or changed, as saving them with the park would."""
        for record in former if isinstance(former, list) else [former]:
            if record is not None:
                self.held[record.firm] = record


def consulting(park: Park) -> Park:
    """``park``, reading former members' records from memory."""
    park.consult(FormerRecords())
    return park


def records_of(park: Park) -> FormerRecords:
    records = park._formers
    assert isinstance(records, FormerRecords)
    return records


def leave(park: Park, *args: object) -> FormerMember:
    """``park.record_departure(*args)``, its records kept as a save would keep them; the
    departing firm's record."""
    records = park.record_departure(*args)  # type: ignore[arg-type]
    records_of(park).keep(records)
    return records[0]
