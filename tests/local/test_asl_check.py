"""The ASL check catches what cfn-lint cannot see behind DefinitionUri."""

from __future__ import annotations

import json
from pathlib import Path

from bookmarks_flow.asl_check import main, problems_in, state_machine_sources

PROJECT_DIR = Path(__file__).resolve().parents[2]
TEMPLATE = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: machine.asl.json
      DefinitionSubstitutions:
        TopicArn: arn
"""


def write_project(tmp_path: Path, definition: dict[str, object]) -> Path:
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    (tmp_path / "machine.asl.json").write_text(json.dumps(definition))
    return tmp_path / "template.yaml"


def publish(topic: str) -> dict[str, object]:
    return {
        "StartAt": "Publish",
        "States": {
            "Publish": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": topic, "Message": "hi"},
                "End": True,
            }
        },
    }


def test_the_projects_workflows_pass_the_check() -> None:
    assert main([str(PROJECT_DIR / "template.yaml")]) == 0


def test_a_placeholder_without_a_substitution_is_reported(tmp_path: Path) -> None:
    [source] = state_machine_sources(write_project(tmp_path, publish("${OtherTopicArn}")))
    problems = problems_in(source)
    assert any("OtherTopicArn" in problem for problem in problems)
    assert any("never uses: TopicArn" in problem for problem in problems)


def test_a_definition_outside_the_asl_schema_is_reported(tmp_path: Path) -> None:
    definition = publish("${TopicArn}")
    definition["States"]["Publish"]["Type"] = "Teleport"  # type: ignore[index]
    [source] = state_machine_sources(write_project(tmp_path, definition))
    assert problems_in(source)


def test_a_matching_definition_has_no_problems(tmp_path: Path) -> None:
    [source] = state_machine_sources(write_project(tmp_path, publish("${TopicArn}")))
    assert problems_in(source) == []
