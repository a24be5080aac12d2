"""Reasons written in template.yaml's comments, which YAML loading drops, read from the text itself.

``# IAM wildcard (states:SendTaskSuccess, states:SendTaskFailure): why`` explains a wildcard;
``# IAM unexercised (dynamodb:DeleteItem): why`` explains a permission that no local journey uses. A marker
applies to the top-level resource it is written in (``Globals``: to every function).
"""

from __future__ import annotations

import re
from pathlib import Path

_MARKER = re.compile(r"#\s*IAM (?P<kind>wildcard|unexercised) \((?P<actions>[^)]+)\):\s*(?P<reason>\S.*)$")
_TOP_LEVEL = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9]*):")
_RESOURCE = re.compile(r"^  (?P<name>[A-Za-z][A-Za-z0-9]*):")
GLOBALS = "Globals"


def markers(template_path: Path, kind: str) -> dict[tuple[str, str], str]:
    """``(scope, lower-case action) -> reason`` for every marker of ``kind`` ("wildcard" or "unexercised")."""
    found: dict[tuple[str, str], str] = {}
    section, scope = "", ""
    for line in template_path.read_text(encoding="utf-8").splitlines():
        if top := _TOP_LEVEL.match(line):
            section = scope = top["name"]
        elif section == "Resources" and (resource := _RESOURCE.match(line)):
            scope = resource["name"]
        marker = _MARKER.search(line)
        if marker and marker["kind"] == kind:
            for action in marker["actions"].split(","):
                found[(scope, action.strip().lower())] = marker["reason"].strip()
    return found


def reason_for(found: dict[tuple[str, str], str], scope: str, action: str) -> str | None:
    return found.get((scope, action.lower())) or found.get((GLOBALS, action.lower()))
