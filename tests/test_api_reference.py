"""The API reference says, for each method of a slice's service, which errors it raises.

mkdocstrings draws the reference from the docstrings (Google style, ``mkdocs.yml``), and renders
a ``Raises:`` section as a table whose names link to the error classes documented in
``docs/reference/errors.md``. These tests read the docstrings the way mkdocstrings does (with
griffe, its parser) and check, for the services of :data:`SLICES`:

- every public method, its own or one of its parts' (a service composed of parts, as
  ``LabourService`` is, inherits their methods), is one the reference shows and has a
  docstring, and every command (a method taking the acting ``Actor``) a ``Raises:`` section
  naming the errors every command shares and its own;
- every name in a ``Raises:`` section is a :class:`~sharemarket.ShareMarketError` subclass that
  ``sharemarket`` exports, the name the reference resolves (so its link lands on that class), and
  one of the shared errors or the slice's (or the park's, whose membership rules every slice
  applies);
- every error the slice defines is named by at least one method (or is the base of one that is):
  an error no method admits to is either undocumented or dead.

The reference entry of a service composed of parts sets ``inherited_members: true``: without
it the page would show none of their methods.

Whether a documented error is really raised is shown by the tests listed in
``tests/application/test_documented_errors.py``.

Last, every public name the reference renders (``sharemarket.__all__``,
``sharemarket.park_views.__all__``, and the methods, properties and nested classes of those
classes) has a docstring: the reference shows a name without one as a bare signature.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import griffe
import pytest

import sharemarket
import sharemarket.park_views
from sharemarket.application import slices
from sharemarket.application.kernel.commands import Service
from sharemarket.application.matching.deal_kinds import DEAL_KINDS
from sharemarket.domain.errors import ShareMarketError
from sharemarket.domain.matching.terms import ListingKind
from tests.test_docs import REFERENCE, ROOT, documented

#: The slices whose services document their errors per method. Add a slice's name (its
#: attribute under the market, ``market.funds``) once its service's docstrings have Raises
#: sections: these tests then hold it to the same rules.
SLICES = ("park", "labour", "clearing", "subcontracting", "venues", "matching", "funds")

#: Errors a slice defines that no method of its service can raise today, each with the check
#: that shows it: once the check fails, the error is reachable and a method must name it.
UNREACHABLE: dict[str, Callable[[], bool]] = {
    # The domain refuses a match of a kind without its deal (tests/domain/matching/
    # test_pairing.py), but the market's table of deal kinds has every kind of listing.
    "MatchingDealKindUnavailable": lambda: set(DEAL_KINDS) == set(ListingKind),
}

#: What every command may raise whatever it does: a malformed argument or request id, an actor
#: who may not act, a request id used for something else. (ConcurrentUpdate and StoreError, the
#: store's, are said once on the services' page.)
SHARED = ("InvalidInput", "PermissionDenied", "RequestIdReused")

#: Modules whose errors any slice may raise: the shared hierarchy and the park's membership rules.
COMMON_MODULES = ("sharemarket.domain.errors", "sharemarket.domain.park.errors")


def service_of(name: str) -> type[Service]:
    (found,) = [s.service for s in slices.SLICES if s.name == name]
    assert isinstance(found, type)
    assert issubclass(found, Service)
    return found


def public_methods(service: type[Service]) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The service's own public methods and those of its mixins (not ``Service``'s)."""
    for name, function in inspect.getmembers(service, inspect.isfunction):
        if not name.startswith("_") and not hasattr(Service, name):
            yield name, function


def is_command(function: Callable[..., Any]) -> bool:
    """A command takes the acting ``Actor`` first; a query takes none."""
    parameters = list(inspect.signature(function).parameters)
    return parameters[1:2] == ["actor"]


@cache
def package() -> griffe.Module:
    """sharemarket as mkdocstrings sees it: read from the source, names resolved statically."""
    module = griffe.load("sharemarket", search_paths=[str(ROOT)], resolve_aliases=False)
    assert isinstance(module, griffe.Module)
    return module


def griffe_path(obj: Any) -> str:
    """Where griffe keeps a class or function of sharemarket, relative to the package."""
    return f"{obj.__module__.removeprefix('sharemarket.')}.{obj.__qualname__}"


def shown(function: Callable[..., Any], owner: type | None) -> griffe.Object | griffe.Alias:
    """The function as the reference shows it: a member of ``owner``, the service class its
    ``:::`` entry documents (the methods of the service's parts among the members it
    inherits), checked to be that very function; without ``owner``, where it is defined."""
    if owner is None:
        return package()[griffe_path(function)]
    cls = package()[griffe_path(owner)]
    where = f"{owner.__name__}.{function.__name__}"
    member = cls.all_members.get(function.__name__)
    assert member is not None, f"the reference of {owner.__name__} would not show {where}"
    defined = member.target_path if member.is_alias else member.path
    assert defined == f"sharemarket.{griffe_path(function)}", f"{where} is {defined} in griffe"
    return member


