"""Fault injection: count the database calls of SQLite and psycopg, and fail the Nth one.

As SQLite's own fault-injection tests do with its I/O and memory allocations, a scenario is
first run counting its calls (M of them), then run again for every N from 1 to M with call N
failing with the driver's own ``OperationalError``: once (a transient fault) or from N on until
the faults are disarmed (a persistent one). A commit can also fail *after* it took effect, as
when the connection drops while the server's answer is on its way: the caller cannot know
whether it happened. ``sweep`` runs a scenario so, checking every run.

The calls counted are the points where a driver talks to its database: on SQLite each
statement (eventsourcing's cursor wrapper, which every store and view of sharemarket goes
through) and each commit; on PostgreSQL each statement, ``COPY``, pipeline synchronisation and
transaction commit. A failed commit rolls back, as SQLite and PostgreSQL do after an I/O error.
Only the thread that armed the faults and the views' write-behind thread are counted, so that
the count does not depend on when psycopg's pool opens connections in the background.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
import pytest
from eventsourcing import utils
from eventsourcing.sqlite import SQLiteConnection, SQLiteCursor

from sharemarket.domain.errors import StoreError

T = TypeVar("T")
Act = Callable[[], Any]
#: Threads counted besides the one that armed the faults: the views' writes behind.
COUNTED_THREADS = ("write-behind",)
#: SQLite's BEGIN is failed too. eventsourcing 9.5.6 turns sqlite3's errors into its own only
#: when a transaction ends, so a failed BEGIN escaped as sqlite3's own error; the SQLite
#: adapters now convert it (``sqlite_connections._Transaction``). False would leave it alone.
SQLITE_BEGIN_FAILS = True


class Faults:
    """The database calls of the watched threads, numbered from 1, and the fault to inject."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.injected: list[str] = []
        self._on = False
        self._thread: threading.Thread | None = None
        self._fail_at: int | None = None
        self._persistent = False
        self._after_commit = False
        self._lock = threading.Lock()

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        """Count the calls made inside the block; the list holds what each call was."""
        with self.failing(None):
            yield self.calls

    @contextmanager
    def failing(
        self, n: int | None, *, persistent: bool = False, after_commit: bool = False
    ) -> Iterator[Faults]:
        """Fail call ``n`` of the block (and every later one if ``persistent``).

        ``after_commit``: call ``n`` is a commit that takes effect before the error is raised.
        """
        self.calls, self.injected = [], []
        self._thread = threading.current_thread()
        self._fail_at, self._persistent, self._after_commit = n, persistent, after_commit
        self._on = True
        try:
            yield self
        finally:
            self._on = False

    def call(
        self,
        what: str,
        error: type[Exception],
        run: Callable[[], T],
        *,
        commit: bool = False,
        cleanup: Callable[[Exception], object] | None = None,
    ) -> T:
        """Make one database call (``run``), or fail it if it is one to fail.

        A call that fails before it takes effect first lets the driver clean up as it does
        after an error there (``cleanup``: a commit rolls back, a pipeline is left).
        """
        if not self._on or not self._watched():
            return run()
        with self._lock:
            self.calls.append(what)
            n = len(self.calls)
        fail_at = self._fail_at
        if fail_at is None or n < fail_at or (n > fail_at and not self._persistent):
            return run()
        if self._after_commit and commit and n == fail_at:
            run()
            self.injected.append(f"{n}: {what}, after it took effect")
            raise error(f"injected fault: connection lost after call {n} ({what}) took effect")
        self.injected.append(f"{n}: {what}")
        failure = error(f"injected fault: disk I/O error at database call {n} ({what})")
        if cleanup is not None:
            cleanup(failure)
        raise failure

    def _watched(self) -> bool:
        current = threading.current_thread()
        return current is self._thread or current.name.startswith(COUNTED_THREADS)


def _sql(statement: Any) -> str:
    """The first words of a statement, to name a call (psycopg's may be ``Composed``)."""
    if isinstance(statement, bytes):
        text = statement.decode()
    elif isinstance(statement, str):
        text = statement
    else:
        text = statement.as_string(None)
    return " ".join(text.split()[:4])


def install(monkeypatch: pytest.MonkeyPatch) -> Faults:
    """Wrap the calls of both drivers (for the test's duration) and return their ``Faults``."""
    faults = Faults()
    _install_sqlite(monkeypatch, faults)
    _install_psycopg(monkeypatch, faults)
    # eventsourcing retries PostgreSQL calls 10 times, 0.2 s apart: without the wait here.
    monkeypatch.setattr(utils, "sleep", lambda _: None)
    return faults


def modes(call: str) -> list[tuple[str, dict[str, bool]]]:
    """The ways call N fails: once, from then on, and (a commit) after it took effect."""
    found = [("once", {}), ("from then on", {"persistent": True})]
    if call.endswith("COMMIT"):
        found.append(("after it took effect", {"after_commit": True}))
    return found


