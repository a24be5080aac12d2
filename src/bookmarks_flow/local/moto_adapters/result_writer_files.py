"""Result writer files: moto 5.2.5's ResultWriter writes a manifest that lists no result files and drops the
child executions' results (``# TODO: generate result files and upload them to s3``).

AWS writes, under ``<Prefix>/<map run id>/``, a ``manifest.json`` naming ``SUCCEEDED_n.json`` and
``FAILED_n.json`` files (and ``PENDING_n.json``), each a JSON array with one entry per child execution:
its ``Input`` and ``Output`` as JSON strings, ``Status``, ``Name``, ``ExecutionArn``, ``StateMachineArn``
(https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html, "Exporting to Amazon
S3"). This writes the same files from the map run's inputs and outputs. moto also fails without a ``Prefix``,
which AWS does not require. It must wrap the Map's run below the
distributed_map_batches adapter (install it first), so that the inputs it records are the batches.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.distributed_iteration_component import (
    DistributedIterationComponent,
    DistributedIterationComponentEvalInput,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.result_writer.resource_eval.resource_eval_s3 import (
    ResourceEvalS3,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_task.credentials import StateCredentials
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.resource import ResourceRuntimePart
from moto.stepfunctions.parser.asl.eval.environment import Environment

from bookmarks_flow.local.moto_adapters.map_run_executions import child_execution_arn
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, replace_static_method, undo_all


class MapRunOutputs(list[Any]):
    """The Map's outputs, in item order, with the inputs they came from (a failed child's output is None)."""

    def __init__(self, outputs: list[Any], inputs: list[Any]) -> None:
        super().__init__(outputs)
        self.inputs = inputs


def result_entries(map_run_arn: str, outputs: MapRunOutputs) -> dict[str, list[dict[str, Any]]]:
    stamp = datetime.now(UTC).isoformat()
    machine = map_run_arn.replace(":mapRun:", ":stateMachine:", 1)
    entries: dict[str, list[dict[str, Any]]] = {"SUCCEEDED": [], "FAILED": []}
    for index, (job_input, job_output) in enumerate(zip(outputs.inputs, outputs, strict=True)):
        status = "FAILED" if job_output is None else "SUCCEEDED"
        entry = {
            "ExecutionArn": child_execution_arn(map_run_arn, index),
            "Input": json.dumps(job_input),
            "InputDetails": {"Included": True},
            "Name": str(index),
            "StartDate": stamp,
            "StateMachineArn": machine,
            "Status": status,
            "StopDate": stamp,
        }
        if job_output is not None:
            entry.update({"Output": json.dumps(job_output), "OutputDetails": {"Included": True}})
        entries[status].append(entry)
    return entries


def install() -> Undo:
    original_map_run = DistributedIterationComponent._map_run

    def map_run(
        self: DistributedIterationComponent, env: Environment, eval_input: DistributedIterationComponentEvalInput
    ) -> None:
        inputs = list(env.stack[-1])
        original_map_run(self, env, eval_input)
        env.stack.append(MapRunOutputs(env.stack.pop(), inputs))

    def put_object(env: Environment, runtime_part: ResourceRuntimePart, credentials: StateCredentials) -> None:
        parameters = env.stack.pop()
        outputs = env.stack.pop()
        s3 = ResourceEvalS3._get_s3_client(runtime_part, credentials)
        record = env.map_run_record_pool_manager.get_all().pop()
        prefix = parameters.get("Prefix", "")
        prefix = prefix if prefix == "" or prefix.endswith("/") else prefix + "/"
        folder = prefix + record.map_run_arn.split(":")[-1] + "/"
        files: dict[str, list[dict[str, Any]]] = {"FAILED": [], "PENDING": [], "SUCCEEDED": []}
        entries = result_entries(record.map_run_arn, outputs) if isinstance(outputs, MapRunOutputs) else {}
        for status, status_entries in entries.items():
            if status_entries:
                body = json.dumps(status_entries).encode("utf-8")
                key = f"{folder}{status}_0.json"
                s3.put_object(Bucket=parameters["Bucket"], Key=key, Body=body)
                files[status].append({"Key": key, "Size": len(body)})
        manifest = {"DestinationBucket": parameters["Bucket"], "MapRunArn": record.map_run_arn, "ResultFiles": files}
        key = folder + "manifest.json"
        s3.put_object(Bucket=parameters["Bucket"], Key=key, Body=json.dumps(manifest).encode("utf-8"))
        env.stack.append(
            {"MapRunArn": record.map_run_arn, "ResultWriterDetails": {"Bucket": parameters["Bucket"], "Key": key}}
        )

    return undo_all(
        [
            replace_attribute(DistributedIterationComponent, "_map_run", map_run),
            replace_static_method(ResourceEvalS3, "_handle_put_object", put_object),
        ]
    )
