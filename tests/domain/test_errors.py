"""The error hierarchy: one root, and a distinct, stable code on every error a host switches on.

Errors live in three kinds of home: the kernel's (``sharemarket.domain.errors``), each slice's
(``sharemarket.domain.<slice>/errors.py``, declared in the slice registry) and the views'. The
tests walk every subclass of the root, wherever it is defined, so a new slice's errors are
checked without being listed here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import sharemarket
import sharemarket.application.slices
from sharemarket.application.slices import SLICES
from sharemarket.domain import errors
from sharemarket.domain.errors import ShareMarketError

DOMAIN = Path(sharemarket.__file__).parent / "domain"


def subclasses(cls: type) -> list[type]:
    """Every subclass of ``cls``, at any depth, once each."""
    found: dict[type, None] = {}
    for sub in cls.__subclasses__():
        found[sub] = None
        for deeper in subclasses(sub):
            found[deeper] = None
    return list(found)


#: Every error class of the library: the root and all its subclasses, wherever defined.
ERRORS = sorted(
    (
        cls
        for cls in [ShareMarketError, *subclasses(ShareMarketError)]
        if cls.__module__.startswith("sharemarket.")
    ),
    key=lambda cls: (cls.__module__, cls.__name__),
)
BY_NAME = {cls.__name__: cls for cls in ERRORS}


def test_the_walk_finds_the_kernel_and_every_slice():
    """The walk is not empty-handed: it finds the root's own module and each slice's errors."""
    modules = {cls.__module__ for cls in ERRORS}
    assert errors.__name__ in modules
    assert {f"sharemarket.domain.{s.name}.errors" for s in SLICES} <= modules


def test_error_class_names_are_distinct():
    """A class name names one error (hosts import them by name from ``sharemarket``)."""
    assert len(ERRORS) == len(BY_NAME)


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
    actual = {name: BY_NAME[name].code for name in FOUNDATION_CODES}
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
    parent = BY_NAME[family]
    assert all(issubclass(BY_NAME[name], parent) for name in members)


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
    assert BY_NAME[name] is getattr(sharemarket, name)
    assert name in sharemarket.__all__


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_is_public(cls):
    """Whatever module defines it (the kernel, a slice, the views), every error can be imported
    from the top of the package, so hosts need not follow the library's layout."""
    assert cls is getattr(sharemarket, cls.__name__)
    assert cls.__name__ in sharemarket.__all__


# Errors of the slices ---------------------------------------------------------------------------


def defined_in(path: Path) -> set[str]:
    """The names of the classes a module's source defines at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


def test_codes_are_unique_across_slices():
    """Two slices never declare the same code, nor one the kernel or the views use: a code
    switched on by a host identifies one error of one slice."""
    owner: dict[str, list[str]] = {}
    for cls in ERRORS:
        slice_ = next((s.name for s in SLICES if cls in s.errors), cls.__module__)
        owner.setdefault(cls.code, []).append(f"{slice_}:{cls.__name__}")
    shared = {code: owners for code, owners in owner.items() if len(owners) > 1}
    assert {} == shared
    declared = sharemarket.application.slices.errors()
    assert len(declared) == len({cls.code for cls in declared})


@pytest.mark.parametrize("slice_", SLICES, ids=lambda s: s.name)
def test_each_slice_declares_exactly_the_errors_of_its_errors_module(slice_):
    """A slice's ``errors`` are the classes ``sharemarket/domain/<slice>/errors.py`` defines:
    none left out, none imported from elsewhere, none twice."""
    path = DOMAIN / slice_.name / "errors.py"
    assert path.is_file(), f"slice {slice_.name} has no {path}"
    module = f"sharemarket.domain.{slice_.name}.errors"
    walked = {cls for cls in ERRORS if cls.__module__ == module}
    assert len(slice_.errors) == len(set(slice_.errors))
    assert walked == set(slice_.errors)
    assert defined_in(path) == {cls.__name__ for cls in slice_.errors}


def test_every_slice_errors_module_belongs_to_a_registered_slice():
    """An ``errors.py`` under ``sharemarket/domain/<folder>/`` is a slice's: a folder whose
    errors no slice declares would keep its codes out of the catalogue."""
    slices = {s.name for s in SLICES}
    folders = {path.parent.name for path in DOMAIN.glob("*/errors.py")}
    assert slices == folders
    for cls in ERRORS:
        parts = cls.__module__.split(".")
        if parts[:2] == ["sharemarket", "domain"] and len(parts) == 4 and parts[3] == "errors":
            assert parts[2] in slices, f"{cls.__name__} is in no slice's errors"
