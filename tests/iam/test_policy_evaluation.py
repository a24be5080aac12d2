"""AWS's identity-policy evaluation and the Service Authorization Reference, as the local authoriser applies them.

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html (case-insensitive
actions, wildcards) and reference_policies_elements_notaction.html / _notresource.html.
"""

from __future__ import annotations

from typing import Any

import pytest

from bookmarks_flow.local.iam.enclosed_operations import enclosed_operations
from bookmarks_flow.local.iam.evaluation import Decision, Policy, UnsupportedPolicy, evaluate
from bookmarks_flow.local.iam.request_resources import resources_of
from bookmarks_flow.local.iam.service_authorization import action_for

TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/Bookmarks"
MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:submit"


def _policy(*statements: dict[str, Any]) -> list[Policy]:
    return [Policy.parse("test", {"Version": "2012-10-17", "Statement": list(statements)})]


def test_an_action_on_the_resource_a_statement_names_is_allowed() -> None:
    policies = _policy({"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": TABLE})
    assert evaluate(policies, "dynamodb:PutItem", [TABLE]) is Decision.ALLOW


def test_actions_match_case_insensitively_and_with_wildcards() -> None:
    policies = _policy({"Effect": "Allow", "Action": "DynamoDB:put*", "Resource": TABLE})
    assert evaluate(policies, "dynamodb:PutItem", [TABLE]) is Decision.ALLOW
    assert evaluate(policies, "dynamodb:GetItem", [TABLE]) is Decision.IMPLICIT_DENY


def test_resources_match_case_sensitively_with_star_and_question_mark() -> None:
    policies = _policy({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": TABLE[:-9] + "Bookmark?"})
    assert evaluate(policies, "dynamodb:GetItem", [TABLE]) is Decision.ALLOW
    assert evaluate(policies, "dynamodb:GetItem", [TABLE.lower()]) is Decision.IMPLICIT_DENY


def test_an_action_that_takes_no_resource_type_matches_only_a_star_resource() -> None:
    on_arn = _policy({"Effect": "Allow", "Action": "states:SendTaskSuccess", "Resource": MACHINE})
    on_star = _policy({"Effect": "Allow", "Action": "states:SendTaskSuccess", "Resource": "*"})
    resources = resources_of("states:SendTaskSuccess", {"taskToken": "t", "output": "{}"}, "us-east-1", "1")

    assert resources == ["*"]
    assert evaluate(on_arn, "states:SendTaskSuccess", resources) is Decision.IMPLICIT_DENY
    assert evaluate(on_star, "states:SendTaskSuccess", resources) is Decision.ALLOW


def test_an_explicit_deny_wins_over_any_allow() -> None:
    policies = _policy(
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "dynamodb:DeleteItem", "Resource": TABLE},
    )
    assert evaluate(policies, "dynamodb:DeleteItem", [TABLE]) is Decision.EXPLICIT_DENY
    assert evaluate(policies, "dynamodb:GetItem", [TABLE]) is Decision.ALLOW


def test_not_action_allows_everything_it_does_not_list() -> None:
    policies = _policy({"Effect": "Allow", "NotAction": ["dynamodb:Delete*"], "Resource": "*"})
    assert evaluate(policies, "dynamodb:GetItem", [TABLE]) is Decision.ALLOW
    assert evaluate(policies, "dynamodb:DeleteItem", [TABLE]) is Decision.IMPLICIT_DENY


def test_not_resource_denies_everywhere_but_where_it_lists() -> None:
    policies = _policy(
        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "dynamodb:*", "NotResource": TABLE},
    )
    assert evaluate(policies, "dynamodb:GetItem", [TABLE]) is Decision.ALLOW
    assert evaluate(policies, "dynamodb:GetItem", [TABLE + "2"]) is Decision.EXPLICIT_DENY


def test_a_statement_with_a_condition_is_refused_rather_than_widened() -> None:
    with pytest.raises(UnsupportedPolicy):
        _policy(
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
        )


def test_the_operation_invoke_is_the_action_invoke_function() -> None:
    assert action_for("lambda", "Invoke") == "lambda:InvokeFunction"
    assert action_for("states", "StartExecution") == "states:StartExecution"


