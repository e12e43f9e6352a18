"""eventsourcing's insert through a database function (``POSTGRES_ENABLE_DB_FUNCTIONS``), as the
market's PostgreSQL store uses it: the function takes the table lock, and a save's receipts are
written in the function call's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Composed, Identifier

from sharemarket.application.kernel.receipts import StoredReceipts


def insert_function(recorder: PostgresApplicationRecorder) -> Composed:
    """eventsourcing's insert function, with the table lock its own inserts take.

    eventsourcing 9.5.6's function inserts without ``LOCK TABLE``: two concurrent saves then
    draw interleaved notification ids and may commit out of their order, so a reader following
    the log (a view catching up) can pass an id that commits later and never see its event.
    Found by eventsourcing's own non-interleaving case, which eventsourcing does not run with
    its functions. The lock is taken first, as eventsourcing's pipelined insert does; it lasts
    until the call's transaction commits.
    """
    return SQL(
        "CREATE OR REPLACE FUNCTION {schema}.{function}(events {schema}.{event}[]) "
        "RETURNS SETOF bigint LANGUAGE plpgsql AS $BODY$ BEGIN "
        "SET LOCAL lock_timeout = '{lock_timeout}s'; "
        "LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE; "
        "NOTIFY {channel}; "
        "RETURN QUERY INSERT INTO {schema}.{table} AS t "
        "(originator_id, originator_version, topic, state) "
        "SELECT originator_id, originator_version, topic, state FROM unnest(events) "
        "RETURNING notification_id; "
        "END; $BODY$"
    ).format(
        schema=Identifier(recorder.datastore.schema),
        function=Identifier(recorder.pg_function_name_insert_events),
        event=Identifier(recorder.stored_event_type_name),
        lock_timeout=recorder.datastore.lock_timeout,
        channel=Identifier(recorder.channel_name),
        table=Identifier(recorder.events_table_name),
    )


def insert_through_function(
    recorder: PostgresApplicationRecorder,
    stored_events: Sequence[StoredEvent],
    receipts: StoredReceipts,
    insert_receipt: str,
) -> Sequence[int]:
    """eventsourcing's insert through its database function, and the receipts
    (``insert_receipt``), in one transaction (eventsourcing's own call runs in a transaction of
    its own)."""
    pg_stored_events = [
        recorder.construct_pg_stored_event(
            originator_id=e.originator_id,
            originator_version=e.originator_version,
            topic=e.topic,
            state=e.state,
        )
        for e in stored_events
    ]
    with (
        recorder.datastore.get_connection() as conn,
        conn.transaction(),
        conn.cursor() as curs,
    ):
        notification_ids: list[int] = []
        if pg_stored_events:
            curs.execute(
                recorder.sql_invoke_pg_function_insert_events, (pg_stored_events,), prepare=True
            )
            notification_ids = [r[recorder.pg_function_name_insert_events] for r in curs.fetchall()]
        curs.executemany(insert_receipt, receipts)
    return notification_ids
