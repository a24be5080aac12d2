"""The stack publishes the workflow as a version behind the alias `live`, and the API starts every execution
through the alias, so each execution records the version that ran it (what a gradual deployment shifts)."""

from __future__ import annotations

from tests.support.workflow import Workflow


def test_the_live_alias_routes_every_submission_to_the_published_version(workflow: Workflow) -> None:
    machine = workflow.env.stack.physical("SubmitBookmarkStateMachine")
    sfn = workflow.env.client("stepfunctions")

    alias = sfn.describe_state_machine_alias(stateMachineAliasArn=f"{machine}:live")

    assert alias["routingConfiguration"] == [{"stateMachineVersionArn": f"{machine}:1", "weight": 100}]


def test_a_submission_through_the_api_records_the_alias_and_the_version_that_ran_it(workflow: Workflow) -> None:
    machine = workflow.env.stack.physical("SubmitBookmarkStateMachine")

    answer = workflow.submit_through_api("https://example.com/versioned", idempotency_key="versioned")
    execution = workflow.env.client("stepfunctions").describe_execution(executionArn=answer["body"]["executionArn"])

    assert answer["statusCode"] == 202
    assert execution["stateMachineArn"] == machine
    assert execution["stateMachineAliasArn"] == f"{machine}:live"
    assert execution["stateMachineVersionArn"] == f"{machine}:1"
