"""What the server processes of a benchmark's writers are doing, sampled from pg_stat_activity.

A thread reads ``pg_stat_activity`` every few milliseconds and counts the database's busy client
backends (other than its own) by state: waiting for a lock (the events table's, taken by every
insert so that notification ids commit in order), flushing the write-ahead log at commit,
waiting for their client inside a transaction (the client is deciding, or the next round trip is
on the wire), working, or anything else.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

#: Seconds between two samples of pg_stat_activity.
SAMPLE_EVERY = 0.003
#: The states counted (see ``_state``), in the order printed.
STATES = ("lock", "wal", "client_in_tx", "cpu", "other")


def _state(state: str, wait_type: str | None, wait_event: str | None) -> str:
    if wait_type == "Lock":
        return "lock"
    if wait_type == "IO" and wait_event and wait_event.startswith("WAL"):
        return "wal"
    if wait_type == "LWLock" and wait_event and wait_event.startswith("WAL"):
        return "wal"
    if state == "idle in transaction":
        return "client_in_tx"
    if state == "active" and wait_type is None:
        return "cpu"
    return "other"


class Sampler:
    """Counts, in a thread, what the database's other busy client backends are doing."""

    def __init__(self, dsn: str) -> None:
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True)
        self.counts: Counter[str] = Counter()
        self.samples = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.conn.close()

    def _run(self) -> None:
        statement = (
            "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend' AND state <> 'idle'"
        )
        while not self.stop.is_set():
            rows = self.conn.execute(statement, prepare=True).fetchall()
            self.samples += 1
            for state, wait_type, wait_event in rows:
                self.counts[_state(state, wait_type, wait_event)] += 1
            time.sleep(SAMPLE_EVERY)

    def shares(self) -> dict[str, float]:
        """Per state: busy writer backends seen in it, per sample (mean count)."""
        return {s: self.counts[s] / max(1, self.samples) for s in STATES}
