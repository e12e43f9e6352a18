"""The command path every slice shares: replay a used request id, or decide and save once.

``UnitOfWork.execute(command)`` finds the command's handler, lets it load and decide, and saves
the changed aggregates and the request receipt (``receipts``) in one atomic ``save``. A lost
race is decided again; a refusal records nothing. ``batch()`` defers the save of many
commands to one. How one command is decided into a unit is ``deciding``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError, PersistenceError

from sharemarket.application.kernel.commands import Command, PremisesChanged
from sharemarket.application.kernel.deciding import Deciding
from sharemarket.application.kernel.receipts import receipts_keyword
from sharemarket.application.kernel.unit import Step, Unit
from sharemarket.application.kernel.unit_reads import (
    reads_keyword,
    still_current,
    trusted_copies_current,
)
from sharemarket.domain.errors import ConcurrentUpdate, ShareMarketError, StoreError

R = TypeVar("R")


class UnitOfWork(Deciding):
    """Runs commands against one market application, one atomic save per command (or batch)."""

    def execute(self, command: Command[R]) -> R:
        """Run one command: replay it if the request id was seen, else decide and save once.

        The handler loads what it needs and returns the aggregates to save and the result. All of
        them, and the request receipt, are saved in one atomic ``save`` (with the commands other
        threads decide meanwhile: see ``group_commit``). If another writer got
        there first (``IntegrityError``), everything is loaded again and decided again, up to
        ``max_attempts`` times. Inside :meth:`batch` the save is deferred to the batch's end.
        """
        try:
            handler = self.handlers[type(command)]
        except KeyError:
            raise TypeError(f"{type(command).__name__} is not a command of this market") from None
        step = Step(command, handler, self.fingerprint(command))
        batch = self.loader.unit
        if batch is not None:
            result: R = self._decide_in_batch(step, batch)
            batch.steps.append(step)
            return result
        careful = False
        try:
            for _ in range(self.app.max_attempts):
                # The first attempt is optimistic: it trusts the warm copies and does not look
                # for the request id's receipt. The save's version check verifies both (a stale
                # copy or a used request id makes it conflict). After a conflict, and before a
                # refusal is raised, the command is decided again carefully on current state.
                unit = Unit(optimistic=not careful, check_receipts=careful)
                try:
                    result = self._decide(step, unit)
                except ShareMarketError:
                    if careful:
                        raise
                    careful = True
                    continue
                if not still_current(self.app, unit):
                    careful = True
                    continue
                try:
                    self.app.save(
                        *unit.changed(),
                        **reads_keyword(self.app, unit),
                        **receipts_keyword(self.app, unit),
                    )
                except IntegrityError:
                    careful = True
                    continue
                self._keep_warm(unit)
                return result
        except PersistenceError as exc:
            raise StoreError(f"the event store failed during {command.stored_as}: {exc}") from None
        raise ConcurrentUpdate(
            f"{command.stored_as} (request {command.request_id!r}) lost the race to concurrent "
            f"writers {self.app.max_attempts} times; try again later with the same request id"
        )

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Run many commands as one transaction: all are recorded at the end, or none is.

        Each command is checked as it is called, against the state the earlier commands of the
        batch left, and returns its result at once; the events of all of them are saved in one
        ``save`` when the block ends. If any command (or the block) raises, nothing is recorded.
        If another writer changed the same aggregates meanwhile, the whole batch is decided again
        from fresh state (up to ``max_attempts`` times) before it is saved. The aggregates this
        market keeps warm are used as they are, without a query each to catch them up: the
        save checks them, and a refusal is raised only once the copies it was decided on are
        found current in the store (else the batch is decided again on fresh state first).

        A command whose request id was used before is not looked up as it is called (a query
        per command); the save finds it (its receipt already exists) and the batch is then
        decided again, replaying it. A re-run import is found sooner: its commands are refused
        (the shift is already recorded, the hours are taken), and a refusal is raised only
        after the request id was looked up; a used one replays its first result instead.
        """
        if self.loader.unit is not None:
            raise RuntimeError("market.batch() blocks do not nest")
        # Optimistic where the store checks a save's reads: the warm copies are used as they
        # are, not caught up with a query each (about a hundred a batch of the benchmark's
        # import), and the save's version and read checks verify them. A refusal is verified
        # before it is raised (_decide_in_batch).
        batch = Unit(optimistic=self.app.checks_reads, check_receipts=False)
        self.loader.unit = batch
        try:
            yield
            self._commit(batch)
        finally:
            self.loader.unit = None

    def _commit(self, batch: Unit) -> None:
        try:
            for _ in range(self.app.max_attempts):
                try:
                    self.app.save_alone(
                        *batch.changed(),
                        **reads_keyword(self.app, batch),
                        **receipts_keyword(self.app, batch),
                    )
                    self._keep_warm(batch)
                except IntegrityError:
                    try:
                        batch = self._redecide(batch.steps)
                    except PremisesChanged as changed:
                        raise ConcurrentUpdate(
                            f"a batch of {len(batch.steps)} commands was decided again after a "
                            f"concurrent write, and {changed}; nothing was recorded: run it again"
                        ) from None
                    self.loader.unit = batch
                    continue
                return
        except PersistenceError as exc:
            raise StoreError(f"the event store failed saving a batch: {exc}") from None
        raise ConcurrentUpdate(
            f"a batch of {len(batch.steps)} commands lost the race to concurrent writers "
            f"{self.app.max_attempts} times; nothing was recorded: run it again"
        )

    def _decided_again(self, batch: Unit) -> Unit:
        """The batch's earlier commands decided again on current state, while a command of the
        batch is being called (its refusal rested on a copy found stale, or it had changed what
        they hold).

        Each of them already answered the host: if one no longer holds (refused now, or its
        premises changed), the batch fails as a whole with ``ConcurrentUpdate``, not with that
        command's error, which would read as the refusal of the command being called. (At the
        batch's save, ``_commit``, no command is being called: a refusal found then is raised
        as it is.)"""
        try:
            return self._redecide(batch.steps)
        except (PremisesChanged, ShareMarketError) as changed:
            raise ConcurrentUpdate(
                f"a batch of {len(batch.steps)} commands was decided again after a concurrent "
                f"write, and an earlier command no longer holds ({changed}); nothing was "
                "recorded: run it again"
            ) from None

    def _redecide(self, steps: list[Step]) -> Unit:
        """A fresh unit holding ``steps`` decided again on current state."""
        fresh = Unit()
        previous = self.loader.unit
        try:
            for step in steps:
                self._decide(step, fresh)
                fresh.steps.append(step)
        finally:
            self.loader.unit = previous
        return fresh

    def _decide_in_batch(self, step: Step, batch: Unit) -> Any:
        """Decide one command of a batch so that, if it is refused, it leaves no trace.

        A host importing rows may catch a refusal and go on. What the refused command loaded is
        dropped; if it had already changed an aggregate that earlier commands of the batch hold
        (a shift recorded on the agreement before the timesheet refused it), the batch's state
        is rebuilt by deciding the earlier commands again.
        """
        seen: dict[UUID, int | None] = {}
        batch.seen_in_step = seen
        try:
            return self._decide(step, batch)
        except BaseException as refusal:
            # A refusal decided on a copy taken on trust (optimistic) stands only if that copy
            # is current; if not, the batch is decided again on fresh state, this step too.
            stale = (
                batch.optimistic
                and isinstance(refusal, ShareMarketError)
                and not trusted_copies_current(self.app, batch, seen)
            )
            changed = False
            for aggregate_id, version in seen.items():
                aggregate = batch.aggregates.get(aggregate_id)
                if aggregate is None:
                    continue
                if version is None:  # first loaded by the refused command: forget it
                    del batch.aggregates[aggregate_id]
                    batch.touched.pop(aggregate_id, None)
                    batch.unverified.discard(aggregate_id)
                elif aggregate.version != version:
                    changed = True
            if changed or stale:
                batch.replace_with(self._decided_again(batch))
            if stale:
                return self._decide_in_batch(step, batch)  # the batch is careful now
            if isinstance(refusal, ShareMarketError) and not batch.check_receipts:
                existing = self._used_receipt(step, batch, look_up=True)
                if existing is not None:
                    return existing.replay(step.command.stored_as, step.fingerprint)
            raise
