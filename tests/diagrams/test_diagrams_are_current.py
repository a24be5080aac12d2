"""The committed diagrams/ must be what the generator makes from today's workflows and template.

The .mmd and .dot files are compared as text. The SVGs are not compared byte for byte, because Graphviz lays out
differently from version to version; instead each SVG must carry the digest of the current .dot it was drawn from
(see bookmarks_flow.diagrams.svg), which needs no Graphviz here.
"""

from __future__ import annotations

from pathlib import Path

from bookmarks_flow.diagrams.generate import REFRESH_COMMAND, find_problems

PROJECT = Path(__file__).resolve().parents[2]


def test_committed_diagrams_match_the_workflows_and_the_template() -> None:
    problems = [f"{problem.path.as_posix()}: {problem.reason}" for problem in find_problems(PROJECT)]
    assert not problems, "diagrams/ is out of date; refresh it with `" + REFRESH_COMMAND + "`:\n" + "\n".join(problems)
