"""attrs validators of the domain's values that say, in a sentence, what was wrong.

attrs' own ``instance_of`` raises a ``TypeError`` whose message is a tuple of its arguments; a
host reading ``str(error)`` should read what to pass instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def of_type(*types: type, optional: bool = False) -> Validator:
    """The field holds one of ``types`` (or None, if ``optional``); a bool is not an int."""
    names = " or ".join(t.__name__ for t in types)
    exact = frozenset(types)  # type(True) is bool: an exact int match excludes bools

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) in exact:  # the common case, without the two isinstance calls
            return
        if value is None and optional:
            return
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise TypeError(
                f"{attribute.name} is a {names}{' or None' if optional else ''}, "
                f"not {type(value).__name__} {value!r}"
            )

    return check
