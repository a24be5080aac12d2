"""The sfn_start_execution_parameters adapter: a Task ``arn:aws:states:::states:startExecution`` written as the
ASL writes it (``StateMachineArn``, ``Name``, ``Input``) starts the execution and answers ``ExecutionArn``,
as on AWS (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bookmarks_flow.local.moto_adapters import sfn_start_execution_parameters
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import finish, machine

PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}


def _starter(child_arn: str) -> dict[str, Any]:
    return {
        "StartAt": "Start",
        "States": {
            "Start": {
                "Type": "Task",
                "Resource": "arn:aws:states:::states:startExecution",
                "Parameters": {"StateMachineArn": child_arn, "Name": "child-1", "Input": {"from.$": "$.from"}},
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
                "End": True,
            },
            "Caught": {"Type": "Pass", "End": True},
        },
    }


def _run(sfn: Any) -> tuple[dict[str, Any], str]:
    child = machine(sfn, PASS, name="child")
    parent = machine(sfn, _starter(child), name="parent")
    execution = sfn.start_execution(stateMachineArn=parent, name="p", input=json.dumps({"from": "parent"}))
    return json.loads(finish(sfn, execution["executionArn"])["output"]), child


def test_upstream_still_hands_the_asl_parameter_names_to_boto3(sfn: Any) -> None:
    output, _ = _run(sfn)
    assert output["error"]["Error"] == "States.Runtime"
    assert "StateMachineArn" in output["error"]["Cause"]


def test_a_start_execution_task_starts_the_named_execution_with_its_input(
    sfn: Any, adapter: Callable[[Undo], None]
) -> None:
    adapter(sfn_start_execution_parameters.install())
    output, child = _run(sfn)
    [started] = sfn.list_executions(stateMachineArn=child)["executions"]
    assert started["name"] == "child-1"
    assert output["ExecutionArn"] == started["executionArn"]
    assert json.loads(sfn.describe_execution(executionArn=started["executionArn"])["input"]) == {"from": "parent"}


def test_a_second_start_of_a_closed_execution_is_caught_as_execution_already_exists(
    sfn: Any, adapter: Callable[[Undo], None]
) -> None:
    """The error name a Catch sees on AWS: StepFunctions.ExecutionAlreadyExistsException."""
    adapter(sfn_start_execution_parameters.install())
    _, child = _run(sfn)
    finish(sfn, sfn.list_executions(stateMachineArn=child)["executions"][0]["executionArn"])
    parent = machine(sfn, _starter(child), name="parent-again")
    execution = sfn.start_execution(stateMachineArn=parent, name="p2", input=json.dumps({"from": "parent"}))
    output = json.loads(finish(sfn, execution["executionArn"])["output"])
    assert output["error"]["Error"] == "StepFunctions.ExecutionAlreadyExistsException"
    assert len(sfn.list_executions(stateMachineArn=child)["executions"]) == 1
