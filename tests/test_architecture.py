"""Imports point inward: the domain stays pure, the application never reaches for adapters, and
the package never imports its tests. Slices stay apart: only the registry and the package's
exports name a slice, and the market's façade exposes the slices' services, never the
eventsourcing application behind them."""

from __future__ import annotations

import ast
import io
import pkgutil
import sys
import tokenize
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from eventsourcing.application import Application

import sharemarket
from sharemarket import ShareMarket
from sharemarket.application.slices import SLICES, SliceServices

PACKAGE = Path(sharemarket.__file__).parent
DOMAIN = PACKAGE / "domain"
APPLICATION = PACKAGE / "application"

#: What domain code may import besides the standard library and the domain itself.
DOMAIN_MAY_IMPORT = ("attrs", "eventsourcing.domain")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports (relative imports resolved), with its line number.

    Imports inside functions and under ``if TYPE_CHECKING:`` count too: they are imports all
    the same.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                name = module_name(path)
                package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # "from eventsourcing import domain" imports eventsourcing.domain; "from attrs import
            # frozen" is checked as attrs.frozen, which lies within attrs.
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"


def python_files(folder: Path) -> list[Path]:
    """Every .py file under the folder, subpackages included (labour/, venues/, ...)."""
    return sorted(folder.rglob("*.py"))


def within(name: str, allowed: str) -> bool:
    return name == allowed or name.startswith(allowed + ".")


def is_stdlib(name: str) -> bool:
    return name.partition(".")[0] in sys.stdlib_module_names


def domain_may_import(name: str) -> bool:
    return (
        is_stdlib(name)
        or within(name, "sharemarket.domain")
        or any(within(name, allowed) for allowed in DOMAIN_MAY_IMPORT)
    )


def offending(files: list[Path], allowed: object) -> list[str]:
    found = []
    for path in files:
        for lineno, name in imports(path):
            if not allowed(name):  # type: ignore[operator]
                found.append(f"{path.relative_to(PACKAGE.parent)}:{lineno} imports {name}")
    return found


def test_the_scan_sees_every_domain_module():
    """The check covers the whole domain, subpackages included (labour/, ...), as Python's own
    package walk finds it, not a fixed list of files."""
    import sharemarket.domain

    walked = {
        info.name
        for info in pkgutil.walk_packages(sharemarket.domain.__path__, "sharemarket.domain.")
    }
    scanned = {module_name(p) for p in python_files(DOMAIN)}
    assert walked | {"sharemarket.domain"} == scanned
    assert {"sharemarket.domain.money", "sharemarket.domain.park"} <= scanned


def test_the_domain_imports_only_the_standard_library_attrs_and_eventsourcing_domain():
    """sharemarket/domain imports nothing but the standard library, attrs, eventsourcing.domain
    and itself: no database, no application, no adapters, no other eventsourcing module."""
    found = offending(python_files(DOMAIN), domain_may_import)
    assert [] == found


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("datetime", True),
        ("zoneinfo", True),
        ("attrs", True),
        ("eventsourcing.domain", True),
        ("eventsourcing.domain.Aggregate", True),
        ("sharemarket.domain.money", True),
        ("eventsourcing", False),  # "import eventsourcing" reaches every submodule
        ("eventsourcing.persistence", False),
        ("eventsourcing.application", False),
        ("sharemarket.application.commands", False),
        ("sharemarket.adapters", False),
        ("sharemarket", False),  # the top level imports the application
        ("sqlite3", True),  # standard library, yet I/O: kept out by review, not by this test
        ("psycopg", False),
        ("hypothesis", False),
        ("attrs_extra", False),
    ],
)
def test_the_rule_itself(name, allowed):
    """The allow-list accepts exactly what the domain may use, and refuses lookalike names."""
    assert allowed == domain_may_import(name)


def test_relative_imports_are_resolved(tmp_path, monkeypatch):
    """A relative import ("from ..application import x") is checked as the module it names."""
    fake_domain = tmp_path / "sharemarket" / "domain" / "labour"
    fake_domain.mkdir(parents=True)
    source = fake_domain / "shift.py"
    source.write_text("from ..money import Money\nfrom ...application import commands\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "sharemarket")
    expected = [(1, "sharemarket.domain.money.Money"), (2, "sharemarket.application.commands")]
    assert expected == list(imports(source))


def test_the_application_never_imports_adapters():
    """Imports point inward: sharemarket/application does not import sharemarket/adapters."""
    found = offending(
        python_files(APPLICATION), lambda name: not within(name, "sharemarket.adapters")
    )
    assert [] == found


def test_the_package_never_imports_the_tests():
    """Nothing in sharemarket imports the test suite (tests may change without notice)."""
    found = offending(
        python_files(PACKAGE),
        lambda name: not (within(name, "tests") or within(name, "conftest")),
    )
    assert [] == found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import attrs", ["attrs"]),
        ("from eventsourcing import domain", ["eventsourcing.domain"]),
        ("from eventsourcing import persistence", ["eventsourcing.persistence"]),
        ("import eventsourcing.persistence as p", ["eventsourcing.persistence"]),
        ("def f():\n    from sharemarket.adapters import x", ["sharemarket.adapters.x"]),
    ],
)
def test_every_import_form_is_seen(tmp_path, source, expected):
    """Plain, from-, aliased and function-local imports are all found."""
    path = tmp_path / "module.py"
    path.write_text(source)
    assert expected == [name for _, name in imports(path)]


