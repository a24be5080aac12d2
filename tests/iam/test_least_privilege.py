"""Least privilege, proven by use: every permission template.yaml grants is used by some path of the
application, or the template says why not (``# IAM unexercised (action, ...): reason`` in the resource).

The authoriser records each allowed request in the journal (``BOOKMARKS_IAM_JOURNAL``) as the statement entry
that allowed it. This test runs its own journeys over every path (approved, rejected, duplicate, invalid,
expired, failed, the API's start and reads), so it needs no other test to have run first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bookmarks_flow.iam_audit.template_markers import markers, reason_for
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.iam.journal import JOURNAL_VARIABLE, Grant
from bookmarks_flow.local.iam.journal import read as read_journal
from bookmarks_flow.local.iam.principals import Principal
from tests.support.template_variants import PROJECT_DIR
from tests.support.workflow import Workflow, wait_for


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
    machine = str(env.stack.physical("SubmitBookmarkStateMachine"))
    api_role = str(env.stack.attribute("ApiStartExecutionRole", "Arn"))
    # The API's direct StartExecution integration, as its credentials role.
    env.principal_sessions().client_as(api_role, "stepfunctions").start_execution(
        stateMachineArn=machine,
        name="bm-api-start",
        input=json.dumps(
            {
                "submission": {"url": "https://example.com/api"},
                "submitter": {"username": "alice", "email": "a@example.com"},
            }
        ),
    )
    approved = workflow.submit("https://example.com/approved")
    assert workflow.read(f"/bookmarks/{approved}", "/bookmarks/{bookmarkId}", {"bookmarkId": approved}, {}) == 200
    workflow.decide(approved, "APPROVED")
    rejected = workflow.submit("https://example.com/rejected")
    workflow.decide(rejected, "REJECTED", comment="no")
    duplicate = workflow.submit("https://example.com/approved")
    invalid = workflow.submit("not a link")
    for bookmark_id in (approved, rejected, duplicate, invalid, "bm-api-start"):
        workflow.wait_until_finished(bookmark_id) if bookmark_id != "bm-api-start" else None
    assert workflow.read("/bookmarks", "/bookmarks", {}, {"status": "APPROVED"}) == 200
    # An id with no record yet: the read asks Step Functions whether the execution is still running.
    assert workflow.read("/bookmarks/bm-unknown", "/bookmarks/{bookmarkId}", {"bookmarkId": "bm-unknown"}, {}) == 404
    # Failed: the approvers' topic is gone, so the approval request fails for good.
    env.client("sns").delete_topic(TopicArn=env.stack.physical("ApprovalRequestsTopic"))
    failed = workflow.submit("https://example.com/failed")
    assert workflow.wait_until_finished(failed)["status"] == "FAILED"


def test_every_granted_permission_is_used_by_a_path_or_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal.jsonl"
    monkeypatch.setenv(JOURNAL_VARIABLE, str(journal))
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as env:
        _journeys(Workflow(env))
        granted = {grant for principal in env.principals.principals() for grant in _grants(principal)}
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "2"}) as env:
        workflow = Workflow(env)
        expired = workflow.submit("https://example.com/expired")
        wait_for(lambda: workflow.wait_until_finished(expired, timeout=30), 30, "the expiry")
    used = read_journal(journal)
    reasons = markers(PROJECT_DIR / "template.yaml", "unexercised")

    unused = sorted(
        f"{grant.role}: {grant.action} on {grant.resource}"
        for grant in granted - used
        if reason_for(reasons, _owner(grant.role), grant.action) is None
    )

    assert unused == [], "granted in template.yaml, used by no path and not explained:\n" + "\n".join(unused)
