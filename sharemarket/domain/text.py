"""The one rule for text that enters an event, and the one check for personal data in it.

Events are immutable and China's PIPL gives people a right to deletion, so no personal data may
enter the log; the audit trail shows free text to people, so it must read as what it is. Every
free-text field (names, reasons, work descriptions) passes :func:`free_text`; every opaque
identifier (user ids, worker references) passes :func:`opaque_id`. Both look for personal data
on a normalised form of the text: full-width and other digit systems read as ASCII digits, and
separators between digits removed, so "(138)1234-5678" and "１３８ １２３４ ５６７８" are the phone
number they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sharemarket.domain.errors import InvalidInput, PersonalDataRefused

#: Characters that reorder or hide text: bidi embeddings, overrides and isolates (U+202A-U+202E,
#: U+2066-U+2069) and the marks U+200E, U+200F, U+061C. "abc\u202efed" displays as "abcdef".
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)

# A resident ID: 17 digits and a check digit or X (GB 11643). A mainland mobile number:
# 1[3-9] and 9 digits, perhaps after 86 (the country code). A landline: 0, a 2-3 digit area
# code, 7-8 digits. All on the normalised text (digits only, separators between them removed).
_RESIDENT_ID = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)", re.IGNORECASE)
_MOBILE = re.compile(r"(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}\d{7,8}(?!\d)")
_LONG_DIGITS = re.compile(r"\d{11,}")
# Separators people write inside numbers: spaces, hyphens, dots, slashes, brackets, "+".
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s\-‐‑‒–—.·_/()（）+]+(?=[\d(（])|[(（+](?=\d)")
# Chinese characters (CJK unified ideographs, compatibility ideographs and extensions B-H).
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def normalised_digits(text: str) -> str:
    """``text`` with every decimal digit of any script read as ASCII and the separators people
    write inside numbers removed: what the personal-data check reads."""
    folded = "".join(
        str(unicodedata.digit(c))
        if not c.isascii() and unicodedata.digit(c, None) is not None
        else c
        for c in unicodedata.normalize("NFKC", text)
    )
    return _BETWEEN_DIGITS.sub("", folded)


def personal_data_in(text: str, *, any_long_number: bool = False) -> str | None:
    """What personal data ``text`` seems to hold ("a resident ID number", "a phone number"), or
    None. ``any_long_number`` also counts any run of 11 or more digits (for identifiers, which
    have no reason to hold one)."""
    digits = normalised_digits(text)
    if _RESIDENT_ID.search(digits):
        return "a resident ID number"
    if _MOBILE.search(digits) or _LANDLINE.search(digits):
        return "a phone number"
    if any_long_number and _LONG_DIGITS.search(digits):
        return "a resident ID or phone number"
    return None


def _check_characters(text: str, what: str) -> None:
    for c in text:
        category = unicodedata.category(c)
        if category == "Cs":
            raise InvalidInput(
                f"{what} holds a lone surrogate (U+{ord(c):04X}), which is not text; "
                "decode the input as UTF-8 before passing it"
            )
        if c in BIDI_CONTROLS:
            raise InvalidInput(
                f"{what} holds the bidirectional control U+{ord(c):04X}, which can make text "
                "display in another order than it is stored; remove it"
            )
        if category in ("Cc", "Co", "Cn", "Zl", "Zp"):
            raise InvalidInput(
                f"{what} holds the control or unassigned character U+{ord(c):04X}; "
                "give one line of printable text"
            )


def _visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf" and not c.isspace())


def free_text(value: object, what: str, max_len: int) -> str:
    """Free text for an event: NFC-normalised and trimmed; no control, bidi or unassigned
    characters; not empty once invisible characters are removed; at most ``max_len``
    characters; no resident ID or phone number in it."""
    if not isinstance(value, str):
        raise TypeError(f"{what} is a str, not {type(value).__name__}")
    _check_characters(value, what)
    text = unicodedata.normalize("NFC", value).strip()
    if not _visible(text):
        raise InvalidInput(f"{what} {value!r} is empty; give 1 to {max_len} visible characters")
    if len(text) > max_len:
        raise InvalidInput(f"{what} has {len(text)} characters; the most it may have is {max_len}")
    found = personal_data_in(text)
    if found is not None:
        raise PersonalDataRefused(
            f"{what} seems to hold {found}; personal data must never enter the event log "
            "(PIPL): leave it out, or refer to the person by the host's own opaque reference"
        )
    return text


@lru_cache(maxsize=8192)
def opaque_id(value: str, what: str, max_len: int) -> str:
    """An opaque identifier the host chooses ("W-17", "u-1024"): 1 to ``max_len`` printable
    characters without spaces, and nothing that looks like personal data (an ID or phone number,
    any run of 11 or more digits, Chinese characters, which may be a name).

    Remembered per text: a park's few hundred ids are checked at every command. A refusal
    raises and is not remembered."""
    if not value or len(value) > max_len:
        raise InvalidInput(f"{what} {value!r} must have 1 to {max_len} characters")
    found = personal_data_in(value, any_long_number=True)
    if found is not None:
        raise PersonalDataRefused(
            f"{what} {value!r} looks like {found}; personal data must never enter the event "
            "log: use an opaque reference such as 'W-17' or the host's own user id"
        )
    if _CJK.search(value):
        raise PersonalDataRefused(
            f"{what} {value!r} contains Chinese characters and may be a name; use an opaque "
            "reference such as 'W-17' or the host's own user id"
        )
    # Printable characters include one space: " " (every other space is not printable).
    if " " in value or not value.isprintable():
        raise InvalidInput(f"{what} {value!r} must not contain spaces or control characters")
    return value