def raises_of(
    function: Callable[..., Any],
    caplog: pytest.LogCaptureFixture | None = None,
    owner: type | None = None,
) -> list[griffe.DocstringRaise] | None:
    """The ``Raises:`` entries of the function's docstring as mkdocstrings parses it (None
    without the section), read as a member of ``owner`` when given (see :func:`shown`). With
    ``caplog``, a docstring griffe warns about fails: the strict build would."""
    obj = shown(function, owner)
    assert obj.docstring is not None, f"{function.__qualname__} has no docstring"
    if caplog is None:
        sections = obj.docstring.parse("google")
    else:
        with caplog.at_level(logging.WARNING, logger="griffe"):
            caplog.clear()
            sections = obj.docstring.parse("google")
            warnings = [r.getMessage() for r in caplog.records]
        assert not warnings, f"{function.__qualname__}: {warnings}"
    found = [s for s in sections if s.kind is griffe.DocstringSectionKind.raises]
    if not found:
        return None
    (section,) = found
    entries: list[griffe.DocstringRaise] = section.value
    return entries


def error_class(entry: griffe.DocstringRaise, where: str) -> type[ShareMarketError]:
    """The class an entry names, checked to be exported by ``sharemarket`` and resolved by the
    reference to that very class."""
    annotation = entry.annotation
    assert isinstance(annotation, griffe.ExprName), f"{where}: write {annotation} by its name"
    name = annotation.name
    cls = getattr(sharemarket, name, None)
    exported = f"{where} names {name}, which sharemarket does not export as an error"
    assert isinstance(cls, type), exported
    assert issubclass(cls, ShareMarketError), exported
    assert annotation.canonical_path == f"{cls.__module__}.{cls.__qualname__}", (
        f"{where}: the reference would link {name} to {annotation.canonical_path}"
    )
    return cls


def cases() -> list[tuple[str, str]]:
    return [(s, m) for s in SLICES for m, _ in public_methods(service_of(s))]


