"""What stops an SQLite file from opening, found before SQLite is asked, in words that say how to
fix it (the event store and the views open their files through these)."""

from __future__ import annotations

import os
from pathlib import Path

from sharemarket.domain.errors import StoreError

#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_file_problem(db_name: str, what: str) -> StoreError | None:
    """What stops ``what`` (e.g. "the market") from opening the SQLite file ``db_name``, if seen.

    Checked before SQLite is asked: sqlite3 says only "unable to open database file" or "file is
    not a database", and in a read-only folder an existing file opens and fails at the first
    write. Write access is asked with ``os.access``, which also answers for root: an immutable
    folder (``chattr +i``) or a read-only mount is not writable even for root.
    """
    path = Path(db_name)
    folder = path.parent
    if path.is_dir():
        return StoreError(
            f"{what}: SQLite path {path} is a folder, not a file; give a file path "
            f"(e.g. {path / 'market.sqlite'})"
        )
    if not folder.is_dir():
        kind = "is a file, not a folder" if folder.exists() else "does not exist"
        return StoreError(
            f"{what}: folder {folder} {kind}; create the folder first, or give a path in "
            "an existing folder"
        )
    if not os.access(folder, os.W_OK):
        return StoreError(
            f"{what}: folder {folder} is read-only, and SQLite writes {path.name} and its "
            "-wal and -shm files there; make the folder writable for this process, or give a "
            "path in another folder"
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            return StoreError(
                f"{what}: SQLite file {path} is read-only; make it writable for this process"
            )
        with path.open("rb") as file:
            start = file.read(len(SQLITE_HEADER))
        if start and start != SQLITE_HEADER:
            return StoreError(
                f"{what}: {path} is not an SQLite database (it does not start with SQLite's "
                "header); move that file away, or give another path"
            )
    return None


def sqlite_store_error(db_name: str, what: str, exc: BaseException) -> StoreError:
    """A ``StoreError`` for an SQLite file that would not open: the cause found, or SQLite's."""
    found = sqlite_file_problem(db_name, what)
    if found is not None:
        return found
    if "malformed" in str(exc):
        return StoreError(
            f"{what}: SQLite file {db_name} is damaged ({exc}); restore it from a backup"
        )
    return StoreError(f"{what}: cannot open SQLite file {db_name}: {exc}")


def is_file_path(db_name: str) -> bool:
    """Whether ``db_name`` names a file on disk (not an in-memory or URI database)."""
    return not (db_name.startswith("file:") or ":memory:" in db_name)
