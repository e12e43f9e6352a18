"""Where an SQLite store keeps its request receipts: in the events table, or in a table of its own.

**In the events table** (every store made by this version, and stores made before 7ccc1f1,
which hold ``RequestReceipt`` aggregates): a receipt is a row of the events table keyed
``(receipt id, RECEIPT_VERSION)`` with the topic ``RECEIPT_TOPIC``, written in the command's
INSERT after its events. SQLite writes whole pages to its write-ahead log, and a table of its
own cost each commit that table's end page and a page of its index besides the events' pages
(2.5 pages of 6.7 a command, ``python -m benchmarks.log_pages``); in the events table a receipt
shares the events' end page, and only its index entry lands on a page of its own (1.3). The
key is the one an old receipt aggregate's event has, so a request id used before the receipts
table is refused by the same unique index, and one query finds either kind.

Such rows are not events: the store's reads of the notification log skip them
(``log_query``), so no view, export or follower sees them, and ``max_notification_id`` is the
last event's id. The receipts table's name is taken by a read-only view of these rows
(``receipts_view``), so that a version that keeps its receipts in a table of that name
(7ccc1f1 to 333b8a7) cannot write to such a store: it refuses to open one that has events
("cannot modify stored_events_receipts because it is a view", as it marks the store), and on an
empty one its first command fails so. A version before 7ccc1f1 writes receipts as aggregates
under the same key, which this version finds and which refuse a taken request id both ways; but
it cannot replay a request id this version recorded, nor read the log past a receipt's row (a
topic that names no class): it fails, loudly, rather than record a command twice.

**In a table of its own** (stores whose receipts table exists: made by versions 7ccc1f1 to
333b8a7, or older stores those versions opened): kept as it is, rows keyed by the receipt id's
32 hex digits, in a rowid table with a unique index (``COLUMNS``) or, made before 5d69148, a
``WITHOUT ROWID`` table; the statements are the same for both.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The topic of a receipt's row in the events table: not an importable name (it has a hyphen),
#: so that a reader which does not skip these rows fails on the first one rather than misread it.
RECEIPT_TOPIC = "sharemarket:request-receipt"

#: The version of a receipt's row: the version of an old ``RequestReceipt`` aggregate's event.
RECEIPT_VERSION = 1

#: The columns of the receipts table of stores made by versions 5d69148 to 333b8a7.
COLUMNS = "(receipt_id TEXT NOT NULL UNIQUE, state BLOB NOT NULL)"


def receipts_view(events_table: str, receipts_table: str) -> str:
    """The view that takes the receipts table's name on a store that keeps receipts in its events
    table (see the module docstring): read-only, with the columns of the table it replaces."""
    return (
        f"CREATE VIEW IF NOT EXISTS {receipts_table} AS "
        f"SELECT originator_id AS receipt_id, state FROM {events_table} "
        f"WHERE topic = '{RECEIPT_TOPIC}' AND originator_version = {RECEIPT_VERSION}"
    )


def receipt_lookup(events_table: str) -> str:
    """The row a receipt id has in the events table: a receipt, or an old receipt aggregate's
    event (its topic says which)."""
    return (
        f"SELECT topic, state FROM {events_table} "
        f"WHERE originator_id = ? AND originator_version = {RECEIPT_VERSION}"
    )


def log_query(
    events_table: str,
    start: int | None,
    limit: int,
    stop: int | None,
    topics: Sequence[str],
    inclusive_of_start: bool,
) -> tuple[str, list[int | str]]:
    """eventsourcing's ``select_notifications`` statement and its parameters, without receipts."""
    conditions = ["topic <> ?"]
    params: list[int | str] = [RECEIPT_TOPIC]
    if start is not None:
        conditions.append("rowid >= ?" if inclusive_of_start else "rowid > ?")
        params.append(start)
    if stop is not None:
        conditions.append("rowid <= ?")
        params.append(stop)
    if topics:
        conditions.append(f"topic IN ({','.join('?' * len(topics))})")
        params += topics
    params.append(limit)
    where = " AND ".join(conditions)
    return f"SELECT rowid, * FROM {events_table} WHERE {where} ORDER BY rowid LIMIT ?", params


def last_event(events_table: str) -> str:
    """The last event's notification id: found from the end of the table, past the receipt row
    that usually ends it."""
    return (
        f"SELECT rowid FROM {events_table} WHERE topic <> '{RECEIPT_TOPIC}' "
        "ORDER BY rowid DESC LIMIT 1"
    )
