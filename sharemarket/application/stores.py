"""Store settings: the eventsourcing environment for memory, an SQLite file, or PostgreSQL."""

from __future__ import annotations

import base64
import binascii
import importlib.util
import json
import os
import zlib
from pathlib import Path
from typing import Any

from eventsourcing.application import Application

from sharemarket.domain.errors import InvalidInput, StoreError

POSTGRES = "eventsourcing.postgres"
# eventsourcing's stores, with application recorders that check a save's reads in the save's
# transaction (see read_checks). Topics name classes; the application never imports adapters.
MEMORY = "sharemarket.adapters.memory_recorder:MemoryMarketFactory"
# eventsourcing's SQLite store, its connections keeping their prepared statements.
SQLITE = "sharemarket.adapters.sqlite_recorder:SQLiteMarketFactory"
SQLITE_RECORDER = "sharemarket.adapters.sqlite_recorder:SQLiteMarketRecorder"
POSTGRES_RECORDER = "sharemarket.adapters.postgres_recorder:PostgresMarketRecorder"
#: eventsourcing's AES-GCM cipher on the ``cryptography`` package (its ``eventsourcing.cipher``
#: twin needs pycryptodome; both write the same bytes).
CIPHER = "eventsourcing.cryptography:AESCipher"
COMPRESSOR = "eventsourcing.compressor:ZlibCompressor"
KEY_BYTES = (16, 24, 32)
MAKE_KEY = "eventsourcing.cryptography.AESCipher.create_key(num_bytes=32)"


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


def encryption_env(encryption_key: str | None, *, compress: bool) -> dict[str, str]:
    """eventsourcing's cipher and compressor settings: each event's and snapshot's state is
    compressed with zlib (``compress``), then encrypted with AES-GCM (``encryption_key``)."""
    if not isinstance(compress, bool):
        raise TypeError(f"compress must be True or False, not {type(compress).__name__}")
    env = {"COMPRESSOR_TOPIC": COMPRESSOR} if compress else {}
    if encryption_key is None:
        return env
    if not isinstance(encryption_key, str):
        kind = type(encryption_key).__name__
        raise TypeError(f"encryption_key must be a str (an AES key in base64), not {kind}")
    try:
        size = len(base64.b64decode(encryption_key, validate=True))
    except (binascii.Error, ValueError):
        size = 0
    if size not in KEY_BYTES:  # the key itself is never repeated in a message
        raise InvalidInput(
            "encryption_key must be an AES key of 16, 24 or 32 bytes in base64; make one with "
            f"{MAKE_KEY} and keep it like a backup"
        )
    if importlib.util.find_spec("cryptography") is None:  # pragma: no cover - install
        raise StoreError("encryption needs cryptography: pip install 'sharemarket[encryption]'")
    return {**env, "CIPHER_TOPIC": CIPHER, "CIPHER_KEY": encryption_key}


def check_readable(app: Application[Any]) -> None:
    """Refuse at opening a market whose events its key (or its lack of one) cannot read.

    Otherwise a wrong or missing key, or a wrong ``compress``, shows only on the first load, as
    a raw decoding error. The first event is the one read: every opening checks it, so events
    are never written with other settings than the first one's.
    """
    first = app.recorder.select_notifications(start=None, limit=1)
    if not first:
        return
    try:
        app.mapper.to_domain_event(first[0])
    except Exception as exc:
        raise StoreError(_unreadable(first[0].state, app, exc)) from None


def _unreadable(state: bytes, app: Application[Any], exc: Exception) -> str:
    """Why the first event's state cannot be read, and which setting opens it."""
    cipher, compressing = app.mapper.cipher, app.mapper.compressor is not None
    if cipher is not None:
        if _form(state) is not None:
            return (
                "this market is not encrypted: open it without encryption_key (events "
                "already written cannot be encrypted in place)"
            )
        try:
            state = cipher.decrypt(state)
        except ValueError:
            return (
                "the encryption key is wrong: it does not decrypt this market's events; give "
                "the key the market was created with (without it the market cannot be read)"
            )
    form = _form(state)
    if form is None and cipher is None:
        return (
            "the encryption key is missing: this market's events are encrypted; open it with "
            "its encryption_key (without it the market cannot be read)"
        )
    if form == "compressed" and not compressing:
        return "this market's events are compressed: open it with compress=True"
    if form == "plain" and compressing:
        return "this market's events are not compressed: open it without compress=True"
    return f"cannot read the market's first event: {exc}"


def _form(state: bytes) -> str | None:
    """ "plain" (JSON), "compressed" (zlib of JSON), or None (encrypted, or unknown)."""
    try:
        json.loads(state)
        return "plain"
    except ValueError:
        pass
    try:
        json.loads(zlib.decompress(state))
        return "compressed"
    except (ValueError, zlib.error):
        return None