def sweep(
    faults: Faults,
    prepare: Callable[[int], Act],
    check: Callable[[int, Act, Any], None],
    failures: tuple[type[Exception], ...] = (StoreError,),
) -> int:
    """Run ``prepare(i)``'s act counting its calls, then with each call failing in turn;
    ``check`` every run with the faults off. Returns the number of calls M."""
    act = prepare(0)  # what this process loads first is then cached for the runs after it
    check(0, act, act())
    act = prepare(1)
    with faults.counting() as counted:
        result = act()
    calls = list(counted)
    check(1, act, result)
    fired: set[int] = set()
    i = 2
    for n, call in enumerate(calls, start=1):
        for mode, options in modes(call):
            run = f"run {i}: call {n} of {len(calls)} ({call}) failing {mode}"
            act = prepare(i)
            with faults.failing(n, **options):
                try:
                    outcome = act()
                except failures as exc:
                    outcome = exc
                except Exception:
                    pytest.fail(f"{run}: another error escaped:\n{traceback.format_exc()}")
            made, injected = len(faults.calls), list(faults.injected)
            assert injected or made < n, f"{run}: the fault was not injected"
            fired.update([n] if injected else [])
            try:
                check(i, act, outcome)
            except AssertionError as exc:
                raise AssertionError(f"{run}, injected at {injected}: {exc}") from exc
            i += 1
    assert set(range(1, len(calls) + 1)) == fired, "some calls were never failed"
    return len(calls)


def _install_sqlite(monkeypatch: pytest.MonkeyPatch, faults: Faults) -> None:
    cursor, connection = SQLiteCursor, SQLiteConnection
    execute, executemany, commit = cursor.execute, cursor.executemany, connection.commit
    error = sqlite3.OperationalError

    def counted_execute(self: SQLiteCursor, statement: str, *args: Any) -> None:
        if statement == "BEGIN" and not SQLITE_BEGIN_FAILS:
            return execute(self, statement, *args)
        faults.call(f"sqlite {_sql(statement)}", error, lambda: execute(self, statement, *args))

    def counted_executemany(self: SQLiteCursor, statement: str, *args: Any) -> None:
        run = lambda: executemany(self, statement, *args)  # noqa: E731
        faults.call(f"sqlite executemany {_sql(statement)}", error, run)

    def counted_commit(self: SQLiteConnection) -> None:
        # SQLite rolls a transaction back when its commit fails for an I/O error.
        faults.call(
            "sqlite COMMIT",
            error,
            lambda: commit(self),
            commit=True,
            cleanup=lambda _: self.rollback(),
        )

    monkeypatch.setattr(cursor, "execute", counted_execute)
    monkeypatch.setattr(cursor, "executemany", counted_executemany)
    monkeypatch.setattr(connection, "commit", counted_commit)


def _install_psycopg(monkeypatch: pytest.MonkeyPatch, faults: Faults) -> None:
    cursor, pipeline, transaction = psycopg.Cursor, psycopg.Pipeline, psycopg.Transaction
    execute, executemany, copy = cursor.execute, cursor.executemany, cursor.copy
    sync, pipeline_exit, transaction_exit = pipeline.sync, pipeline.__exit__, transaction.__exit__
    error = psycopg.OperationalError

    def counted_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        what = f"postgres {_sql(query)}"
        run = lambda: execute(self, query, *args, **kwargs)  # noqa: E731
        return faults.call(what, error, run, commit=what == "postgres COMMIT")

    def counted_executemany(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        run = lambda: executemany(self, query, *args, **kwargs)  # noqa: E731
        return faults.call(f"postgres executemany {_sql(query)}", error, run)

    def counted_copy(self: Any, statement: Any, *args: Any, **kwargs: Any) -> Any:
        run = lambda: copy(self, statement, *args, **kwargs)  # noqa: E731
        return faults.call(f"postgres {_sql(statement)}", error, run)

    def counted_sync(self: Any) -> None:
        faults.call("postgres pipeline sync", error, lambda: sync(self))

    def counted_pipeline_exit(self: Any, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc is not None:
            return pipeline_exit(self, exc_type, exc, tb)
        # Leaving a pipeline synchronises it: a failure there leaves it as after any error.
        leave = lambda failure: pipeline_exit(self, type(failure), failure, None)  # noqa: E731
        faults.call(
            "postgres pipeline sync (leaving it)",
            error,
            lambda: pipeline_exit(self, None, None, None),
            cleanup=leave,
        )
        return None

    def counted_transaction_exit(self: Any, exc_type: Any, exc: Any, tb: Any) -> bool:
        if exc is not None or self.force_rollback:
            return bool(transaction_exit(self, exc_type, exc, tb))
        roll_back = lambda failure: transaction_exit(self, type(failure), failure, None)  # noqa: E731
        run = lambda: transaction_exit(self, None, None, None)  # noqa: E731
        return bool(faults.call("postgres COMMIT", error, run, commit=True, cleanup=roll_back))

    monkeypatch.setattr(cursor, "execute", counted_execute)
    monkeypatch.setattr(cursor, "executemany", counted_executemany)
    monkeypatch.setattr(cursor, "copy", counted_copy)
    monkeypatch.setattr(pipeline, "sync", counted_sync)
    monkeypatch.setattr(pipeline, "__exit__", counted_pipeline_exit)
    monkeypatch.setattr(transaction, "__exit__", counted_transaction_exit)
