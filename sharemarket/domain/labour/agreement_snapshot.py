"""How a labour agreement's snapshot stores its open shifts: two strings, not a JSON value each.

An agreement keeps a month or two of open shifts (up to a few hundred), each a line of text
under its id's hex (``shift_book.py``). Stored as a JSON object of one list of eight values per
shift (versions 1 and 2), a snapshot of 207 open shifts took about 400 us to encode and 200 to
decode (a 21 kB document), so the agreement was snapshotted only every 100 events and a cold
load replayed up to 99 (docs/performance.md). Version 3 stores

- ``ids``: the shifts' ids, 16 bytes each, one after another, in base64 (the snapshot store's
  zlib brings base64 back to about the bytes' size; hex or the 36-character form cost more to
  compress, for more bytes);
- ``rows``: their lines in the same order, joined by newlines (free text never holds a control
  character; should a line hold one all the same, the lines are stored as a list).

Both are built and read by a few calls that run in C (joins, splits, hex and base64), whatever
the number of shifts: about 190 us to encode that snapshot, 130 to decode it, 4.8 kB stored
against 6.7. The
agreement itself keeps its lines (``Rows``): only the snapshot holds the packed form, turned back
into the same lines when it is loaded (``LabourAgreement.Snapshot``).
"""

from __future__ import annotations

from base64 import b64decode, b64encode
from typing import Any

from sharemarket.domain.labour.shift_book import NO_SETTLEMENT, Rows, line

#: Bytes of a shift id.
_ID_BYTES = 16


def packed(rows: Rows) -> dict[str, Any]:
    """The stored form of an agreement's lines (see the module's text)."""
    ids = b64encode(bytes.fromhex("".join(rows))).decode("ascii")
    text = "\n".join(rows.values())
    if text.count("\n") != max(len(rows) - 1, 0):  # a note with a newline (free text never
        return {"ids": ids, "rows": list(rows.values())}  # holds one)
    return {"ids": ids, "rows": text}


def unpacked(stored: dict[str, Any]) -> Rows:
    """The lines a stored form holds, under their ids (``packed`` reversed)."""
    ids = b64decode(stored["ids"], validate=True)
    if len(ids) % _ID_BYTES:
        raise ValueError(f"packed shift ids of {len(ids)} bytes, not a multiple of {_ID_BYTES}")
    # The hex of each id, apart: bytes.hex puts the separator between groups of 16 bytes.
    keys = ids.hex(" ", _ID_BYTES).split(" ") if ids else []
    lines = stored["rows"]
    if type(lines) is str:
        lines = lines.split("\n") if keys else []
    return dict(zip(keys, lines, strict=True))


def lines_of_v2(state: dict[str, Any]) -> None:
    """The upcast of a snapshot of version 2 (or 1, once upcast to 2): each shift's list of
    values, under its id's 36-character form, as the line the agreement keeps, under its hex.

    Snapshots written before version 3 are stored under eventsourcing's own snapshot topic and
    loaded by its ``Snapshot.mutate``, which runs this upcast and nothing else: so it gives the
    agreement's own form, not the packed one."""
    state["shifts"] = {
        key.replace("-", ""): line(
            worker,
            work_date,
            minutes,
            overtime,
            day_type,
            status,
            NO_SETTLEMENT if settlement is None else settlement.replace("-", ""),
            note,
        )
        for key, (
            worker,
            work_date,
            minutes,
            overtime,
            day_type,
            status,
            settlement,
            note,
        ) in state["shifts"].items()
    }
