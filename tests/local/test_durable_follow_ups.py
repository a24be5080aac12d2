"""The reminder loop survives a restart: an execution that was reminded and waits again (a new task token on the
same approval) is resumed from its history, and the link of the first e-mail still decides it."""

from __future__ import annotations

from pathlib import Path

from tests.support.durable_environment import environment_on
from tests.support.workflow import Workflow, wait_for

# One reminder 1 s after the request, then a long wait: the crash comes during the second wait.
REMINDING = {
    "ApprovalTimeoutSeconds": "300",
    "ApprovalReminderSeconds": "1",
    "ApprovalMaxReminders": "1",
    "ApprovalEscalationSeconds": "0",
}


def test_a_reminded_execution_resumes_after_a_crash_and_the_first_link_decides_it(tmp_path: Path) -> None:
    with environment_on(tmp_path, crash=True, parameters=REMINDING) as before:
        workflow = Workflow(before)
        bookmark_id = workflow.submit("https://example.com/durable/reminded")
        link = workflow.approval_link(str(workflow.wait_for_approval_request(bookmark_id)["approvalId"]))

        def waiting_again() -> bool:
            submitted = [e for e in workflow.history(bookmark_id) if e["type"] == "TaskSubmitted"]
            return len(submitted) == 2

        wait_for(waiting_again, 30, "the wait after the reminder to be submitted")

    with environment_on(tmp_path, crash=False, parameters=REMINDING) as after:
        workflow = Workflow(after)
        status, body = workflow.post_decision(link, "APPROVED", comment="after the crash")

        assert status == 200, body
        assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
        bookmark = workflow.bookmark(bookmark_id)
        assert bookmark["status"] == "APPROVED"
        assert [event["event"] for event in bookmark["approvalEvents"]] == ["REMINDER"]
        reminders = [m for m in workflow.mail_to("approvers@example.com") if m.subject.startswith("Reminder")]
        assert len(reminders) == 1  # the resumed wait sent no second reminder
