"""The console as the local stack serves it (``bookmarks local`` in a subprocess, under /_local/console), with
the few workflow moves the tests need, made through the local AWS endpoint as any client would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tests.support.stack_process import RunningStack, running_stack
from tests.support.workflow import wait_for

PROJECT_DIR = Path(__file__).resolve().parents[2]
MOUNT_PATH = "/_local/console"
APPROVED = {"decision": "APPROVED", "decidedBy": "manager", "decidedAt": "2026-11-23T00:00:00Z", "comment": ""}


def submission(url: str = "https://example.com/x", title: str = "X", username: str = "alice") -> dict[str, Any]:
    return {
        "submission": {"url": url, "title": title, "tags": ["python"]},
        "submitter": {"username": username, "email": f"{username}@example.com"},
    }


@dataclass
class ConsoleStack:
    running: RunningStack
    base_url: str

    @property
    def sfn(self) -> Any:
        return self.running.aws_client("stepfunctions")

    @property
    def machine_arn(self) -> str:
        return self.running.config()["stateMachineArn"]

    @property
    def import_machine_arn(self) -> str:
        """The import state machine, found by the name template.yaml gives it (``<stack>-import-bookmarks``)."""
        machines = self.sfn.list_state_machines()["stateMachines"]
        [arn] = [m["stateMachineArn"] for m in machines if m["name"].endswith("-import-bookmarks")]
        return str(arn)

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def execution_url(self, arn: str) -> str:
        return self.url("/executions/" + quote(arn, safe=":"))

    def machine_url(self, suffix: str = "") -> str:
        return self.url("/state-machines/" + quote(self.machine_arn, safe=":") + suffix)

    def start(self, name: str, execution_input: dict[str, Any] | None = None) -> str:
        """By default a submission of a URL of its own, so that tests sharing a stack never meet as duplicates."""
        document = execution_input or submission(url=f"https://example.com/{name}")
        response = self.sfn.start_execution(stateMachineArn=self.machine_arn, name=name, input=json.dumps(document))
        return str(response["executionArn"])

    def create_waiting_machine(self, name: str = "console-test-wait") -> str:
        """A second state machine that only waits: stoppable in moto, unlike a task waiting for its token."""
        definition = {
            "StartAt": "Wait A Minute",
            "States": {"Wait A Minute": {"Type": "Wait", "Seconds": 60, "Next": "Done"}, "Done": {"Type": "Succeed"}},
        }
        created = self.sfn.create_state_machine(
            name=name, roleArn="arn:aws:iam::123456789012:role/console-test", definition=json.dumps(definition)
        )
        return str(created["stateMachineArn"])

    def history(self, arn: str) -> list[dict[str, Any]]:
        return list(self.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"])

    def wait_for_event(self, arn: str, event_type: str, timeout: float = 20) -> None:
        wait_for(lambda: any(e["type"] == event_type for e in self.history(arn)), timeout, event_type)

    def wait_for_status(self, arn: str, status: str, timeout: float = 30) -> None:
        wait_for(lambda: self.sfn.describe_execution(executionArn=arn)["status"] == status, timeout, status)

    def task_token(self, execution_name: str) -> str:
        """The token the approval Lambda stored: read from the approvals table, as the decision service does."""
        dynamodb = self.running.aws_client("dynamodb")
        [table] = [name for name in dynamodb.list_tables()["TableNames"] if name.endswith("-ApprovalsTable")]
        items = dynamodb.scan(TableName=table)["Items"]
        return next(str(item["taskToken"]["S"]) for item in items if item["bookmarkId"]["S"] == execution_name)

    def approve(self, execution_name: str) -> None:
        self.sfn.send_task_success(taskToken=self.task_token(execution_name), output=json.dumps(APPROVED))

    def break_approval_requests(self) -> None:
        """Deletes the approvers' topic: every later approval request fails for good (NotFoundException)."""
        sns = self.running.aws_client("sns")
        [topic] = [
            t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith("-ApprovalRequestsTopic")
        ]
        sns.delete_topic(TopicArn=topic)


@contextmanager
def serve_console(approval_timeout: int = 60) -> Iterator[ConsoleStack]:
    """A local stack of its own: shared by a module's tests, or fresh for a test that breaks it."""
    with running_stack(approval_timeout=approval_timeout) as running:
        yield ConsoleStack(running, f"{running.api}{MOUNT_PATH}")
