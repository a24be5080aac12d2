"""The web app validates suggestions with the API's own schema: web/assets/submission.schema.json is a copy of
BookmarkSubmission from api/openapi.yaml, and uses only keywords that web/assets/schema.js checks."""

from __future__ import annotations

import json
import re
from typing import Any

from bookmarks_flow.web_schema import rendered
from tests.support.stack_process import PROJECT_DIR

SCHEMA_FILE = PROJECT_DIR / "web" / "assets" / "submission.schema.json"
VALIDATOR = PROJECT_DIR / "web" / "assets" / "schema.js"


def keywords(schema: Any) -> set[str]:
    if not isinstance(schema, dict):
        return set()
    found = set(schema) - {"properties"}
    for name, value in schema.items():
        if name == "properties":
            for inner in value.values():
                found |= keywords(inner)
        elif name == "items":
            found |= keywords(value)
    return found | ({"properties"} if "properties" in schema else set())


def test_the_apps_schema_is_the_apis_submission_schema() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == rendered(PROJECT_DIR / "api" / "openapi.yaml"), (
        "web/assets/submission.schema.json is stale: run .venv/bin/python -m bookmarks_flow.web_schema"
    )


def test_the_apps_validator_checks_every_keyword_the_schema_uses() -> None:
    supported = set(re.findall(r'"(\w+)"', VALIDATOR.read_text(encoding="utf-8").split("];", 1)[0]))

    assert keywords(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))) <= supported
