"""How the clearing slice's values are stored. Names are stored forever: never rename or reuse."""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.clearing.netting import NetPayment
from sharemarket.domain.clearing.run import Included, ObligationRef, RunStatus

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(RunStatus, "clearing_run_status"),
    AttrsAsDict(ObligationRef, "clearing_obligation_ref"),
    AttrsAsDict(Included, "clearing_included"),
    AttrsAsDict(NetPayment, "clearing_net_payment"),
)
