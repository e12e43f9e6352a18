"""The error hierarchy: one root, and a distinct, stable code on every error a host switches on."""

from __future__ import annotations

import inspect
import re

import pytest

import sharemarket
from sharemarket.domain import errors
from sharemarket.domain.errors import ShareMarketError

ERRORS = sorted(
    (
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if cls.__module__ == errors.__name__
    ),
    key=lambda cls: cls.__name__,
)

#: The codes host programs already switch on. Codes are stable: never change one listed here.
FOUNDATION_CODES = {
    "ShareMarketError": "sharemarket_error",
    "InvalidInput": "invalid_input",
    "RuleViolation": "rule_violation",
    "NotFound": "not_found",
    "PermissionDenied": "permission_denied",
    "Conflict": "conflict",
    "RequestIdReused": "request_id_reused",
    "ConcurrentUpdate": "concurrent_update",
    "StoreError": "store_error",
    "FirmAlreadyAdmitted": "firm_already_admitted",
    "ParkAlreadyEstablished": "park_already_established",
    "FirmNotActive": "firm_not_active",
    "LastAdministrator": "last_administrator",
    "LastRepresentative": "last_representative",
    "InvalidTransition": "invalid_transition",
}


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_is_a_sharemarket_error(cls):
    """Hosts catch everything sharemarket raises with one except ShareMarketError."""
    assert issubclass(cls, ShareMarketError)


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_declares_its_own_snake_case_code(cls):
    """Each class sets its own code (not inherited from its parent), in snake_case."""
    assert "code" in vars(cls), f"{cls.__name__} inherits its code"
    assert re.fullmatch(r"[a-z][a-z0-9_]*", cls.code), cls.code


def test_codes_are_distinct():
    """No two error classes share a code, so a code identifies exactly one kind of error."""
    by_code: dict[str, list[str]] = {}
    for cls in ERRORS:
        by_code.setdefault(cls.code, []).append(cls.__name__)
    shared = {code: names for code, names in by_code.items() if len(names) > 1}
    assert {} == shared


def test_foundation_codes_are_stable():
    """The foundation's codes keep the exact strings hosts were given."""
    actual = {name: getattr(errors, name).code for name in FOUNDATION_CODES}
    assert FOUNDATION_CODES == actual


@pytest.mark.parametrize(
    ("family", "members"),
    [
        (
            "Conflict",
            [
                "RequestIdReused",
                "ConcurrentUpdate",
                "FirmAlreadyAdmitted",
                "ParkAlreadyEstablished",
            ],
        ),
        (
            "RuleViolation",
            ["FirmNotActive", "LastAdministrator", "LastRepresentative", "InvalidTransition"],
        ),
    ],
)
def test_errors_sit_in_their_family(family, members):
    """Hosts can catch a family (a conflict, a rule violation) without listing every rule."""
    parent = getattr(errors, family)
    assert all(issubclass(getattr(errors, name), parent) for name in members)


def test_standard_families_are_kept():
    """Invalid input is a ValueError and not-found a LookupError, as Python code expects."""
    assert issubclass(errors.InvalidInput, ValueError)
    assert issubclass(errors.NotFound, LookupError)


def test_message_is_the_str_and_kept_on_the_error():
    """str(error) is the message a person reads; it is also kept as .message."""
    error = errors.PermissionDenied("rep-1 may not act for 91350100M000100Y43")
    assert "rep-1 may not act for 91350100M000100Y43" == str(error)
    assert str(error) == error.message


@pytest.mark.parametrize("name", sorted(FOUNDATION_CODES))
def test_foundation_errors_are_public(name):
    """Every foundation error can be imported from the top of the package."""
    assert getattr(errors, name) is getattr(sharemarket, name)
    assert name in sharemarket.__all__
