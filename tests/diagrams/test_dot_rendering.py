"""The DOT source: ids a page can find, highlights, and how edges are told apart."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bookmarks_flow.diagrams.dot import render_dot
from bookmarks_flow.diagrams.workflow_graph import WorkflowGraph, build_graph

DEFINITION: dict[str, Any] = {
    "StartAt": "Save",
    "States": {
        "Save": {
            "Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:putItem",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Record Failure"}],
            "Next": "Approved?",
        },
        "Approved?": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Done"}],
            "Default": "Record Failure",
        },
        "Record Failure": {"Type": "Fail"},
        "Done": {"Type": "Succeed"},
    },
}


@pytest.fixture
def graph() -> WorkflowGraph:
    return build_graph(DEFINITION)


def _node_line(dot: str, node_id: str) -> str:
    return next(line for line in dot.splitlines() if line.strip().startswith(f'"{node_id}" ['))


def _edge_line(dot: str, source: str, target: str, kind: str) -> str:
    return next(line for line in dot.splitlines() if f'"{source}" -> "{target}"' in line and f"edge-{kind}" in line)


def test_every_state_gets_an_svg_id_from_its_name(graph: WorkflowGraph) -> None:
    ids = re.findall(r'\bid="(state-[^"]+)"', render_dot(graph))
    assert ids == ["state-save", "state-approved", "state-record-failure", "state-done"]


def test_a_highlighted_state_is_filled_with_its_status_colour(graph: WorkflowGraph) -> None:
    line = _node_line(render_dot(graph, {"Save": "failed"}), "state-save")
    assert 'fillcolor="#fecaca"' in line
    assert "status-failed" in line


def test_without_highlights_the_legend_has_no_statuses(graph: WorkflowGraph) -> None:
    assert "not reached" not in render_dot(graph)


def test_highlights_add_the_statuses_to_the_legend(graph: WorkflowGraph) -> None:
    assert "not reached" in render_dot(graph, {"Save": "running"})


def test_an_unknown_status_is_rejected(graph: WorkflowGraph) -> None:
    with pytest.raises(ValueError, match="exploded"):
        render_dot(graph, {"Save": "exploded"})


def test_a_highlight_for_a_state_not_in_the_workflow_is_rejected(graph: WorkflowGraph) -> None:
    with pytest.raises(KeyError, match="Nowhere"):
        render_dot(graph, {"Nowhere": "succeeded"})


def test_catch_edges_are_dashed_in_their_own_colour(graph: WorkflowGraph) -> None:
    line = _edge_line(render_dot(graph), "state-save", "state-record-failure", "catch")
    assert 'style="dashed"' in line
    assert 'color="#dc2626' in line


def test_a_catch_all_into_a_state_reached_otherwise_does_not_pull_the_layout(graph: WorkflowGraph) -> None:
    line = _edge_line(render_dot(graph), "state-save", "state-record-failure", "catch")
    assert "weight=0" in line


def test_choice_edges_carry_their_condition(graph: WorkflowGraph) -> None:
    line = _edge_line(render_dot(graph), "state-approved", "state-done", "choice")
    assert "label=<$.ok == true>" in line


def test_map_and_parallel_groups_become_clusters() -> None:
    graph = build_graph(
        {
            "StartAt": "Each",
            "States": {
                "Each": {
                    "Type": "Map",
                    "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": True}}},
                    "End": True,
                }
            },
        }
    )
    assert 'subgraph "cluster_group-each" {' in render_dot(graph)
