"""The command lines shown in README.md and docs/cli.md run as written.

A ```bash block marked ``<!-- cli: ... -->`` is a session at a shell, run here in an empty
folder beside the checkout's examples/: ``export NAME=VALUE ...`` sets the environment,
``python examples/...`` runs an example, and each ``sharemarket ...`` line runs the command
line, which must exit 0 unless the line ends with a ``# exit N`` comment.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from sharemarket.adapters.cli import cli
from tests.adapters.cli.conftest import Run
from tests.test_readme import DOCS, README, blocks

ROOT = README.parent
MARKED = [
    block
    for path in (README, DOCS / "cli.md")
    for block in blocks("bash", path)
    if block.mark.startswith("cli:")
]
EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


def test_the_readme_and_the_guide_show_command_lines() -> None:
    assert {README, DOCS / "cli.md"} == {block.path for block in MARKED}


@pytest.mark.parametrize("block", MARKED, ids=lambda b: f"{b.path.name}:{b.line}")
def test_documented_command_lines_run(
    block: object, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env: dict[str, str] = {}
    for line in block.body.splitlines():  # type: ignore[attr-defined]
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        expected = 0
        if found := EXIT.search(line):
            expected, line = int(found.group(1)), line[: found.start()]
        words = shlex.split(line)
        if words[0] == "export":
            env.update(word.split("=", 1) for word in words[1:])
        elif words[0] == "python":
            done = subprocess.run(
                [sys.executable, *words[1:]],
                env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                check=False,
            )
            assert (line, expected) == (line, done.returncode), done.stderr[-2000:]
        else:
            assert "sharemarket" == words[0], line
            result = run(*words[1:], env=env)
            assert (line, expected) == (line, result.exit_code), result.output[-2000:]


def commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_every_command_has_help_and_a_line_in_the_guide(run: Run) -> None:
    """`--help` works for each command, and docs/cli.md names each one in backticks."""
    guide = (DOCS / "cli.md").read_text(encoding="utf-8")
    every = commands(cli)
    assert len(every) >= 24
    for path in every:
        assert 0 == run(*path, "--help").exit_code, path
        assert f"`{' '.join(path)}" in guide, path
