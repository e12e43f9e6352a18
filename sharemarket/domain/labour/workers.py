"""Worker references: opaque, host-chosen, and never personal data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sharemarket.domain.errors import InvalidInput, PersonalDataRefused

WORKER_REF_MAX = 64
# An 18-character resident ID (17 digits + digit or X), or any run of 11 or more digits.
_RESIDENT_ID = re.compile(r"\d{17}[\dXx]")
_LONG_DIGITS = re.compile(r"\d{11,}")
# A mobile number 1[3-9]xxxxxxxxx, possibly with +86 and separators (space . _ -); a landline
# 0xx(x)-xxxxxxx(x), the area code possibly in brackets.
_SEP = r"[\s._-]"
_MOBILE = re.compile(rf"(?<!\d)(?:\+?86{_SEP}?)?1[3-9]\d(?:{_SEP}?\d){{8}}(?!\d)")
_LANDLINE = re.compile(rf"(?<!\d)(?:0\d{{2,3}}{_SEP}|\(0\d{{2,3}}\){_SEP}?)\d{{7,8}}(?!\d)")
# Chinese characters (CJK unified ideographs, compatibility ideographs and extensions B-H):
# a reference in them may well be a name.
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def check_worker_ref(ref: object) -> str:
    """Accept an opaque worker reference ("W-17"); refuse what looks like personal data."""
    if not isinstance(ref, str):
        raise TypeError(f"a worker reference is a str, not {type(ref).__name__}")
    _check_text(ref)
    return ref


@lru_cache(maxsize=4096)
def _check_text(ref: str) -> None:
    # Remembered: a park's few hundred workers are checked at every shift, and the five
    # searches below are most of a shift's validation. A refusal raises, and is not remembered.
    if not ref or len(ref) > WORKER_REF_MAX:
        raise InvalidInput(f"worker reference {ref!r} must have 1 to {WORKER_REF_MAX} characters")
    # Personal data first: "+86 138-1234-5678" must be refused as a phone number (the host
    # switches on the code), not merely as a reference with spaces.
    if _RESIDENT_ID.search(ref) or _LONG_DIGITS.search(ref):
        raise PersonalDataRefused(
            f"worker reference {ref!r} looks like a resident ID or phone number; personal data "
            "must never enter the event log: use an opaque reference such as 'W-17'"
        )
    if _MOBILE.search(ref) or _LANDLINE.search(ref):
        raise PersonalDataRefused(
            f"worker reference {ref!r} looks like a phone number; use an opaque reference"
        )
    if _CJK.search(ref):
        raise PersonalDataRefused(
            f"worker reference {ref!r} contains Chinese characters and may be a name; "
            "use an opaque reference such as 'W-17'"
        )
    # Printable characters include one space: " " (every other space is not printable).
    if " " in ref or not ref.isprintable():
        raise InvalidInput(
            f"worker reference {ref!r} must not contain spaces or control characters"
        )


def check_worker_refs(refs: Iterable[str]) -> tuple[str, ...]:
    """Distinct, validated, sorted worker references."""
    if isinstance(refs, str):
        raise TypeError("give the workers as a list of references, not one string")
    return tuple(sorted({check_worker_ref(r) for r in refs}))
