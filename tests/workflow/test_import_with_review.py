"""An import with review (POST /imports with "review": true) on moto's engine with the real handlers: each valid
link of the file starts the normal submission workflow, named by its bookmark id, as if the importing manager
had submitted it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bookmarks_tasks.domain.imports.import_ids import import_id_of, imported_bookmark_id
from bookmarks_tasks.domain.imports.review_limit import REVIEW_LINK_LIMIT
from tests.support.imports import Imports
from tests.support.workflow import Workflow, wait_for
from tests.tasks.import_fixtures import fixture_bytes

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
CHROME = fixture_bytes("chrome_bookmarks.html")
CHROME_VALID_LINES = (11, 14, 17, 18, 28)  # 27 repeats 14, 21 is a javascript: bookmarklet


@pytest.fixture
def imports(workflow: Workflow) -> Imports:
    return Imports(workflow)


def _reviewed(imports: Imports, content: bytes) -> dict[str, Any]:
    started = imports.post(content, review=True)
    assert started["statusCode"] == 202, started
    return imports.finished(started["body"]["importId"])


def _submissions(workflow: Workflow) -> list[dict[str, Any]]:
    machine = workflow.env.stack.physical("SubmitBookmarkStateMachine")
    return list(workflow.sfn.list_executions(stateMachineArn=machine)["executions"])


def _pending(workflow: Workflow, bookmark_id: str) -> bool:
    try:
        return workflow.bookmark(bookmark_id).get("status") == "PENDING_APPROVAL"
    except (KeyError, IndexError, LookupError):
        return False


def test_an_import_with_review_starts_one_submission_per_valid_link(imports: Imports, workflow: Workflow) -> None:
    finished = _reviewed(imports, CHROME)
    import_id = import_id_of(CHROME)
    assert finished["status"] == "SUCCEEDED"
    assert finished["report"]["counts"] == {"imported": 0, "review": 5, "duplicate": 1, "invalid": 1, "failed": 0}
    started = sorted(execution["name"] for execution in _submissions(workflow))
    assert started == sorted(imported_bookmark_id(import_id, line) for line in CHROME_VALID_LINES)


def test_each_link_sent_for_review_waits_for_a_manager_with_its_approval_e_mail(
    imports: Imports, workflow: Workflow
) -> None:
    _reviewed(imports, CHROME)
    for line in CHROME_VALID_LINES:
        bookmark_id = imported_bookmark_id(import_id_of(CHROME), line)
        wait_for(lambda bookmark_id=bookmark_id: _pending(workflow, bookmark_id), 60, f"{bookmark_id} pending")
        approval = workflow.wait_for_approval_request(bookmark_id)
        assert workflow.approval_link(str(approval["approvalId"])).startswith("http")
        assert workflow.bookmark(bookmark_id)["submitterUsername"] == "maria"


def test_the_report_says_each_valid_line_was_sent_for_review_with_its_bookmark_id(imports: Imports) -> None:
    lines = {line["line"]: line for line in _reviewed(imports, CHROME)["report"]["lines"]}
    assert lines[17] == {
        "line": 17,
        "outcome": "review",
        "bookmarkId": imported_bookmark_id(import_id_of(CHROME), 17),
        "url": "https://serverlessland.com/patterns",
    }
    assert lines[27]["outcome"] == "duplicate"
    assert lines[27]["duplicateOf"] == imported_bookmark_id(import_id_of(CHROME), 14)
    assert lines[21] == {"line": 21, "outcome": "invalid", "reasons": ["url: only http and https URLs are accepted"]}


def test_a_link_sent_for_review_is_approved_by_a_manager_through_its_link(imports: Imports, workflow: Workflow) -> None:
    _reviewed(imports, CHROME)
    bookmark_id = imported_bookmark_id(import_id_of(CHROME), 11)
    workflow.decide(bookmark_id, "APPROVED", manager="omar")
    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert workflow.bookmark(bookmark_id)["status"] == "APPROVED"


def test_the_importing_manager_may_not_approve_a_link_of_their_own_import(imports: Imports, workflow: Workflow) -> None:
    """As for any submission: the submitter does not approve their own link, whoever else may."""
    _reviewed(imports, CHROME)
    bookmark_id = imported_bookmark_id(import_id_of(CHROME), 11)
    link = workflow.approval_link(str(workflow.wait_for_approval_request(bookmark_id)["approvalId"]))
    status, _ = workflow.post_decision(link, "APPROVED", manager="maria")
    assert status == 403
    assert workflow.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"


def test_the_same_file_reviewed_again_by_a_new_attempt_starts_no_submission_twice(
    imports: Imports, workflow: Workflow
) -> None:
    """A second attempt of the import (as after a failure late in the first) starts each link's submission
    under the same name with the same input: Step Functions starts nothing new (the running execution's start
    is idempotent, a closed one's answers ExecutionAlreadyExists, which the batch takes as sent:
    https://docs.aws.amazon.com/botocore/latest/reference/services/stepfunctions/client/exceptions/ExecutionAlreadyExists.html,
    "Executions with the same name and input are considered idempotent")."""
    from bookmarks_tasks.domain.imports.import_ids import execution_name_of

    _reviewed(imports, CHROME)
    before = sorted((execution["name"], execution["executionArn"]) for execution in _submissions(workflow))
    import_machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    first = import_machine.replace(":stateMachine:", ":execution:") + f":{execution_name_of(import_id_of(CHROME))}"
    execution_input = workflow.sfn.describe_execution(executionArn=first)["input"]
    second = workflow.sfn.start_execution(
        stateMachineArn=import_machine, name=execution_name_of(import_id_of(CHROME), 2), input=execution_input
    )["executionArn"]
    wait_for(lambda: workflow.sfn.describe_execution(executionArn=second)["status"] != "RUNNING", 60, "attempt 2")

    assert workflow.sfn.describe_execution(executionArn=second)["status"] == "SUCCEEDED"
    assert sorted((execution["name"], execution["executionArn"]) for execution in _submissions(workflow)) == before


def test_the_same_file_posted_again_with_review_is_the_same_import(imports: Imports, workflow: Workflow) -> None:
    first = imports.post(CHROME, review=True)
    imports.finished(first["body"]["importId"])
    second = imports.post(CHROME, review=True)
    assert (second["statusCode"], second["body"]["executionArn"]) == (202, first["body"]["executionArn"])
    assert len(_submissions(workflow)) == len(CHROME_VALID_LINES)


def test_subscribers_get_one_summary_of_an_import_with_review(imports: Imports, workflow: Workflow) -> None:
    _reviewed(imports, CHROME)
    summaries = [m for m in workflow.mail_to("team@example.com") if m.attributes["eventType"] == "BOOKMARKS_IMPORTED"]
    assert len(summaries) == 1
    assert "maria imported 0 bookmarks, sent 5 for review (1 already known, 1 invalid, 0 failed)" in summaries[0].body


def test_an_import_with_review_over_the_limit_is_refused_with_what_to_do(imports: Imports, workflow: Workflow) -> None:
    lines = [f'{{"url": "https://example.com/{n}"}}' for n in range(REVIEW_LINK_LIMIT + 1)]
    answer = imports.post("\n".join(lines).encode() + b"\n", review=True)
    assert answer["statusCode"] == 400
    assert answer["body"]["message"].startswith(f"an import with review sends at most {REVIEW_LINK_LIMIT} links")
    assert "import it without review" in answer["body"]["message"]
    machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    assert workflow.sfn.list_executions(stateMachineArn=machine)["executions"] == []


def test_an_import_with_review_at_the_limit_is_accepted(imports: Imports) -> None:
    lines = [f'{{"url": "https://example.com/{n}"}}' for n in range(REVIEW_LINK_LIMIT)]
    answer = imports.post("\n".join(lines).encode() + b"\n", review=True)
    assert answer["statusCode"] == 202


KNOWN_AGAIN = b'{"url": "https://serverlessland.com/patterns?utm_campaign=x", "title": "Patterns again"}\n'


def test_a_link_already_known_is_reported_a_duplicate_of_the_existing_bookmark(imports: Imports) -> None:
    """With review, as without: a URL the knowledge base holds is a duplicate of its bookmark (the single
    submission's rule: its URL claim is another bookmark's), not a link sent for review."""
    imports.finished(imports.post(CHROME)["body"]["importId"])
    finished = _reviewed(imports, KNOWN_AGAIN)
    assert finished["report"]["lines"] == [
        {
            "line": 1,
            "outcome": "duplicate",
            "duplicateOf": imported_bookmark_id(import_id_of(CHROME), 17),
            "url": "https://serverlessland.com/patterns?utm_campaign=x",
        }
    ]
    assert finished["report"]["counts"] == {"imported": 0, "review": 0, "duplicate": 1, "invalid": 0, "failed": 0}


def test_a_link_already_known_starts_no_submission_and_no_approval_request(
    imports: Imports, workflow: Workflow
) -> None:
    imports.finished(imports.post(CHROME)["body"]["importId"])
    _reviewed(imports, KNOWN_AGAIN)
    assert _submissions(workflow) == []
    assert workflow.mail_to("approvers@example.com") == []


def test_a_link_sent_for_review_whose_url_was_claimed_meanwhile_ends_a_duplicate(
    imports: Imports, workflow: Workflow
) -> None:
    """The race the read before the start cannot close: a single submission claims the URL after the import's
    batch read it free. The batch's start (same name and input as "Start The Submission" gives it) still runs the
    submission's own claim, so the URL ends as one bookmark and the import's link as its duplicate."""
    first = workflow.submit("https://example.com/raced")
    workflow.wait_for_approval_request(first)
    import_id = import_id_of(b'{"url": "https://example.com/raced"}\n')
    bookmark_id = imported_bookmark_id(import_id, 1)
    machine = workflow.env.stack.physical("SubmitBookmarkStateMachine") + ":live"
    started = workflow.sfn.start_execution(
        stateMachineArn=machine,
        name=bookmark_id,
        input=json.dumps(
            {
                "submission": {"url": "https://example.com/raced", "title": "", "description": "", "tags": []},
                "submitter": {"username": "maria", "email": "maria@example.com"},
                "correlationId": import_id,
            }
        ),
    )
    assert started["executionArn"]
    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert workflow.bookmark(bookmark_id)["status"] == "DUPLICATE"
    assert workflow.bookmark(bookmark_id)["duplicateOf"] == first


def test_a_file_imported_without_review_is_refused_with_review_and_the_reason(imports: Imports) -> None:
    """The same file is one import: sent the other way, it would record its links a second time."""
    imports.finished(imports.post(CHROME)["body"]["importId"])
    answer = imports.post(CHROME, review=True)
    assert (answer["statusCode"], answer["body"]["message"]) == (
        409,
        "this file was already imported without review; send it the same way, or change the file",
    )


def _state(file: str, name: str) -> dict[str, Any]:
    """A state of a workflow, wherever it is nested (a Map's ItemProcessor)."""

    def find(node: Any) -> dict[str, Any] | None:
        if isinstance(node, dict):
            states = node.get("States")
            if isinstance(states, dict) and name in states:
                return dict(states[name])
            return next((found for value in node.values() if (found := find(value)) is not None), None)
        return None

    found = find(json.loads((WORKFLOWS / file).read_text(encoding="utf-8")))
    assert found is not None, f"{name} is not a state of {file}"
    return found


def test_the_review_batch_reads_the_claim_the_single_submission_writes() -> None:
    """One duplicate rule: the key the import reads is the key "Claim The URL" writes, in the same table, from
    the same normalised URL."""
    written = _state("submit_bookmark.asl.json", "Claim The URL")["Parameters"]
    read = _state("import_bookmarks.asl.json", "Find The URL's Claim")["Parameters"]
    assert read["TableName"] == written["TableName"] == "${BookmarksTableName}"
    assert read["Key"]["pk"]["S.$"].replace("$.link.bookmark.", "$.") == written["Item"]["pk"]["S.$"].replace(
        "$.validation.bookmark.", "$."
    )
    assert read["ConsistentRead"] is True
