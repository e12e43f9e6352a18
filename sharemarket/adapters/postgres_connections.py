"""A first, direct connection to PostgreSQL, so that a store that cannot be reached says why."""

from __future__ import annotations

import math

import psycopg
from eventsourcing.postgres import PostgresDatastore

from sharemarket.domain.errors import StoreError


def check_connection(datastore: PostgresDatastore, what: str, *, schema_must_exist: bool) -> None:
    """Connect once, directly, so that a refused login or a missing database is named at once.

    eventsourcing's pool retries a failing connection until its timeout (30 s unless
    ``connect_timeout_s`` is given) and then says only "couldn't get a connection"; one direct
    attempt returns the server's own reason as soon as the server answers.
    """
    pool = datastore.pool
    kwargs = pool.kwargs() if callable(pool.kwargs) else pool.kwargs
    params = {k: v for k, v in (kwargs or {}).items() if k != "row_factory"}
    if pool.get_password_func is not None:
        params["password"] = pool.get_password_func()
    where = f"PostgreSQL at {params.get('host')}:{params.get('port')}"  # never the password
    schema = datastore.schema
    try:
        # libpq's connect_timeout is whole seconds, and it treats 1 as 2.
        with psycopg.connect(**params, connect_timeout=max(2, math.ceil(pool.timeout))) as conn:
            found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
            schema_exists = found.fetchone() is not None
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split("FATAL:", 1)[-1].split()).removeprefix(
            "connection failed: "
        )
        if "authentication failed" in reason or ("role" in reason and "does not exist" in reason):
            fix = "check the user name and password (the DSN, or POSTGRES_USER / _PASSWORD)"
        elif "database" in reason and "does not exist" in reason:
            fix = f"create it (CREATE DATABASE {params.get('dbname')}) or correct the DSN's name"
        else:
            fix = "check that the server is running there and that host and port are right"
        raise StoreError(f"{what}: cannot connect to {where}: {reason}; {fix}") from None
    if schema_must_exist and not schema_exists:
        raise StoreError(
            f"{what}: schema {schema!r} does not exist in database {params.get('dbname')!r} "
            f"({where}); create it first (CREATE SCHEMA {schema}) or give another schema"
        )
