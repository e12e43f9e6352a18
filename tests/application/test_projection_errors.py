"""The projections' errors: in sharemarket's hierarchy, each with its own pinned, distinct code."""

from __future__ import annotations

import inspect

import pytest

from sharemarket.application.projections import errors as projection_errors
from sharemarket.domain import errors
from sharemarket.domain.errors import Conflict, ShareMarketError, StoreError

#: Codes hosts may switch on: never change one.
PINNED = {
    "ProjectionHalted": ("projection_halted", ShareMarketError),
    "UnbalancedPostings": ("unbalanced_postings", ShareMarketError),
    "ViewOutOfStep": ("view_out_of_step", Conflict),
    "ViewsOfAnotherMarket": ("views_of_another_market", Conflict),
    "ProjectionTimeout": ("projection_timeout", ShareMarketError),
    "AuditTrailBroken": ("audit_trail_broken", StoreError),
}


def classes(module: object) -> list[type]:
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("name", sorted(PINNED))
def test_each_error_has_its_pinned_code_and_root(name):
    cls = getattr(projection_errors, name)
    code, root = PINNED[name]
    assert (code, True, True) == (cls.code, "code" in vars(cls), issubclass(cls, root))


def test_every_projection_error_is_pinned():
    assert sorted(PINNED) == sorted(cls.__name__ for cls in classes(projection_errors))


def test_codes_are_distinct_from_every_other_error():
    codes = [cls.code for cls in classes(errors)] + [cls.code for cls in classes(projection_errors)]
    assert len(codes) == len(set(codes))


def test_a_timeout_is_also_a_python_timeout():
    assert issubclass(projection_errors.ProjectionTimeout, TimeoutError)


def test_a_halt_names_the_projection_the_position_and_what_to_do():
    halted = projection_errors.ProjectionHalted(
        "journal", 42, "LabourAgreement.ShiftConfirmed", "x"
    )
    assert ("journal", 42, "LabourAgreement.ShiftConfirmed") == (
        halted.projection,
        halted.position,
        halted.event_type,
    )
    assert "position 42" in str(halted)
    assert "catch up again" in str(halted)
