"""How the park slice's values are stored. Names are stored forever: never rename or reuse one."""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.park.membership import FirmSize, FirmStatus, Member

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(FirmSize, "firm_size"),
    EnumAsValue(FirmStatus, "firm_status"),
    AttrsAsDict(Member, "member"),
    # Named when the calendar was the venues slice's: the name is stored, and in fingerprints.
    EnumAsValue(ParkDay, "venues.park_day"),
)
