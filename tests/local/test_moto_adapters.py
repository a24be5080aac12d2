"""Each adapter closes one gap of moto's engine. For each, one test shows the gap is still there upstream
(when moto fixes it, that test fails and the adapter can go) and one shows the adapter closes it."""

from __future__ import annotations

import inspect
import json
import time
from collections.abc import Callable
from typing import Any

import boto3
import jwt
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.awslambda.models import LambdaBackend
from moto.sns.models import Subscription
from moto.stepfunctions.parser.asl.utils import boto_client

from bookmarks_flow.local.environment import _import_engine_modules
from bookmarks_flow.local.mailbox import Mailbox
from bookmarks_flow.local.moto_adapters import (
    client_cache,
    context_start_time,
    email_capture,
    execution_names,
    id_token_attributes,
    jsonata,
    send_task_failure_cause,
    timed_out_task_tokens,
    unnamed_executions,
)
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import CALLBACK, finish, machine

PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}
START_TIME = {
    "StartAt": "P",
    "States": {"P": {"Type": "Pass", "Parameters": {"started.$": "$$.Execution.StartTime"}, "End": True}},
}
JSONATA = {
    "QueryLanguage": "JSONata",
    "StartAt": "P",
    "States": {"P": {"Type": "Pass", "Output": {"sum": "{% 1 + 2 %}"}, "End": True}},
}


def test_upstream_still_names_an_unnamed_execution_none(sfn: Any) -> None:
    arn = sfn.start_execution(stateMachineArn=machine(sfn, PASS))["executionArn"]
    assert arn.endswith(":None")


