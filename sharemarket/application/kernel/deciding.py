"""Deciding one command in a unit: its premises, a used request id replayed, its handler, its
receipt; and the market's copies kept warm after a save.

What ``UnitOfWork`` (``unit_of_work``) runs once per command, alone or in a batch, and again when
a lost race or a stale copy makes it decide anew.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sharemarket.application.kernel.app import MarketApplication
from sharemarket.application.kernel.cache import AggregateCache
from sharemarket.application.kernel.commands import Command, Handler
from sharemarket.application.kernel.fingerprints import Fingerprints
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.kernel.receipts import record_receipt, stored_receipt
from sharemarket.application.kernel.unit import Step, Unit
from sharemarket.domain.requests import Receipt, RequestReceipt


class Deciding:
    """Decides commands against one market application, into units that are saved elsewhere."""

    def __init__(
        self,
        app: MarketApplication,
        handlers: Mapping[type[Command[Any]], Handler],
        cache: AggregateCache | None = None,
    ) -> None:
        self.app = app
        self.handlers = handlers
        self.cache = cache if cache is not None else AggregateCache()
        self.loader = Loader(app, self.cache)
        self._fingerprints = Fingerprints(app.mapper.transcoder)

    def fingerprint(self, command: Command[Any]) -> str:
        """What a request id stands for: the command, the actor and the arguments, hashed
        (``kernel.fingerprints``). The bytes are a contract with every stored receipt."""
        return self._fingerprints.of(command)

    def _decide(self, step: Step, unit: Unit) -> Any:
        # The unit is the loader's from the premises to the handler (the receipt's look-up
        # loads into it too): set once, not once for each.
        loader = self.loader
        previous = loader.unit
        loader.unit = unit
        try:
            step.command.check_premises(loader)
            existing = self._used_receipt(step, unit, look_up=unit.check_receipts)
            if existing is not None:
                return existing.replay(step.command.stored_as, step.fingerprint)
            aggregates, result = step.handler(loader, step.command)
        finally:
            loader.unit = previous
        unit.add(*aggregates)
        self._record_receipt(step, unit, result)
        return result

    def _record_receipt(self, step: Step, unit: Unit, result: Any) -> None:
        command = step.command
        receipt = Receipt(
            command.request_id, command.stored_as, step.fingerprint, result, command.actor
        )
        record_receipt(self.app, unit, receipt)

    def _used_receipt(
        self, step: Step, unit: Unit, *, look_up: bool
    ) -> Receipt | RequestReceipt | None:
        """The receipt of the step's request id if it was used: earlier in the unit (a batch),
        or, with ``look_up``, before (one cheap query when it was not; two on a store that
        also holds receipts written as aggregates)."""
        request_id = step.command.request_id
        receipt = unit.receipts.get(request_id)
        if receipt is not None:
            return receipt
        if not self.app.keeps_receipts or self.app.holds_old_receipts:
            # A receipt written as an aggregate, loaded by an earlier command of the unit.
            held = unit.aggregates.get(RequestReceipt.id_for(request_id))
            if isinstance(held, RequestReceipt):
                return held
        if not look_up:
            return None
        return self.receipt(request_id, unit)

    def receipt(self, request_id: str, unit: Unit | None = None) -> Receipt | RequestReceipt | None:
        """The stored receipt of ``request_id``, or None (``receipts.stored_receipt``)."""
        return stored_receipt(self.app, self.loader, request_id, unit)

    def _keep_warm(self, unit: Unit) -> None:
        self.cache.put_back(
            aggregate
            for aggregate in unit.aggregates.values()
            # RequestReceipt has no subclass: its exact type, not an ABC's isinstance.
            if type(aggregate) is not RequestReceipt and not aggregate.pending_events
        )
