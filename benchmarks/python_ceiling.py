"""Item 1, the other floor: the command path's best ratio with its Python as it is today.

The raw-sqlite3 figure says how fast the command path could be if ShareMarket spent no time in
Python. This one says the converse: how fast it could be if its store cost nothing beyond what
bare eventsourcing's store costs. The same commands run on the in-memory stores, ShareMarket's
and bare eventsourcing's (``eventsourcing.popo``), taking turns as on SQLite; what each costs
there is Python. On SQLite a command costs its Python plus its store's work, and ShareMarket's
store work is at least bare eventsourcing's: it writes at least the rows bare writes (2 to 3
against 1), in one transaction per command as bare does. So

    best ratio = bare's SQLite command / (ShareMarket's in-memory command
                                          + bare's SQLite command - bare's in-memory command)

and a target ratio needs ShareMarket's in-memory command to take at most

    budget = bare's SQLite command / target - (bare's SQLite command - bare's in-memory command).

Both are printed so that the gap to the target is read in microseconds of Python.
"""

from __future__ import annotations

from benchmarks import bare
from benchmarks.command_path import TARGET_RATIO, interleaved_rates
from benchmarks.measure import median
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket


def memory_samples(sizes: Sizes) -> dict[str, float]:
    """Commands per second of ShareMarket and bare eventsourcing on their in-memory stores, in
    use (the second half), taking turns as on SQLite."""
    ours, theirs = interleaved_rates(ShareMarket.in_memory(), bare.memory_app(), sizes)
    return {"sharemarket_memory": ours.in_use, "bare_memory": theirs.in_use}


def store_work(bare_store: float, bare_memory: float) -> float:
    """Seconds a command spends on bare eventsourcing's store: its command there less its
    command in memory (rates in commands/s)."""
    return max(1 / bare_store - 1 / bare_memory, 0.0)


def best_ratio(bare_store: float, ours_memory: float, bare_memory: float) -> float:
    """The best command-path ratio (rates in commands/s; see the module's text)."""
    return (1 / bare_store) / (1 / ours_memory + store_work(bare_store, bare_memory))


def budget_us(bare_store: float, bare_memory: float, target: float) -> float:
    """The in-memory command time, in microseconds, that ``target`` allows (module's text)."""
    return (1 / bare_store / target - store_work(bare_store, bare_memory)) * 1e6


def figures(store: str, samples: dict[str, list[float]]) -> list[Figure]:
    ours, theirs = median(samples["sharemarket_memory"]), median(samples["bare_memory"])
    bests = [
        best_ratio(b, o, m)
        for b, o, m in zip(
            samples["bare"], samples["sharemarket_memory"], samples["bare_memory"], strict=True
        )
    ]
    budget = median(
        [
            budget_us(b, m, TARGET_RATIO)
            for b, m in zip(samples["bare"], samples["bare_memory"], strict=True)
        ]
    )
    return [
        Figure(
            key="command_path.memory.sharemarket",
            label="1 command path, in memory: ShareMarket",
            value=ours,
            unit="commands/s",
            counts=(
                "the same commands on ShareMarket's in-memory store, in use, taking turns with "
                f"the baseline: the Python of a command, {1e6 / ours:,.0f} us, with no store"
            ),
            baseline=theirs,
            baseline_label=(
                "bare eventsourcing on its in-memory store (eventsourcing.popo), the same turns: "
                f"{1e6 / theirs:,.0f} us a command"
            ),
            samples=samples["sharemarket_memory"],
        ),
        Figure(
            key=f"command_path.{store}.best_ratio",
            label=f"1 command path, {store}: best ratio with today's Python",
            value=median(bests),
            unit="x bare",
            counts=(
                f"bare eventsourcing's {store} command / (ShareMarket's in-memory command + "
                f"bare's {store} command - bare's in-memory command), per repetition: the ratio "
                "ShareMarket would reach if its store cost no more than bare's. A "
                f"{TARGET_RATIO}x target needs the in-memory command to take at most "
                f"{budget:,.0f} us; it takes {1e6 / ours:,.0f} "
                "(benchmarks/python_ceiling.py)"
            ),
            samples=bests,
        ),
    ]
