"""The SQLite receipts table's layout.

A store made by this version keeps its receipts in a rowid table with a unique index on each
receipt id (its 32 hex digits): a new receipt goes at the end of the table, and only its small
index entry goes where its random id sorts. Stores made by versions before 5d69148 (2026-11-30)
keep theirs in a ``WITHOUT ROWID`` table keyed the same way, each receipt's state inside the
key's B-tree: at about 11 receipts a page, a receipt written where its random id fell split a
page so often that each command's commit wrote 2.7 pages of that table to the log, against 2.4
for the rowid layout (``docs/performance.md``, "Where the time goes"). Such a store keeps its
table. The key and the statements are the same for both, so a version from before can still
open a store made by this one and find, and refuse to repeat, every request id in it.
"""

from __future__ import annotations

#: The columns of the receipts table a new store gets.
COLUMNS = "(receipt_id TEXT NOT NULL UNIQUE, state BLOB NOT NULL)"
