"""ShareMarket: the application park software imports, opened on memory, SQLite or PostgreSQL."""

from __future__ import annotations

import os
from typing import Any

from eventsourcing.persistence import PersistenceError

from sharemarket.application.labour import LabourService
from sharemarket.application.membership import MembershipService
from sharemarket.application.stores import memory_env, postgres_env, sqlite_env
from sharemarket.domain.errors import StoreError


class ShareMarket(MembershipService, LabourService):
    """An event-sourced resource-sharing market of one industrial park.

    Open it with :meth:`in_memory`, :meth:`sqlite` (the embedded default) or :meth:`postgres`;
    close it with :meth:`close` or use it as a context manager.
    """

    @classmethod
    def in_memory(cls, **env: str) -> ShareMarket:
        """A market held in this process's memory: for tests and trials; gone when closed."""
        return cls(env={**memory_env(), **env})

    @classmethod
    def sqlite(cls, path: str | os.PathLike[str], **env: str) -> ShareMarket:
        """A market in an embedded SQLite file, created if missing (write-ahead logging)."""
        return cls(env={**sqlite_env(path), **env})

    @classmethod
    def postgres(
        cls,
        dsn: str | None = None,
        *,
        schema: str | None = None,
        pool_size: int | None = None,
        connect_timeout_s: int | None = None,
        **env: str,
    ) -> ShareMarket:
        """A market in PostgreSQL, shared by several processes or machines.

        ``dsn`` is a libpq connection string or URI; without it the standard eventsourcing
        ``POSTGRES_*`` settings are read from the environment.
        """
        settings = postgres_env(
            dsn, schema=schema, pool_size=pool_size, connect_timeout_s=connect_timeout_s
        )
        return cls(env={**settings, **env})

    def __init__(self, env: dict[str, Any] | None = None) -> None:
        try:
            super().__init__(env=env)
        except (OSError, PersistenceError) as exc:
            raise StoreError(f"cannot open the market's store: {exc}") from None
