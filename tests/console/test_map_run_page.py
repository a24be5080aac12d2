"""The map run of a real import, on the console over HTTP: the import's execution page links to its map run, and
the map run page shows what AWS's Map Run page shows (status, item and child execution counts, the tolerated
failures, the concurrency, where the results are written, the child executions) and, for a child that failed, its
error and cause (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import quote, unquote

import pytest

from bookmarks_tasks.domain.imports.import_ids import execution_name_of, import_id_of
from tests.console.stack import MOUNT_PATH, ConsoleStack, serve_console
from tests.console.test_console_http import fetch
from tests.support.stack_process import start_stack, stop_stack
from tests.support.workflow import wait_for

BOOKMARKS_TABLE = "bookmarks-flow-BookmarksTable"
TOKEN = "AQB8AAAAKgAAAAMAAAAAAAAAAf-a-task-token-of-the-map-run-page-test"


def _file(site: str) -> bytes:
    """Three lines: two links and, on line 3, a bookmarklet that the import reports invalid."""
    return f"url,title\nhttps://{site}/one,One\njavascript:alert(1),Tool\nhttps://{site}/two,Two\n".encode()


def _import(console: ConsoleStack, content: bytes) -> dict[str, Any]:
    """The import's execution, once it has ended, as DescribeExecution answers."""
    import_id = console.running.client("maria").start_import(content)["importId"]
    machine = console.import_machine_arn

    def ended() -> dict[str, Any] | None:
        executions = console.sfn.list_executions(stateMachineArn=machine)["executions"]
        found = [e for e in executions if e["name"] == execution_name_of(import_id) and e["status"] != "RUNNING"]
        return dict(console.sfn.describe_execution(executionArn=found[0]["executionArn"])) if found else None

    return dict(wait_for(ended, 120, f"import {import_id}", interval=0.2))


def _map_run_url(console: ConsoleStack, execution_arn: str) -> str:
    page, _ = fetch(console.execution_url(execution_arn))
    [link] = re.findall(r'href="([^"]*/map-runs/[^"]*)"', page)
    return console.running.api + html.unescape(link)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def imported(console: ConsoleStack) -> dict[str, Any]:
    content = _file("map-run-page.example")
    execution = _import(console, content)
    [run] = console.sfn.list_map_runs(executionArn=execution["executionArn"])["mapRuns"]
    link = _map_run_url(console, execution["executionArn"])
    page, _ = fetch(link)
    return {
        "execution": execution,
        "execution_page": console.execution_url(execution["executionArn"]),
        "run": run,
        "link": link,
        "page": page,
        "import_id": import_id_of(content),
    }


@pytest.fixture(scope="module")
def failed_import() -> Iterator[dict[str, Any]]:
    """An import whose batch fails: the bookmarks table is gone, so no link can be checked or recorded."""
    with serve_console() as console:
        dynamodb = console.running.aws_client("dynamodb")
        dynamodb.update_table(TableName=BOOKMARKS_TABLE, DeletionProtectionEnabled=False)
        dynamodb.delete_table(TableName=BOOKMARKS_TABLE)
        execution = _import(console, _file("failed-map-run.example"))
        page, _ = fetch(_map_run_url(console, execution["executionArn"]))
        yield {"execution": execution, "page": page}


def test_the_import_execution_page_links_to_its_map_run(imported: dict[str, Any]) -> None:
    assert unquote(imported["link"]).endswith("/map-runs/" + imported["run"]["mapRunArn"])
    page, _ = fetch(imported["execution_page"])
    run_id = imported["run"]["mapRunArn"].rsplit(":", 1)[-1]
    assert f"Map runs Import The Links · {run_id} started" in _text(page)


def test_the_map_run_page_shows_its_status_and_the_item_counts(imported: dict[str, Any]) -> None:
    text = _text(imported["page"])
    assert "Map run Import The Links succeeded" in text
    assert "Items 0 0 3 0 0 0 3 3" in text  # pending running succeeded failed timed-out aborted total written
    assert "Child executions 0 0 1 0 0 0 1 1" in text


def test_the_map_run_page_shows_the_tolerance_and_the_concurrency(imported: dict[str, Any]) -> None:
    text = _text(imported["page"])
    assert "Tolerated failures 10% · 0 items" in text
    assert "Max concurrency 10" in text


def test_the_map_run_page_shows_where_the_results_were_written(imported: dict[str, Any]) -> None:
    run_id = imported["run"]["mapRunArn"].rsplit(":", 1)[-1]
    assert re.search(rf"Results written to s3://[a-z0-9.-]+/results/{run_id}/manifest\.json", _text(imported["page"]))


