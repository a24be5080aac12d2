"""The IAM audit (dev.py lint) reports policies that would not do on AWS what the template means."""

from __future__ import annotations

from pathlib import Path

from bookmarks_flow.iam_audit.audit import audit
from tests.iam.test_refusals_in_journeys import FIXED_SEND_TASK, OLD_SEND_TASK
from tests.support.template_variants import PROJECT_DIR, template_variant

READ_STATEMENT = (
    '              Action: [dynamodb:Query]\n              Resource: !Sub "${BookmarksTable.Arn}/index/ByStatus"\n'
)
DESCRIBE_REASON = "            # IAM wildcard (states:DescribeExecution): execution names are bookmark ids"


def _issues(directory: Path, replacements: list[tuple[str, str]]) -> list[str]:
    return [
        f"{f.role} {f.issue} {f.detail}" for f in audit(template_variant(directory, replacements) / "template.yaml")
    ]


def test_the_template_passes_the_audit() -> None:
    assert audit(PROJECT_DIR / "template.yaml") == []


def test_send_task_on_the_state_machine_arn_is_a_resource_mismatch(tmp_path: Path) -> None:
    [issue] = _issues(tmp_path, [(FIXED_SEND_TASK, OLD_SEND_TASK)])
    assert issue.startswith("DecideApprovalFunctionRole RESOURCE_MISMATCH")
    assert "states:SendTaskSuccess" in issue


def test_an_unknown_action_is_reported(tmp_path: Path) -> None:
    [issue] = _issues(tmp_path, [(READ_STATEMENT, READ_STATEMENT.replace("dynamodb:Query", "dynamodb:Querry"))])
    assert issue.startswith("ReadBookmarksFunctionRole UNKNOWN_ACTION")
    assert "dynamodb:Querry" in issue


def test_a_wildcard_without_a_reason_is_reported(tmp_path: Path) -> None:
    [issue] = _issues(tmp_path, [(DESCRIBE_REASON, "            # (reason removed)")])
    assert issue.startswith("ReadBookmarksFunctionRole UNEXPLAINED_WILDCARD states:DescribeExecution")


def test_a_star_resource_for_an_action_that_takes_one_is_reported(tmp_path: Path) -> None:
    topic = "              Action: [sns:Publish]\n              Resource: !Ref ApprovalRequestsTopic\n"
    issues = _issues(tmp_path, [(topic, topic.replace("!Ref ApprovalRequestsTopic", '"*"'))])
    assert any(issue.startswith("RequestApprovalFunctionRole RESOURCE_STAR") for issue in issues)