@pytest.mark.parametrize(
    ("action", "parameters", "expected"),
    [
        ("dynamodb:Query", {"TableName": "T", "IndexName": "ByStatus"}, "table/T/index/ByStatus"),
        ("dynamodb:PutItem", {"TableName": "T"}, "arn:aws:dynamodb:us-east-1:123456789012:table/T"),
        (
            "sqs:SendMessage",
            {"QueueUrl": "http://localhost:4610/123456789012/q"},
            "arn:aws:sqs:us-east-1:123456789012:q",
        ),
        ("sns:Publish", {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"}, "arn:aws:sns:us-east-1:123456789012:t"),
        ("lambda:InvokeFunction", {"FunctionName": "f"}, "arn:aws:lambda:us-east-1:123456789012:function:f"),
        (
            "states:DescribeExecution",
            {"executionArn": "arn:aws:states:us-east-1:123456789012:execution:m:e"},
            "arn:aws:states:us-east-1:123456789012:execution:m:e",
        ),
    ],
)
def test_a_request_addresses_the_resource_its_parameters_name(
    action: str, parameters: dict[str, str], expected: str
) -> None:
    [resource] = resources_of(action, parameters, "us-east-1", "123456789012")
    assert resource.endswith(expected)


def test_put_events_addresses_the_event_bus_of_every_entry() -> None:
    entries = [{"EventBusName": "bus", "Source": "s"}, {"Source": "s"}]

    resources = resources_of("events:PutEvents", {"Entries": entries}, "us-east-1", "123456789012")

    assert resources == [
        "arn:aws:events:us-east-1:123456789012:event-bus/bus",
        "arn:aws:events:us-east-1:123456789012:event-bus/default",
    ]


@pytest.mark.parametrize("qualifier", ["live", "3"])
def test_a_start_through_an_alias_or_a_version_is_authorised_as_the_state_machine(qualifier: str) -> None:
    # https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html: "Step Functions uses the state
    # machine's ARN instead of using the version ARN or alias ARN".
    policies = _policy({"Effect": "Allow", "Action": "states:StartExecution", "Resource": MACHINE})

    resources = resources_of("states:StartExecution", {"stateMachineArn": f"{MACHINE}:{qualifier}"}, "us-east-1", "1")

    assert resources == [MACHINE]
    assert evaluate(policies, "states:StartExecution", resources) is Decision.ALLOW


def test_a_dynamodb_batch_addresses_every_table_it_names() -> None:
    request: dict[str, Any] = {"RequestItems": {"bookmarks": {"Keys": []}, "words": {"Keys": []}}}

    resources = resources_of("dynamodb:BatchGetItem", request, "us-east-1", "123456789012")

    assert resources == [
        "arn:aws:dynamodb:us-east-1:123456789012:table/bookmarks",
        "arn:aws:dynamodb:us-east-1:123456789012:table/words",
    ]


def test_a_transaction_is_authorised_as_the_operation_of_each_item() -> None:
    # https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html: "Permissions for
    # Put, Update, Delete, and Get actions are governed by the permissions used for the underlying PutItem,
    # UpdateItem, DeleteItem, and GetItem operations"; ConditionCheck by dynamodb:ConditionCheckItem.
    items = [
        {"Update": {"TableName": "bookmarks", "Key": {}}},
        {"Put": {"TableName": "words", "Item": {}}},
        {"ConditionCheck": {"TableName": "claims", "Key": {}}},
    ]

    operations = enclosed_operations("dynamodb", "TransactWriteItems", {"TransactItems": items})

    assert [(operation, parameters["TableName"]) for operation, parameters in operations] == [
        ("UpdateItem", "bookmarks"),
        ("PutItem", "words"),
        ("ConditionCheckItem", "claims"),
    ]


def test_a_request_that_encloses_nothing_is_authorised_as_itself() -> None:
    parameters = {"TableName": "bookmarks", "Key": {}}

    assert enclosed_operations("dynamodb", "GetItem", parameters) == [("GetItem", parameters)]
