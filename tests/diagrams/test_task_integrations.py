"""Task resources read as the service and action they call."""

from __future__ import annotations

from bookmarks_flow.diagrams.integrations import IntegrationPattern, parse_resource


def test_an_optimised_integration_names_its_service_and_action() -> None:
    assert parse_resource("arn:aws:states:::dynamodb:putItem").label == "DynamoDB putItem"


def test_the_wait_for_task_token_suffix_is_the_callback_pattern() -> None:
    integration = parse_resource("arn:aws:states:::lambda:invoke.waitForTaskToken")
    assert (integration.label, integration.pattern) == ("Lambda invoke", IntegrationPattern.WAIT_FOR_TASK_TOKEN)


def test_the_sync_suffix_runs_a_job() -> None:
    assert parse_resource("arn:aws:states:::ecs:runTask.sync").label == "ECS runTask (sync)"


def test_an_sdk_integration_is_marked_as_such() -> None:
    assert parse_resource("arn:aws:states:::aws-sdk:s3:getObject").label == "S3 getObject (SDK)"


def test_a_function_arn_reads_as_a_lambda_invoke() -> None:
    assert parse_resource("${ValidateFunctionArn}").label == "Lambda invoke"
