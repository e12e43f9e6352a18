"""What a request id stands for: a command's fingerprint, the hash of its stored description.

The fingerprint is the SHA-256 of the transcoder's bytes for
``{"command": stored_as, "actor": actor, "args": sorted(arguments.items())}``. Every stored
receipt holds one, and a retry replays only if it computes the same: the bytes are a contract,
never change what goes in (tests/test_stored_fixture*.py replay stored request ids).

Every command is fingerprinted, so the bytes are written with as little Python as they allow:
with the market's own transcoder (compact JSON, in which a value's text does not depend on
where it stands), the document's head, ``{"command":...,"actor":...,"args":``, is worked out
once per command name and actor object and kept; only the arguments are encoded each time, and
the hash is fed the pieces. Any other transcoder encodes the whole document, as before.
"""

from __future__ import annotations

import hashlib
from typing import Any

from eventsourcing.persistence import Transcoder

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.transcoder import MarketTranscoder
from sharemarket.domain.actor import Actor

#: How many (command name, actor) heads are kept before the memo starts afresh.
HEADS_MAX = 256


def description(command: Command[Any]) -> dict[str, Any]:
    """The document a command's fingerprint hashes (its bytes are the contract)."""
    return {
        "command": command.stored_as,
        "actor": command.actor,
        "args": sorted(command.arguments().items()),
    }


class Fingerprints:
    """Fingerprints commands with one transcoder (see the module docstring)."""

    def __init__(self, transcoder: Transcoder) -> None:
        self._encode = transcoder.encode
        # Only ours is known to write compact, context-free JSON; with any other, the pieces
        # might not join into the bytes of the whole.
        self._market = transcoder if type(transcoder) is MarketTranscoder else None
        # (command name, id(actor)) -> (the actor, the document's head): holding the actor
        # keeps its id from being reused by another object while the entry exists.
        self._heads: dict[tuple[str, int], tuple[Actor, bytes]] = {}

    def of(self, command: Command[Any]) -> str:
        """The command's fingerprint, as hex."""
        market = self._market
        if market is None:
            return hashlib.sha256(self._encode(description(command))).hexdigest()
        actor = command.actor
        key = (command.stored_as, id(actor))
        held = self._heads.get(key)
        if held is None or held[0] is not actor:
            # The whole document's bytes for an empty argument list, cut before the list.
            whole = market.encode({"command": command.stored_as, "actor": actor, "args": []})
            held = (actor, whole[: -len(b"[]}")])
            if len(self._heads) >= HEADS_MAX:
                self._heads.clear()
            self._heads[key] = held
        digest = hashlib.sha256(held[1])
        digest.update(market.encode(sorted(command.arguments().items())))
        digest.update(b"}")
        return digest.hexdigest()