def test_the_map_run_page_lists_its_child_executions_with_their_items(imported: dict[str, Any]) -> None:
    rows = re.findall(r'<tr data-child="([^"]+)">(.*?)</tr>', imported["page"], re.S)
    assert [(name, _text(row).split()[:3]) for name, row in rows] == [("0", ["0", "succeeded", "3"])]


def test_a_failed_child_shows_its_error_and_cause(failed_import: dict[str, Any]) -> None:
    text = _text(failed_import["page"])
    assert failed_import["execution"]["error"] == "States.ExceedToleratedFailureThreshold"
    assert "Map run Import The Links failed" in text
    assert "Child executions 0 0 0 1 0 0 1" in text  # the failed child no longer counted running
    assert re.search(r"Error \S*(Exception|Error|Unknown)\S* Cause .*ResourceNotFound", text), text


def test_a_failed_childs_input_is_shown_with_its_lines(failed_import: dict[str, Any]) -> None:
    assert "https://failed-map-run.example/one" in _text(failed_import["page"])


def test_an_unknown_map_run_is_a_not_found_page(console: ConsoleStack) -> None:
    arn = "arn:aws:states:us-east-1:123456789012:mapRun:nothing/Import:nope"
    with pytest.raises(HTTPError) as raised:
        fetch(console.url("/map-runs/" + quote(arn, safe=":")))
    assert raised.value.code == 404


def _token_map_run(console: ConsoleStack) -> str:
    """A Distributed Map whose item carries a task token and whose child fails quoting it (CausePath); it runs
    with the import's role, which may read the items under imports/."""
    s3 = console.running.aws_client("s3")
    [bucket] = [b["Name"] for b in s3.list_buckets()["Buckets"] if "importbucket" in b["Name"]]
    s3.put_object(Bucket=bucket, Key="imports/token-page/items.json", Body=json.dumps([{"taskToken": TOKEN}]))
    child = {"StartAt": "Fail", "States": {"Fail": {"Type": "Fail", "Error": "Refused", "CausePath": "$.taskToken"}}}
    reader = {"Bucket": bucket, "Key": "imports/token-page/items.json"}
    state = {
        "Type": "Map",
        "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON"},
            "Parameters": reader,
        },
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, **child},
        "End": True,
    }
    role = console.sfn.describe_state_machine(stateMachineArn=console.import_machine_arn)["roleArn"]
    definition = json.dumps({"StartAt": "Map", "States": {"Map": state}})
    arn = console.sfn.create_state_machine(name="token-map-run", roleArn=role, definition=definition)["stateMachineArn"]
    execution = console.sfn.start_execution(stateMachineArn=arn, name="token-map-run", input="{}")["executionArn"]
    console.wait_for_status(execution, "FAILED")
    return _map_run_url(console, execution)


def test_the_map_run_page_never_contains_a_task_token(console: ConsoleStack) -> None:
    page, _ = fetch(_token_map_run(console))
    assert TOKEN not in page
    assert "Cause [redacted task token]" in _text(page)


def test_an_import_execution_restored_after_a_restart_keeps_its_map_run_and_children(tmp_path: Path) -> None:
    """moto keeps map runs only in the running engine: they are kept in the journal when their execution ends
    (persistence/kept_map_runs.py), so the map run, its counts and its child's input are all there after a
    restart, as DescribeMapRun, ListMapRuns and ListExecutions(mapRunArn) answer them on AWS."""
    stack = start_stack(state_dir=tmp_path)
    try:
        console = ConsoleStack(stack, f"{stack.api}{MOUNT_PATH}")
        execution = _import(console, _file("restarted-map-run.example"))
        [run] = console.sfn.list_map_runs(executionArn=execution["executionArn"])["mapRuns"]
        described = console.sfn.describe_map_run(mapRunArn=run["mapRunArn"])
        children = console.sfn.list_executions(mapRunArn=run["mapRunArn"])["executions"]
    finally:
        stop_stack(stack)
    stack = start_stack(state_dir=tmp_path)
    try:
        console = ConsoleStack(stack, f"{stack.api}{MOUNT_PATH}")
        assert console.sfn.list_map_runs(executionArn=execution["executionArn"])["mapRuns"] == [run]
        assert console.sfn.describe_map_run(mapRunArn=run["mapRunArn"]) | {"ResponseMetadata": None} == (
            described | {"ResponseMetadata": None}
        )
        assert console.sfn.list_executions(mapRunArn=run["mapRunArn"])["executions"] == children
        page, _ = fetch(_map_run_url(console, execution["executionArn"]))
        text = _text(page)
        assert "Map run Import The Links succeeded" in text
        assert "Items 0 0 3 0 0 0 3 3" in text
        child = console.sfn.describe_execution(executionArn=children[0]["executionArn"])
        assert "https://restarted-map-run.example/one" in child["input"]
    finally:
        stop_stack(stack)
