"""What starting sharemarket costs: importing the market, `import sharemarket` and `sharemarket
--help` in a fresh interpreter, each beside a baseline run in turn with it (interleaved, so load
falls on both).

Every figure is CPU time (user + system) of the child, not wall time: the machine is shared.

- ``from sharemarket import ShareMarket``: what a host, and every command of the command line
  that opens a market, pays to define the market's aggregates, events and commands; measured
  inside the child around the import statement. The baseline is ``import eventsourcing.domain,
  attrs`` measured the same way (what any program built on the two libraries pays before it
  defines a class).
- ``import sharemarket``: the package alone (its names are imported on first use).
- ``sharemarket --help``: the whole child process (``python -m sharemarket --help``, interpreter
  start included), against a whole ``python -c "import eventsourcing.domain, attrs"``.

Bytecode is cached as an installed package has it (a ``PYTHONPYCACHEPREFIX`` of the run's own,
warmed first), whatever ``PYTHONDONTWRITEBYTECODE`` says in the caller's environment: compiling
the sources at each start is a cost of the environment, not of the code.

    python -m benchmarks --only import_time
    python benchmarks/import_time.py [rounds]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/import_time.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.report import Figure
from benchmarks.scales import Sizes

REPO = Path(__file__).resolve().parent.parent

#: Child code printing the CPU seconds of one import statement.
TIMED_IMPORT = "import time; t = time.process_time(); {what}; print(time.process_time() - t)"
MARKET = "from sharemarket import ShareMarket"
PACKAGE = "import sharemarket"
BASELINE_MODULES = "eventsourcing.domain, attrs"
BASELINE = f"import {BASELINE_MODULES}"


def environment(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def child_cpu(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """CPU seconds (user + system) of one child process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, done.stdout


def import_cpu(statement: str, env: dict[str, str]) -> float:
    _, printed = child_cpu([sys.executable, "-c", TIMED_IMPORT.format(what=statement)], env)
    return float(printed.strip().splitlines()[-1])


def help_cpu(env: dict[str, str]) -> float:
    used, printed = child_cpu([sys.executable, "-m", "sharemarket", "--help"], env)
    assert "Usage: sharemarket" in printed, printed[:200]
    return used


def baseline_process_cpu(env: dict[str, str]) -> float:
    used, _ = child_cpu([sys.executable, "-c", f"import {BASELINE_MODULES}"], env)
    return used


def measure(rounds: int, workdir: Path) -> dict[str, list[float]]:
    """``rounds`` interleaved rounds of the five children, after one warming round that writes
    the bytecode cache."""
    env = environment(workdir / "pycache")
    import_cpu(MARKET, env)
    help_cpu(env)
    names = ("market", "package", "import_base", "help", "help_base")
    samples: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        samples["market"].append(import_cpu(MARKET, env))
        samples["package"].append(import_cpu(PACKAGE, env))
        samples["import_base"].append(import_cpu(BASELINE, env))
        samples["help"].append(help_cpu(env))
        samples["help_base"].append(baseline_process_cpu(env))
    return samples


def ms(values: list[float]) -> float:
    return round(1000 * statistics.median(values), 2)


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    samples = measure(max(sizes.repeats, 5), workdir)
    return [
        Figure(
            key="import_time.market",
            label="from sharemarket import ShareMarket, CPU",
            value=ms(samples["market"]),
            unit="ms",
            counts="CPU of `from sharemarket import ShareMarket` in a fresh interpreter "
            "(bytecode cached): every aggregate, event and command defined; median of "
            "interleaved rounds.",
            baseline=ms(samples["import_base"]),
            baseline_label=BASELINE,
            samples=[round(1000 * s, 1) for s in samples["market"]],
        ),
        Figure(
            key="import_time.package",
            label="import sharemarket, CPU",
            value=ms(samples["package"]),
            unit="ms",
            counts="CPU of `import sharemarket` alone in a fresh interpreter (its names are "
            "imported on first use); median of interleaved rounds.",
            baseline=ms(samples["import_base"]),
            baseline_label=BASELINE,
            samples=[round(1000 * s, 1) for s in samples["package"]],
        ),
        Figure(
            key="import_time.help",
            label="sharemarket --help, CPU",
            value=ms(samples["help"]),
            unit="ms",
            counts="CPU of the whole `python -m sharemarket --help` process (interpreter "
            "start included), median of interleaved rounds.",
            baseline=ms(samples["help_base"]),
            baseline_label=f'whole `python -c "import {BASELINE_MODULES}"`',
            samples=[round(1000 * s, 1) for s in samples["help"]],
        ),
    ]


def main() -> None:
    import tempfile

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory(prefix="sharemarket-import-") as folder:
        samples = measure(rounds, Path(folder))
    print(f"load average {os.getloadavg()}, {rounds} interleaved rounds, CPU ms per child")
    for name, values in samples.items():
        print(f"{name:12s} median {ms(values):7.1f}  {[round(1000 * v) for v in values]}")


if __name__ == "__main__":
    main()
