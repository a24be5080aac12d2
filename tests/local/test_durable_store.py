"""The durable store in process: what moto acknowledged comes back after a crash (no final snapshot) exactly,
identifiers included, because the journal is replayed in order with moto's random source seeded as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.local import environment as local_environment
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.persistence.store import DurableStore
from tests.support.durable_environment import environment_on
from tests.support.workflow import Workflow, wait_for


def queue_url(environment: LocalEnvironment) -> Any:
    return environment.stack.physical("DownstreamQueue")


def test_a_received_message_keeps_its_receive_count_and_receipt_handle_across_a_crash(tmp_path: Path) -> None:
    with environment_on(tmp_path, crash=True) as before:
        sqs = before.client("sqs")
        sqs.send_message(QueueUrl=queue_url(before), MessageBody="kept")
        sqs.send_message(QueueUrl=queue_url(before), MessageBody="deleted")
        received = sqs.receive_message(
            QueueUrl=queue_url(before), MaxNumberOfMessages=10, VisibilityTimeout=0, AttributeNames=["All"]
        )["Messages"]
        handle = next(m["ReceiptHandle"] for m in received if m["Body"] == "deleted")

    with environment_on(tmp_path, crash=False) as after:
        sqs = after.client("sqs")
        sqs.delete_message(QueueUrl=queue_url(after), ReceiptHandle=handle)  # the handle from before the crash
        [message] = sqs.receive_message(QueueUrl=queue_url(after), MaxNumberOfMessages=10, AttributeNames=["All"])[
            "Messages"
        ]

    assert message["Body"] == "kept"
    assert message["Attributes"]["ApproximateReceiveCount"] == "2"


def test_ids_secrets_and_users_are_the_ones_from_before_the_restart(tmp_path: Path) -> None:
    with environment_on(tmp_path, crash=True) as before:
        pool = before.stack.physical("UserPool")
        secret_arn = before.stack.physical("ApprovalLinkSecret")
        secret = before.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"]
        before.client("cognito-idp").admin_create_user(UserPoolId=pool, Username="zoe", MessageAction="SUPPRESS")
        sub = before.client("cognito-idp").admin_get_user(UserPoolId=pool, Username="zoe")["UserAttributes"]

    with environment_on(tmp_path, crash=True) as after:
        assert after.stack.physical("UserPool") == pool
        assert after.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"] == secret
        assert after.client("cognito-idp").admin_get_user(UserPoolId=pool, Username="zoe")["UserAttributes"] == sub


def test_the_event_bus_its_rules_the_alarms_and_the_dashboard_come_back_after_a_crash(tmp_path: Path) -> None:
    """A workflow resumed after a restart announces its next step on the bus: a bus left behind made it fail."""
    with environment_on(tmp_path, crash=True) as before:
        bus = before.stack.physical("BookmarkEventBus")
        rules = {rule["Name"] for rule in before.client("events").list_rules(EventBusName=bus)["Rules"]}
        alarms = {alarm["AlarmName"] for alarm in before.client("cloudwatch").describe_alarms()["MetricAlarms"]}
        dashboard = before.stack.physical("OperationsDashboard")

    with environment_on(tmp_path, crash=False) as after:
        events, cloudwatch = after.client("events"), after.client("cloudwatch")
        assert events.describe_event_bus(Name=bus)["Name"] == bus
        assert {rule["Name"] for rule in events.list_rules(EventBusName=bus)["Rules"]} == rules
        assert {alarm["AlarmName"] for alarm in cloudwatch.describe_alarms()["MetricAlarms"]} == alarms
        assert cloudwatch.get_dashboard(DashboardName=dashboard)["DashboardName"] == dashboard

    assert rules
    assert alarms


def test_requests_signed_by_the_template_roles_replay_after_a_crash_and_the_roles_sign_again(tmp_path: Path) -> None:
    """With IAM enforced, the journal holds requests signed by the functions' and the state machine's roles.
    Replayed, they are neither refused nor authorised again (their keys belong to no principal of the new
    process); the roles are assumed afresh, and the manager's decision after the restart is allowed."""
    with environment_on(tmp_path, crash=True) as before:
        workflow = Workflow(before)
        bookmark_id = workflow.submit("https://example.com/kept-across-a-crash")
        # The approval function has returned (TaskSubmitted): a crash while it still runs leaves its idempotency
        # record in progress, a known gap of the resumed task (see issue 11's note), not what this test is about.
        workflow.approval_link(str(workflow.wait_for_approval_request(bookmark_id)["approvalId"]))
        wait_for(
            lambda: any(event["type"] == "TaskSubmitted" for event in workflow.history(bookmark_id)),
            30,
            "the approval function to return",
        )
        keys_before = {role.access_key_id for role in before.role_credentials.values()}

    store = DurableStore(tmp_path).open()
    with environment_on(tmp_path, crash=False, store=store) as after:
        workflow = Workflow(after)
        assert store.report.journal_records > 0
        assert store.report.warnings == []
        assert workflow.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"
        assert after.role_credentials
        assert keys_before.isdisjoint(role.access_key_id for role in after.role_credentials.values())

        workflow.decide(bookmark_id, "APPROVED")

        assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
        assert workflow.bookmark(bookmark_id)["status"] == "APPROVED"


def test_a_restart_given_no_parameters_keeps_the_provisioned_ones_without_a_warning(tmp_path: Path) -> None:
    with environment_on(tmp_path, crash=False, parameters={"ApprovalTimeoutSeconds": "60"}):
        pass
    store = DurableStore(tmp_path).open()
    with environment_on(tmp_path, crash=False, store=store, parameters={}):
        assert store.parameters["ApprovalTimeoutSeconds"] == "60"
        assert store.report.warnings == []


def test_a_restart_keeps_the_translated_template_instead_of_translating_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with environment_on(tmp_path, crash=True, parameters={"ApprovalTimeoutSeconds": "60"}) as before:
        translated = before.translated_template()

    def translate(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a restart translated the template again")

    monkeypatch.setattr(local_environment, "translate", translate)
    with environment_on(tmp_path, crash=False, parameters={}) as after:
        assert after.translated_template() == translated
