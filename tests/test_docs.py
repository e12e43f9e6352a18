"""The README and every page in ``docs/`` run as written, and the site documents every error and
every public name.

Each page's ```python blocks run here, in order, one namespace per page, in an empty working
directory; a block after ``<!-- requires: postgres -->`` runs only against the test server. The
slices' error tables (after a line ending ``in `sharemarket.domain.<slice>.errors`:``) are
checked against the hierarchy by ``tests/test_readme.py``. The site itself (``mkdocs.yml``) is
built in strict mode by CI (``.ci/run``); the checks below are the parts of it a test can make
without building: the generated error reference, the API reference's coverage and the nav.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sharemarket
import sharemarket.park_views
from docs_hooks import error_reference
from sharemarket.application import slices
from tests.test_readme import DOCS, POSTGRES_MARK, README, ROOT, blocks, run_postgres_blocks

PAGES = [README, *sorted(DOCS.rglob("*.md"))]
IDS = [str(p.relative_to(ROOT)) for p in PAGES]
POSTGRES_PAGES = [p for p in PAGES if any(b.mark == POSTGRES_MARK for b in blocks("python", p))]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_page_python_blocks_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks("python", page):
        if block.mark != POSTGRES_MARK:
            exec(block.compiled(), namespace)  # a block that raises fails the test


def test_the_docs_show_postgres() -> None:
    """The stores and the views each show PostgreSQL, in blocks the next test runs."""
    assert {DOCS / "stores.md", DOCS / "views.md"} <= set(POSTGRES_PAGES)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "page", POSTGRES_PAGES, ids=[str(p.relative_to(ROOT)) for p in POSTGRES_PAGES]
)
def test_page_postgres_blocks_run(
    page: Path,
    store_factory: Callable[[str], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The PostgreSQL blocks run against the test server (skipped without one, failing in CI)."""
    run_postgres_blocks(page, store_factory("postgres").dsn, tmp_path, monkeypatch)


# The error reference ------------------------------------------------------------------------


def test_every_error_code_has_an_entry_in_the_error_reference() -> None:
    """Every error class of the hierarchy has an entry: its code, when it is raised (its
    docstring) and what to do. A new error without a docstring, or of a new kind without a
    remedy, fails here."""
    classes = error_reference.error_classes()
    page = error_reference.render()
    entries = {e.code: e for e in error_reference.entries()}
    assert sorted(cls.code for cls in classes) == sorted(entries)
    for cls in classes:
        entry = entries[cls.code]
        assert cls.__name__ == entry.name
        assert entry.when, f"{cls.__name__} has no docstring to say when it is raised"
        assert entry.remedy, f"{cls.__name__} has no remedy: add its kind to REMEDIES"
        assert f"### `{cls.code}` {{#{cls.code}}}" in page, cls.code
        assert f"`sharemarket.{cls.__name__}`" in page
        assert getattr(sharemarket, cls.__name__) is cls, f"sharemarket does not export {cls}"


def test_the_error_reference_has_a_section_for_each_module() -> None:
    modules = {cls.__module__ for cls in error_reference.error_classes()}
    assert modules == set(error_reference.SECTIONS)
    for _, guide in error_reference.SECTIONS.values():
        page, anchor = guide.split("#")
        text = (DOCS / page).read_text(encoding="utf-8")
        assert f"## {anchor.capitalize()}" in text, f"{page} has no section #{anchor}"


def test_the_error_page_keeps_its_marker() -> None:
    assert error_reference.MARKER in (DOCS / error_reference.PAGE).read_text(encoding="utf-8")


# The API reference --------------------------------------------------------------------------

REFERENCE = DOCS / "reference"
DIRECTIVE = re.compile(r"^::: ([\w.]+)$", re.MULTILINE)


def documented() -> set[str]:
    return {m for p in REFERENCE.glob("*.md") for m in DIRECTIVE.findall(p.read_text("utf-8"))}


def test_the_api_reference_covers_every_public_name() -> None:
    """Each name a host imports (``sharemarket.__all__``, ``sharemarket.park_views.__all__``)
    and each slice's service has a ``:::`` entry under its public path."""
    names = documented()
    # A name both modules export (ParkViews, Asset, the views' errors) is documented once,
    # under either path.
    public = {*sharemarket.__all__, *sharemarket.park_views.__all__}
    missing = [
        n for n in sorted(public) if not {f"sharemarket.{n}", f"sharemarket.park_views.{n}"} & names
    ]
    services = {f"{s.service.__module__}.{s.service.__qualname__}" for s in slices.SLICES}
    missing += sorted(services - names)
    assert not missing, f"the API reference lacks {missing}"
    for name in sharemarket.__all__:
        assert hasattr(sharemarket, name), f"sharemarket.__all__ names {name}, not importable"


def test_every_page_is_in_the_nav() -> None:
    """mkdocs.yml's nav lists every page in docs/ and no page that is missing."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:") :]
    listed = {
        m
        for line in nav.splitlines()
        if not line.lstrip().startswith("#")
        for m in re.findall(r"([\w/.-]+\.md)\s*$", line)
    }
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert pages == listed