def test_unnamed_executions_get_a_generated_name(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(unnamed_executions.install())
    arn = machine(sfn, PASS)
    first = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    second = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert first != second
    assert not first.endswith(":None")


def _started_callback(sfn: Any, definition: dict[str, Any], queue_name: str) -> tuple[str, str]:
    """Starts a callback machine that sends its task token through a new SQS queue: (execution arn, token)."""
    sqs = boto3.client("sqs", region_name="us-east-1")
    queue = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    execution = sfn.start_execution(
        stateMachineArn=machine(sfn, definition, queue_name), name="e", input=json.dumps({"queue": queue})
    )
    for _ in range(200):
        messages = sqs.receive_message(QueueUrl=queue).get("Messages", [])
        if messages:
            break
        time.sleep(0.02)
    return str(execution["executionArn"]), str(json.loads(messages[0]["Body"])["token"])


def _rejected_cause(sfn: Any) -> str:
    execution_arn, token = _started_callback(sfn, CALLBACK, "q")
    sfn.send_task_failure(taskToken=token, error="Approval.Rejected", cause='{"comment":"no"}')
    output = json.loads(finish(sfn, execution_arn)["output"])
    return str(output["error"].get("Cause", ""))


# Times out after 1 s, then stays running for 3 s more: a late answer reaches a running execution.
_CALLBACK_WAIT: dict[str, Any] = dict(CALLBACK["States"]["Wait"])  # type: ignore[index]
TIMING_OUT = {
    "StartAt": "Wait",
    "States": {
        "Wait": {
            **_CALLBACK_WAIT,
            "TimeoutSeconds": 1,
            "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "Linger"}],
        },
        "Linger": {"Type": "Wait", "Seconds": 3, "End": True},
    },
}


def _late_answer(sfn: Any) -> str:
    """SendTaskSuccess on a token whose task timed out while the execution still runs: the error code, or ''."""
    execution_arn, token = _started_callback(sfn, TIMING_OUT, "late")
    for _ in range(200):
        events = sfn.get_execution_history(executionArn=execution_arn)["events"]
        if any(event["type"] == "TaskTimedOut" for event in events):
            break
        time.sleep(0.02)
    try:
        sfn.send_task_success(taskToken=token, output="{}")
    except sfn.exceptions.TaskTimedOut:
        return "TaskTimedOut"
    return ""


def test_upstream_still_accepts_an_answer_on_a_timed_out_token(sfn: Any) -> None:
    assert _late_answer(sfn) == ""


def test_an_answer_on_a_timed_out_token_is_refused_as_timed_out(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(timed_out_task_tokens.install())
    assert _late_answer(sfn) == "TaskTimedOut"


def test_upstream_still_drops_the_cause_of_send_task_failure(sfn: Any) -> None:
    assert "comment" not in _rejected_cause(sfn)


def test_send_task_failure_keeps_its_cause(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(send_task_failure_cause.install())
    assert _rejected_cause(sfn) == '{"comment":"no"}'


def test_upstream_still_puts_a_datetime_in_the_context_start_time(sfn: Any) -> None:
    execution = sfn.start_execution(stateMachineArn=machine(sfn, START_TIME), name="e")
    # The datetime cannot be serialised: describing the execution's output fails.
    with pytest.raises(TypeError, match="datetime is not JSON serializable"):
        finish(sfn, execution["executionArn"])


def test_the_context_start_time_is_an_iso_string(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(context_start_time.install())
    execution = sfn.start_execution(stateMachineArn=machine(sfn, START_TIME), name="e")
    started = json.loads(finish(sfn, execution["executionArn"])["output"])["started"]
    assert started.endswith("Z")
    assert started[:2] == "20"
    assert len(started) == len("2026-11-23T18:09:24.527Z")


def test_upstream_jsonata_is_still_a_stub(sfn: Any) -> None:
    execution = sfn.start_execution(stateMachineArn=machine(sfn, JSONATA), name="e")
    assert finish(sfn, execution["executionArn"])["status"] == "FAILED"


def test_jsonata_states_are_evaluated(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(jsonata.install())
    execution = sfn.start_execution(stateMachineArn=machine(sfn, JSONATA), name="e")
    assert json.loads(finish(sfn, execution["executionArn"])["output"]) == {"sum": 3}


def test_upstream_still_builds_a_new_client_for_every_task() -> None:
    with mock_aws():
        first = boto_client.boto_client_for(region="us-east-1", service="sqs")
        assert boto_client.boto_client_for(region="us-east-1", service="sqs") is not first


def test_the_engine_reuses_one_client_per_service(adapter: Callable[[Undo], None]) -> None:
    _import_engine_modules()
    adapter(client_cache.install())
    with mock_aws():
        from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_sqs

        first = state_task_service_sqs.boto_client_for(region="us-east-1", service="sqs")
        assert state_task_service_sqs.boto_client_for(region="us-east-1", service="sqs") is first


def test_upstream_lambda_invoke_keeps_the_signature_the_dispatch_replaces() -> None:
    parameters = list(inspect.signature(LambdaBackend.invoke).parameters)
    assert parameters == ["self", "function_name", "qualifier", "body", "headers", "response_headers"]


def test_upstream_email_subscriptions_still_deliver_nothing() -> None:
    assert "email" not in inspect.getsource(Subscription.publish)
    assert hasattr(Subscription, "_filter_policy_matcher") or "_filter_policy_matcher" in inspect.getsource(
        Subscription.__init__
    )


def test_email_subscriptions_deliver_to_the_mailbox_after_their_filter(adapter: Callable[[Undo], None]) -> None:
    mailbox = Mailbox()
    adapter(email_capture.install(mailbox))
    with mock_aws():
        sns = boto3.client("sns", region_name="us-east-1")
        topic = sns.create_topic(Name="t")["TopicArn"]
        policy = json.dumps({"eventType": ["WANTED"]})
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="a@example.com", Attributes={"FilterPolicy": policy})
        for event_type in ("WANTED", "OTHER"):
            attributes = {"eventType": {"DataType": "String", "StringValue": event_type}}
            sns.publish(TopicArn=topic, Subject="Hi", Message="see https://x.test/a", MessageAttributes=attributes)
    [message] = mailbox.messages()
    assert (message.to, message.subject, message.links) == ("a@example.com", "Hi", ["https://x.test/a"])


def test_upstream_engine_still_accepts_names_aws_refuses(sfn: Any) -> None:
    arn = sfn.start_execution(stateMachineArn=machine(sfn, PASS), name="has space")["executionArn"]
    assert arn.endswith(":has space")


def test_execution_names_are_checked_as_aws_does(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(execution_names.install())
    arn = machine(sfn, PASS)
    for name in ("has space", "a/b", "x" * 81):
        with pytest.raises(ClientError) as raised:
            sfn.start_execution(stateMachineArn=arn, name=name)
        assert raised.value.response["Error"]["Code"] in ("InvalidName", "ValidationException")
    assert sfn.start_execution(stateMachineArn=arn, name="ok-name_1")["executionArn"].endswith(":ok-name_1")


def test_the_engine_calls_backends_in_process_never_over_the_loopback_port(tmp_path: Any) -> None:
    """moto's engine sends integration calls to localhost:$MOTO_PORT unless its in-process stubber is on; the
    local environment keeps it on, so the engine needs no loop-back port at all."""
    from bookmarks_flow.local.environment import LocalEnvironment
    from tests.conftest import PROJECT_DIR

    with LocalEnvironment(PROJECT_DIR):
        client = boto_client.boto_client_for(region="us-east-1", service="dynamodb")
        assert "localhost" not in client.meta.endpoint_url
        assert client.meta.endpoint_url.startswith("https://dynamodb.us-east-1.amazonaws.com")


def _id_token_claims() -> dict[str, Any]:
    """Signs alice in through a client without ReadAttributes, as template.yaml's UserPoolClient is."""
    cognito = boto3.client("cognito-idp", region_name="us-east-1")
    pool = cognito.create_user_pool(PoolName="p")["UserPool"]["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool, ClientName="c")["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(
        UserPoolId=pool,
        Username="alice",
        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}, {"Name": "email_verified", "Value": "true"}],
        MessageAction="SUPPRESS",
    )
    cognito.admin_set_user_password(UserPoolId=pool, Username="alice", Password="Alice-password-1", Permanent=True)
    result = cognito.initiate_auth(
        ClientId=client,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": "Alice-password-1"},
    )
    claims: dict[str, Any] = jwt.decode(result["AuthenticationResult"]["IdToken"], options={"verify_signature": False})
    return claims


def test_upstream_still_leaves_the_email_out_of_the_id_token() -> None:
    with mock_aws():
        assert "email" not in _id_token_claims()


def test_the_id_token_carries_the_standard_attributes(adapter: Callable[[Undo], None]) -> None:
    adapter(id_token_attributes.install())
    with mock_aws():
        claims = _id_token_claims()
    assert claims["email"] == "alice@example.com"
    assert claims["email_verified"] == "true"
