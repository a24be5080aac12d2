"""The graph model that every workflow diagram is drawn from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.diagrams.workflow_graph import (
    END_ID,
    START_ID,
    EdgeKind,
    GroupKind,
    NodeKind,
    WorkflowGraph,
    build_graph,
)

SUBMIT_BOOKMARK = Path(__file__).resolve().parents[2] / "workflows" / "submit_bookmark.asl.json"

NESTED: dict[str, Any] = {
    "StartAt": "Fetch Pages",
    "States": {
        "Fetch Pages": {
            "Type": "Map",
            "ItemsPath": "$.urls",
            "MaxConcurrency": 4,
            "ItemProcessor": {
                "StartAt": "Fetch",
                "States": {
                    "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Keep"},
                    "Keep": {"Type": "Pass", "End": True},
                },
            },
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Fan Out",
        },
        "Fan Out": {
            "Type": "Parallel",
            "Branches": [
                {
                    "StartAt": "Store",
                    "States": {"Store": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": True}},
                },
                {
                    "StartAt": "Announce",
                    "States": {"Announce": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": True}},
                },
            ],
            "End": True,
        },
        "Failed": {"Type": "Fail", "Error": "Pages.Unavailable"},
    },
}


@pytest.fixture(scope="module")
def submit_bookmark() -> WorkflowGraph:
    return build_graph(json.loads(SUBMIT_BOOKMARK.read_text(encoding="utf-8")))


def _edges(graph: WorkflowGraph, source: str, kind: EdgeKind) -> dict[str, str]:
    """Target state name → label of the edges of one kind leaving a state."""
    node = graph.node_for_state(source)
    return {
        graph.node(edge.target).name: edge.label for edge in graph.edges if edge.source == node.id and edge.kind is kind
    }


def test_the_start_marker_leads_to_the_start_at_state(submit_bookmark: WorkflowGraph) -> None:
    (first,) = [edge for edge in submit_bookmark.edges if edge.source == START_ID]
    assert submit_bookmark.node(first.target).name == "Validate Submission"


def test_succeed_and_fail_states_end_the_workflow_without_an_end_marker(submit_bookmark: WorkflowGraph) -> None:
    kinds = {node.kind for node in submit_bookmark.nodes}
    assert {NodeKind.SUCCEED, NodeKind.FAIL} <= kinds
    assert END_ID not in {node.id for node in submit_bookmark.nodes}


def test_states_that_end_with_end_true_lead_to_the_end_marker() -> None:
    graph = build_graph({"StartAt": "Only", "States": {"Only": {"Type": "Pass", "End": True}}})
    assert [(edge.source, edge.target) for edge in graph.edges] == [(START_ID, "state-only"), ("state-only", END_ID)]


def test_choice_branches_are_labelled_with_their_conditions(submit_bookmark: WorkflowGraph) -> None:
    assert _edges(submit_bookmark, "Is The Submission Valid?", EdgeKind.CHOICE) == {
        "Claim The URL": "$.validation.valid == true"
    }


def test_the_choice_default_is_its_own_kind_of_edge_labelled_default(submit_bookmark: WorkflowGraph) -> None:
    assert _edges(submit_bookmark, "Is The Submission Valid?", EdgeKind.DEFAULT) == {
        "Record The Invalid Submission": "Default"
    }


def test_catch_edges_are_labelled_with_their_errors(submit_bookmark: WorkflowGraph) -> None:
    assert _edges(submit_bookmark, "Ask A Manager", EdgeKind.CATCH) == {
        "Read The Rejection": "Approval.Rejected",
        "Which Deadline Passed?": "States.Timeout",
        "Record The Failure": "States.ALL",
    }


def test_catch_edges_are_kept_apart_from_the_normal_transition(submit_bookmark: WorkflowGraph) -> None:
    assert _edges(submit_bookmark, "Claim The URL", EdgeKind.NORMAL) == {"Record The Pending Bookmark": ""}


def test_a_catch_edge_carries_each_error_it_catches() -> None:
    graph = build_graph(
        {
            "StartAt": "Call",
            "States": {
                "Call": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "End": True,
                    "Catch": [{"ErrorEquals": ["A.Error", "B.Error"], "Next": "Handle"}],
                },
                "Handle": {"Type": "Succeed"},
            },
        }
    )
    (catch,) = [edge for edge in graph.edges if edge.kind is EdgeKind.CATCH]
    assert (catch.errors, catch.label) == (("A.Error", "B.Error"), "A.Error, B.Error")


def test_retry_is_shown_as_the_most_attempts_of_its_retriers(submit_bookmark: WorkflowGraph) -> None:
    assert submit_bookmark.node_for_state("Validate Submission").retry_label == "retry \N{MULTIPLICATION SIGN}3"


def test_a_retrier_without_max_attempts_counts_as_three() -> None:
    graph = build_graph(
        {
            "StartAt": "Call",
            "States": {
                "Call": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sns:publish",
                    "End": True,
                    "Retry": [{"ErrorEquals": ["States.ALL"]}],
                }
            },
        }
    )
    assert graph.node_for_state("Call").max_retries == 3


def test_a_state_without_retry_has_no_retry_label(submit_bookmark: WorkflowGraph) -> None:
    assert submit_bookmark.node_for_state("Read The Rejection").retry_label is None


def test_wait_for_task_token_states_wait_for_a_person(submit_bookmark: WorkflowGraph) -> None:
    waiting = [node.name for node in submit_bookmark.nodes if node.waits_for_person]
    assert waiting == ["Ask A Manager"]


def test_direct_integrations_are_named_by_service_and_action(submit_bookmark: WorkflowGraph) -> None:
    labels = {
        name: node.integration.label
        for name in ("Validate Submission", "Claim The URL", "Notify The Subscribers", "Announce The Approval")
        if (node := submit_bookmark.node_for_state(name)).integration
    }
    assert labels == {
        "Validate Submission": "Lambda invoke",
        "Claim The URL": "DynamoDB putItem",
        "Notify The Subscribers": "SNS publish",
        "Announce The Approval": "EventBridge putEvents",
    }


def test_a_timeout_read_from_the_input_is_shown_on_the_state(submit_bookmark: WorkflowGraph) -> None:
    assert submit_bookmark.node_for_state("Ask A Manager").timeout == "timeout from $.approvalWait.step.waitSeconds"


def test_node_ids_are_slugs_of_the_state_names(submit_bookmark: WorkflowGraph) -> None:
    assert submit_bookmark.node_for_state("Was It Approved?").id == "state-was-it-approved"


def test_state_names_with_the_same_slug_get_distinct_ids() -> None:
    graph = build_graph(
        {"StartAt": "Go On", "States": {"Go On": {"Type": "Pass", "Next": "Go-On"}, "Go-On": {"Type": "Succeed"}}}
    )
    assert [graph.node_for_state(name).id for name in ("Go On", "Go-On")] == ["state-go-on", "state-go-on-2"]


def test_an_unknown_state_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="Sleep"):
        build_graph({"StartAt": "Nap", "States": {"Nap": {"Type": "Sleep", "End": True}}})


def test_a_map_state_is_a_group_around_its_item_processor() -> None:
    graph = build_graph(NESTED)
    (box,) = [group for group in graph.groups if group.kind is GroupKind.MAP]
    members = {node.name for node in graph.members(box.id) if node.is_state}
    assert (members, box.label) == ({"Fetch Pages", "Fetch", "Keep"}, "Map · each item of $.urls, at most 4 at once")


def test_the_map_state_leads_into_its_item_processor() -> None:
    graph = build_graph(NESTED)
    (branch,) = [edge for edge in graph.edges if edge.kind is EdgeKind.BRANCH and edge.source == "state-fetch-pages"]
    assert graph.node(branch.target).name == "Fetch"


def test_a_map_is_left_from_the_join_its_work_flows_into() -> None:
    graph = build_graph(NESTED)
    join = next(node for node in graph.nodes if node.kind is NodeKind.JOIN and node.group == "group-fetch-pages")
    into = {graph.node(edge.source).name for edge in graph.edges if edge.target == join.id}
    out_of = {(graph.node(edge.target).name, edge.kind) for edge in graph.edges if edge.source == join.id}
    assert into == {"Keep"}
    assert out_of == {("Fan Out", EdgeKind.NORMAL), ("Failed", EdgeKind.CATCH)}


def test_parallel_branches_are_groups_nested_in_the_parallel_group() -> None:
    graph = build_graph(NESTED)
    lanes = [group for group in graph.groups if group.kind is GroupKind.BRANCH]
    assert [(lane.parent, lane.label) for lane in lanes] == [
        ("group-fan-out", "Branch 1"),
        ("group-fan-out", "Branch 2"),
    ]
    assert [[node.name for node in graph.members(lane.id)] for lane in lanes] == [["Store"], ["Announce"]]


def test_every_parallel_branch_starts_from_the_parallel_state() -> None:
    graph = build_graph(NESTED)
    starts = [graph.node(edge.target).name for edge in graph.edges if edge.source == "state-fan-out"]
    assert starts == ["Store", "Announce"]


def test_nested_states_are_found_by_name() -> None:
    assert build_graph(NESTED).node_for_state("Announce").group == "group-fan-out-branch-2"
