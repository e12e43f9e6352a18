"""The journal and the audit trail in PostgreSQL, in a configurable schema and table prefix.

Each view is an eventsourcing ``PostgresTrackingRecorder`` named after its projection: with the
prefix ``"sm_"`` the journal's tables are ``sm_journal_postings``, ``sm_journal_balances``,
``sm_journal_pairs``, ``sm_journal_parties`` and its tracking table ``sm_journal_tracking``.
A batch is written with ``COPY`` in one transaction with a compare-and-set of the tracking row,
so an event is applied exactly once whichever process gets there first.

This module opens the two views; the views themselves are in ``postgres_view_base.py`` (what
they share), ``postgres_journal_view.py`` and ``postgres_audit_view.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from eventsourcing.persistence import PersistenceError
from eventsourcing.postgres import PostgresDatastore
from psycopg.sql import SQL, Identifier

from sharemarket.adapters.postgres_audit_view import PostgresAuditView
from sharemarket.adapters.postgres_connections import check_connection
from sharemarket.adapters.postgres_journal_view import PostgresJournalView
from sharemarket.domain.errors import InvalidInput, StoreError

_PREFIX = re.compile(r"^[a-z_][a-z0-9_]{0,39}$")


def check_prefix(prefix: str) -> str:
    """A table prefix: lower-case letters, digits and underscores, at most 40 characters."""
    if prefix and not _PREFIX.match(prefix):
        raise InvalidInput(
            f"table prefix {prefix!r} must be lower-case letters, digits and underscores, "
            "start with a letter or underscore and have at most 40 characters"
        )
    return prefix


def open_postgres_views(
    datastore: PostgresDatastore, *, prefix: str = ""
) -> tuple[PostgresJournalView, PostgresAuditView]:
    """Open (creating if missing) the two views in the datastore's schema.

    A refused connection, a missing database or a schema the user may not create is a
    ``StoreError`` naming the cause.
    """
    check_prefix(prefix)
    check_connection(datastore, "the views", schema_must_exist=False)
    try:
        with datastore.transaction(commit=True) as curs:
            curs.execute(
                SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(Identifier(datastore.schema))
            )
        journal = PostgresJournalView(datastore, tracking_table_name=f"{prefix}journal_tracking")
        audit = PostgresAuditView(datastore, tracking_table_name=f"{prefix}audit_tracking")
        for view in (journal, audit):
            view.create_table()
    except PersistenceError as exc:
        datastore.close()
        raise StoreError(
            f"the views: cannot create their tables in schema {datastore.schema!r}: {exc}; "
            "grant the user CREATE on the database (or the schema), or give another schema"
        ) from None
    return journal, audit


def views_env(settings: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """Settings for eventsourcing's factory, prefixed with each projection's name."""
    env: dict[str, str] = {}
    for name in names:
        for key, value in settings.items():
            env[f"{name.upper()}_{key}"] = value
    return env
