"""A signed-off head of the audit trail: a position and its row's hash, to keep elsewhere.

A host takes a checkpoint after verifying the trail and stores its text where the views' database
cannot change it (another system, a printed report, a signed message). Later it checks that the
trail still extends it: the row at that position still has that hash, and the chain from the
first row to it verifies. Because each hash covers every entry before it, that proves nothing up
to the checkpoint was changed since, even by someone able to re-hash every row of the trail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from sharemarket.application.projections.audit import GENESIS
from sharemarket.application.projections.audit_verification import AuditVerification
from sharemarket.domain.errors import InvalidInput

#: What the text form of a checkpoint starts with.
CHECKPOINT_PREFIX = "sharemarket-audit"
_TEXT = re.compile(r"sharemarket-audit:(0|[1-9][0-9]{0,18}):([0-9a-f]{64})")
_HEX = re.compile(r"[0-9a-f]{64}")
_POSITION_MAX = 2**63 - 1  # the views' position columns are signed 64-bit integers


def _position(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"a checkpoint's position is an int, not {type(value).__name__}")
    if not 0 <= value <= _POSITION_MAX:
        raise InvalidInput(f"a checkpoint's position must be 0 or more, not {value}")


def _hash(checkpoint: AuditCheckpoint, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"a checkpoint's hash is text (64 hex digits), not {type(value).__name__}")
    if not _HEX.fullmatch(value):
        raise InvalidInput(
            f"a checkpoint's hash must be 64 lower-case hex digits (a SHA-256), not {value[:80]!r}"
        )
    if checkpoint.position == 0 and value != GENESIS.hex():
        raise InvalidInput("the checkpoint of an empty trail (position 0) has the hash 0…0")


@attrs.frozen
class AuditCheckpoint:
    """The position of a row of the trail and its hash; ``str()`` gives its stable text form.

    ``sharemarket-audit:<position>:<hash>``: the position in decimal without leading zeros, the
    hash as 64 lower-case hex digits. Position 0 with 64 zeros is the empty trail.
    """

    position: int = attrs.field(validator=_position)
    hash: str = attrs.field(validator=_hash)

    def __str__(self) -> str:
        return f"{CHECKPOINT_PREFIX}:{self.position}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> AuditCheckpoint:
        """The checkpoint a text form gives (surrounding whitespace is ignored)."""
        if not isinstance(text, str):
            raise TypeError(f"a checkpoint is parsed from text, not {type(text).__name__}")
        found = _TEXT.fullmatch(text.strip())
        if found is None:
            raise InvalidInput(
                f"{text[:120]!r} is not an audit checkpoint: expected "
                f"'{CHECKPOINT_PREFIX}:<position>:<64 lower-case hex digits>', as "
                "str(views.audit_checkpoint()) writes it"
            )
        return cls(int(found[1]), found[2])

    @classmethod
    def of(cls, checkpoint: AuditCheckpoint | str) -> AuditCheckpoint:
        """A checkpoint given as itself or as its text form."""
        return checkpoint if isinstance(checkpoint, AuditCheckpoint) else cls.parse(checkpoint)


class CheckpointWatch:
    """Watches the rows a verification walks for the checkpoint's row, then judges the result."""

    def __init__(self, checkpoint: AuditCheckpoint) -> None:
        self.checkpoint = checkpoint
        self._found: bytes | None = None

    def rows(self, records: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        """The records unchanged, noting the hash of the checkpoint's row as it goes by."""
        wanted = self.checkpoint.position
        for record in records:
            if record[0] == wanted:
                self._found = record[-1]
            yield record

    def judge(self, result: AuditVerification) -> AuditVerification:
        """The verification, failed at the checkpoint's position if the trail does not extend it.

        A trail broken anywhere stays reported as it is (its first bad position says more).
        """
        checkpoint = self.checkpoint
        if not result.ok or checkpoint.position == 0:
            return result
        if self._found is None:
            last = result.last_position
            problem = (
                f"the trail ends at position {last}, before the checkpoint's row: catch the views "
                "up and check again"
                if last is None or last < checkpoint.position
                else "the checkpoint's row is missing: it was removed"
            )
        elif self._found.hex() != checkpoint.hash:
            problem = (
                f"its hash differs from the checkpoint's ({checkpoint.hash[:12]}…): the trail up "
                "to it was rewritten since the checkpoint was taken"
            )
        else:
            return result
        return attrs.evolve(
            result, ok=False, first_bad_position=checkpoint.position, problem=problem
        )
