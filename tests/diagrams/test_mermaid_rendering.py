"""The Mermaid chart: text that GitHub can parse, with edges told apart."""

from __future__ import annotations

from bookmarks_flow.diagrams.mermaid import render_mermaid
from bookmarks_flow.diagrams.workflow_graph import build_graph


def test_quotes_in_conditions_are_escaped_for_mermaid() -> None:
    graph = build_graph(
        {
            "StartAt": "Which?",
            "States": {
                "Which?": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.d", "StringEquals": "A", "Next": "End Here"}],
                    "Default": "End Here",
                },
                "End Here": {"Type": "Succeed"},
            },
        }
    )
    assert '-->|"$.d == #quot;A#quot;"| state_end_here' in render_mermaid(graph)


def test_catch_edges_are_dotted_and_styled_apart() -> None:
    graph = build_graph(
        {
            "StartAt": "Try",
            "States": {
                "Try": {"Type": "Pass", "Next": "Ok"},
                "Ok": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sns:publish",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}],
                    "End": True,
                },
                "Oops": {"Type": "Fail"},
            },
        }
    )
    chart = render_mermaid(graph)
    assert 'state_ok -.->|"States.ALL"| state_oops' in chart
    assert "linkStyle 2 stroke:#dc2626" in chart


def test_class_names_never_use_mermaid_keywords() -> None:
    chart = render_mermaid(build_graph({"StartAt": "Only", "States": {"Only": {"Type": "Pass", "End": True}}}))
    assert "classDef kind_end " in chart
    assert "classDef end " not in chart


def test_map_groups_become_subgraphs() -> None:
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
    assert 'subgraph group_each["Map · each item of $"]' in render_mermaid(graph)
