"""Handlers run in this process with their function's variables in ``os.environ``; the rest of the process (the
next test, the next stack) must not inherit them once the stack stops."""

from __future__ import annotations

import os

from bookmarks_flow.local.environment import LocalEnvironment
from tests.support.template_variants import PROJECT_DIR
from tests.support.workflow import Workflow


def test_a_stopped_stack_leaves_os_environ_as_it_found_it() -> None:
    before = dict(os.environ)
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as env:
        workflow = Workflow(env)
        assert workflow.read("/bookmarks/bm-none", "/bookmarks/{bookmarkId}", {"bookmarkId": "bm-none"}, {}) == 404
        assert "AWS_LAMBDA_FUNCTION_NAME" in os.environ

    assert dict(os.environ) == before
