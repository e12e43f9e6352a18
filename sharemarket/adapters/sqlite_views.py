"""The journal and the audit trail in SQLite files: one file per view (one tracking table each).

Each view is an eventsourcing ``SQLiteTrackingRecorder``: a batch of rows and the view's new
tracking position are written in one transaction, and only if the tracking row still holds the
position the batch was computed from (compare-and-set), so two processes catching up the same
file can never apply an event twice.

This module opens the two view files of a folder; the views themselves are in
``sqlite_view_base.py`` (what they share), ``sqlite_journal_view.py`` and
``sqlite_audit_view.py``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TypeVar

from eventsourcing.persistence import PersistenceError

from sharemarket.adapters.sqlite_audit_view import SQLiteAuditView
from sharemarket.adapters.sqlite_files import sqlite_file_problem, sqlite_store_error
from sharemarket.adapters.sqlite_journal_view import SQLiteJournalView
from sharemarket.adapters.sqlite_view_base import LOCK_TIMEOUT_S, SQLiteView, ViewDatastore
from sharemarket.domain.errors import InvalidInput, StoreError

JOURNAL_FILE = "journal.sqlite"
AUDIT_FILE = "audit.sqlite"


_View = TypeVar("_View", bound=SQLiteView)


def open_sqlite_views(
    folder: str | os.PathLike[str], *, lock_timeout_s: int = LOCK_TIMEOUT_S
) -> tuple[SQLiteJournalView, SQLiteAuditView]:
    """Open (creating if missing) the two view files in ``folder``.

    A folder that is a file or cannot be created or written, or a view file that is not an
    SQLite database, is a ``StoreError`` naming it.
    """
    path = Path(folder).expanduser()
    text = os.fspath(folder)
    if ":memory:" in text or "mode=memory" in text:
        raise InvalidInput("the SQLite views live in a folder of files; give a folder path")
    if path.exists() and not path.is_dir():
        raise StoreError(
            f"the views: {path} is a file, not a folder; give a folder for the views' files "
            f"({JOURNAL_FILE}, {AUDIT_FILE}), created if missing"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        above = next(p for p in path.absolute().parents if p.exists())
        cause = (
            f"{above} is a file, not a folder"
            if not above.is_dir()
            else f"folder {above} is read-only"
            if not os.access(above, os.W_OK)
            else exc.strerror
        )
        raise StoreError(
            f"the views: cannot create folder {path}: {cause}; create it, or give a folder "
            "the process can write to"
        ) from None
    journal = _open_view(SQLiteJournalView, path / JOURNAL_FILE, lock_timeout_s)
    try:
        audit = _open_view(SQLiteAuditView, path / AUDIT_FILE, lock_timeout_s)
    except StoreError:
        journal.close()
        raise
    return journal, audit


def _open_view(view_class: type[_View], db_path: Path, lock_timeout_s: int) -> _View:
    """One view file, checked first: sqlite3 would say only "file is not a database"."""
    db_name = str(db_path)
    problem = sqlite_file_problem(db_name, "the views")
    if problem is not None:
        raise problem
    view = view_class(ViewDatastore(db_name, lock_timeout=lock_timeout_s))
    try:
        view.create_table()
    except (sqlite3.Error, PersistenceError) as exc:
        view.close()
        raise sqlite_store_error(db_name, "the views", exc) from None
    return view
