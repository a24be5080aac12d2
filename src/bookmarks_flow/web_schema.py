"""web/assets/submission.schema.json: the API's BookmarkSubmission schema, copied from api/openapi.yaml so that
the web app validates with the API's own rules. Regenerate with ``python -m bookmarks_flow.web_schema``; a test
fails when the copy and the document disagree."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

SCHEMA_NAME = "BookmarkSubmission"


def submission_schema(openapi_path: Path) -> dict[str, Any]:
    document = yaml.safe_load(openapi_path.read_text(encoding="utf-8"))
    schema: dict[str, Any] = document["components"]["schemas"][SCHEMA_NAME]
    return schema


def rendered(openapi_path: Path) -> str:
    return json.dumps(submission_schema(openapi_path), indent=2, sort_keys=True) + "\n"


def main(project_dir: Path) -> None:
    target = project_dir / "web" / "assets" / "submission.schema.json"
    target.write_text(rendered(project_dir / "api" / "openapi.yaml"), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
