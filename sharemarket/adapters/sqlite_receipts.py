"""The SQLite receipts table's two layouts, and how a receipt's key is written to each.

A store this version creates keeps its receipts in a rowid table with a unique index on each
receipt id's 16 bytes: a new receipt goes at the end of the table, and only its small index
entry goes where its random id sorts. Stores made before 2026-12 keep theirs in a ``WITHOUT
ROWID`` table keyed by the id's 32 hex digits, the receipt's state inside the key's B-tree:
at about 11 receipts a page, a receipt written where its random id falls split a page so
often that each command's commit wrote 2.7 pages of that table to the log, against 2.2 for
the rowid layout (``docs/performance.md``, "Where the time goes"). Such a store keeps its
table as it is and its keys as text: the statements are the same for both, only the key's
form differs.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.sqlite import SQLiteCursor

#: The columns of the receipts table a new store gets.
COLUMNS = "(receipt_id BLOB NOT NULL UNIQUE, state BLOB NOT NULL)"

#: A receipt id as a store of each layout keys it.
ReceiptKey = Callable[[UUID], "str | bytes"]


def as_bytes(receipt_id: UUID) -> bytes:
    return receipt_id.bytes


def as_hex(receipt_id: UUID) -> str:
    return receipt_id.hex


def key_form(c: SQLiteCursor, table: str) -> ReceiptKey:
    """How ``table`` keys its receipts: by 32 hex digits if its ``receipt_id`` column is
    declared ``TEXT`` (a store made before 2026-12), else by 16 bytes."""
    c.execute("SELECT type FROM pragma_table_info(?) WHERE name = 'receipt_id'", (table,))
    row = c.fetchone()
    return as_hex if row is not None and str(row[0]).upper() == "TEXT" else as_bytes
