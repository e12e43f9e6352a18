"""The README and the docs' error tables name the library's errors; the two set-up commands.

The Python blocks of the README and of every page in docs/ run in tests/test_docs.py.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import sharemarket
from sharemarket import ShareMarketError
from sharemarket.application import slices
from sharemarket.application.kernel.slice import errors_of
from sharemarket.application.projections import errors as projection_errors
from sharemarket.domain import errors as domain_errors

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CI_RUN = ROOT / ".ci" / "run"

#: A fenced block, with the HTML comment that may stand on the line before it.
FENCE = re.compile(
    r"^(?:<!--\s*(?P<mark>[^>]*?)\s*-->\n)?```(?P<lang>\w*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
POSTGRES_MARK = "requires: postgres"


class Block:
    def __init__(self, lang: str, mark: str, body: str, line: int, path: Path) -> None:
        self.lang, self.mark, self.body, self.line, self.path = lang, mark, body, line, path

    def compiled(self) -> object:
        # Padding with blank lines makes a traceback point at the file's own line numbers.
        return compile("\n" * self.line + self.body, str(self.path), "exec")


def blocks(lang: str, path: Path = README) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        if m.group("lang") == lang:
            first_code_line = text.count("\n", 0, m.start("body"))
            found.append(Block(lang, m.group("mark") or "", m.group("body"), first_code_line, path))
    return found


def documents() -> str:
    """The README and every page in docs/, where the error tables live."""
    paths = [README, *sorted(DOCS.rglob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def setup_command(name: str) -> str:
    """The one-line command in the ```bash block marked ``<!-- setup: NAME -->``."""
    marked = [b for b in blocks("bash") if b.mark == f"setup: {name}"]
    assert len(marked) == 1, f"README must have one bash block marked 'setup: {name}'"
    lines = [line for line in marked[0].body.splitlines() if line.strip()]
    assert len(lines) == 1, f"the {name} set-up must be one copy-pasteable line: {lines}"
    return lines[0]


def test_readme_has_a_quickstart() -> None:
    """The README keeps a quickstart in Python (tests/test_docs.py runs it with every page)."""
    runnable = [b for b in blocks("python") if b.mark != POSTGRES_MARK]
    assert len(runnable) >= 2, "the README lost its quickstart"


def run_postgres_blocks(
    path: Path, dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run a page's PostgreSQL blocks against the test server, each in a namespace of its own,
    in the schemas they name (made empty before, dropped after)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    marked = [b for b in blocks("python", path) if b.mark == POSTGRES_MARK]
    assert marked, f"{path.name} has no PostgreSQL block"
    schemas = sorted({s for b in marked for s in re.findall(r'schema="(\w+)"', b.body)})
    params = conninfo_to_dict(dsn)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARK_DATABASE_URL", dsn)
    for key in ("dbname", "host", "port", "user", "password"):
        if params.get(key) is not None:
            monkeypatch.setenv(f"POSTGRES_{key.upper()}", str(params[key]))

    def recreate(create: bool) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
                if create:
                    conn.execute(f"CREATE SCHEMA {schema}")

    recreate(create=True)
    try:
        for block in marked:
            exec(block.compiled(), {"__name__": "__docs__"})
    finally:
        recreate(create=False)


def test_readme_error_table_matches_the_library() -> None:
    """Each row of an error table names a real error class with that code."""
    text = documents()
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)`", text, re.MULTILINE)
    assert rows, "the README lost its error table"
    for code, name in rows:
        cls = getattr(sharemarket, name, None)
        assert isinstance(cls, type), f"README names {name}, which sharemarket does not export"
        assert issubclass(cls, ShareMarketError)
        assert (name, code) == (name, cls.code)


#: An error table, with the line before it naming the module its errors are defined in.
ERROR_TABLE = re.compile(
    r"^.*in `(?P<module>sharemarket(?:\.\w+)*\.errors)`:\n\n(?P<table>(?:\|.*\n)+)",
    re.MULTILINE,
)


def test_readme_error_tables_name_each_error_where_it_lives() -> None:
    """The error tables, one per module (the shared one, each slice's, the views'), list every
    error of those modules once, each under the module that defines it. A slice's table may
    stand in its guide, docs/<slice>.md."""
    text = documents()
    listed: dict[str, str] = {}
    for table in ERROR_TABLE.finditer(text):
        for name in re.findall(r"^\| `\w+` \| `(\w+)`", table["table"], re.MULTILINE):
            assert name not in listed, f"README lists {name} twice"
            listed[name] = table["module"]
    assert listed, "the README lost its error tables"
    every_row = re.findall(r"^\| `\w+` \| `(\w+)`", text, re.MULTILINE)
    assert sorted(every_row) == sorted(listed), "an error row stands outside a module's table"
    every = (*errors_of(domain_errors), *slices.errors(), *errors_of(projection_errors))
    assert {cls.__name__: cls.__module__ for cls in every} == listed


def test_readme_has_the_two_setup_commands() -> None:
    """One command installs and runs the example, one installs and runs the whole test suite."""
    example = setup_command("example")
    tests = setup_command("tests")
    assert "examples/dehua_park.py" in example
    assert "pip install" in example
    assert "pip install" in tests
    assert "pytest" in tests
    assert (ROOT / "examples" / "dehua_park.py").is_file()


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run takes its test command from the README, so the two cannot drift apart."""
    printed = subprocess.run(
        ["bash", str(CI_RUN), "--print-test-command"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    ).stdout.strip()
    assert setup_command("tests") == printed
