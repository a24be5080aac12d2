"""workflows/import_bookmarks.asl.json, executed by moto's engine (with the Distributed Map adapters) and the
real handler code, started through StartImportFunction as POST /imports starts it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bookmarks_tasks.aws.bookmark_words_table import index_items
from bookmarks_tasks.domain.imports.import_ids import execution_name_of, import_id_of, imported_bookmark_id
from tests.support.imports import MEMBER, Imports
from tests.support.workflow import Workflow, wait_for
from tests.tasks.import_fixtures import fixture_bytes

CHROME = fixture_bytes("chrome_bookmarks.html")


@pytest.fixture
def imports(workflow: Workflow) -> Imports:
    return Imports(workflow)


def _imported(imports: Imports, content: bytes) -> dict[str, Any]:
    started = imports.post(content)
    assert started["statusCode"] == 202, started
    return imports.finished(started["body"]["importId"])


def _lines(report: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {line["line"]: line for line in report["lines"]}


def test_every_line_of_a_browser_export_is_in_the_report_once(imports: Imports) -> None:
    finished = _imported(imports, CHROME)
    assert finished["status"] == "SUCCEEDED"
    assert finished["report"]["counts"] == {"imported": 5, "review": 0, "duplicate": 1, "invalid": 1, "failed": 0}
    assert sorted(_lines(finished["report"])) == [11, 14, 17, 18, 21, 27, 28]


def test_a_javascript_bookmarklet_is_reported_invalid_with_the_single_submission_reason(imports: Imports) -> None:
    line = _lines(_imported(imports, CHROME)["report"])[21]
    assert line == {"line": 21, "outcome": "invalid", "reasons": ["url: only http and https URLs are accepted"]}


def test_an_imported_link_is_approved_by_the_importing_manager_with_its_folder_tags(
    imports: Imports, workflow: Workflow
) -> None:
    _imported(imports, CHROME)
    bookmark = workflow.bookmark(imported_bookmark_id(import_id_of(CHROME), 17))
    assert bookmark["status"] == "APPROVED"
    assert bookmark["tags"] == ["work", "serverless-patterns"]
    assert (bookmark["submitterUsername"], bookmark["decidedBy"]) == ("maria", "maria")
    assert [decision["decision"] for decision in bookmark["decisions"]] == ["APPROVED"]
    assert bookmark["importId"] == import_id_of(CHROME)


def test_an_import_run_again_records_nothing_twice(imports: Imports, workflow: Workflow) -> None:
    """A second attempt of the whole import (as after a failure late in the first): every claim is its own,
    and each bookmark, written only if absent, is left as the first run wrote it."""
    first = imports.finished(imports.post(CHROME)["body"]["importId"])
    recorded = workflow.bookmark(imported_bookmark_id(import_id_of(CHROME), 28))
    machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    execution = f"{machine.replace(':stateMachine:', ':execution:')}:{execution_name_of(import_id_of(CHROME))}"
    execution_input = workflow.sfn.describe_execution(executionArn=execution)["input"]
    second = workflow.sfn.start_execution(
        stateMachineArn=machine, name=execution_name_of(import_id_of(CHROME), 2), input=execution_input
    )["executionArn"]
    wait_for(lambda: workflow.sfn.describe_execution(executionArn=second)["status"] == "SUCCEEDED", 60, "attempt 2")
    assert workflow.bookmark(imported_bookmark_id(import_id_of(CHROME), 28)) == recorded
    assert imports.get(first["importId"])["body"]["report"]["counts"] == first["report"]["counts"]


def test_a_link_already_known_is_a_duplicate_of_the_existing_bookmark(imports: Imports, workflow: Workflow) -> None:
    _imported(imports, CHROME)
    later = b'{"url": "https://serverlessland.com/patterns?utm_campaign=x", "title": "Patterns again"}\n'
    line = _lines(_imported(imports, later)["report"])[1]
    assert line["outcome"] == "duplicate"
    assert line["duplicateOf"] == imported_bookmark_id(import_id_of(CHROME), 17)


def test_the_same_file_twice_is_one_import_and_imports_nothing_the_second_time(
    imports: Imports, workflow: Workflow
) -> None:
    first = imports.post(CHROME)
    imports.finished(first["body"]["importId"])
    second = imports.post(CHROME)
    assert second["statusCode"] == 202
    assert second["body"]["executionArn"] == first["body"]["executionArn"]
    machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    assert len(workflow.sfn.list_executions(stateMachineArn=machine)["executions"]) == 1


def test_subscribers_get_one_summary_of_the_import(imports: Imports, workflow: Workflow) -> None:
    _imported(imports, CHROME)
    [summary] = workflow.mail_to("team@example.com")
    assert summary.attributes["eventType"] == "BOOKMARKS_IMPORTED"
    assert "maria imported 5 bookmarks (1 already known, 1 invalid, 0 failed)" in summary.body


def test_a_malformed_line_is_reported_with_its_number_and_the_others_are_imported(imports: Imports) -> None:
    report = _imported(imports, fixture_bytes("links.jsonl"))["report"]
    lines = _lines(report)
    assert lines[3]["outcome"] == "invalid"
    assert lines[3]["reasons"] == ["the line is not JSON: Expecting ',' delimiter at column 63"]
    assert (lines[1]["outcome"], lines[2]["outcome"], lines[7]["outcome"]) == ("imported", "imported", "imported")


def _claimed_by_an_earlier_attempt(workflow: Workflow, import_id: str, line: int, normalized_url: str) -> None:
    """What the first attempt's "Claim The URL" wrote before it was interrupted."""
    item = {"pk": {"S": f"URL#{normalized_url}"}, "bookmarkId": {"S": imported_bookmark_id(import_id, line)}}
    workflow.dynamodb.put_item(TableName=workflow.table("BookmarksTable"), Item=item)


