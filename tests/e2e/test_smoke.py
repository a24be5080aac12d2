"""`bookmarks smoke --stack-name`: the command the pipeline runs after each deploy, run here against the local
stack, which registers itself as a CloudFormation stack with the template's outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bookmarks_flow.client import mailbox
from bookmarks_flow.local.cfn_template import load_template
from bookmarks_flow.local.environment import DEFAULT_STACK_NAME
from bookmarks_flow.smoke.users import USERNAME_PREFIX
from tests.support.stack_process import PROJECT_DIR, RunningStack

pytestmark = pytest.mark.e2e
BOOKMARKS = Path(sys.executable).parent / "bookmarks"


def _smoke(stack: RunningStack, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "AWS_ENDPOINT_URL": stack.aws,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "COLUMNS": "200",
    }
    environment.pop("AWS_PROFILE", None)
    return subprocess.run(
        [str(BOOKMARKS), "smoke", "--region", "us-east-1", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=180,
        check=False,
    )


def _template_output_names() -> set[str]:
    """Those CloudFormation gives for the local stack's parameters: the web app's CloudFront outputs are
    conditional (HostsWebApp), and the local stack serves the web app itself."""
    template = load_template(PROJECT_DIR / "template.yaml")
    return {name for name, output in template["Outputs"].items() if output.get("Condition") != "HostsWebApp"}


def _leftovers(stack: RunningStack) -> dict[str, list[str]]:
    config = stack.config()
    cognito = stack.aws_client("cognito-idp")
    users = cognito.list_users(UserPoolId=config["userPoolId"])["Users"]
    queues = stack.aws_client("sqs").list_queues(QueueNamePrefix="bookmarks-smoke-").get("QueueUrls", [])
    subscriptions = stack.aws_client("sns").list_subscriptions()["Subscriptions"]
    return {
        "users": [user["Username"] for user in users if user["Username"].startswith(USERNAME_PREFIX)],
        "queues": list(queues),
        "subscriptions": [s["SubscriptionArn"] for s in subscriptions if "bookmarks-smoke-" in s["Endpoint"]],
    }


def test_the_local_stack_is_registered_with_the_outputs_of_the_template(stack: RunningStack) -> None:
    [described] = stack.aws_client("cloudformation").describe_stacks(StackName=DEFAULT_STACK_NAME)["Stacks"]
    outputs = {item["OutputKey"]: item["OutputValue"] for item in described["Outputs"]}

    assert set(outputs) == _template_output_names()
    assert outputs["ApiUrl"] == stack.api
    assert outputs["UserPoolId"] == stack.config()["userPoolId"]
    assert outputs["SubmitBookmarkStateMachineArn"] == stack.config()["stateMachineArn"]


def test_the_smoke_test_takes_a_bookmark_through_the_local_stack_and_removes_what_it_made(stack: RunningStack) -> None:
    result = _smoke(stack, "--stack-name", DEFAULT_STACK_NAME)

    assert result.returncode == 0, result.stdout + result.stderr
    for step in ("PENDING_APPROVAL", "approval request received", "APPROVED", "BOOKMARK_APPROVED", "removed"):
        assert step in result.stdout
    assert _leftovers(stack) == {"users": [], "queues": [], "subscriptions": []}
    bookmark_ids = [line.split("bookmark ")[1].split()[0] for line in result.stdout.splitlines() if "accepted" in line]
    table = stack.aws_client("dynamodb")
    names = table.list_tables()["TableNames"]
    [bookmarks_table] = [name for name in names if "BookmarksTable" in name]
    assert "Item" not in table.get_item(TableName=bookmarks_table, Key={"pk": {"S": f"BOOKMARK#{bookmark_ids[0]}"}})


def test_the_team_is_not_told_about_the_smoke_tests_bookmark(stack: RunningStack) -> None:
    result = _smoke(stack, "--stack-name", DEFAULT_STACK_NAME)

    assert result.returncode == 0, result.stdout + result.stderr
    to_the_team = json.dumps(mailbox(stack.api, "team@example.com"))
    assert "bookmarks smoke test" not in to_the_team


def test_the_smoke_test_fails_with_a_message_when_the_stack_does_not_exist(stack: RunningStack) -> None:
    result = _smoke(stack, "--stack-name", "no-such-stack")

    assert result.returncode == 1
    assert "cannot read the stack 'no-such-stack'" in " ".join(result.stdout.split())


def test_the_smoke_test_fails_and_still_cleans_up_when_no_approval_request_arrives(stack: RunningStack) -> None:
    """A registration whose approval topic is one the workflow never publishes to: the step times out."""
    cloudformation = stack.aws_client("cloudformation")
    [described] = cloudformation.describe_stacks(StackName=DEFAULT_STACK_NAME)["Stacks"]
    outputs = {item["OutputKey"]: item["OutputValue"] for item in described["Outputs"]}
    outputs["ApprovalRequestsTopicArn"] = stack.aws_client("sns").create_topic(Name="nobody-publishes-here")["TopicArn"]
    template = {
        "Resources": {"Nothing": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
        "Outputs": {name: {"Value": value} for name, value in outputs.items()},
    }
    cloudformation.create_stack(StackName="bookmarks-flow-miswired", TemplateBody=json.dumps(template))

    result = _smoke(stack, "--stack-name", "bookmarks-flow-miswired", "--timeout", "3")

    assert result.returncode == 1
    assert "no approval request arrived within 3 s" in " ".join(result.stdout.split())
    assert _leftovers(stack) == {"users": [], "queues": [], "subscriptions": []}
