"""Each function calls AWS as its own role, as on Lambda where every function is its own process.

Handlers run in this process; the runtime gives each function its own copy of its modules (so a boto3 client
or a secret that one function caches at module level is never another's) and signs its calls with its role's
credentials for the invoking thread only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from bookmarks_flow.local.iam.journal import JOURNAL_VARIABLE
from bookmarks_flow.local.iam.journal import read as read_journal
from tests.support.workflow import Workflow


def test_two_functions_reading_one_secret_each_read_it_as_their_own_role(
    workflow: Workflow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal.jsonl"
    monkeypatch.setenv(JOURNAL_VARIABLE, str(journal))
    bookmark_id = workflow.submit("https://example.com/identities")

    workflow.decide(bookmark_id, "APPROVED")

    readers = {grant.role for grant in read_journal(journal) if grant.action == "secretsmanager:GetSecretValue"}
    assert readers == {"RequestApprovalFunctionRole", "DecideApprovalFunctionRole"}


def test_each_function_has_its_own_module_level_clients(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/modules")
    workflow.decide(bookmark_id, "APPROVED")

    runtime = workflow.env.runtime
    request = runtime.modules_of("bookmarks-flow-RequestApprovalFunction")["bookmarks_tasks.aws.clients"]
    decide = runtime.modules_of("bookmarks-flow-DecideApprovalFunction")["bookmarks_tasks.aws.clients"]
    assert request is not decide
    assert request.client("dynamodb") is not decide.client("dynamodb")


def test_only_the_index_writes_skip_the_sdks_own_request_validation(workflow: Workflow) -> None:
    """The word index items are built by the function itself (bookmark_words_table.word_item); every other request
    keeps botocore's check against the service model. Unchecked, a malformed request reaches the service, which
    refuses it."""
    bookmark_id = workflow.submit("https://example.com/validation")
    workflow.decide(bookmark_id, "APPROVED")
    clients = workflow.env.runtime.modules_of("bookmarks-flow-DecideApprovalFunction")["bookmarks_tasks.aws.clients"]
    malformed = {"TableName": "missing", "Item": {"pk": {"S": 5}}}

    with pytest.raises(ParamValidationError):
        clients.client("dynamodb").put_item(**malformed)
    with pytest.raises(ClientError):
        clients.unvalidated_client("dynamodb").put_item(**malformed)
