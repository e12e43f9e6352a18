"""A PostgreSQL save's read check, made to fail on the server so that the save commits in the
same round trip as its statements (see ``PostgresMarketRecorder.insert_events``).

A save checks, after it takes eventsourcing's table lock, that no aggregate it read (and does
not write) has events newer than the version it read (``application.kernel.read_checks``).
Answered to the client, the check costs the save a second round trip: the client reads the
answer, then sends ``COMMIT``, and for that whole round trip the save holds the table lock that
every other writer waits for (the benchmark's PostgreSQL writers: 0.20 of each server process's
time in a transaction, waiting for its client). Failing on the server instead, the check aborts
the transaction by itself, and ``COMMIT`` travels with the statements.

The check fails with a division by zero: ``1 / (v - v)`` over the first newer event it finds,
``v`` being that event's version column, which no planner folds into a constant (a constant
``1/0`` would be evaluated when the statement is planned, whether or not a row is found).
``DivisionByZero`` from a save can only come from it: the save's other statements are inserts.
The client then asks which read changed, in a transaction of its own, to raise ``ReadChanged``
naming it, as before.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.sql import SQL, Composable

from sharemarket.application.kernel.read_checks import ReadChanged, ReadVersions

#: The reads of a save as a VALUES list (one statement per count: PostgreSQL plans it once).
_NEWER = (
    "FROM (VALUES {reads}) AS r(id, version) JOIN {table} AS e ON e.originator_id = r.id "
    "AND e.originator_version > r.version LIMIT 1"
)


class ReadCheckStatements:
    """The check for ``count`` reads, as text, made once per count: ``failing`` raises
    ``DivisionByZero`` if a read aggregate has a newer event; ``finding`` returns it."""

    def __init__(self, table: Composable) -> None:
        self._table = table
        self._failing: dict[int, str] = {}
        self._finding: dict[int, str] = {}

    def failing(self, count: int) -> str:
        return self._statement(
            self._failing, count, "SELECT 1 / (e.originator_version - e.originator_version) "
        )

    def finding(self, count: int) -> str:
        return self._statement(self._finding, count, "SELECT e.originator_id, r.version ")

    def _statement(self, made: dict[int, str], count: int, head: str) -> str:
        statement = made.get(count)
        if statement is None:
            reads = SQL(", ").join([SQL("(%s::uuid, %s::bigint)")] * count)
            statement = SQL(head + _NEWER).format(reads=reads, table=self._table).as_string(None)
            made[count] = statement
        return statement


def parameters(reads: ReadVersions) -> list[Any]:
    return [value for read in reads.items() for value in read]


def read_changed(
    conn: psycopg.Connection[Any], statements: ReadCheckStatements, reads: ReadVersions
) -> ReadChanged:
    """The ``ReadChanged`` of a save whose check failed: the read aggregate found with a newer
    event, asked again on the save's own connection, idle once its transaction is rolled back
    (another from the pool could wait for one the save holds). Events are never deleted, so
    the one the check found is still there."""
    with conn.transaction(), conn.cursor() as curs:
        curs.execute(statements.finding(len(reads)), parameters(reads))
        found = curs.fetchone()
    if found is None:  # not reachable while events are never deleted; say what was checked
        aggregate_id, version = next(iter(reads.items()))
        return ReadChanged(aggregate_id, version)
    changed: UUID = found["originator_id"]
    return ReadChanged(changed, found["version"])


def failed_check(error: BaseException) -> bool:
    """Whether a save's error is its read check failing on the server (module docstring)."""
    return isinstance(error, psycopg.errors.DivisionByZero)
