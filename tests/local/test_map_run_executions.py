"""A map run's child executions: moto lists none and describes none (the "upstream" tests fail when it does, and
the adapter can go); with the adapter, ListExecutions by mapRunArn and DescribeExecution of a child answer as on
AWS (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html: ``itemCount`` only
with ``mapRunArn``; API_DescribeExecution.html: Express children of a map run are described, with ``mapRunArn``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from bookmarks_flow.local.moto_adapters import (
    distributed_map_batches,
    distributed_map_definition,
    map_run_executions,
    map_run_lookups,
    result_writer_files,
    tolerated_failures,
)
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import finish, machine

BUCKET = "import-files"
# Fails the batch that holds a "bad" item, with an error and a cause; the others pass.
CHECK = {
    "StartAt": "Bad?",
    "States": {
        "Bad?": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.Items[0].bad", "IsPresent": True, "Next": "Refuse"}],
            "Default": "Fine",
        },
        "Refuse": {"Type": "Fail", "Error": "Import.BadBatch", "Cause": "line 3 is not a link"},
        "Fine": {"Type": "Pass", "End": True},
    },
}
DEFINITION = {
    "StartAt": "Import",
    "States": {
        "Import": {
            "Type": "Map",
            "ItemReader": {
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "JSON"},
                "Parameters": {"Bucket": BUCKET, "Key": "items.json"},
            },
            "ItemBatcher": {"MaxItemsPerBatch": 2},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, **CHECK},
            "ToleratedFailurePercentage": 50,
            "End": True,
        }
    },
}


@pytest.fixture
def s3(sfn: Any) -> Any:
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    items = [{"n": 0}, {"n": 1}, {"bad": True}, {"n": 3}, {"n": 4}]
    client.put_object(Bucket=BUCKET, Key="items.json", Body=json.dumps(items))
    return client


@pytest.fixture
def distributed_map(adapter: Callable[[Undo], None]) -> None:
    adapter(distributed_map_definition.install())
    adapter(result_writer_files.install())
    adapter(distributed_map_batches.install())
    adapter(tolerated_failures.install())
    adapter(map_run_lookups.install())


def _map_run(sfn: Any) -> str:
    arn = sfn.start_execution(stateMachineArn=machine(sfn, DEFINITION), name="run", input="{}")["executionArn"]
    assert finish(sfn, arn)["status"] == "SUCCEEDED"
    return str(sfn.list_map_runs(executionArn=arn)["mapRuns"][0]["mapRunArn"])


@pytest.mark.usefixtures("s3", "distributed_map")
def test_upstream_still_cannot_list_a_map_runs_executions(sfn: Any) -> None:
    map_run = _map_run(sfn)
    with pytest.raises(TypeError):  # it reads stateMachineArn (None) and fails on it: a 500 over HTTP
        sfn.list_executions(mapRunArn=map_run)


@pytest.mark.usefixtures("s3", "distributed_map")
def test_the_map_runs_children_are_listed_with_their_item_counts(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_executions.install())
    executions = sfn.list_executions(mapRunArn=_map_run(sfn))["executions"]
    assert sorted((e["name"], e["status"], e["itemCount"]) for e in executions) == [
        ("0", "SUCCEEDED", 2),
        ("1", "FAILED", 2),
        ("2", "SUCCEEDED", 1),
    ]


@pytest.mark.usefixtures("s3", "distributed_map")
def test_a_failed_child_is_described_with_its_error_cause_and_map_run(
    sfn: Any, adapter: Callable[[Undo], None]
) -> None:
    adapter(map_run_executions.install())
    map_run = _map_run(sfn)
    [failed] = sfn.list_executions(mapRunArn=map_run, statusFilter="FAILED")["executions"]
    described = sfn.describe_execution(executionArn=failed["executionArn"])
    assert (described["error"], described["cause"], described["mapRunArn"]) == (
        "Import.BadBatch",
        "line 3 is not a link",
        map_run,
    )
    assert json.loads(described["input"])["Items"] == [{"bad": True}, {"n": 3}]


@pytest.mark.usefixtures("s3", "distributed_map")
def test_a_succeeded_child_is_described_with_its_output(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_executions.install())
    [child] = sfn.list_executions(mapRunArn=_map_run(sfn), statusFilter="SUCCEEDED", maxResults=1)["executions"]
    described = sfn.describe_execution(executionArn=child["executionArn"])
    assert json.loads(described["output"]) == json.loads(described["input"])


@pytest.mark.usefixtures("s3", "distributed_map")
def test_the_children_are_listed_a_page_at_a_time(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_executions.install())
    map_run = _map_run(sfn)
    first = sfn.list_executions(mapRunArn=map_run, maxResults=2)
    second = sfn.list_executions(mapRunArn=map_run, maxResults=2, nextToken=first["nextToken"])
    names = [e["name"] for e in first["executions"] + second["executions"]]
    assert (sorted(names), "nextToken" in second) == (["0", "1", "2"], False)


@pytest.mark.usefixtures("s3", "distributed_map")
def test_the_result_files_name_the_children_as_list_executions_does(
    sfn: Any, s3: Any, adapter: Callable[[Undo], None]
) -> None:
    adapter(map_run_executions.install())
    definition = json.loads(json.dumps(DEFINITION))
    writer = {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": BUCKET, "Prefix": "results"}}
    definition["States"]["Import"]["ResultWriter"] = writer
    arn = sfn.start_execution(stateMachineArn=machine(sfn, definition), name="run", input="{}")["executionArn"]
    manifest_key = json.loads(finish(sfn, arn)["output"])["ResultWriterDetails"]["Key"]
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key=manifest_key)["Body"].read())
    [failed_file] = manifest["ResultFiles"]["FAILED"]
    [entry] = json.loads(s3.get_object(Bucket=BUCKET, Key=failed_file["Key"])["Body"].read())
    [listed] = sfn.list_executions(mapRunArn=manifest["MapRunArn"], statusFilter="FAILED")["executions"]
    assert entry["ExecutionArn"] == listed["executionArn"]


@pytest.mark.usefixtures("s3", "distributed_map")
def test_a_map_run_and_a_state_machine_together_are_refused(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_executions.install())
    map_run = _map_run(sfn)
    machine_arn = sfn.list_state_machines()["stateMachines"][0]["stateMachineArn"]
    with pytest.raises(ClientError, match="ValidationException"):
        sfn.list_executions(mapRunArn=map_run, stateMachineArn=machine_arn)


@pytest.mark.usefixtures("sfn")
def test_an_unknown_map_run_is_not_found(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_executions.install())
    with pytest.raises(ClientError, match="ResourceNotFound"):
        sfn.list_executions(mapRunArn="arn:aws:states:us-east-1:123456789012:mapRun:m/Import:nope")


def test_a_child_arn_names_its_map_run() -> None:
    map_run = "arn:aws:states:us-east-1:123456789012:mapRun:m/Import:abc"
    child = map_run_executions.child_execution_arn(map_run, 7)
    assert (map_run_executions.map_run_arn_of(child), map_run_executions.map_run_arn_of(map_run)) == (map_run, None)


@pytest.mark.usefixtures("sfn")
def test_an_unknown_map_run_is_described_as_not_found(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_lookups.install())
    with pytest.raises(ClientError) as raised:
        sfn.describe_map_run(mapRunArn="arn:aws:states:us-east-1:123456789012:mapRun:m/Import:nope")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"


def _execution_counts(sfn: Any) -> dict[str, int]:
    return dict(sfn.describe_map_run(mapRunArn=_map_run(sfn))["executionCounts"])


@pytest.mark.usefixtures("s3", "distributed_map")
def test_upstream_still_counts_a_failed_child_as_running_after_the_map_run(sfn: Any) -> None:
    counts = _execution_counts(sfn)
    assert (counts["running"], counts["failed"]) == (1, 1)


@pytest.mark.usefixtures("s3", "distributed_map")
def test_a_finished_map_run_counts_no_child_running(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(map_run_executions.install())
    counts = _execution_counts(sfn)
    assert (counts["running"], counts["failed"], counts["succeeded"], counts["total"]) == (0, 1, 2, 3)


@pytest.mark.usefixtures("sfn")
def test_an_execution_restored_after_a_restart_has_no_map_runs_and_hides_none(adapter: Callable[[Undo], None]) -> None:
    """A restored execution's worker (persistence/restored_executions.py) has an environment without map runs: a
    lookup passes over it instead of failing."""
    from types import SimpleNamespace

    from moto.stepfunctions.exceptions import ResourceNotFound
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    adapter(map_run_lookups.install())
    backend = StepFunctionsParserBackend("us-east-1", "123456789012")
    restored = SimpleNamespace(exec_worker=SimpleNamespace(env=SimpleNamespace(event_manager=None)))
    backend._get_executions = lambda *arguments: [restored]  # type: ignore[method-assign]
    backend.describe_execution = lambda execution_arn: restored  # type: ignore[method-assign]
    assert backend.list_map_runs("arn:aws:states:us-east-1:123456789012:execution:m:e") == {"mapRuns": []}
    with pytest.raises(ResourceNotFound):
        backend.describe_map_run("arn:aws:states:us-east-1:123456789012:mapRun:m/x:y")
