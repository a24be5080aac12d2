"""AWS limits the local stack enforces where moto does not (src/bookmarks_flow/local/moto_adapters/service_limits).

For each: over the limit is refused with AWS's error, at the limit passes, and stock moto still lets it
through (if that test fails, moto enforces the limit itself and the adapter can go).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from bookmarks_flow.local.environment import MOTO_CONFIG, LocalEnvironment, _import_engine_modules
from bookmarks_flow.local.moto_adapters.patching import Undo
from bookmarks_flow.local.moto_adapters.service_limits import sns, sqs, stepfunctions
from bookmarks_flow.local.moto_adapters.service_limits.sns import subject_problem
from tests.support.workflow import wait_for

KIB_256 = 262_144
PASS_MACHINE = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
ROLE = "arn:aws:iam::123456789012:role/machine"
LAMBDA_CODE = Path(__file__).resolve().parents[1] / "support" / "lambda_code"


@pytest.fixture
def aws() -> Iterator[Callable[[str], Any]]:
    with mock_aws(config=MOTO_CONFIG):
        _import_engine_modules()
        yield lambda service: boto3.client(service, region_name="us-east-1")  # type: ignore[call-overload]


def error_code(call: Callable[[], Any]) -> str:
    with pytest.raises(ClientError) as raised:
        call()
    return str(raised.value.response["Error"]["Code"])


# ------------------------------------------------------------------ SNS


@pytest.fixture
def topic(aws: Callable[[str], Any]) -> str:
    return str(aws("sns").create_topic(Name="limits")["TopicArn"])


@pytest.mark.parametrize(
    "subject",
    [
        "Approval needed: two\nlines",
        "tab\there",
        "x" * 100,
        "Approval needed: caf\u00e9",
        " leading space",
        "bell\u0007",
    ],
)
def test_an_sns_subject_that_breaks_the_rules_is_refused_as_invalid_parameter(
    aws: Callable[[str], Any], topic: str, adapter: Callable[[Undo], None], subject: str
) -> None:
    adapter(sns.install())
    assert error_code(lambda: aws("sns").publish(TopicArn=topic, Message="m", Subject=subject)) == "InvalidParameter"


def test_an_sns_subject_of_99_ascii_characters_is_accepted(
    aws: Callable[[str], Any], topic: str, adapter: Callable[[Undo], None]
) -> None:
    adapter(sns.install())
    assert aws("sns").publish(TopicArn=topic, Message="m", Subject="(" + "x" * 98)["MessageId"]


def test_an_sns_message_over_256_kib_in_bytes_is_refused(
    aws: Callable[[str], Any], topic: str, adapter: Callable[[Undo], None]
) -> None:
    adapter(sns.install())
    message = "\u00e9" * (KIB_256 // 2 + 1)  # fewer characters than the limit, more bytes
    assert error_code(lambda: aws("sns").publish(TopicArn=topic, Message=message)) == "InvalidParameter"


def test_stock_moto_accepts_what_sns_refuses(aws: Callable[[str], Any], topic: str) -> None:
    client = aws("sns")
    assert client.publish(TopicArn=topic, Message="m", Subject="two\nlines")["MessageId"]
    assert client.publish(TopicArn=topic, Message="m", Subject="x" * 100)["MessageId"]
    assert client.publish(TopicArn=topic, Message="\u00e9" * (KIB_256 // 2 + 1))["MessageId"]


# ------------------------------------------------------------------ SQS


@pytest.fixture
def queue(aws: Callable[[str], Any]) -> str:
    return str(aws("sqs").create_queue(QueueName="limits")["QueueUrl"])


def test_an_sqs_message_over_256_kib_in_bytes_is_refused(
    aws: Callable[[str], Any], queue: str, adapter: Callable[[Undo], None]
) -> None:
    adapter(sqs.install())
    body = "\u00e9" * (KIB_256 // 2 + 1)
    assert error_code(lambda: aws("sqs").send_message(QueueUrl=queue, MessageBody=body)) == "InvalidParameterValue"


@pytest.mark.parametrize("character", ["\u0000", "\u0008", "\ufffe", "\uffff"])
def test_an_sqs_message_with_a_forbidden_character_is_refused(
    aws: Callable[[str], Any], queue: str, adapter: Callable[[Undo], None], character: str
) -> None:
    adapter(sqs.install())
    body = f"before{character}after"
    assert error_code(lambda: aws("sqs").send_message(QueueUrl=queue, MessageBody=body)) == "InvalidMessageContents"


def test_an_sqs_message_of_exactly_256_kib_is_accepted(
    aws: Callable[[str], Any], queue: str, adapter: Callable[[Undo], None]
) -> None:
    adapter(sqs.install())
    assert aws("sqs").send_message(QueueUrl=queue, MessageBody="a" * KIB_256)["MessageId"]


def test_stock_moto_accepts_what_sqs_refuses(aws: Callable[[str], Any], queue: str) -> None:
    client = aws("sqs")
    assert client.send_message(QueueUrl=queue, MessageBody="\u00e9" * (KIB_256 // 2 + 1))["MessageId"]
    assert client.send_message(QueueUrl=queue, MessageBody="a\u0008b")["MessageId"]


# ------------------------------------------------------------------ Step Functions


@pytest.fixture
def machine(aws: Callable[[str], Any]) -> str:
    return str(
        aws("stepfunctions").create_state_machine(name="limits", definition=PASS_MACHINE, roleArn=ROLE)[
            "stateMachineArn"
        ]
    )


@pytest.mark.parametrize("name", ["tab\tname", "no\u00a0break", "em\u2003space", "line\u2028separator", "a\u0085b"])
def test_an_execution_name_aws_refuses_is_refused(
    aws: Callable[[str], Any], machine: str, adapter: Callable[[Undo], None], name: str
) -> None:
    adapter(stepfunctions.install())
    code = error_code(lambda: aws("stepfunctions").start_execution(stateMachineArn=machine, name=name))
    assert code in ("InvalidName", "ValidationException")


def test_an_execution_input_over_256_kib_is_a_validation_exception(
    aws: Callable[[str], Any], machine: str, adapter: Callable[[Undo], None]
) -> None:
    adapter(stepfunctions.install())
    execution_input = json.dumps({"text": "\u00e9" * (KIB_256 // 2)})
    call = lambda: aws("stepfunctions").start_execution(stateMachineArn=machine, name="big", input=execution_input)  # noqa: E731
    assert error_code(call) == "ValidationException"


def test_a_send_task_success_output_over_256_kib_is_a_validation_exception(
    aws: Callable[[str], Any], adapter: Callable[[Undo], None]
) -> None:
    adapter(stepfunctions.install())
    output = json.dumps({"text": "a" * KIB_256})
    call = lambda: aws("stepfunctions").send_task_success(taskToken="token", output=output)  # noqa: E731
    assert error_code(call) == "ValidationException"


def test_stock_moto_accepts_what_step_functions_refuses(aws: Callable[[str], Any], machine: str) -> None:
    client = aws("stepfunctions")
    assert client.start_execution(stateMachineArn=machine, name="no\u00a0break")["executionArn"]
    big = json.dumps({"text": "a" * KIB_256})
    assert client.start_execution(stateMachineArn=machine, name="big", input=big)["executionArn"]


# ------------------------------------------------------------------ DynamoDB: moto enforces it


def test_moto_itself_refuses_a_dynamodb_item_over_400_kb(aws: Callable[[str], Any]) -> None:
    """https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html: 400 KB per item,
    names and values in UTF-8. moto checks it, so there is no adapter; this fails if moto stops."""
    client = aws("dynamodb")
    client.create_table(
        TableName="limits",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    item = {"pk": {"S": "big"}, "text": {"S": "a" * (400 * 1024)}}
    assert error_code(lambda: client.put_item(TableName="limits", Item=item)) == "ValidationException"


# ------------------------------------------------------------------ the rule, as text


@pytest.mark.parametrize(
    ("subject", "valid"),
    [("Approval needed: Python docs", True), ("[tag] starts with punctuation", True), ("", False), ("a\r\nb", False)],
)
def test_the_subject_rule(subject: str, valid: bool) -> None:
    assert (subject_problem(subject) is None) is valid


# ------------------------------------------------------------------ Lambda (through the local runtime)


def test_a_lambda_request_over_6_mb_is_refused_with_request_too_large(environment: LocalEnvironment) -> None:
    function = environment.stack.physical("ValidateSubmissionFunction")
    payload = json.dumps({"bookmarkId": "big", "input": {"submission": {"url": "a" * (6 * 1024 * 1024)}}})
    code = error_code(lambda: environment.client("lambda").invoke(FunctionName=function, Payload=payload))
    assert code == "RequestTooLargeException"


def test_a_lambda_response_over_6_mb_is_a_function_error(environment: LocalEnvironment) -> None:
    function = environment.stack.physical("ValidateSubmissionFunction")
    deployed = environment.runtime.function_for(function)
    assert deployed is not None
    environment.runtime.register(replace(deployed, code_dir=LAMBDA_CODE, handler="oversized_answer.lambda_handler"))

    answer = environment.client("lambda").invoke(FunctionName=function, Payload=b"{}")

    assert answer["FunctionError"] == "Unhandled"
    assert json.loads(answer["Payload"].read())["errorType"] == "Function.ResponseSizeTooLarge"


LOOP = json.dumps(
    {
        "StartAt": "Count",
        "States": {
            "Count": {"Type": "Pass", "Next": "Again?"},
            "Again?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.stop", "IsPresent": True, "Next": "Done"}],
                "Default": "Count",
            },
            "Done": {"Type": "Succeed"},
        },
    }
)


def test_the_history_limit_is_25000_events() -> None:
    assert stepfunctions.MAX_HISTORY_EVENTS == 25_000


def test_an_execution_that_reaches_the_history_limit_fails_with_its_last_event(
    aws: Callable[[str], Any], adapter: Callable[[Undo], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is lowered to 300 events: 25,000 take minutes on a shared two-core machine; the rule is the same."""
    monkeypatch.setattr(stepfunctions, "MAX_HISTORY_EVENTS", 300)
    adapter(stepfunctions.install())
    client = aws("stepfunctions")
    machine = client.create_state_machine(name="loop", definition=LOOP, roleArn=ROLE)["stateMachineArn"]
    execution = client.start_execution(stateMachineArn=machine, name="endless", input="{}")["executionArn"]

    described = wait_for(
        lambda: (answer := client.describe_execution(executionArn=execution))["status"] != "RUNNING" and answer,
        60,
        "the endless loop to hit the history limit",
        interval=0.2,
    )

    assert (described["status"], described["error"]) == ("FAILED", "States.Runtime")
    assert "300 events" in described["cause"]
    events = client.get_paginator("get_execution_history").paginate(executionArn=execution).build_full_result()
    assert len(events["events"]) == stepfunctions.MAX_HISTORY_EVENTS
    assert events["events"][-1]["type"] == "ExecutionFailed"


def test_moto_itself_fails_a_state_whose_output_is_over_256_kib(aws: Callable[[str], Any]) -> None:
    """moto's engine checks a state's result size (States.DataLimitExceeded); this fails if it stops."""
    big = {"StartAt": "Grow", "States": {"Grow": {"Type": "Pass", "Result": {"text": "a" * KIB_256}, "End": True}}}
    client = aws("stepfunctions")
    machine = client.create_state_machine(name="big", definition=json.dumps(big), roleArn=ROLE)["stateMachineArn"]
    execution = client.start_execution(stateMachineArn=machine, name="big", input="{}")["executionArn"]

    described = wait_for(
        lambda: (answer := client.describe_execution(executionArn=execution))["status"] != "RUNNING" and answer,
        30,
        "the execution to end",
    )

    assert (described["status"], described["error"]) == ("FAILED", "States.DataLimitExceeded")
