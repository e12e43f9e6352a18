"""How the park slice's values are stored. Names are stored forever: never rename or reuse one."""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.park.membership import FirmSize, FirmStatus, Member

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(FirmSize, "firm_size"),
    EnumAsValue(FirmStatus, "firm_status"),
    AttrsAsDict(Member, "member"),
)