@pytest.mark.parametrize(("slice_name", "method"), cases())
def test_each_method_documents_what_it_raises(
    slice_name: str, method: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A command names the shared errors and its own; a query, what it raises (if anything);
    each name is an exported error the reference links, of the shared or the slice's."""
    service = service_of(slice_name)
    function = getattr(service, method)
    where = f"{slice_name}.{method}"
    entries = raises_of(function, caplog, service)
    if is_command(function):
        assert entries, f"{where} is a command without a Raises section"
    classes = [error_class(e, where) for e in entries or []]
    names = [cls.__name__ for cls in classes]
    assert len(set(names)) == len(names), f"{where} names an error twice: {names}"
    assert all(e.description.strip() for e in entries or []), f"{where}: say when it raises"
    if is_command(function):
        assert set(SHARED) <= set(names), f"{where} does not name {set(SHARED) - set(names)}"
    own = f"sharemarket.domain.{slice_name}.errors"
    strays = [c.__name__ for c in classes if c.__module__ not in (*COMMON_MODULES, own)]
    assert not strays, f"{where} names errors of another slice: {strays}"


def test_the_reference_documents_every_error_it_names(caplog: pytest.LogCaptureFixture) -> None:
    """The names link to the entries of docs/reference/errors.md (``::: sharemarket.Name``)."""
    pages = documented()
    named = {
        error_class(e, f"{s}.{m}").__name__
        for s in SLICES
        for m, function in public_methods(service_of(s))
        for e in raises_of(function, caplog, service_of(s)) or []
    }
    assert named, "no method names an error"
    missing = sorted(n for n in named if f"sharemarket.{n}" not in pages)
    assert not missing, f"docs/reference lacks entries for {missing}"


@pytest.mark.parametrize("slice_name", SLICES)
def test_every_error_of_the_slice_is_named_by_a_method(
    slice_name: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each error class the slice defines is named in a Raises section, or is the base of one
    that is (``WorkingTimeLimitExceeded``, the base of each cap's error)."""
    module = importlib.import_module(f"sharemarket.domain.{slice_name}.errors")
    defined = {
        cls
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, ShareMarketError)
        and cls.__module__ == module.__name__
    }
    named = {
        error_class(e, f"{slice_name}.{m}")
        for m, function in public_methods(service_of(slice_name))
        for e in raises_of(function, caplog, service_of(slice_name)) or []
    }
    unnamed = sorted(cls.__name__ for cls in defined if not any(issubclass(n, cls) for n in named))
    unnamed = [name for name in unnamed if name not in UNREACHABLE]
    assert not unnamed, f"no method of market.{slice_name} says it raises {unnamed}"


#: A ``:::`` entry of the reference with its options block (the indented lines under it).
ENTRY = re.compile(r"^::: ([\w.]+)\n((?:[ ]{4}.*\n)*)", re.MULTILINE)


def test_the_reference_shows_the_methods_a_service_inherits_from_its_parts() -> None:
    """A service composed of parts (``FundsService``, ``LabourService``, ...) has its entry
    set ``inherited_members: true``, and griffe sees each of its public methods as a member:
    the reference page then shows every method, not just those the class body defines."""
    options = {
        path: block
        for page in REFERENCE.glob("*.md")
        for path, block in ENTRY.findall(page.read_text("utf-8"))
    }
    composed = []
    for s in slices.SLICES:
        service = s.service
        inherited = [n for n, _ in public_methods(service) if n not in vars(service)]
        for _, function in public_methods(service):
            shown(function, service)
        if inherited:
            composed.append(service.__name__)
            path = f"{service.__module__}.{service.__qualname__}"
            assert path in options, f"docs/reference has no ::: entry for {path}"
            assert re.search(r"^\s+inherited_members: true$", options[path], re.MULTILINE), (
                f"the reference of {service.__name__} would not show {inherited}"
            )
    assert {"LabourService", "SubcontractingService"} <= set(composed)


@pytest.mark.parametrize("error", sorted(UNREACHABLE))
def test_an_error_left_unnamed_is_unreachable(error: str) -> None:
    """An error of :data:`UNREACHABLE` is one a slice defines, that its check shows no
    method can raise, and that no method names (it would then not be unreachable)."""
    cls = getattr(sharemarket, error)
    assert issubclass(cls, ShareMarketError)
    assert UNREACHABLE[error](), f"{error} has become reachable: name it where it is raised"
    named = {
        str(e.annotation)
        for s in SLICES
        for _, function in public_methods(service_of(s))
        for e in raises_of(function, owner=service_of(s)) or []
    }
    assert error not in named


def test_a_new_slice_is_one_word_away() -> None:
    """Every slice of the registry could join :data:`SLICES`: it has a service and an errors
    module where these tests look for them."""
    for s in slices.SLICES:
        service_of(s.name)
        importlib.import_module(f"sharemarket.domain.{s.name}.errors")
    assert set(SLICES) <= {s.name for s in slices.SLICES}


def facade_methods() -> list[Any]:
    """The public methods of the market and the views that say what they raise."""
    found = []
    for cls in (sharemarket.ShareMarket, sharemarket.park_views.ParkViews):
        for name, function in vars(cls).items():
            function = getattr(function, "__func__", function)
            if not name.startswith("_") and inspect.isfunction(function):
                found.append(pytest.param(function, id=f"{cls.__name__}.{name}"))
    return found


@pytest.mark.parametrize("function", facade_methods())
def test_the_market_and_the_views_name_errors_the_reference_links(
    function: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    """Where the market's or the views' methods say what they raise, the names are errors
    ``sharemarket`` exports and the reference links to them."""
    for entry in raises_of(function, caplog) or []:
        error_class(entry, function.__qualname__)


# Every public name the reference renders has a docstring ---------------------------------------


#: Public classes made of parts whose reference entry renders their parts' methods too
#: (``inherited_members: true`` in docs/reference).
RENDERED_WITH_PARTS = ("ParkViews",)


def public_objects() -> list[tuple[str, griffe.Object]]:
    """The objects the reference renders (``show_if_no_docstring`` would show them bare): each
    name of ``sharemarket.__all__`` and ``sharemarket.park_views.__all__``, and within a class
    its public members that are defined there (its methods, properties and nested classes, an
    aggregate's events), once each, named as a host reads them."""
    roots = [(n, package()[n]) for n in sharemarket.__all__]
    roots += [(n, package()["park_views"][n]) for n in sharemarket.park_views.__all__]
    found: dict[str, tuple[str, griffe.Object]] = {}

    def walk(name: str, obj: griffe.Object | griffe.Alias) -> None:
        target = obj.final_target if isinstance(obj, griffe.Alias) else obj
        assert isinstance(target, griffe.Object)
        if target.path in found:
            return
        found[target.path] = (name, target)
        if isinstance(target, griffe.Class):
            for member_name, member in target.members.items():
                if not member_name.startswith("_") and not member.is_alias:
                    walk(f"{name}.{member_name}", member)
            if name in RENDERED_WITH_PARTS:  # and the methods of its parts
                for member_name, member in target.inherited_members.items():
                    if not member_name.startswith("_"):
                        walk(f"{name}.{member_name}", member)

    for name, obj in roots:
        walk(name, obj)
    return list(found.values())


def needs_docstring(name: str, obj: griffe.Object) -> bool:
    """A class, a function or a property; an attribute only at the top (a constant such as
    ``PARK_TZ``): a class's fields and an enum's members are described by their class."""
    if isinstance(obj, griffe.Class | griffe.Function):
        return True
    return isinstance(obj, griffe.Attribute) and ("property" in obj.labels or "." not in name)


def test_every_public_name_the_reference_renders_has_a_docstring() -> None:
    """A public name without a docstring renders as a bare signature: say what it is."""
    objects = public_objects()
    assert {"LoanStatus", "Listing.withdraw", "ParkViews.totals", "PARK_TZ"} <= {
        name for name, _ in objects
    }
    bare = sorted(
        name
        for name, obj in objects
        if needs_docstring(name, obj) and not (obj.docstring and obj.docstring.value.strip())
    )
    assert not bare, f"the API reference would render these without a docstring: {bare}"
