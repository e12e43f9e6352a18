"""Store settings: the eventsourcing environment for memory, an SQLite file, or PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

from sharemarket.domain.errors import InvalidInput, StoreError

POSTGRES = "eventsourcing.postgres"
# eventsourcing's stores, with application recorders that check a save's reads in the save's
# transaction (see read_checks). Topics name classes; the application never imports adapters.
MEMORY = "sharemarket.adapters.memory_recorder:MemoryMarketFactory"
# eventsourcing's SQLite store, its connections keeping their prepared statements.
SQLITE = "sharemarket.adapters.sqlite_recorder:SQLiteMarketFactory"
SQLITE_RECORDER = "sharemarket.adapters.sqlite_recorder:SQLiteMarketRecorder"
POSTGRES_RECORDER = "sharemarket.adapters.postgres_recorder:PostgresMarketRecorder"


def memory_env() -> dict[str, str]:
    return {"PERSISTENCE_MODULE": MEMORY}


def sqlite_env(path: str | os.PathLike[str], *, lock_timeout_s: int = 10) -> dict[str, str]:
    """An SQLite file (created if missing). ``:memory:`` is refused: use ``in_memory()``.

    The file and its folder are checked when the store opens (a missing or read-only folder,
    a file that is not a database: ``StoreError``, see ``adapters.sqlite_recorder``).
    """
    text = os.fspath(path)
    if not text or ":memory:" in text or "mode=memory" in text:
        raise InvalidInput(
            f"SQLite path {text!r} is not a file; give a file path, or use ShareMarket.in_memory()"
        )
    return {
        "PERSISTENCE_MODULE": SQLITE,
        "APPLICATION_RECORDER_TOPIC": SQLITE_RECORDER,
        "SQLITE_DBNAME": str(Path(text).expanduser()),
        "SQLITE_LOCK_TIMEOUT": str(lock_timeout_s),
    }


def postgres_env(
    dsn: str | None = None,
    *,
    schema: str | None = None,
    pool_size: int | None = None,
    connect_timeout_s: int | None = None,
) -> dict[str, str]:
    """PostgreSQL from a DSN ("postgresql://user:pw@host:5432/db" or "host=... dbname=...").

    Without a DSN, eventsourcing's standard ``POSTGRES_DBNAME``, ``POSTGRES_HOST``,
    ``POSTGRES_PORT``, ``POSTGRES_USER`` and ``POSTGRES_PASSWORD`` settings are read from the
    process environment.
    """
    env: dict[str, str] = {
        "PERSISTENCE_MODULE": POSTGRES,
        "APPLICATION_RECORDER_TOPIC": POSTGRES_RECORDER,
    }
    if dsn is not None:
        try:
            from psycopg.conninfo import conninfo_to_dict
        except ImportError:  # pragma: no cover - depends on the install
            raise StoreError(
                "PostgreSQL needs psycopg: pip install 'sharemarket[postgres]'"
            ) from None
        try:
            params = conninfo_to_dict(dsn)
        except Exception as exc:  # psycopg.ProgrammingError
            raise InvalidInput(f"PostgreSQL DSN is malformed: {exc}") from None
        for key, setting in (
            ("dbname", "POSTGRES_DBNAME"),
            ("host", "POSTGRES_HOST"),
            ("port", "POSTGRES_PORT"),
            ("user", "POSTGRES_USER"),
            ("password", "POSTGRES_PASSWORD"),
        ):
            value = params.get(key)
            if value is not None:
                env[setting] = str(value)
        env.setdefault("POSTGRES_PASSWORD", "")
        missing = [k for k in ("dbname", "host", "user") if not params.get(k)]
        if missing:
            raise InvalidInput(
                f"PostgreSQL DSN names no {', '.join(missing)}; give e.g. "
                "'postgresql://user:password@localhost:5432/dbname'"
            )
    if schema is not None:
        env["POSTGRES_SCHEMA"] = schema
    if pool_size is not None:
        env["POSTGRES_POOL_SIZE"] = str(pool_size)
    if connect_timeout_s is not None:
        env["POSTGRES_CONNECT_TIMEOUT"] = str(connect_timeout_s)
    return env
