"""What the bench does to the workflow: submit bookmarks and decide them as a manager would, through the
same records and e-mails the application produces (the approval link names the approval record, and the record
holds the task token)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bookmarks_flow.local.environment import LocalEnvironment

APPROVAL_REQUESTED = "APPROVAL_REQUESTED"
APPROVAL_REMINDER = "APPROVAL_REMINDER"
APPROVAL_ESCALATION = "APPROVAL_ESCALATION"
APPROVAL_SECOND_APPROVAL = "APPROVAL_SECOND_APPROVAL"
BOOKMARK_APPROVED = "BOOKMARK_APPROVED"
_APPROVAL_ID = re.compile(r"/approvals/([^?/\s]+)\?")


def submission(
    index: int, run: str, url: str | None = None, username: str = "alice", tags: list[str] | None = None
) -> str:
    """The input POST /bookmarks gives an execution; every index gets its own URL unless ``url`` is given."""
    document = {
        "submission": {
            "url": url or f"https://example.com/{run}/articles/{index}",
            "title": f"Article {index}",
            "tags": tags or ["bench", "reading"],
        },
        "submitter": {"username": username, "email": f"{username}@example.com"},
    }
    return json.dumps(document)


def approval_id_in(body: str) -> str:
    match = _APPROVAL_ID.search(body)
    if match is None:
        raise ValueError("the approval e-mail holds no approval link")
    return match.group(1)


def decision(kind: str, comment: str = "") -> str:
    return json.dumps(
        {"decision": kind, "decidedBy": "manager", "decidedAt": datetime.now(UTC).isoformat(), "comment": comment}
    )


@dataclass
class Workflow:
    """The clients and names one bench run needs, made once (a client costs milliseconds to build)."""

    sfn: Any
    dynamodb: Any
    sqs: Any
    state_machine_arn: str
    approvals_table: str
    downstream_queue_url: str

    @classmethod
    def of(cls, environment: LocalEnvironment) -> Workflow:
        stack = environment.stack
        return cls(
            sfn=environment.client("stepfunctions"),
            dynamodb=environment.client("dynamodb"),
            sqs=environment.client("sqs"),
            state_machine_arn=str(stack.physical("SubmitBookmarkStateMachine")),
            approvals_table=str(stack.physical("ApprovalsTable")),
            downstream_queue_url=str(stack.physical("DownstreamQueue")),
        )

    def start(self, name: str, document: str) -> str:
        response = self.sfn.start_execution(stateMachineArn=self.state_machine_arn, name=name, input=document)
        return str(response["executionArn"])

    def task_token(self, approval_id: str) -> str:
        item = self.dynamodb.get_item(
            TableName=self.approvals_table,
            Key={"approvalId": {"S": approval_id}},
            ConsistentRead=True,
            ProjectionExpression="taskToken",
        )["Item"]
        return str(item["taskToken"]["S"])

    def approve(self, approval_email_body: str) -> None:
        token = self.task_token(approval_id_in(approval_email_body))
        self.sfn.send_task_success(taskToken=token, output=decision("APPROVED"))

    def approve_first_of_two(self, approval_email_body: str) -> None:
        """What the decision function sends for the first approval of a two-person bookmark."""
        token = self.task_token(approval_id_in(approval_email_body))
        document = {**json.loads(decision("APPROVED")), "secondApprovalNeeded": True, "remainingSeconds": 5}
        self.sfn.send_task_success(taskToken=token, output=json.dumps(document))

    def reject(self, approval_email_body: str) -> None:
        token = self.task_token(approval_id_in(approval_email_body))
        cause = decision("REJECTED", comment="Not for the knowledge base")
        self.sfn.send_task_failure(taskToken=token, error="Approval.Rejected", cause=cause)

    def empty_downstream(self) -> None:
        """Stands in for the downstream consumer the bench does not have: moto's SendMessage and ReceiveMessage
        slow down with every message waiting in a queue, so the queue is emptied (PurgeQueue) as the run goes."""
        self.sqs.purge_queue(QueueUrl=self.downstream_queue_url)

    def status(self, execution_arn: str) -> str:
        return str(self.sfn.describe_execution(executionArn=execution_arn)["status"])

    def names_with_status(self, status: str) -> set[str]:
        names: set[str] = set()
        paginator = self.sfn.get_paginator("list_executions")
        for page in paginator.paginate(stateMachineArn=self.state_machine_arn, statusFilter=status):
            names.update(str(execution["name"]) for execution in page["executions"])
        return names

    def history(self, execution_arn: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        paginator = self.sfn.get_paginator("get_execution_history")
        for page in paginator.paginate(executionArn=execution_arn):
            events.extend(page["events"])
        return events
