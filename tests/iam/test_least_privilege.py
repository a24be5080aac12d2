"""Least privilege, proven by use: every permission template.yaml grants is used by some path of the
application, or the template says why not (``# IAM unexercised (action, ...): reason`` in the resource).

The authoriser records each allowed request in the journal (``BOOKMARKS_IAM_JOURNAL``) as the statement entry
that allowed it. This test runs its own journeys over every path (approved, rejected, duplicate, invalid,
expired after a reminder and the escalation, decided while a reminder is sent, failed, POST /bookmarks and its
retry, the reads and the web app's routes), so it needs no other test to have run first.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bookmarks_flow.iam_audit.template_markers import markers, reason_for
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.iam.journal import JOURNAL_VARIABLE, Grant
from bookmarks_flow.local.iam.journal import read as read_journal
from bookmarks_flow.local.iam.principals import Principal
from tests.support.imports import Imports
from tests.support.template_variants import PROJECT_DIR
from tests.support.workflow import Workflow
from tests.tasks.import_fixtures import fixture_bytes

# Validation is pure code: the functions' roles have only the managed policies every function gets.
_NO_CALLS = {"ValidateSubmissionFunctionRole", "CheckImportBatchFunctionRole"}


def _grants(principal: Principal) -> set[Grant]:
    return {
        Grant(principal.role_logical_id, policy.name, index, action, resource)
        for policy in principal.policies
        for index, statement in enumerate(policy.statements)
        if statement.effect == "Allow"
        for action in statement.actions
        for resource in statement.resources
    }


def _owner(role: str) -> str:
    """The template resource a role is written in (SAM names a function's role ``<Function>Role``)."""
    return role.removesuffix("Role") if role.endswith("FunctionRole") or role.endswith("MachineRole") else role


def _journeys(workflow: Workflow) -> None:
    env = workflow.env
    # POST /bookmarks through SubmitBookmarkFunction (StartExecution); the same request again once the execution
    # has closed (DescribeExecution tells the retry from a reused key).
    submitted = workflow.submit_through_api("https://example.com/api", idempotency_key="least-privilege")
    assert submitted["statusCode"] == 202
    api_bookmark = str(submitted["body"]["bookmarkId"])
    approved = workflow.submit("https://example.com/approved")
    assert workflow.read(f"/bookmarks/{approved}", "/bookmarks/{bookmarkId}", {"bookmarkId": approved}, {}) == 200
    workflow.decide(approved, "APPROVED")
    rejected = workflow.submit("https://example.com/rejected")
    workflow.decide(rejected, "REJECTED", comment="no")
    duplicate = workflow.submit("https://example.com/approved")
    invalid = workflow.submit("not a link")
    # The web app's reads through BrowseBookmarksFunction, while the API's submission still waits for a manager.
    workflow.wait_for_approval_request(api_bookmark)
    assert workflow.browse("/approvals", {}, as_manager=True) == 200
    assert workflow.browse("/me/bookmarks", {}) == 200
    workflow.decide(api_bookmark, "APPROVED")
    for bookmark_id in (approved, rejected, duplicate, invalid, api_bookmark):
        workflow.wait_until_finished(bookmark_id)
    retried = workflow.submit_through_api("https://example.com/api", idempotency_key="least-privilege")
    assert (retried["statusCode"], retried["body"]["bookmarkId"]) == (202, api_bookmark)
    assert workflow.read("/bookmarks", "/bookmarks", {}, {"status": "APPROVED"}) == 200
    assert workflow.browse("/search", {"q": "example"}) == 200
    assert workflow.browse("/search", {}) == 200
    # An id with no record yet: the read asks Step Functions whether the execution is still running.
    assert workflow.read("/bookmarks/bm-unknown", "/bookmarks/{bookmarkId}", {"bookmarkId": "bm-unknown"}, {}) == 404
    # A bulk import through StartImportFunction (S3, StartExecution), followed to its report (DescribeExecution,
    # ListMapRuns, DescribeMapRun, the report from S3); the map reads its items and writes its results in S3.
    imports = Imports(workflow)
    started = imports.post(fixture_bytes("chrome_bookmarks.html"))
    assert started["statusCode"] == 202
    imports.wait_for_map_run(started["body"]["importId"])
    assert imports.finished(started["body"]["importId"])["status"] == "SUCCEEDED"
    # A link the table already holds: the import's claim fails and it reads the existing bookmark.
    again = imports.post(b'{"url": "https://serverlessland.com/patterns"}\n')
    assert imports.finished(again["body"]["importId"])["report"]["counts"]["duplicate"] == 1
    # An import with review: its batch starts the link's submission workflow (StartExecution through the alias).
    reviewed = imports.post(b'{"url": "https://example.com/reviewed"}\n', review=True)
    [sent] = imports.finished(reviewed["body"]["importId"])["report"]["lines"]
    workflow.wait_for_approval_request(str(sent["bookmarkId"]))
    # Failed: the approvers' topic is gone, so the approval request fails for good.
    # The five-minute approval-deadline check reads the Waiting index (WatchApprovalDeadlinesFunction).
    assert workflow.run_schedules() != []
    env.client("sns").delete_topic(TopicArn=env.stack.physical("ApprovalRequestsTopic"))
    failed = workflow.submit("https://example.com/failed")
    assert workflow.wait_until_finished(failed)["status"] == "FAILED"


@dataclass(frozen=True)
class Run:
    granted: set[Grant]
    used: set[Grant]
    principals: set[str]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every journey once, with the journal in this module's own directory (and the variable put back after)."""
    journal = tmp_path_factory.mktemp("least-privilege") / "journal.jsonl"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(JOURNAL_VARIABLE, str(journal))
        with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as env:
            _journeys(Workflow(env))
            principals = env.principals.principals()
            granted = {grant for principal in principals for grant in _grants(principal)}
        # Expired after a reminder and the escalation; approved and rejected while the wait was being renewed for
        # a reminder (the approval function then completes the new token itself). The escalation comes 9 s after
        # the reminder: the decisions must land in between, and an answered one ends its wait early.
        follow_ups = {"ApprovalReminderSeconds": "3", "ApprovalMaxReminders": "1", "ApprovalEscalationSeconds": "12"}
        with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "14", **follow_ups}) as env:
            workflow = Workflow(env)
            expired = workflow.submit("https://example.com/expired")
            for kind in ("APPROVED", "REJECTED"):
                raced = workflow.submit(f"https://example.com/raced/{kind}")
                assert workflow.decide_while_the_wait_is_renewed(raced, kind)[0] == 202
                workflow.wait_until_finished(raced)
            assert workflow.wait_until_finished(expired, timeout=60)["status"] == "SUCCEEDED"
            assert workflow.bookmark(expired)["status"] == "EXPIRED"
    return Run(granted, read_journal(journal), {principal.role_logical_id for principal in principals})


