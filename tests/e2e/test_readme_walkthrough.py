"""The README's walkthrough, executed as written against a fresh local stack, so it cannot drift."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.stack_process import PROJECT_DIR, RunningStack, running_stack

BLOCK = re.compile(r"<!-- walkthrough:start -->\s*```bash\n(?P<commands>.*?)```\s*<!-- walkthrough:end -->", re.DOTALL)


@pytest.fixture(scope="module")
def fresh_stack() -> Iterator[RunningStack]:
    with running_stack() as running:
        yield running


def walkthrough() -> list[str]:
    match = BLOCK.search((PROJECT_DIR / "README.md").read_text(encoding="utf-8"))
    assert match, "README.md has no walkthrough block"
    return [line for line in match["commands"].splitlines() if line.strip()]


def test_the_readme_walkthrough_works_as_written(fresh_stack: RunningStack) -> None:
    environment = {**os.environ, "BOOKMARKS_API_URL": fresh_stack.api, "COLUMNS": "200"}
    outputs = []
    for command in walkthrough():
        result = subprocess.run(
            shlex.split(command), cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)

    submitted, approvers_mail, decided, listed, team_mail = outputs
    assert "PENDING_APPROVAL" in submitted
    assert "/approvals/" in approvers_mail
    assert "approved" in decided
    assert "Python documentation" in listed
    assert "New bookmark: Python documentation" in team_mail
