"""The stack's alarms, evaluated on the local stack from the metrics AWS services would publish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from bookmarks_flow.local.cloudwatch.alarm_evaluator import AlarmEvaluator, new_state
from bookmarks_flow.local.environment import LocalEnvironment
from tests.support.workflow import Workflow

OPERATORS = "operators@example.com"


def _alarm_states(environment: LocalEnvironment) -> dict[str, str]:
    alarms = environment.client("cloudwatch").describe_alarms()["MetricAlarms"]
    logical = {environment.stack.physical(r.logical_id): r.logical_id for r in environment.stack.resources.values()}
    return {logical[alarm["AlarmName"]]: alarm["StateValue"] for alarm in alarms}


def _evaluate(environment: LocalEnvironment, later_by_seconds: float = 0) -> dict[str, str]:
    AlarmEvaluator(environment.metrics).evaluate_once(datetime.now(UTC) + timedelta(seconds=later_by_seconds))
    return _alarm_states(environment)


def _raised(states: dict[str, str]) -> set[str]:
    return {name for name, state in states.items() if state == "ALARM"}


def test_a_failed_submission_raises_the_failed_execution_and_dead_letter_alarms(workflow: Workflow) -> None:
    """The approvers' topic is gone: the approval function fails, then the execution, and a dead letter waits."""
    workflow.env.client("sns").delete_topic(TopicArn=workflow.env.stack.physical("ApprovalRequestsTopic"))
    bookmark_id = workflow.submit("https://example.com/broken")
    assert workflow.wait_until_finished(bookmark_id)["status"] == "FAILED"

    states = _evaluate(workflow.env)

    raised = {"FailedExecutionsAlarm", "FailedSubmissionsAlarm", "RequestApprovalFunctionErrorsAlarm"}
    assert _raised(states) == raised
    # The failed execution also reaches the operators through the FailedExecutionsRule, as a message without a
    # subject (tests/workflow/test_lifecycle_events.py); the alarms are the messages with one.
    subjects = sorted(message.subject for message in workflow.mail_to(OPERATORS) if message.subject)
    assert subjects == sorted(f'ALARM: "bookmarks-flow-{name}" in us-east-1' for name in raised)


def test_an_alarm_goes_back_to_ok_and_says_so_once_the_dead_letter_is_handled(workflow: Workflow) -> None:
    workflow.env.client("sns").delete_topic(TopicArn=workflow.env.stack.physical("ApprovalRequestsTopic"))
    workflow.wait_until_finished(workflow.submit("https://example.com/broken"))
    assert "FailedSubmissionsAlarm" in _raised(_evaluate(workflow.env))
    sqs = workflow.env.client("sqs")
    for message in workflow.queue_messages("FailedSubmissionsQueue"):
        sqs.delete_message(
            QueueUrl=workflow.env.stack.physical("FailedSubmissionsQueue"), ReceiptHandle=message["ReceiptHandle"]
        )

    states = _evaluate(workflow.env, later_by_seconds=61)  # past the minute whose maximum was 1

    assert states["FailedSubmissionsAlarm"] == "OK"
    subjects = [message.subject for message in workflow.mail_to(OPERATORS)]
    assert 'OK: "bookmarks-flow-FailedSubmissionsAlarm" in us-east-1' in subjects


def test_an_approved_submission_raises_no_alarm(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/fine")
    workflow.wait_for_approval_request(bookmark_id)
    workflow.decide(bookmark_id, "APPROVED")
    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"

    states = _evaluate(workflow.env)

    assert _raised(states) == set()
    assert workflow.mail_to(OPERATORS) == []


def test_a_throttled_function_raises_its_throttles_alarm_and_not_its_errors_alarm(workflow: Workflow) -> None:
    workflow.env.runtime.inject_service_fault(
        "bookmarks-flow-ValidateSubmissionFunction", code="TooManyRequestsException", times=2
    )
    workflow.wait_for_approval_request(workflow.submit("https://example.com/busy"))

    states = _evaluate(workflow.env)

    assert _raised(states) == {"ValidateSubmissionFunctionThrottlesAlarm"}


def test_a_function_error_raises_that_functions_errors_alarm(workflow: Workflow) -> None:
    """Without its link secret, the approval function cannot sign links and fails (then the workflow does)."""
    workflow.env.client("secretsmanager").delete_secret(
        SecretId=workflow.env.stack.physical("ApprovalLinkSecret"), ForceDeleteWithoutRecovery=True
    )
    workflow.wait_until_finished(workflow.submit("https://example.com/unsigned"))

    states = _evaluate(workflow.env)

    assert "RequestApprovalFunctionErrorsAlarm" in _raised(states)
    assert "ValidateSubmissionFunctionErrorsAlarm" not in _raised(states)


def test_every_function_of_the_template_has_an_errors_and_a_throttles_alarm(environment: LocalEnvironment) -> None:
    watched = {
        (dimension["Value"], alarm["MetricName"])
        for alarm in environment.client("cloudwatch").describe_alarms()["MetricAlarms"]
        if alarm["Namespace"] == "AWS/Lambda"
        for dimension in alarm["Dimensions"]
    }

    for function in environment.runtime.functions:
        assert {(function.name, "Errors"), (function.name, "Throttles")} <= watched


def test_every_alarm_watches_a_metric_that_names_a_resource_of_the_stack(environment: LocalEnvironment) -> None:
    """A misspelt dimension would leave an alarm that can never fire, on AWS as here."""
    stack = environment.stack
    queues = {r.attributes["QueueName"] for r in stack.resources.values() if r.type == "AWS::SQS::Queue"}
    known = {
        "FunctionName": {function.name for function in environment.runtime.functions},
        "QueueName": queues,
        "StateMachineArn": {stack.physical("SubmitBookmarkStateMachine")},
        "ApiName": {stack.resources["BookmarksApi"].properties["Name"]},
        "Stage": {"api"},
        # powertools' Metrics names the service (POWERTOOLS_SERVICE_NAME) in its embedded metrics.
        "service": {function.environment.get("POWERTOOLS_SERVICE_NAME") for function in environment.runtime.functions},
    }

    for alarm in environment.client("cloudwatch").describe_alarms()["MetricAlarms"]:
        for dimension in alarm["Dimensions"]:
            assert dimension["Value"] in known[dimension["Name"]], alarm["AlarmName"]


def _alarm(treat_missing_data: str = "notBreaching", state: str = "INSUFFICIENT_DATA") -> Any:
    return SimpleNamespace(
        comparison_operator="GreaterThanOrEqualToThreshold",
        threshold=1.0,
        treat_missing_data=treat_missing_data,
        state_value=state,
    )


@pytest.mark.parametrize(
    ("values", "treat_missing_data", "expected"),
    [
        ([2.0], "notBreaching", "ALARM"),
        ([0.0], "notBreaching", "OK"),
        ([None], "notBreaching", "OK"),
        ([None], "breaching", "ALARM"),
        ([None], "missing", "INSUFFICIENT_DATA"),
        ([None], "ignore", None),
        ([3.0, 0.0], "notBreaching", "OK"),
        ([3.0, None], "missing", "ALARM"),
    ],
)
def test_an_alarm_judges_its_periods_as_cloudwatch_does(
    values: list[float | None], treat_missing_data: str, expected: str | None
) -> None:
    change = new_state(_alarm(treat_missing_data), values)

    assert (change[0] if change else None) == expected
