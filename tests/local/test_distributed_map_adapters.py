"""The Distributed Map on moto's engine: what upstream still lacks (each "upstream" test fails when moto closes
the gap, and the adapter can go) and what the adapters make of it (ItemBatcher, an Express child, an integer
failure percentage, result files, and the tolerated failure threshold)."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.stepfunctions.exceptions import ResourceNotFound
from moto.stepfunctions.parser.api import HistoryEventType
from moto.stepfunctions.parser.asl.eval.event.event_manager import EventManager
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters import (
    distributed_map_batches,
    distributed_map_definition,
    map_run_child_histories,
    map_run_lookups,
    result_writer_files,
    tolerated_failures,
)
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import finish, machine

BUCKET = "import-files"
ECHO = {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}}
FAIL = {"StartAt": "Fail", "States": {"Fail": {"Type": "Fail", "Error": "Broken"}}}


def _map(processor: dict[str, Any], **fields: Any) -> dict[str, Any]:
    state = {
        "Type": "Map",
        "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket": BUCKET, "Key.$": "$.key"},
        },
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, **processor},
        "End": True,
        **fields,
    }
    return {"StartAt": "Import", "States": {"Import": state}}


BATCHED = _map(ECHO, ItemBatcher={"MaxItemsPerBatch": 2, "BatchInput": {"importer.$": "$.importer", "fixed": 1}})
WRITTEN = _map(
    ECHO,
    ResultWriter={"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": BUCKET, "Prefix": "results"}},
)


@pytest.fixture
def s3(sfn: Any) -> Any:
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    client.put_object(Bucket=BUCKET, Key="items.json", Body=json.dumps([{"n": n} for n in range(5)]))
    return client


@pytest.fixture
def distributed_map(adapter: Callable[[Undo], None]) -> None:
    adapter(distributed_map_definition.install())
    adapter(result_writer_files.install())
    adapter(distributed_map_batches.install())
    adapter(tolerated_failures.install())


def _run(sfn: Any, definition: dict[str, Any]) -> dict[str, Any]:
    arn = sfn.start_execution(
        stateMachineArn=machine(sfn, definition),
        name="run",
        input=json.dumps({"key": "items.json", "importer": "maria"}),
    )["executionArn"]
    return finish(sfn, arn)


def _refusal(sfn: Any, definition: dict[str, Any]) -> str:
    with pytest.raises(ClientError) as raised:
        machine(sfn, definition)
    return str(raised.value)


def test_upstream_still_refuses_an_item_batcher(sfn: Any) -> None:
    assert '"ItemBatcher"' in _refusal(sfn, BATCHED)


def test_upstream_still_refuses_express_children(sfn: Any) -> None:
    definition = _map(ECHO)
    definition["States"]["Import"]["ItemProcessor"]["ProcessorConfig"]["ExecutionType"] = "EXPRESS"
    assert '"EXPRESS"' in _refusal(sfn, definition)


def test_upstream_still_refuses_an_integer_failure_percentage(sfn: Any) -> None:
    assert "ToleratedFailurePercentage" in _refusal(sfn, _map(ECHO, ToleratedFailurePercentage=5))


@pytest.mark.usefixtures("s3")
def test_upstream_still_succeeds_a_map_run_whose_every_item_failed(sfn: Any) -> None:
    assert _run(sfn, _map(FAIL))["status"] == "SUCCEEDED"


def test_upstream_still_writes_a_manifest_without_result_files(sfn: Any, s3: Any) -> None:
    output = json.loads(_run(sfn, WRITTEN)["output"])
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key=output["ResultWriterDetails"]["Key"])["Body"].read())
    assert manifest["ResultFiles"] == {"FAILED": [], "PENDING": [], "SUCCEEDED": []}


@pytest.mark.usefixtures("s3", "distributed_map")
def test_each_child_gets_a_batch_of_items_with_the_batch_input(sfn: Any) -> None:
    assert json.loads(_run(sfn, BATCHED)["output"]) == [
        {"Items": [{"n": 0}, {"n": 1}], "BatchInput": {"importer": "maria", "fixed": 1}},
        {"Items": [{"n": 2}, {"n": 3}], "BatchInput": {"importer": "maria", "fixed": 1}},
        {"Items": [{"n": 4}], "BatchInput": {"importer": "maria", "fixed": 1}},
    ]


@pytest.mark.usefixtures("s3", "distributed_map")
def test_the_map_run_counts_items_not_batches(sfn: Any) -> None:
    execution = _run(sfn, BATCHED)
    map_run = sfn.list_map_runs(executionArn=execution["executionArn"])["mapRuns"][0]
    counts = sfn.describe_map_run(mapRunArn=map_run["mapRunArn"])["itemCounts"]
    assert (counts["total"], counts["succeeded"]) == (5, 5)


def test_a_batch_never_holds_more_bytes_than_its_limit() -> None:
    grouped = distributed_map_batches.batches([{"n": "x" * 10}] * 4, {"MaxInputBytesPerBatch": 40}, None)
    assert [len(batch["Items"]) for batch in grouped] == [2, 2]


@pytest.mark.usefixtures("distributed_map")
def test_the_stored_definition_keeps_the_item_batcher_moto_never_sees(sfn: Any) -> None:
    arn = machine(sfn, BATCHED)
    assert (
        "ItemBatcher" in json.loads(sfn.describe_state_machine(stateMachineArn=arn)["definition"])["States"]["Import"]
    )


@pytest.mark.usefixtures("s3", "distributed_map")
def test_express_children_and_an_integer_percentage_run(sfn: Any) -> None:
    definition = _map(ECHO, ToleratedFailurePercentage=5)
    definition["States"]["Import"]["ItemProcessor"]["ProcessorConfig"]["ExecutionType"] = "EXPRESS"
    assert _run(sfn, definition)["status"] == "SUCCEEDED"


@pytest.mark.usefixtures("distributed_map")
def test_result_files_hold_each_child_input_and_output(sfn: Any, s3: Any) -> None:
    output = json.loads(_run(sfn, WRITTEN)["output"])
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key=output["ResultWriterDetails"]["Key"])["Body"].read())
    [succeeded] = manifest["ResultFiles"]["SUCCEEDED"]
    entries = json.loads(s3.get_object(Bucket=BUCKET, Key=succeeded["Key"])["Body"].read())
    assert [(json.loads(entry["Input"]), json.loads(entry["Output"])) for entry in entries] == [
        ({"n": n}, {"n": n}) for n in range(5)
    ]
    assert {entry["Status"] for entry in entries} == {"SUCCEEDED"}


@pytest.mark.usefixtures("s3", "distributed_map")
def test_a_map_run_over_its_failure_threshold_fails_the_map(sfn: Any) -> None:
    execution = _run(sfn, _map(FAIL, ToleratedFailurePercentage=50))
    assert (execution["status"], execution["error"]) == ("FAILED", "States.ExceedToleratedFailureThreshold")


@pytest.mark.parametrize(
    ("failed", "total", "count", "percentage", "exceeds"),
    [
        (0, 10, 0, 0.0, False),
        (1, 10, 0, 0.0, True),
        (1, 10, 0, 10.0, False),
        (2, 10, 0, 10.0, True),
        (2, 10, 2, 0.0, False),
    ],
)
def test_the_threshold_is_exceeded_only_past_both_the_count_and_the_percentage(
    failed: int, total: int, count: int, percentage: float, exceeds: bool
) -> None:
    assert tolerated_failures.exceeds_threshold(failed, total, count, percentage) is exceeds


def _backend_with_an_execution_not_yet_begun() -> Any:
    backend = StepFunctionsParserBackend("us-east-1", "123456789012")
    not_begun = SimpleNamespace(exec_worker=SimpleNamespace(env=None))
    backend._get_executions = lambda *arguments: [not_begun]  # type: ignore[method-assign]
    backend.describe_execution = lambda execution_arn: not_begun  # type: ignore[method-assign]
    return backend


@pytest.mark.usefixtures("sfn")
def test_upstream_still_fails_to_list_map_runs_of_an_execution_not_yet_begun() -> None:
    with pytest.raises(AttributeError):
        _backend_with_an_execution_not_yet_begun().list_map_runs("arn:aws:states:us-east-1:123456789012:execution:m:e")


@pytest.mark.usefixtures("sfn")
def test_an_execution_not_yet_begun_has_no_map_runs(adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_lookups.install())
    backend = _backend_with_an_execution_not_yet_begun()
    assert backend.list_map_runs("arn:aws:states:us-east-1:123456789012:execution:m:e") == {"mapRuns": []}
    with pytest.raises(ResourceNotFound):
        backend.describe_map_run("arn:aws:states:us-east-1:123456789012:mapRun:m/x:y")


def _child_event_managers(sfn: Any) -> set[int]:
    """The event managers that received the children's events (PassStateEntered of the child's Echo)."""
    managers: set[int] = set()
    original = EventManager.add_event

    def add_event(self: EventManager, context: Any, event_type: Any, *arguments: Any, **keywords: Any) -> Any:
        if event_type == HistoryEventType.PassStateEntered:
            managers.add(id(self))
        return original(self, context, event_type, *arguments, **keywords)

    EventManager.add_event = add_event  # type: ignore[method-assign]
    try:
        assert _run(sfn, _map(ECHO))["status"] == "SUCCEEDED"
    finally:
        EventManager.add_event = original  # type: ignore[method-assign]
    return managers


@pytest.mark.usefixtures("s3")
def test_upstream_still_writes_every_child_into_one_history_of_the_map_run(sfn: Any) -> None:
    assert len(_child_event_managers(sfn)) == 1


@pytest.mark.usefixtures("s3")
def test_each_child_execution_has_a_history_of_its_own(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_child_histories.install())
    assert len(_child_event_managers(sfn)) == 5
