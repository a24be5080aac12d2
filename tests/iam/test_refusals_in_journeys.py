"""Each class of IAM refusal makes a journey fail locally as it would on AWS, and the real template passes.

AWS's evaluation rules: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
(explicit Deny wins; without an Allow the request is implicitly denied). SendTaskSuccess and SendTaskFailure
take no resource type (Service Authorization Reference, "Actions defined by AWS Step Functions":
https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html), so only
``Resource: "*"`` grants them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_tasks.services.decide_approval import Outcome
from tests.support.template_variants import template_variant
from tests.support.workflow import FunctionFailed, Workflow

FIXED_SEND_TASK = """            - Effect: Allow
              Action: [states:SendTaskSuccess, states:SendTaskFailure]
              Resource: "*"
"""
STATE_MACHINE_ARN = "!Sub " + json.dumps(
    "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${AWS::StackName}-submit-bookmark"
)
OLD_SEND_TASK = FIXED_SEND_TASK.replace('"*"', STATE_MACHINE_ARN)
STATE_MACHINE_TOPIC = """              Action: [sns:Publish]
              Resource: !Ref BookmarkEventsTopic
"""
STATE_MACHINE_TABLE = "Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem]\n" + (
    "              Resource: !GetAtt BookmarksTable.Arn"
)
LOG_DELIVERY_COMMENT = "            # IAM unexercised (logs:CreateLogDelivery,"


def _environment(directory: Path, replacements: list[tuple[str, str]]) -> Iterator[Workflow]:
    with LocalEnvironment(template_variant(directory, replacements), {"ApprovalTimeoutSeconds": "300"}) as env:
        yield Workflow(env)


@pytest.fixture
def old_send_task_policy(tmp_path: Path) -> Iterator[Workflow]:
    yield from _environment(tmp_path / "old-send-task", [(FIXED_SEND_TASK, OLD_SEND_TASK)])


def _failure_of_an_invalid_submission(workflow: Workflow) -> tuple[str, str]:
    """Submits an invalid link (its path publishes to the events topic) and returns the task failure it hit."""
    bookmark_id = workflow.submit("not a link")
    assert workflow.wait_until_finished(bookmark_id)["status"] == "FAILED"
    assert workflow.bookmark(bookmark_id)["status"] == "FAILED"
    failed = [e["taskFailedEventDetails"] for e in workflow.history(bookmark_id) if e["type"] == "TaskFailed"]
    return str(failed[0]["error"]), str(failed[0].get("cause", ""))


def test_a_decision_under_the_old_send_task_policy_is_refused_and_the_bookmark_stays_pending(
    old_send_task_policy: Workflow,
) -> None:
    workflow = old_send_task_policy
    bookmark_id = workflow.submit("https://example.com/old-policy")

    with pytest.raises(FunctionFailed) as refused:
        workflow.decide(bookmark_id, "APPROVED", manager="maria")

    message = refused.value.error["errorMessage"]
    assert "AccessDeniedException" in message
    assert "assumed-role/bookmarks-flow-DecideApprovalFunctionRole/" in message
    assert "is not authorized to perform: states:SendTaskSuccess on resource: *" in message
    assert workflow.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"
    assert workflow.sfn.describe_execution(executionArn=workflow.execution_arn(bookmark_id))["status"] == "RUNNING"
    # The claim on the decision was released: once the policy is fixed the manager can decide again.
    assert workflow.approval_for(bookmark_id)["status"] == "PENDING"  # type: ignore[index]


def test_a_decision_under_the_fixed_send_task_policy_approves_the_bookmark(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/fixed-policy")

    assert workflow.decide(bookmark_id, "APPROVED", manager="maria").outcome is Outcome.DECIDED

    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert workflow.bookmark(bookmark_id)["status"] == "APPROVED"


def test_a_resource_scoped_action_on_the_wrong_arn_is_refused(tmp_path: Path) -> None:
    wrong_topic = STATE_MACHINE_TOPIC.replace("BookmarkEventsTopic", "ApprovalRequestsTopic")
    for workflow in _environment(tmp_path / "wrong-arn", [(STATE_MACHINE_TOPIC, wrong_topic)]):
        error, cause = _failure_of_an_invalid_submission(workflow)

        assert error == "SNS.AuthorizationErrorException"
        assert "assumed-role/bookmarks-flow-SubmitBookmarkStateMachineRole/" in cause
        assert "is not authorized to perform: sns:Publish on resource: arn:aws:sns:us-east-1:123456789012:" in cause
        assert "because no identity-based policy allows the sns:Publish action" in cause


def test_a_missing_action_is_refused(tmp_path: Path) -> None:
    without_put = STATE_MACHINE_TABLE.replace("dynamodb:PutItem, ", "")
    for workflow in _environment(tmp_path / "missing-action", [(STATE_MACHINE_TABLE, without_put)]):
        error, cause = _failure_of_an_invalid_submission(workflow)

        assert error == "DynamoDB.AccessDeniedException"
        assert "is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:" in cause


def test_an_explicit_deny_wins_over_an_allow(tmp_path: Path) -> None:
    deny = (
        "            - Effect: Deny\n              Action: sns:Publish\n"
        "              Resource: !Ref BookmarkEventsTopic\n" + LOG_DELIVERY_COMMENT
    )
    for workflow in _environment(tmp_path / "explicit-deny", [(LOG_DELIVERY_COMMENT, deny)]):
        error, cause = _failure_of_an_invalid_submission(workflow)

        assert error == "SNS.AuthorizationErrorException"
        assert "with an explicit deny in an identity-based policy" in cause


def test_a_not_action_deny_refuses_every_action_it_does_not_list(tmp_path: Path) -> None:
    not_action = (
        "            - Effect: Deny\n"
        "              NotAction: [dynamodb:*, lambda:InvokeFunction, sqs:SendMessage, events:*, logs:*, xray:*]\n"
        '              Resource: "*"\n' + LOG_DELIVERY_COMMENT
    )
    for workflow in _environment(tmp_path / "not-action", [(LOG_DELIVERY_COMMENT, not_action)]):
        error, cause = _failure_of_an_invalid_submission(workflow)

        assert error == "SNS.AuthorizationErrorException"
        assert "sns:Publish" in cause
        assert "with an explicit deny" in cause
