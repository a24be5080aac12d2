"""Bookmarks, decisions and the link secret outlive the stack: what deleting or replacing it keeps."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from bookmarks_flow.local.environment import LocalEnvironment

TABLES = ("BookmarksTable", "ApprovalsTable", "IdempotencyTable")


@pytest.mark.parametrize("logical_id", TABLES)
def test_a_table_of_the_stack_refuses_to_be_deleted(environment: LocalEnvironment, logical_id: str) -> None:
    dynamodb = environment.client("dynamodb")
    table_name = environment.stack.physical(logical_id)

    with pytest.raises(ClientError, match="DeletionProtectionEnabled"):
        dynamodb.delete_table(TableName=table_name)

    assert dynamodb.describe_table(TableName=table_name)["Table"]["TableStatus"] == "ACTIVE"


def test_the_link_secret_is_named_after_the_stack(environment: LocalEnvironment) -> None:
    """A name the deploy roles can be scoped to (deploy/bootstrap.yaml grants secret:STACK-PREFIX-*)."""
    secret_arn = environment.stack.physical("ApprovalLinkSecret")

    assert f":secret:{environment.stack_name}-approval-link-secret-" in secret_arn
