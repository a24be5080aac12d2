"""``python -m bookmarks_flow.iam_audit template.yaml``: exits 1 with the findings, if any."""

from __future__ import annotations

import sys
from pathlib import Path

from bookmarks_flow.iam_audit.audit import audit


def main(argv: list[str]) -> int:
    template = Path(argv[0] if argv else "template.yaml")
    findings = audit(template)
    for finding in findings:
        print(finding)
    if findings:
        print(f"IAM audit: {len(findings)} finding(s) in {template}", file=sys.stderr)
        return 1
    print(f"IAM audit: every identity policy of {template} is clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
