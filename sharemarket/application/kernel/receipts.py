"""Request receipts in the event store: rows keyed by request id, written with the events.

A command's receipt (its request id, command, fingerprint, result and actor: ``Receipt``) is a
row keyed uniquely by the request id's receipt id (``RequestReceipt.id_for``, a UUID derived
from the request id, so that a store's readers see no more of the request id than its old
receipt aggregates showed; the rest is enciphered with the events). It travels with the
command's ``save`` (the ``RECEIPTS`` keyword, passed through to ``insert_events``) and the event
store writes it in the transaction that records the events: two writers racing one request id
cannot both commit, and the loser's save raises ``IntegrityError`` as any lost race does, so its
command is decided again and replays the winner's result. Where the row goes is the store's
business: a receipts table (in memory, PostgreSQL), or the events table itself, outside the
notification log (SQLite, ``adapters.sqlite_receipts``, where a table of its own cost each
commit two more pages of its write-ahead log).

Before 7ccc1f1, a receipt was a ``RequestReceipt`` aggregate: one more stored event per command.
Stores written then keep those aggregates, and their request ids still replay. Where the new
rows share their key (SQLite's events table) one query finds either kind and the unique key
refuses a taken request id; the store then hands back an old receipt's event
(``old_receipt``). Where they do not (a receipts table), the store is marked when its receipts
table is created (``OLD_RECEIPTS_MARK``), the unit of work looks for an aggregate when the table
has no row, and each new command also checks, in its save's transaction, that its request id
has no old receipt (a read of the old receipt's aggregate at version 0, see ``read_checks``).

The event stores that keep receipts this way (``sharemarket.adapters.*_recorder``) say so with
``keeps_receipts = True``. With any other recorder, receipts are saved as ``RequestReceipt``
aggregates, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Protocol, cast
from uuid import UUID

from eventsourcing.persistence import Mapper, PersistenceError, StoredEvent

from sharemarket.application.kernel.transcoder import MarketTranscoder
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import StoreError
from sharemarket.domain.requests import Receipt, RequestReceipt

if TYPE_CHECKING:
    from sharemarket.application.kernel.app import MarketApplication
    from sharemarket.application.kernel.loader import Loader
    from sharemarket.application.kernel.unit import Unit

#: The ``save()`` keyword (passed through to ``insert_events``) that carries the receipts to
#: write: ``[(receipt id, stored state), ...]``.
RECEIPTS = "request_receipts"

StoredReceipts = Sequence[tuple[UUID, bytes]]

#: A UUID whose hex occurs once in the text the transcoder writes for it (ReceiptCodec).
_HEX_SAMPLE = UUID("0123abcd-4567-89ef-0123-456789abcdef")

#: The key of the row that marks a store holding receipts written as aggregates: the nil UUID,
#: which no receipt id is (a name-based UUID has its version bits set).
OLD_RECEIPTS_MARK = UUID(int=0)


def receipts_table(events_table_name: str) -> str:
    """The receipts table that goes with an events table."""
    return f"{events_table_name}_receipts"


class KeepsReceipts(Protocol):
    """What an event store that keeps receipts in a table of its own offers besides the events."""

    keeps_receipts: bool

    def select_receipt(self, receipt_id: UUID) -> bytes | StoredEvent | None:
        """The stored state of the receipt, or None; or, from a store that keeps receipts and
        old receipt aggregates under one key, the old aggregate's event."""

    def holds_old_receipts(self) -> bool:
        """Whether the store was written before its receipts table (see the module docstring)."""


def finds_old_receipts(recorder: object) -> bool:
    """Whether this recorder's ``select_receipt`` also returns an old receipt aggregate's event
    (so the unit of work need not look for the aggregate)."""
    return getattr(recorder, "finds_old_receipts", False) is True


def keeps_receipts(recorder: object) -> bool:
    """Whether this recorder keeps receipts in a table (see the module docstring)."""
    return getattr(recorder, "keeps_receipts", False) is True


