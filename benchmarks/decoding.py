"""Decoding stored events: eventsourcing's decoder against the market's, on a labour agreement.

Not one of the report's figures: a script to measure a change to decoding with. It writes one
labour agreement of ``EVENTS`` events through the command path into an SQLite file, then, in
interleaved rounds, times (1) decoding the agreement's stored event states with eventsourcing's
``JSONTranscoder.decode`` and with the application's transcoder, and (2) a cold load of the
agreement (as benchmarks/loading.py does it) at 10 events and at the worst case. Medians of
CPU time (``time.thread_time``)::

    python -m benchmarks.decoding
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder

from benchmarks import park
from benchmarks.agreement_history import write_agreement
from sharemarket import ShareMarket
from sharemarket.domain.labour.agreement import LabourAgreement

INTERVAL = 100
EVENTS = 2 * INTERVAL - 1
ROUNDS = 25


def cold_load(path: Path, aggregate_id: UUID) -> float:
    """CPU ms to load the agreement in a market just opened."""
    market = ShareMarket.sqlite(path)
    try:
        market._app.recorder.max_notification_id()
        cpu = time.thread_time()
        market._uow.loader.find(LabourAgreement, aggregate_id)
        return (time.thread_time() - cpu) * 1000
    finally:
        market.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        path = Path(workdir) / "decoding.sqlite"
        market = ShareMarket.sqlite(path)
        try:
            park.establish(market)
            short = write_agreement(market, 10, "short", INTERVAL)
            long = write_agreement(market, EVENTS, "long", INTERVAL)
            transcoder = market._app.transcoder
            states = [e.state for e in market._app.recorder.select_events(long)]
            events_only = JSONTranscoder.decode
            assert all(events_only(transcoder, s) == transcoder.decode(s) for s in states)
            plain: list[float] = []
            ours: list[float] = []
            loads: dict[str, list[float]] = {"10": [], str(EVENTS): []}
            for _ in range(ROUNDS):
                cpu = time.thread_time()
                for state in states:
                    events_only(transcoder, state)
                plain.append((time.thread_time() - cpu) * 1e6 / len(states))
                cpu = time.thread_time()
                for state in states:
                    transcoder.decode(state)
                ours.append((time.thread_time() - cpu) * 1e6 / len(states))
                loads["10"].append(cold_load(path, short))
                loads[str(EVENTS)].append(cold_load(path, long))
        finally:
            market.close()
    size = statistics.mean(len(s) for s in states)
    print(f"{len(states)} stored events, {size:.0f} bytes each on average")
    print(f"decode, JSONTranscoder.decode:   {statistics.median(plain):7.1f} us/event")
    print(f"decode, {type(transcoder).__name__}: {statistics.median(ours):7.1f} us/event")
    base = statistics.median(loads["10"])
    worst = statistics.median(loads[str(EVENTS)])
    print(f"cold load, 10 events:          {base:7.2f} ms CPU")
    print(f"cold load, {EVENTS} events (99 replayed): {worst:7.2f} ms CPU  ({worst / base:.2f}x)")
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
