"""Worker references: opaque, host-chosen, and never personal data."""

from __future__ import annotations

from collections.abc import Iterable

from sharemarket.domain.text import opaque_id

WORKER_REF_MAX = 64


def check_worker_ref(ref: object) -> str:
    """Accept an opaque worker reference ("W-17"); refuse what looks like personal data.

    The rule is every identifier's (``text.opaque_id``): a resident ID or phone number, written
    with separators or in full-width digits too, any run of 11 or more digits, or Chinese
    characters (a name) are refused with ``personal_data_refused``.
    """
    if not isinstance(ref, str):
        raise TypeError(f"a worker reference is a str, not {type(ref).__name__}")
    return opaque_id(ref, "worker reference", WORKER_REF_MAX)


def check_worker_refs(refs: Iterable[str]) -> tuple[str, ...]:
    """Distinct, validated, sorted worker references."""
    if isinstance(refs, str):
        raise TypeError("give the workers as a list of references, not one string")
    return tuple(sorted({check_worker_ref(r) for r in refs}))
