"""Request ids for the commands the command line records: given, or derived from what is asked.

A derived id is the command's name and a hash of its arguments, so running the same set-up
script twice records nothing new (the market returns the first result), and asking something
different is a different request.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import click

REQUEST_ID_OPTION = click.option(
    "--request-id",
    "given_request_id",
    metavar="ID",
    help="The request id (default: derived from the command and its arguments, so a re-run "
    "records nothing new).",
)


def request_id(given: str | None, command: str, *arguments: Any) -> str:
    """``given``, or ``cli-<command>-<hash of the arguments>``."""
    if given:
        return given
    text = json.dumps([command, *[str(a) for a in arguments]], ensure_ascii=False)
    return f"cli-{command}-{hashlib.sha256(text.encode()).hexdigest()[:24]}"