class ReceiptCodec:
    """A receipt's stored state: its fields as the events' transcoder writes them, compressed
    and enciphered as the events are, so that a receipt's result is as private as an event."""

    def __init__(self, mapper: Mapper[UUID]) -> None:
        self._encode = mapper.transcoder.encode
        self._decode = mapper.transcoder.decode
        self._compressor = mapper.compressor
        self._cipher = mapper.cipher
        transcoder = mapper.transcoder
        self._market = transcoder if type(transcoder) is MarketTranscoder else None
        # A UUID result (what a command that creates something returns) is written as the
        # transcoder writes one, its hex spliced between the text before and after it.
        self._uuid_text: tuple[str, str] | None = None
        if self._market is not None:
            sample = self._market.encode_text(_HEX_SAMPLE)
            if sample.count(_HEX_SAMPLE.hex) == 1:
                before, after = sample.split(_HEX_SAMPLE.hex)
                self._uuid_text = (before, after)

    def encode(self, receipt: Receipt) -> bytes:
        state = self._written_in_pieces(receipt)
        if state is None:
            state = self._encode(
                {
                    "command": receipt.command,
                    "fingerprint": receipt.fingerprint,
                    "result": receipt.result,
                    "actor": receipt.actor,
                }
            )
        if self._compressor is not None:
            state = self._compressor.compress(state)
        if self._cipher is not None:
            state = self._cipher.encrypt(state)
        return state

    def _written_in_pieces(self, receipt: Receipt) -> bytes | None:
        """The bytes ``encode`` writes for the receipt's fields, written in pieces: every
        command writes one, and its actor's text is the transcoder's, kept per actor object
        (``MarketTranscoder.text_of``), its two names quoted by the C function the encoder
        uses. Only the result is encoded each time (None and a UUID, what most commands
        return, without the encoder). None with another transcoder, which
        might not write compact JSON, or fields of unexpected types."""
        market = self._market
        if market is None or type(receipt.command) is not str:
            return None
        if type(receipt.fingerprint) is not str or type(receipt.actor) is not Actor:
            return None
        result = receipt.result
        if result is None:
            result_text = "null"
        elif type(result) is UUID and self._uuid_text is not None:
            result_text = self._uuid_text[0] + result.hex + self._uuid_text[1]
        else:
            result_text = market.encode_text(result)
        return (
            '{"command":'
            + encode_basestring(receipt.command)
            + ',"fingerprint":'
            + encode_basestring(receipt.fingerprint)
            + ',"result":'
            + result_text
            + ',"actor":'
            + market.text_of(receipt.actor)
            + "}"
        ).encode("utf8")

    def decode(self, request_id: str, state: bytes) -> Receipt:
        if self._cipher is not None:
            state = self._cipher.decrypt(state)
        if self._compressor is not None:
            state = self._compressor.decompress(state)
        fields = self._decode(state)
        return Receipt(
            request_id, fields["command"], fields["fingerprint"], fields["result"], fields["actor"]
        )


def record_receipt(app: MarketApplication, unit: Unit, receipt: Receipt) -> None:
    """Hold ``receipt`` in ``unit``, to be saved with it: a row of the store's receipts table,
    or, with a store that has none, a ``RequestReceipt`` aggregate."""
    request_id = receipt.request_id
    if not app.keeps_receipts:
        unit.add(
            RequestReceipt.record(
                request_id=request_id,
                command=receipt.command,
                fingerprint=receipt.fingerprint,
                result=receipt.result,
                actor=receipt.actor,
            )
        )
        return
    unit.receipts[request_id] = receipt
    if app.holds_old_receipts:
        # The request id may have a receipt written as an aggregate: the save checks that it
        # has none, as a read of that aggregate when it did not exist (read_checks).
        unit.reads.setdefault(RequestReceipt.id_for(request_id), 0)


def receipts_keyword(app: MarketApplication, unit: Unit) -> dict[str, StoredReceipts]:
    """The ``save()`` keyword carrying the unit's receipts, encoded."""
    if not unit.receipts:
        return {}
    encode, id_for = app.receipt_codec.encode, RequestReceipt.id_for
    return {RECEIPTS: [(id_for(rid), encode(r)) for rid, r in unit.receipts.items()]}


def stored_receipt(
    app: MarketApplication, loader: Loader, request_id: str, unit: Unit | None
) -> Receipt | RequestReceipt | None:
    """The stored receipt of ``request_id``, or None: a row of the receipts table, or, on a
    store written before that table, a ``RequestReceipt`` aggregate (loaded into ``unit``)."""
    receipt_id = RequestReceipt.id_for(request_id)
    try:
        if app.keeps_receipts:
            state = cast(KeepsReceipts, app.recorder).select_receipt(receipt_id)
            if isinstance(state, StoredEvent):
                return old_receipt(app, state)
            if state is not None:
                return app.receipt_codec.decode(request_id, state)
            if not app.holds_old_receipts or finds_old_receipts(app.recorder):
                return None
        seen = app.recorder.select_events(receipt_id, limit=1)
    except PersistenceError as exc:
        raise StoreError(f"the event store failed to look up a request id: {exc}") from None
    if not seen:
        return None
    previous = loader.unit
    loader.unit = unit
    try:
        return loader.find(RequestReceipt, receipt_id)
    finally:
        loader.unit = previous


def old_receipt(app: MarketApplication, stored: StoredEvent) -> Receipt:
    """The receipt an old ``RequestReceipt`` aggregate's event records."""
    event = cast(RequestReceipt.Recorded, app.mapper.to_domain_event(stored))
    return Receipt(event.request_id, event.command, event.fingerprint, event.result, event.actor)
