"""The guides in ``docs/`` run as written, and their error tables name the library's errors.

Each slice documents itself beside the README, in ``docs/<slice>.md``: its rules, its figures,
a worked scene in ```python blocks (run here, in order, one namespace per guide, in an empty
working directory) and its errors in a table after a line ending
``in `sharemarket.domain.<slice>.errors`:`` (checked, with the README's tables, by
``tests/test_readme.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_readme import DOCS, POSTGRES_MARK, blocks

GUIDES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_guide_python_blocks_run(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__guide__"}
    for block in blocks("python", guide):
        if block.mark != POSTGRES_MARK:
            exec(block.compiled(), namespace)  # a block that raises fails the test
