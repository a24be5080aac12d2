"""Findings for every identity policy of a template: parliament's, and wildcards without a reason."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parliament import analyze_policy_string

from bookmarks_flow.iam_audit.role_policies import RolePolicy, role_policies
from bookmarks_flow.iam_audit.template_markers import markers, reason_for
from bookmarks_flow.local.iam.evaluation import glob_match
from bookmarks_flow.local.iam.service_authorization import resource_types

# parliament's issues that mean the policy does not do what it says (the rest are style or informational).
FAILING_ISSUES = frozenset(
    {
        "MALFORMED",
        "MALFORMED_JSON",
        "UNKNOWN_ACTION",
        "UNKNOWN_PREFIX",
        "RESOURCE_MISMATCH",
        "INVALID_ARN",
        "RESOURCE_STAR",
        "RESOURCE_EFFECTIVELY_STAR",
        "UNKNOWN_CONDITION_FOR_ACTION",
        "NO_VERSION",
        "INVALID_VERSION",
        "EXCEPTION",
    }
)


_PLACEHOLDER = re.compile(r"\$\{[A-Za-z0-9]+\}")


@dataclass(frozen=True)
class Finding:
    role: str
    policy: str
    issue: str
    detail: str

    def __str__(self) -> str:
        return f"{self.role} / {self.policy}: {self.issue}: {self.detail}"


def _as_list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else [str(value)] if value is not None else []


def _statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    raw = document.get("Statement", [])
    return list(raw) if isinstance(raw, list) else [raw]


def _wildcard_findings(policy: RolePolicy, reasons: dict[tuple[str, str], str]) -> list[Finding]:
    findings = []
    for statement in _statements(policy.document):
        actions = _as_list(statement.get("Action")) + _as_list(statement.get("NotAction"))
        resources = _as_list(statement.get("Resource")) + _as_list(statement.get("NotResource"))
        wildcards = [value for value in actions + resources if "*" in value or "?" in value]
        if not wildcards:
            continue
        for action in actions:
            if reason_for(reasons, policy.source, action) is None:
                detail = f"{action} on {', '.join(resources)} has a wildcard ({', '.join(wildcards)}) and no "
                detail += f"'# IAM wildcard ({action}): reason' comment in {policy.source} or Globals"
                findings.append(Finding(policy.role, policy.name, "UNEXPLAINED_WILDCARD", detail))
    return findings


def _matches_a_resource_type(policy: RolePolicy, action: str) -> bool:
    """parliament wants every required resource type matched; where an action's required types are
    alternatives (DescribeExecution: an execution or an express execution) matching one of them is enough."""
    patterns = [_PLACEHOLDER.sub("*", t.arn_format).replace("${Partition}", "*") for t in resource_types(action)]
    for statement in _statements(policy.document):
        actions = _as_list(statement.get("Action"))
        if not any(glob_match(a, action, ignore_case=True) for a in actions):
            continue
        resources = _as_list(statement.get("Resource"))
        if patterns and resources and all(any(glob_match(p, r) for p in patterns) for r in resources):
            return True
    return False


def _parliament_findings(policy: RolePolicy, reasons: dict[tuple[str, str], str]) -> list[Finding]:
    findings = []
    analysed = analyze_policy_string(json.dumps(policy.document), include_community_auditors=False)
    for finding in analysed.findings:
        if finding.issue not in FAILING_ISSUES:
            continue
        detail = finding.title or finding.detail
        if finding.issue == "RESOURCE_MISMATCH":
            mismatched = [m for m in finding.detail if not _matches_a_resource_type(policy, m["action"])]
            if not mismatched:
                continue
            detail = mismatched
        if finding.issue == "RESOURCE_STAR":
            # A Resource "*" that the template explains is a wildcard with its reason, not a finding.
            unexplained = [a for a in _as_list(finding.detail) if reason_for(reasons, policy.source, a) is None]
            if not unexplained:
                continue
            detail = unexplained
        findings.append(Finding(policy.role, policy.name, str(finding.issue), str(detail)))
    return findings


def audit(template_path: Path) -> list[Finding]:
    reasons = markers(template_path, "wildcard")
    findings: list[Finding] = []
    for policy in role_policies(template_path):
        findings += _parliament_findings(policy, reasons)
        findings += _wildcard_findings(policy, reasons)
    return findings