# Slices stay apart ------------------------------------------------------------------------------

#: The only modules outside a slice's own folders that may name the labour slice: the registry
#: that lists every slice, and the package's exports.
MAY_NAME_LABOUR = {"sharemarket/application/slices.py", "sharemarket/__init__.py"}
#: The matching slice builds on the resource slices (a labour listing, a labour deal): its
#: folders may name them; no other shared code may.
BUILDS_ON_SLICES = "matching"
#: The report page (an adapter) draws every slice's figures, read through their public queries:
#: its folder names them as the matching slice's does.
REPORTS_ON_SLICES = "report_page"
#: The command line (sharemarket/adapters/cli/) is a host of the public façade with a command
#: group per slice (`sharemarket labour agreements`): it names them as any host would.
HOST_OF_SLICES = "cli"


def documentation(tree: ast.AST) -> list[ast.Expr]:
    """The bare string statements of a module: its docstrings (module, class, function) and the
    strings that document an attribute. They say what the code does; they are not code."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ]


def code_text(source: str) -> str:
    """The source's tokens without its comments and its docstrings, lower-cased."""
    spans = [
        ((d.lineno, d.col_offset), (d.end_lineno, d.end_col_offset))
        for d in documentation(ast.parse(source))
    ]
    kept = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            continue
        if token.type == tokenize.STRING and any(
            start <= token.start and token.end <= end for start, end in spans
        ):
            continue
        kept.append(token.string)
    return " ".join(kept).lower()


def in_a_slice_folder(path: Path, slice_name: str) -> bool:
    return slice_name in path.relative_to(PACKAGE).parts[:-1]


def naming(slice_name: str) -> set[str]:
    """The package's .py files, outside any ``*/<slice_name>/`` folder, whose code names it."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in python_files(PACKAGE)
        if not in_a_slice_folder(path, slice_name)
        and not in_a_slice_folder(path, BUILDS_ON_SLICES)
        and not in_a_slice_folder(path, REPORTS_ON_SLICES)
        and not in_a_slice_folder(path, HOST_OF_SLICES)
        and slice_name in code_text(path.read_text(encoding="utf-8"))
    }


def test_only_the_registry_and_the_exports_name_the_labour_slice():
    """The kernel, the projections, the views and the park slice know nothing of labour: adding
    or removing a slice touches its own folders, the registry and the exports, nothing else.
    Comments and docstrings may use it as an example; code may not."""
    assert MAY_NAME_LABOUR == naming("labour")


def test_the_slice_folders_are_seen_by_the_scan():
    """The scan is not empty-handed: the labour folders name labour throughout, and they are
    the ones left out."""
    inside = [p for p in python_files(PACKAGE) if in_a_slice_folder(p, "labour")]
    assert {"domain", "application"} <= {p.relative_to(PACKAGE).parts[0] for p in inside}
    assert any("labour" in code_text(p.read_text(encoding="utf-8")) for p in inside)


@pytest.mark.parametrize(
    ("source", "names_it"),
    [
        ('"""The labour slice."""\nx = 1\n', False),
        ("x = 1  # labour minutes\n", False),
        ('def f():\n    """Books labour."""\n    return 1\n', False),
        ('class C:\n    x = 1\n    """Labour minutes."""\n', False),
        ("from sharemarket.domain.labour import errors\n", True),
        ("LABOUR_MINUTES = 1\n", True),
        ('name = "labour"\n', True),
        ('f(\n    "Labour"\n)\n', True),
    ],
)
def test_code_is_told_from_comments_and_docstrings(source, names_it):
    assert names_it == ("labour" in code_text(source))


def test_slice_services_name_exactly_the_registered_slices():
    """``SliceServices`` (the typed attributes of ``ShareMarket``) holds one annotation a slice,
    named as the slice and typed as its service, and no other."""
    import sharemarket.application.slices as registry

    hints = typing.get_type_hints(SliceServices, vars(registry))
    assert {s.name: s.service for s in SLICES} == hints
    assert issubclass(ShareMarket, SliceServices)


def test_a_market_has_each_slices_service_under_its_name():
    market = ShareMarket.in_memory()
    try:
        for declared in SLICES:
            assert isinstance(getattr(market, declared.name), declared.service), declared.name
    finally:
        market.close()


@pytest.mark.parametrize("name", ["save", "repository", "recorder"])
def test_the_market_does_not_expose_the_eventsourcing_application(name):
    """A host cannot save aggregates, load them or write to the store behind the rules' back:
    the application is internal (``market._app``)."""
    market = ShareMarket.in_memory()
    try:
        assert not hasattr(ShareMarket, name)
        assert not hasattr(market, name)
    finally:
        market.close()


def test_no_public_name_of_the_eventsourcing_application_is_on_the_market():
    """Besides ``close`` (the market closes its store), nothing of eventsourcing's
    ``Application`` (notification_log, take_snapshot, ...) is on the market's public face."""
    market = ShareMarket.in_memory()
    try:
        public = {name for name in dir(market) if not name.startswith("_")}
        application = {name for name in dir(Application) if not name.startswith("_")}
        assert {"close"} == public & application
    finally:
        market.close()
