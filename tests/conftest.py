"""Shared fixtures: the store every application test runs on, and the hypothesis profiles."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from sharemarket import ShareMarket
from sharemarket.application.kernel.app import SNAPSHOT_LOG

# Hypothesis: a quick default for development; the built-in "ci" profile made heavier for CI.
settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    parent=settings.get_profile("ci"),
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
DEFAULT_TEST_DSN = "postgresql://sharemarket:sharemarket@127.0.0.1:5432/sharemarket_test"
STORES = ("memory", "sqlite", "postgres")


def postgres_dsn() -> str:
    """The test server's DSN, or skip (fail in CI) when no server answers."""
    dsn = os.environ.get("SHAREMARKET_TEST_POSTGRES_DSN", DEFAULT_TEST_DSN)
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=3):
            pass
    except Exception as exc:
        message = f"no PostgreSQL server for the tests at {dsn}: {exc}"
        if IN_CI:
            pytest.fail(message + " (CI must run the PostgreSQL tests)")
        pytest.skip(message)
    return dsn


class Store:
    """One store for one test: ``open()`` opens a market on it, again after close to reopen."""

    def __init__(self, kind: str, tmp_path: Path) -> None:
        self.kind = kind
        self.opened: list[ShareMarket] = []
        self.schema: str | None = None
        self.dsn: str | None = None
        self.path = tmp_path / "market.sqlite"
        if kind == "postgres":
            import psycopg

            self.dsn = postgres_dsn()
            self.schema = f"t_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(self.dsn, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {self.schema}")
        self._memory: ShareMarket | None = None

    @property
    def durable(self) -> bool:
        return self.kind != "memory"

    def open(self, **env: str) -> ShareMarket:
        """A market on this store; ``env`` adds eventsourcing settings (not for memory)."""
        if self.kind == "memory":
            # Memory cannot be reopened: "reopening" returns the same market.
            if self._memory is None:
                self._memory = ShareMarket.in_memory()
                self.opened.append(self._memory)
            return self._memory
        if self.kind == "sqlite":
            market = ShareMarket.sqlite(self.path, **env)
        else:
            market = ShareMarket.postgres(self.dsn, schema=self.schema, pool_size=4, **env)
        self.opened.append(market)
        return market

    def close(self) -> None:
        for market in self.opened:
            market.close()
        if self.kind == "postgres" and self.schema is not None and self.dsn is not None:
            import psycopg

            with psycopg.connect(self.dsn, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {self.schema} CASCADE")


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test runs on memory, SQLite and PostgreSQL."""
    if request.param == "postgres":
        request.applymarker(pytest.mark.postgres)
    s = Store(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def market(store: Store) -> ShareMarket:
    return store.open()


@pytest.fixture
def store_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Store]]:
    """Make fresh stores inside one test (for hypothesis tests that need one store per example)."""
    made: list[Store] = []

    def make(kind: str) -> Store:
        s = Store(kind, tmp_path_factory.mktemp(kind))
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


@pytest.fixture(autouse=True)
def no_snapshot_failure_unseen(request: pytest.FixtureRequest) -> Iterator[None]:
    """A snapshot that cannot be stored after its command is logged, not raised (the command is
    recorded: ``kernel.app.snapshot_and_notify``). So that the suite still sees a snapshot that
    fails (a state that cannot be encoded, say), a test fails if one was logged, unless it makes
    snapshots fail on purpose (``@pytest.mark.snapshot_failures``)."""
    if request.node.get_closest_marker("snapshot_failures"):
        yield
        return
    failures: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = failures.append  # type: ignore[method-assign]
    log = SNAPSHOT_LOG  # the logger the application reports to, by its object, not its name
    log.addHandler(handler)
    try:
        yield
    finally:
        log.removeHandler(handler)
    assert not failures, f"a snapshot failed: {failures[0].exc_info}"
