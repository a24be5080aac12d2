"""Writing diagrams/ and checking it, on a small project of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bookmarks_flow.diagrams.generate import REFRESH_COMMAND, find_problems, main
from tests.support.system_programs import needs_graphviz

pytestmark = needs_graphviz

WORKFLOW = {"StartAt": "Only", "States": {"Only": {"Type": "Pass", "End": True}}}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "workflows").mkdir()
    (tmp_path / "workflows" / "tiny.asl.json").write_text(json.dumps(WORKFLOW), encoding="utf-8")
    return tmp_path


def test_check_lists_missing_diagrams_and_names_the_refresh_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--check", "--root", str(project)]) == 1
    errors = capsys.readouterr().err
    assert "diagrams/tiny.mmd: missing" in errors
    assert REFRESH_COMMAND in errors


def test_after_writing_the_check_passes(project: Path) -> None:
    assert main(["--root", str(project)]) == 0
    assert sorted(path.name for path in (project / "diagrams").iterdir()) == ["tiny.dot", "tiny.mmd", "tiny.svg"]
    assert main(["--check", "--root", str(project)]) == 0


def test_an_svg_drawn_from_another_dot_is_out_of_date(project: Path) -> None:
    main(["--root", str(project)])
    svg = project / "diagrams" / "tiny.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("source-sha256: ", "source-sha256: 0"), encoding="utf-8")
    assert [(problem.path.name, problem.reason) for problem in find_problems(project)] == [
        ("tiny.svg", "drawn from another version of the DOT")
    ]


def test_a_changed_workflow_makes_its_diagrams_out_of_date(project: Path) -> None:
    main(["--root", str(project)])
    changed = {"StartAt": "Renamed", "States": {"Renamed": {"Type": "Pass", "End": True}}}
    (project / "workflows" / "tiny.asl.json").write_text(json.dumps(changed), encoding="utf-8")
    assert {problem.path.name for problem in find_problems(project)} == {"tiny.mmd", "tiny.dot", "tiny.svg"}


def test_diagrams_of_a_removed_workflow_are_reported_and_then_removed(project: Path) -> None:
    main(["--root", str(project)])
    (project / "workflows" / "tiny.asl.json").rename(project / "workflows" / "small.asl.json")
    assert ("tiny.mmd", "no longer generated") in {(p.path.name, p.reason) for p in find_problems(project)}
    main(["--root", str(project)])
    assert sorted(path.name for path in (project / "diagrams").iterdir()) == ["small.dot", "small.mmd", "small.svg"]


def test_the_readme_embeds_the_workflow_mermaid_and_a_stale_embedding_is_reported(project: Path) -> None:
    readme = project / "README.md"
    readme.write_text("Intro\n<!-- diagram:tiny:start -->\nold\n<!-- diagram:tiny:end -->\nOutro\n", encoding="utf-8")
    assert main(["--root", str(project)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert "```mermaid\n" in text
    assert (project / "diagrams" / "tiny.mmd").read_text(encoding="utf-8") in text
    assert text.startswith("Intro\n")
    assert text.endswith("Outro\n")

    readme.write_text(text.replace("flowchart", "graph"), encoding="utf-8")

    assert [problem.path.name for problem in find_problems(project)] == ["README.md"]
