"""WriteBehind: a view's batches written on a thread of their own while the next is prepared."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from sharemarket.application.projections.projection import Prepared, ViewProjection, nothing_pending


class WriteBehind:
    """Writes each batch on a thread of its own while the next one is read, decoded and prepared.

    A PostgreSQL view's write mostly waits for its server (sorting the rows into its tables and
    indexes and logging them), and that wait then overlaps with this process's work on the next
    batch. SQLite's views write in place: sqlite3 holds the interpreter while it binds each row,
    and written behind they were slower (``SQLiteView.write_behind``). A batch is handed over
    only once the one before it is written, with the same compare-and-set of the tracking
    position. A read of a view first waits for the batch being written (so it sees it). A write
    that fails is raised in the catch-up at the next hand-over or at the end; every projection
    then forgets what it assumed, as after any failure.
    """

    def __init__(self, projections: Sequence[ViewProjection[Any]]) -> None:
        self._projections = projections
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="write-behind")
        self._pending: Future[None] | None = None

    def __enter__(self) -> WriteBehind:
        for projection in self._projections:
            projection._settle = self._settle
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc is None:
                self.wait()
            else:
                # Something failed here, perhaps with a batch prepared and never handed over.
                self._settle()
                self._forget()
        finally:
            for projection in self._projections:
                projection._settle = nothing_pending
            self._executor.shutdown()

    def submit(self, prepared: Sequence[Prepared]) -> None:
        """Write these batches once the ones before them are written (raising their error)."""
        self.wait()
        self._pending = self._executor.submit(_write_all, prepared)

    def wait(self) -> None:
        """Return once the batches handed over are written; raise the error of one that failed."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            pending.result()
        except BaseException:
            self._forget()
            raise

    def _settle(self) -> None:
        # Before a read: wait for the write, but leave its error for wait() to raise (a read
        # made for an event must not fail for another batch's write).
        if self._pending is not None:
            self._pending.exception()

    def _forget(self) -> None:
        for projection in self._projections:
            projection.forget()


def _write_all(prepared: Sequence[Prepared]) -> None:
    # Not ViewProjection.commit: on a failure it forgets the projection's state, which the
    # catch-up thread is using for the next batch; WriteBehind.wait forgets it there instead.
    for batch in prepared:
        if batch.tracking is not None:
            batch.projection.write(batch)
