"""API Gateway invokes a proxy function only where the function's resource policy (the template's
AWS::Lambda::Permission, principal apigateway.amazonaws.com, SourceArn) allows that method and resource.
https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html#apigateway-permissions
"""

from __future__ import annotations

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from tests.support.template_variants import PROJECT_DIR


def _function(environment: LocalEnvironment, logical_id: str) -> str:
    return str(environment.stack.attribute(logical_id, "Arn"))


def test_each_function_may_be_invoked_for_the_routes_its_permission_names(environment: LocalEnvironment) -> None:
    sessions = environment.principal_sessions("BookmarksApi")
    read, decide = _function(environment, "ReadBookmarksFunction"), _function(environment, "DecideApprovalFunction")
    submit = _function(environment, "SubmitBookmarkFunction")

    assert sessions.api_may_invoke(submit, "POST", "/bookmarks")
    assert sessions.api_may_invoke(read, "GET", "/bookmarks")
    assert sessions.api_may_invoke(read, "GET", "/bookmarks/{bookmarkId}")
    assert sessions.api_may_invoke(decide, "POST", "/approvals/{approvalId}")
    assert sessions.api_may_invoke(decide, "GET", "/approvals/{approvalId}")


def test_a_route_outside_a_functions_permission_is_refused(environment: LocalEnvironment) -> None:
    sessions = environment.principal_sessions("BookmarksApi")

    assert not sessions.api_may_invoke(_function(environment, "ReadBookmarksFunction"), "POST", "/bookmarks")
    assert not sessions.api_may_invoke(_function(environment, "SubmitBookmarkFunction"), "GET", "/bookmarks")
    assert not sessions.api_may_invoke(_function(environment, "DecideApprovalFunction"), "GET", "/bookmarks")
    assert not sessions.api_may_invoke(_function(environment, "ValidateSubmissionFunction"), "GET", "/bookmarks")


def test_with_iam_off_api_gateway_may_invoke_any_function() -> None:
    environment = LocalEnvironment(PROJECT_DIR, enforce_iam=False)
    with pytest.warns(UserWarning, match="IAM enforcement is OFF"):
        environment.start()
    try:
        sessions = environment.principal_sessions("BookmarksApi")
        assert sessions.api_may_invoke(_function(environment, "ValidateSubmissionFunction"), "GET", "/bookmarks")
    finally:
        environment.stop()