def test_an_interrupted_import_sent_again_finishes_the_rest_without_duplicates(
    imports: Imports, workflow: Workflow
) -> None:
    """The first attempt failed after claiming two URLs (its claims are written here, and its execution fails
    reading a file that is gone); the file sent again starts the second attempt, which takes those claims as
    its own and imports every line once."""
    import_id = import_id_of(CHROME)
    machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    first = workflow.sfn.start_execution(
        stateMachineArn=machine,
        name=execution_name_of(import_id),
        input=json.dumps({"importId": import_id, "itemsKey": f"imports/{import_id}/gone.json", "links": 7}),
    )["executionArn"]
    _claimed_by_an_earlier_attempt(workflow, import_id, 11, "https://docs.python.org/3/")
    _claimed_by_an_earlier_attempt(workflow, import_id, 14, "https://aws.amazon.com/step-functions/")
    wait_for(lambda: workflow.sfn.describe_execution(executionArn=first)["status"] == "FAILED", 30, "attempt 1")

    again = imports.post(CHROME)

    assert again["body"]["executionArn"].endswith(execution_name_of(import_id, 2))
    finished = imports.finished(import_id)
    assert finished["report"]["counts"] == {"imported": 5, "review": 0, "duplicate": 1, "invalid": 1, "failed": 0}
    assert _lines(finished["report"])[14]["bookmarkId"] == imported_bookmark_id(import_id, 14)


def test_a_member_who_is_not_a_manager_may_not_import(imports: Imports) -> None:
    answer = imports.post(CHROME, claims=MEMBER)
    assert (answer["statusCode"], answer["body"]) == (403, {"message": "Only managers import bookmarks"})


@pytest.mark.parametrize(
    ("content", "status", "message"),
    [
        (b"", 400, "the file is empty"),
        (b"%PDF-1.7\n", 400, "the file is not a format bookmarks can import"),
        (b"url\n" + b"x" * (4 * 1024 * 1024), 413, "the file is larger than 4 MiB"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_before_anything_starts(
    imports: Imports, workflow: Workflow, content: bytes, status: int, message: str
) -> None:
    answer = imports.post(content)
    assert answer["statusCode"] == status
    assert answer["body"]["message"].startswith(message)
    machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    assert workflow.sfn.list_executions(stateMachineArn=machine)["executions"] == []


def test_a_file_sent_as_another_content_type_is_415_before_anything_starts(
    imports: Imports, workflow: Workflow
) -> None:
    answer = imports.post(CHROME, headers={"Content-Type": "text/plain"})
    assert answer["statusCode"] == 415
    assert "application/json" in answer["body"]["message"]
    machine = workflow.env.stack.physical("ImportBookmarksStateMachine")
    assert workflow.sfn.list_executions(stateMachineArn=machine)["executions"] == []


def test_the_content_type_header_is_read_whatever_its_case(imports: Imports) -> None:
    """HTTP header names are case-insensitive (RFC 9110, section 5.1), and API Gateway passes them as sent."""
    answer = imports.post(CHROME, headers={"content-type": "application/json"})
    assert answer["statusCode"] == 202, answer
    assert imports.finished(answer["body"]["importId"])["status"] == "SUCCEEDED"


def test_an_unknown_import_is_not_found(imports: Imports) -> None:
    assert imports.get("0" * 64)["statusCode"] == 404


def test_an_imported_link_is_indexed_under_each_of_its_words(imports: Imports, workflow: Workflow) -> None:
    _imported(imports, CHROME)
    bookmark_id = imported_bookmark_id(import_id_of(CHROME), 17)
    bookmark = workflow.bookmark(bookmark_id)
    items = workflow.dynamodb.scan(TableName=workflow.table("BookmarkWordsTable"))["Items"]

    indexed = sorted((item for item in items if item["bookmarkId"]["S"] == bookmark_id), key=lambda i: i["word"]["S"])

    assert indexed == sorted(index_items(bookmark), key=lambda item: item["word"]["S"])
    assert {"serverless", "patterns"} <= {item["word"]["S"] for item in indexed}
