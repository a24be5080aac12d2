"""An import interrupted by the local stack being killed (``kill -9``) part-way, on a state directory of its own:
started again on the same directory and sent the same file again, the import finishes the rest, nothing is
recorded twice, and the report is the one an uninterrupted import gives."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bench.bookmark_exports import Export, chrome_export, report_mismatches
from bookmarks_tasks.domain.imports.import_ids import import_id_of, imported_bookmark_id
from tests.support.stack_process import RunningStack, start_stack, stop_stack
from tests.support.workflow import wait_for

pytestmark = pytest.mark.e2e
LINKS = 600
BOOKMARKS_TABLE = "bookmarks-flow-BookmarksTable"


def _items(stack: RunningStack, prefix: str) -> list[dict[str, Any]]:
    """Every item of the bookmarks table whose key starts with ``prefix`` (BOOKMARK# or URL#)."""
    dynamodb = stack.aws_client("dynamodb")
    pages = dynamodb.get_paginator("scan").paginate(
        TableName=BOOKMARKS_TABLE,
        ConsistentRead=True,
        FilterExpression="begins_with(pk, :prefix)",
        ExpressionAttributeValues={":prefix": {"S": prefix}},
    )
    return [item for page in pages for item in page["Items"]]


def _recorded(stack: RunningStack, import_id: str) -> list[str]:
    return [
        item["bookmarkId"]["S"] for item in _items(stack, "BOOKMARK#") if item.get("importId", {}).get("S") == import_id
    ]


def _kill_part_way(stack: RunningStack, export: Export, imported: int) -> int:
    """Starts the import and kills the stack once some, not all, of its links are recorded; how many were."""
    import_id = stack.client("maria").start_import(export.content)["importId"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        recorded = len(_recorded(stack, import_id))
        if 0 < recorded < imported:
            stack.kill()
            return recorded
        assert recorded < imported, "the import finished before it could be interrupted"
        time.sleep(0.05)
    raise AssertionError("no link was recorded within two minutes")


def test_an_import_killed_part_way_finishes_the_rest_when_run_again_without_duplicates(tmp_path: Path) -> None:
    export = chrome_export(LINKS, site="interrupted-import.example")
    import_id = import_id_of(export.content)
    expected = Counter(outcome for outcome, _ in export.expected.values())
    stack = start_stack(state_dir=tmp_path)
    recorded_before = _kill_part_way(stack, export, expected["imported"])

    stack = start_stack(state_dir=tmp_path, ports=stack.ports)
    try:
        client = stack.client("maria")
        again = client.start_import(export.content)
        assert again["importId"] == import_id
        answer = wait_for(
            lambda: (a := client.import_progress(import_id))["status"] != "RUNNING" and a, 180, "the import to end"
        )
        recorded = _recorded(stack, import_id)
        claims = Counter(item["bookmarkId"]["S"] for item in _items(stack, "URL#"))
    finally:
        stop_stack(stack)

    assert answer["status"] == "SUCCEEDED", answer
    assert 0 < recorded_before < expected["imported"]
    assert answer["report"]["counts"] == {
        "imported": expected["imported"],
        "review": 0,
        "duplicate": expected["duplicate"],
        "invalid": expected["invalid"],
        "failed": 0,
    }
    assert sorted(recorded) == sorted(set(recorded))
    assert len(recorded) == expected["imported"]
    assert all(count == 1 for count in claims.values())
    assert report_mismatches(answer["report"], export, lambda line: imported_bookmark_id(import_id, line)) == []
