"""Drives the submission workflow in a LocalEnvironment the way its users would, for the tests to read clearly."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from bookmarks_flow.local.api.integrations import HttpRequest, proxy_event
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.scheduled_rules import ScheduledRules
from bookmarks_tasks.aws.items import plain_item
from bookmarks_tasks.services.decide_approval import DecisionResult, Outcome

# The decision page's answers (tasks/bookmarks_tasks/handlers/decide_approval.py) as the service's outcomes.
_OUTCOMES = {
    200: Outcome.DECIDED,
    202: Outcome.RECORDED,
    409: Outcome.ALREADY_DECIDED,
    410: Outcome.TASK_CLOSED,
    404: Outcome.NOT_FOUND,
}


_MEMBER = {"cognito:username": "alice", "cognito:groups": ""}
_MANAGER = {"cognito:username": "maria", "cognito:groups": "managers"}


class FunctionFailed(AssertionError):
    """The function failed (API Gateway would answer 502); ``error`` is Lambda's error payload."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(f"{error.get('errorType')}: {error.get('errorMessage')}")
        self.error = error


TERMINAL = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}


def wait_for(condition: Any, timeout: float, what: str, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@dataclass
class Workflow:
    env: LocalEnvironment
    # One client per service for the helpers: the waits poll every 50 ms, and a new client each time (a boto3
    # session, its handlers, the endpoint rules) cost ~30 ms of CPU, taken from the engine thread they wait on.
    _clients: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    _clients_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def client(self, service: str) -> Any:
        with self._clients_lock:
            if service not in self._clients:
                self._clients[service] = self.env.client(service)
            return self._clients[service]

    @property
    def sfn(self) -> Any:
        return self.client("stepfunctions")

    @property
    def dynamodb(self) -> Any:
        return self.client("dynamodb")

    def table(self, logical_id: str) -> str:
        return str(self.env.stack.physical(logical_id))

    def submit(
        self,
        url: Any,
        *,
        title: str | None = None,
        tags: list[str] | None = None,
        description: str | None = None,
        username: str = "alice",
        email: str = "alice@example.com",
        bookmark_id: str | None = None,
    ) -> str:
        """Starts an execution as the API would and returns the bookmark id (the execution name)."""
        name = bookmark_id or f"bm-{uuid.uuid4()}"
        submission: dict[str, Any] = {"url": url}
        if title is not None:
            submission["title"] = title
        if tags is not None:
            submission["tags"] = tags
        if description is not None:
            submission["description"] = description
        self.start({"submission": submission, "submitter": {"username": username, "email": email}}, name)
        return name

    def start(self, execution_input: Any, name: str) -> str:
        response = self.sfn.start_execution(
            stateMachineArn=self.env.stack.physical("SubmitBookmarkStateMachine"),
            name=name,
            input=json.dumps(execution_input),
        )
        return str(response["executionArn"])

    def execution_arn(self, bookmark_id: str) -> str:
        machine = str(self.env.stack.physical("SubmitBookmarkStateMachine"))
        return machine.replace(":stateMachine:", ":execution:") + f":{bookmark_id}"

    def wait_until_finished(self, bookmark_id: str, timeout: float = 60) -> dict[str, Any]:
        arn = self.execution_arn(bookmark_id)

        def finished() -> dict[str, Any] | None:
            description: dict[str, Any] = self.sfn.describe_execution(executionArn=arn)
            return description if description["status"] in TERMINAL else None

        result: dict[str, Any] = wait_for(finished, timeout, f"execution {bookmark_id} to finish")
        return result

    def approval_for(self, bookmark_id: str) -> dict[str, Any] | None:
        items = self.dynamodb.scan(TableName=self.table("ApprovalsTable"))["Items"]
        matches = [plain_item(item) for item in items if item["bookmarkId"]["S"] == bookmark_id]
        return matches[0] if matches else None

    def wait_for_approval_request(self, bookmark_id: str, timeout: float = 60) -> dict[str, Any]:
        result: dict[str, Any] = wait_for(
            lambda: self.approval_for(bookmark_id), timeout, f"an approval request for {bookmark_id}"
        )
        return result

    def approval_link(self, approval_id: str, timeout: float = 30) -> str:
        """The link mailed to the approvers (the function stores the approval, then publishes the e-mail)."""

        def mailed() -> str | None:
            links = [link for mail in self.mail_to("approvers@example.com") for link in mail.links]
            return next((link for link in links if f"/approvals/{approval_id}" in link), None)

        return str(wait_for(mailed, timeout, f"the approval e-mail for {approval_id}"))

    def call_api_function(
        self,
        function: str,
        request: HttpRequest,
    ) -> dict[str, Any]:
        """The function (its code, its role) invoked with API Gateway's proxy event for ``request``."""
        answer = self.client("lambda").invoke(
            FunctionName=self.env.stack.physical(function), Payload=json.dumps(proxy_event(request))
        )
        payload: dict[str, Any] = json.loads(answer["Payload"].read())
        if answer.get("FunctionError"):
            raise FunctionFailed(payload)
        return payload

    def submit_through_api(self, url: str, idempotency_key: str, username: str = "alice") -> dict[str, Any]:
        """POST /bookmarks through SubmitBookmarkFunction (its code, its role) as a signed-in member; the answer
        (statusCode and the JSON body)."""
        request = HttpRequest(
            method="POST",
            path="/bookmarks",
            resource="/bookmarks",
            path_parameters={},
            query={},
            multi_query={},
            headers={"Content-Type": "application/json", "Idempotency-Key": idempotency_key},
            body=json.dumps({"url": url}).encode(),
            source_ip="127.0.0.1",
            claims={"sub": f"sub-{username}", "cognito:username": username, "email": f"{username}@example.com"},
        )
        payload = self.call_api_function("SubmitBookmarkFunction", request)
        return {"statusCode": int(payload["statusCode"]), "body": json.loads(payload["body"])}

    def read(self, path: str, resource: str, path_parameters: dict[str, str], query: dict[str, str]) -> int:
        """GET through ReadBookmarksFunction as a signed-in member; the status code it answers."""
        request = HttpRequest("GET", path, resource, path_parameters, query, {}, {}, b"", "127.0.0.1", _MEMBER)
        return int(self.call_api_function("ReadBookmarksFunction", request)["statusCode"])

    def browse(self, path: str, query: dict[str, str], as_manager: bool = False) -> int:
        """GET one of the web app's routes (search, my suggestions, waiting approvals) through
        BrowseBookmarksFunction; the status code it answers."""
        claims = _MANAGER if as_manager else _MEMBER
        request = HttpRequest("GET", path, path, {}, query, {}, {}, b"", "127.0.0.1", claims)
        return int(self.call_api_function("BrowseBookmarksFunction", request)["statusCode"])

    def decide(self, bookmark_id: str, kind: str, manager: str = "maria", comment: str = "") -> DecisionResult:
        """What the approval page does: POST /approvals/{id} with the signed link's fields, served by
        DecideApprovalFunction (its code, its role) invoked with API Gateway's proxy event and a manager's claims."""
        approval_id = str(self.wait_for_approval_request(bookmark_id)["approvalId"])
        return self.decide_link(self.approval_link(approval_id), kind, manager, comment)

    def decide_link(self, link: str, kind: str, manager: str = "maria", comment: str = "") -> DecisionResult:
        status, body = self.post_decision(link, kind, manager, comment)
        return DecisionResult(_OUTCOMES[status], body)

    def post_decision(
        self, link: str, kind: str, manager: str = "maria", comment: str = "", groups: str = "managers"
    ) -> tuple[int, dict[str, Any]]:
        """POST /approvals/{id} with the fields of ``link`` (expires, kid, signature), as the approval page does;
        the status code and JSON body DecideApprovalFunction answers."""
        url = urlparse(link)
        approval_id = unquote(url.path.rsplit("/", 1)[-1])
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        body = {"decision": kind, "comment": comment, **query}
        request = HttpRequest(
            method="POST",
            path=f"/approvals/{approval_id}",
            resource="/approvals/{approvalId}",
            path_parameters={"approvalId": approval_id},
            query={},
            multi_query={},
            headers={"Content-Type": "application/json"},
            body=json.dumps(body).encode(),
            source_ip="127.0.0.1",
            claims={"cognito:username": manager, "cognito:groups": groups},
        )
        payload = self.call_api_function("DecideApprovalFunction", request)
        return int(payload["statusCode"]), json.loads(payload["body"])

    def decide_while_the_wait_is_renewed(
        self, bookmark_id: str, kind: str = "APPROVED", comment: str = ""
    ) -> tuple[int, dict[str, Any]]:
        """Decides between a deadline (a reminder, the escalation) and the next wait: the wait has timed out and the
        function that takes up the next one is slow to start (held here until the decision is answered), so the
        approval still holds the spent token. The status code and body of the answer.

        Call it at once after ``submit``: the hold must be in place before the first deadline. Only this execution's
        follow-up invocations are held, so other executions go on meanwhile. A hold, not a Lambda service fault:
        the workflow retries a fault three times with jittered waits, so under load the retries could run out
        before the decision arrives."""
        function = str(self.env.stack.physical("RequestApprovalFunction"))

        def a_follow_up_of_this_bookmark(event: dict[str, Any]) -> bool:
            return event.get("bookmarkId") == bookmark_id and event.get("reason") != "REQUEST"

        with self.env.runtime.hold_invocations(function, a_follow_up_of_this_bookmark) as held:
            timed_out = [e for e in self.history(bookmark_id) if e["type"] == "TaskTimedOut"]
            assert not timed_out, "the deadline passed before the hold was in place: call this right after submit"
            link = self.approval_link(str(self.wait_for_approval_request(bookmark_id)["approvalId"]))
            assert held.wait_until_holding(60), "the workflow never took up the next wait"
            return self.post_decision(link, kind, comment=comment)

    def run_schedules(self, later_by_seconds: float = 301) -> list[str]:
        """Fires the EventBridge schedules that are due ``later_by_seconds`` from now (every ``rate(5 minutes)``
        rule by default), invoking their functions as EventBridge would; the rules fired."""
        rules = ScheduledRules(self.env.session(), self.env.invoke_permissions(), self.env.metrics)
        return rules.fire_due(datetime.now(UTC) + timedelta(seconds=later_by_seconds))

    def bookmark(self, bookmark_id: str) -> dict[str, Any]:
        key = {"pk": {"S": f"BOOKMARK#{bookmark_id}"}}
        item = self.dynamodb.get_item(TableName=self.table("BookmarksTable"), Key=key, ConsistentRead=True)
        return plain_item(item.get("Item", {}))

    def url_claim(self, normalized_url: str) -> dict[str, Any]:
        key = {"pk": {"S": f"URL#{normalized_url}"}}
        item = self.dynamodb.get_item(TableName=self.table("BookmarksTable"), Key=key, ConsistentRead=True)
        return plain_item(item.get("Item", {}))

    def history(self, bookmark_id: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = self.sfn.get_execution_history(
            executionArn=self.execution_arn(bookmark_id), maxResults=1000
        )["events"]
        return events

    def entered_states(self, bookmark_id: str) -> list[str]:
        return [
            event["stateEnteredEventDetails"]["name"]
            for event in self.history(bookmark_id)
            if "stateEnteredEventDetails" in event
        ]

    def queue_messages(self, logical_id: str) -> list[dict[str, Any]]:
        sqs = self.client("sqs")
        url = self.env.stack.physical(logical_id)
        received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
        return list(received.get("Messages", []))

    def mail_to(self, address: str) -> list[Any]:
        return [message for message in self.env.mailbox.messages() if message.to == address]
