"""A crash (kill -9) in the middle of the RequestApproval Lambda task: the resumed execution repeats the invoke,
which meets the powertools idempotency record the killed attempt left INPROGRESS. As on AWS (a Lambda killed
mid-way leaves the same record), that record holds until its in-progress expiry, the killed invocation's
deadline (powertools sets it from the Lambda context's remaining time: ``register_lambda_context``, Powertools
for AWS Lambda (Python) v1.26.7, "expiring in-progress executions if the Lambda function times out halfway
through", https://github.com/aws-powertools/powertools-lambda-python/releases/tag/v1.26.7). The workflow retries
the task past it, and the retry takes over the approval the killed attempt saved: the execution neither fails
nor stalls, and the approval e-mail goes out once.

The crash is made in-process: the killed attempt's thread ends inside one AWS call (which therefore never
completes, so it is not journaled) with an exception no handler catches (not an ``Exception``: powertools deletes
its record on those), and the stack is stopped without a final snapshot, as ``kill -9`` leaves it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from moto.dynamodb.models import DynamoDBBackend
from moto.sns.models import Topic

from bookmarks_flow.local.environment import LocalEnvironment
from tests.support.durable_environment import environment_on
from tests.support.workflow import Workflow, wait_for


class _Killed(BaseException):
    """The process died here: nothing after this point of the attempt happens."""


@contextmanager
def killed_inside(
    monkeypatch: pytest.MonkeyPatch, owner: type, method: str, hit: Callable[[Any, tuple[Any, ...]], bool]
) -> Iterator[threading.Event]:
    """The first call of ``owner.method`` that ``hit`` picks never happens and ends its thread; the event is set
    when it is made."""
    reached = threading.Event()
    original = getattr(owner, method)

    def dying(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not reached.is_set() and hit(self, args):
            reached.set()
            raise _Killed
        return original(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(owner, method, dying)
        yield reached


def _approval_requests(workflow: Workflow) -> list[Any]:
    return [
        m for m in workflow.mail_to("approvers@example.com") if m.attributes.get("eventType") == "APPROVAL_REQUESTED"
    ]


def _crashed_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, point: Callable[[LocalEnvironment], Any]
) -> tuple[str, int]:
    """A submission whose approval request dies at ``point``: its bookmark id and the e-mails sent before."""
    with environment_on(tmp_path, crash=True) as before:
        workflow = Workflow(before)
        with point(before) as reached:
            bookmark_id = workflow.submit(url)
            assert reached.wait(60), "the approval request never reached the crash point"
        return bookmark_id, len(_approval_requests(workflow))


def _before_the_email(monkeypatch: pytest.MonkeyPatch) -> Callable[[LocalEnvironment], Any]:
    def point(environment: LocalEnvironment) -> Any:
        topic = str(environment.stack.physical("ApprovalRequestsTopic"))
        return killed_inside(monkeypatch, Topic, "publish", lambda self, _: self.arn == topic)

    return point


def _after_the_email(monkeypatch: pytest.MonkeyPatch) -> Callable[[LocalEnvironment], Any]:
    """Powertools marks its record COMPLETED (UpdateItem on the idempotency table) after the function's work."""

    def point(environment: LocalEnvironment) -> Any:
        table = str(environment.stack.physical("IdempotencyTable"))
        return killed_inside(monkeypatch, DynamoDBBackend, "update_item", lambda _, args: args[0] == table)

    return point


def _decided_after_the_restart(tmp_path: Path, bookmark_id: str) -> tuple[dict[str, Any], int]:
    with environment_on(tmp_path, crash=False) as after:
        workflow = Workflow(after)

        def waiting_for_a_manager() -> bool:
            return any(event["type"] == "TaskSubmitted" for event in workflow.history(bookmark_id))

        wait_for(waiting_for_a_manager, 90, "the approval request to be submitted after the restart")
        workflow.decide(bookmark_id, "APPROVED")
        assert workflow.wait_until_finished(bookmark_id, timeout=90)["status"] == "SUCCEEDED"
        return workflow.bookmark(bookmark_id), len(_approval_requests(workflow))


def test_a_crash_before_the_approval_email_sends_it_once_after_the_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://example.com/crash/before-the-email"
    bookmark_id, sent_before = _crashed_inside(tmp_path, monkeypatch, url, _before_the_email(monkeypatch))

    bookmark, sent = _decided_after_the_restart(tmp_path, bookmark_id)

    assert sent_before == 0
    assert sent == 1
    assert bookmark["status"] == "APPROVED"


def test_a_crash_after_the_approval_email_does_not_send_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://example.com/crash/after-the-email"
    bookmark_id, sent_before = _crashed_inside(tmp_path, monkeypatch, url, _after_the_email(monkeypatch))

    bookmark, sent = _decided_after_the_restart(tmp_path, bookmark_id)

    assert sent_before == 1
    assert sent == 1
    assert bookmark["status"] == "APPROVED"
