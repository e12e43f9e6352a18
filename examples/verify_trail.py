"""Verify an exported audit trail (JSON Lines) with nothing but Python's standard library.

Usage::

    python examples/verify_trail.py TRAIL.jsonl [--checkpoint sharemarket-audit:POSITION:HASH]

It follows docs/audit-trail.md and imports nothing from sharemarket, so a host (or an auditor)
can run it anywhere, or port it to another language. Each line's entry is built again from its
fields in canonical JSON and chained with SHA-256 from 32 zero bytes; the hash each line carries
must be that chain's. With ``--checkpoint`` (a head signed off earlier with
``views.audit_checkpoint()``) the export must also still extend it: the row at its position has
its hash. Prints ``ok: ...`` and exits 0, or ``broken at position N: ...`` and exits 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

GENESIS = bytes(32)
#: The header's members, in the order canonical JSON writes them (sorted).
HEADER = (
    "aggregate_id",
    "aggregate_kind",
    "event_type",
    "firms",
    "recorded_at",
    "summary",
    "user",
    "version",
)
ROW = frozenset((*HEADER, "position", "content", "hash"))
CHECKPOINT = re.compile(r"sharemarket-audit:(0|[1-9][0-9]*):([0-9a-f]{64})")
HEX = re.compile(r"[0-9a-f]{64}")


class Broken(Exception):
    """The first place the export fails: a position (or, before one is known, a line)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"broken at {where}: {reason}")


def canonical(value: Any) -> bytes:
    """The canonical JSON of a value: sorted keys, no whitespace, UTF-8, as the spec says."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def entry(row: dict[str, Any]) -> bytes:
    """The bytes a row's hash covers: position, LF, header, LF, content."""
    header = {key: row[key] for key in HEADER}
    return b"%d\n%b\n%b" % (row["position"], canonical(header), canonical(row["content"]))


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a key appears twice in one object")
    return found


def _no_fraction(text: str) -> Any:
    raise ValueError(f"the number {text} has a fraction or exponent; a trail holds integers only")


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


def parse(line: bytes) -> dict[str, Any]:
    """One line as a row: strict UTF-8 JSON, one object with exactly the row's members."""
    row = json.loads(
        line.decode("utf-8"),
        object_pairs_hook=_unique,
        parse_float=_no_fraction,
        parse_constant=_no_constant,
    )
    if not isinstance(row, dict) or set(row) != ROW:
        raise ValueError(f"a row is one JSON object with exactly the members {sorted(ROW)}")
    position, content, hash_ = row["position"], row["content"], row["hash"]
    if type(position) is not int or position < 1:
        raise ValueError("its position is not a positive integer")
    if not isinstance(content, dict) or not isinstance(hash_, str) or not HEX.fullmatch(hash_):
        raise ValueError("its content is not an object, or its hash not 64 lower-case hex digits")
    return row


def verify(lines: Iterable[bytes], checkpoint: tuple[int, str] | None = None) -> str:
    """A line saying what was verified; raises :class:`Broken` at the first failure."""
    previous, last, count = GENESIS, 0, 0
    for number, line in enumerate(lines, start=1):
        where = f"line {number} (after position {last})"
        try:
            row = parse(line)
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise Broken(where, str(exc)) from None
        position = row["position"]
        if position <= last:
            raise Broken(where, f"its position {position} does not follow {last}")
        if checkpoint is not None and last < checkpoint[0] < position:
            raise Broken(f"position {checkpoint[0]}", "the checkpoint's row is missing")
        try:
            digest = hashlib.sha256(previous + entry(row)).digest()
        except (TypeError, ValueError) as exc:  # a member of the wrong type
            raise Broken(f"position {position}", f"its entry cannot be built: {exc}") from None
        if digest.hex() != row["hash"]:
            raise Broken(
                f"position {position}", "its hash does not match the previous hash and its entry"
            )
        if checkpoint is not None and position == checkpoint[0] and row["hash"] != checkpoint[1]:
            raise Broken(
                f"position {position}",
                "its hash differs from the checkpoint's: the trail up to it was rewritten",
            )
        previous, last, count = digest, position, count + 1
    if checkpoint is not None and last < checkpoint[0]:
        reason = f"the export ends at position {last}, before the checkpoint"
        raise Broken(f"position {checkpoint[0]}", reason)
    head = f"sharemarket-audit:{last}:{previous.hex()}"
    extends = "" if checkpoint is None else ", extending the checkpoint"
    return f"ok: {count} rows verified{extends}; head {head}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trail", help="a JSON Lines export (views.export_json_lines)")
    parser.add_argument("--checkpoint", help="sharemarket-audit:<position>:<hash>")
    args = parser.parse_args(argv)
    checkpoint = None
    if args.checkpoint is not None:
        found = CHECKPOINT.fullmatch(args.checkpoint.strip())
        if found is None:
            parser.error("a checkpoint reads sharemarket-audit:<position>:<64 lower-case hex>")
        checkpoint = (int(found[1]), found[2])
        if checkpoint[0] == 0 and checkpoint[1] != GENESIS.hex():
            parser.error("the checkpoint of an empty trail (position 0) has the hash 0...0")
    try:
        with open(args.trail, "rb") as lines:
            print(verify(lines, checkpoint))
    except Broken as exc:
        print(exc)
        return 1
    except OSError as exc:
        parser.error(f"cannot read {args.trail}: {exc.strerror}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
