"""ShareMarket: the façade park software imports, composed from the slice registry.

Each resource type is a service under its slice's name (``market.park``, ...); the
eventsourcing application behind them is internal. ``market.event_log`` is the one read-only
door the views and the command line use.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

from eventsourcing.persistence import PersistenceError

from sharemarket.application import slices
from sharemarket.application.kernel.app import MarketApplication
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.unit_of_work import UnitOfWork
from sharemarket.application.stores import (
    check_readable,
    encryption_env,
    memory_env,
    postgres_env,
    sqlite_env,
)
from sharemarket.domain.errors import StoreError


class ShareMarketApplication(MarketApplication):
    """The market application with every slice's snapshot intervals and transcodings."""

    # eventsourcing names each subclass after itself; the views' tracking records, the stored
    # fixture and every host's views know the market as "ShareMarket".
    name = "ShareMarket"
    snapshotting_intervals = slices.snapshot_intervals()  # type: ignore[assignment]
    slice_transcodings = slices.transcodings()


class ShareMarket(slices.SliceServices):
    """An event-sourced resource-sharing market of one industrial park.

    Open it with :meth:`in_memory`, :meth:`sqlite` (the embedded default) or :meth:`postgres`;
    close it with :meth:`close` or use it as a context manager. Commands and queries are under
    each resource type's service, named in the slice registry: ``market.park.admit_firm(...)``,
    ``market.<slice>.<command>(...)``.
    """

    @classmethod
    def in_memory(cls, **env: str) -> ShareMarket:
        """A market held in this process's memory: for tests and trials; gone when closed."""
        return cls(env={**memory_env(), **env})

    @classmethod
    def sqlite(
        cls,
        path: str | os.PathLike[str],
        *,
        lock_timeout_s: int = 10,
        encryption_key: str | None = None,
        compress: bool = False,
        **env: str,
    ) -> ShareMarket:
        """A market in an embedded SQLite file, created if missing (write-ahead logging).

        A folder that is missing, a file or read-only, or a file that is not an SQLite
        database, is a ``StoreError`` naming it. ``encryption_key`` (an AES key in base64, from
        ``eventsourcing.cryptography.AESCipher.create_key(num_bytes=32)``) encrypts the state of
        every event and snapshot; ``compress`` compresses it first. A market is opened with the
        settings it was created with, or ``StoreError`` says which one is wrong.

        Raises:
            InvalidInput: The path is not a file's (empty, ``:memory:``), or the encryption key is
                not an AES key in base64.
            StoreError: The store cannot be opened or read: the folder is missing or read-only,
                the file is not an SQLite database, the settings are not those it was created with,
                or encryption is asked for without the ``cryptography`` package.
        """
        settings = sqlite_env(path, lock_timeout_s=lock_timeout_s)
        return cls(env={**settings, **encryption_env(encryption_key, compress=compress), **env})

    @classmethod
    def postgres(
        cls,
        dsn: str | None = None,
        *,
        schema: str | None = None,
        pool_size: int | None = None,
        connect_timeout_s: int | None = None,
        encryption_key: str | None = None,
        compress: bool = False,
        **env: str,
    ) -> ShareMarket:
        """A market in PostgreSQL, shared by several processes or machines.

        ``dsn`` is a libpq connection string or URI; without it the standard eventsourcing
        ``POSTGRES_*`` settings are read from the environment. ``connect_timeout_s`` bounds the
        wait for a connection (eventsourcing's default is 30 s); ``encryption_key`` and
        ``compress`` as for :meth:`sqlite`.

        Raises:
            InvalidInput: The DSN is malformed or names no database, host or user, or the
                encryption key is not an AES key in base64.
            StoreError: The store cannot be opened or read: the server refuses or cannot be
                reached, the settings are not those it was created with, or a package it needs
                (``psycopg``, ``cryptography``) is missing.
        """
        settings = postgres_env(
            dsn, schema=schema, pool_size=pool_size, connect_timeout_s=connect_timeout_s
        )
        return cls(env={**settings, **encryption_env(encryption_key, compress=compress), **env})

    def __init__(self, env: dict[str, Any] | None = None) -> None:
        try:
            app = ShareMarketApplication(env)
        except (OSError, PersistenceError) as exc:
            raise StoreError(f"cannot open the market's store: {exc}") from None
        try:
            check_readable(app)
        except (StoreError, PersistenceError) as exc:
            app.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot read the market's store: {exc}") from None
        self._app = app
        self._uow = UnitOfWork(app, slices.handlers())
        for declared in slices.SLICES:
            setattr(self, declared.name, declared.service(self._uow))
        self.event_log = EventLog(app)

    def batch(self) -> AbstractContextManager[None]:
        """Run many commands as one transaction: all are recorded at the end, or none is.

        For hosts importing in bulk (a month of an attendance system's records)::

            with market.batch():
                for row in rows:
                    market.<slice>.<command>(...)

        Each command is checked as it is called, against the state the earlier commands of the
        batch left, and returns its result at once; if any command (or the block) raises,
        nothing is recorded. A refused command that the host catches leaves no trace and the
        batch goes on.

        A ``batch()`` block does not nest (``RuntimeError``). A command refused inside the block
        raises its own error, as it would outside.

        Raises:
            ConcurrentUpdate: Other writers kept changing the same records while the batch was
                decided again; nothing was recorded: run it again.
            StoreError: The store failed when the batch was saved; nothing was recorded.
        """
        return self._uow.batch()

    def close(self) -> None:
        """Close the store's connections; the market cannot be used afterwards."""
        self._app.close()

    def __enter__(self) -> ShareMarket:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
