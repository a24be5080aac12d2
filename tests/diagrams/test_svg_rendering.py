"""SVG through Graphviz: node ids survive, the source digest is stamped, a missing `dot` is explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookmarks_flow.diagrams.dot import render_dot
from bookmarks_flow.diagrams.svg import GraphvizMissingError, dot_to_svg, source_digest, stamped_digest
from bookmarks_flow.diagrams.workflow_graph import build_graph
from tests.support.system_programs import needs_graphviz

DOT = render_dot(build_graph({"StartAt": "Only", "States": {"Only": {"Type": "Pass", "End": True}}}))


@needs_graphviz
def test_state_ids_reach_the_svg() -> None:
    # Graphviz writes the hyphen as a character reference; a browser's getElementById sees "state-only".
    assert 'id="state&#45;only"' in dot_to_svg(DOT)


@needs_graphviz
def test_the_svg_is_stamped_with_the_digest_of_its_dot() -> None:
    assert stamped_digest(dot_to_svg(DOT)) == source_digest(DOT)


def test_an_svg_from_elsewhere_has_no_stamp() -> None:
    assert stamped_digest("<svg/>") is None


def test_a_missing_dot_program_says_how_to_install_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissingError, match="apt-get install graphviz"):
        dot_to_svg(DOT)
