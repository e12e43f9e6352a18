"""``sharemarket`` exports its names lazily (PEP 562): each is imported on first use.

The names are written twice in sharemarket/__init__.py: as imports under ``TYPE_CHECKING``,
which type checkers and the API reference (griffe) read, and in ``_EXPORTS``, which the
interpreter uses. These tests hold the two, and ``__all__``, equal, and check that each name
is the object its module defines.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sharemarket

INIT = Path(sharemarket.__file__)
ROOT = INIT.parent.parent


def type_checking_imports() -> dict[str, str]:
    """Name -> module of the imports under ``if TYPE_CHECKING:`` in sharemarket/__init__.py."""
    tree = ast.parse(INIT.read_text("utf-8"))
    (guard,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and "TYPE_CHECKING" == node.test.id
    ]
    found = {}
    for node in guard.body:
        assert isinstance(node, ast.ImportFrom), ast.dump(node)
        assert node.module is not None
        for alias in node.names:
            assert alias.asname is None
            found[alias.name] = node.module
    return found


def test_the_type_checking_imports_the_lazy_table_and_all_agree() -> None:
    """What type checkers see is what the interpreter imports, and what ``__all__`` lists."""
    lazy = {name: module for module, names in sharemarket._EXPORTS.items() for name in names}
    assert type_checking_imports() == lazy
    assert sorted(lazy) == sorted(sharemarket.__all__)
    assert len(sharemarket.__all__) == len(set(sharemarket.__all__))


@pytest.mark.parametrize("name", sharemarket.__all__)
def test_each_name_is_the_object_its_module_defines(name: str) -> None:
    module = importlib.import_module(sharemarket._MODULE_OF[name])
    assert getattr(module, name) is getattr(sharemarket, name)
    assert name in dir(sharemarket)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Monye'"):
        sharemarket.Monye  # noqa: B018
    with pytest.raises(ImportError):
        from sharemarket import Monye  # noqa: F401


def fresh(code: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_importing_the_package_defines_no_aggregate() -> None:
    """``import sharemarket`` imports neither eventsourcing nor the market; asking for a name
    imports what it needs, and ``from sharemarket import *`` every name."""
    plain = fresh("import sys, json, sharemarket; print(json.dumps(sorted(sys.modules)))")
    assert isinstance(plain, list)
    assert not [m for m in plain if m.startswith(("eventsourcing", "sharemarket.application"))]
    money = fresh(
        "import sys, json; from sharemarket import Money; "
        "print(json.dumps(['sharemarket.application.market' in sys.modules, Money(5).fen]))"
    )
    assert [False, 5] == money
    star = fresh("import json; from sharemarket import *; print(json.dumps(ShareMarket.__name__))")
    assert "ShareMarket" == star