def test_every_granted_permission_is_used_by_a_path_or_explained(run: Run) -> None:
    reasons = markers(PROJECT_DIR / "template.yaml", "unexercised")

    unused = sorted(
        f"{grant.role}: {grant.action} on {grant.resource}"
        for grant in run.granted - run.used
        if reason_for(reasons, _owner(grant.role), grant.action) is None
    )

    assert unused == [], "granted in template.yaml, used by no path and not explained:\n" + "\n".join(unused)


def test_the_journal_sees_the_calls_of_every_principal_that_makes_any(run: Run) -> None:
    """Each function's role and the state machine's (SubmitBookmarkFunctionRole included) appear in the journal:
    a principal whose calls went unrecorded would make all its grants look unused, or hide behind a reason."""
    callers = {grant.role for grant in run.used}

    assert callers == run.principals - _NO_CALLS


def test_an_import_with_review_starts_its_submissions_with_its_own_grant(run: Run) -> None:
    """The import role's StartExecution on the submission state machine is used, not excused: the role's other
    StartExecution (its own map's children) is marked unexercised, which would hide this one."""
    used = {(grant.role, grant.action, grant.resource) for grant in run.used}
    machine = "arn:aws:states:us-east-1:123456789012:stateMachine:bookmarks-flow-submit-bookmark"
    assert ("ImportBookmarksStateMachineRole", "states:StartExecution", machine) in used


def test_an_import_with_review_reads_the_url_claims_with_its_own_grant(run: Run) -> None:
    """Before it starts a link's submission, the batch reads the URL's claim (a known URL is a duplicate)."""
    used = {(grant.role, grant.action, grant.resource) for grant in run.used}
    table = "arn:aws:dynamodb:us-east-1:123456789012:table/bookmarks-flow-BookmarksTable"
    assert ("ImportBookmarksStateMachineRole", "dynamodb:GetItem", table) in used
