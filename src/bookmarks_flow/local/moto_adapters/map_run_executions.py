"""Map run executions: moto 5.2.5 keeps no record of a Distributed Map's child executions (each is a job of the
map run's worker, gone when it ends), its ListExecutions reads only ``stateMachineArn`` (with ``mapRunArn`` it
fails), and DescribeExecution knows no child: a map run's failed item cannot be looked at.

On AWS, ListExecutions with ``mapRunArn`` lists the map run's child executions, each with its ``itemCount``
("returned only if mapRunArn was specified"; either mapRunArn or stateMachineArn, not both), and
DescribeExecution describes a child, Express ones included ("Executions of an EXPRESS state machine aren't
supported by DescribeExecution unless a Map Run dispatched them"), with its ``mapRunArn``, input, output,
``error`` and ``cause`` (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html,
API_DescribeExecution.html). This records each child as its job runs, on the map run's record (it lives and goes
with the parent's execution, as moto's map run does), under the ARN the result files name it by.

A child's input and output are kept zlib-compressed: a map run's record lives as long as its parent execution,
and an import's batches are a few hundred bytes a link, about a tenth of that compressed.

moto also leaves a child that did not succeed counted as running in the map run's ``executionCounts`` (only the
succeeded path takes it off): a map run that has ended still shows a running child. This takes it off.
"""

from __future__ import annotations

import json
import threading
import zlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from moto.core.responses import ActionResult
from moto.stepfunctions.exceptions import InvalidToken, ResourceNotFound, ValidationException
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor.distributed_item_processor_worker import (  # noqa: E501
    DistributedItemProcessorWorker,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor.map_run_record import (
    MapRunRecord,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.job import Job
from moto.stepfunctions.parser.asl.eval.environment import Environment
from moto.stepfunctions.parser.asl.eval.program_state import ProgramEnded, ProgramError, ProgramStopped
from moto.stepfunctions.responses import StepFunctionResponse

from bookmarks_flow.local.moto_adapters.distributed_map_batches import BatchItemCounter
from bookmarks_flow.local.moto_adapters.map_run_lookups import find_map_run
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

CHILDREN_ATTRIBUTE = "_bookmarks_child_executions"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
_attach_lock = threading.Lock()


def child_execution_arn(map_run_arn: str, index: int) -> str:
    """``...:execution:<machine>/<label>:<run id>:<n>``: the n-th child of a map run, as the result files name it."""
    return f"{map_run_arn.replace(':mapRun:', ':execution:', 1)}:{index}"


def map_run_arn_of(child_arn: str) -> str | None:
    """The map run a child's ARN names, or None for an ARN that is not a child's."""
    head, _, index = child_arn.rpartition(":")
    if ":execution:" not in head or "/" not in head or not index.isdigit():
        return None
    return head.replace(":execution:", ":mapRun:", 1)


def pack(value: Any) -> bytes:
    return zlib.compress(json.dumps(value).encode("utf-8"))


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


@dataclass
class ChildExecution:
    arn: str
    name: str
    state_machine_arn: str
    map_run_arn: str
    item_count: int
    packed_input: bytes
    start_date: datetime = field(default_factory=lambda: datetime.now(UTC))
    status: str = "RUNNING"
    stop_date: datetime | None = None
    packed_output: bytes | None = None
    error: str | None = None
    cause: str | None = None

    def finish(self, status: str, output: Any = None, error: str | None = None, cause: str | None = None) -> None:
        self.status, self.error, self.cause = status, error, cause
        self.packed_output = None if status != "SUCCEEDED" else pack(output)
        self.stop_date = datetime.now(UTC)

    def list_item(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "executionArn": self.arn,
            "stateMachineArn": self.state_machine_arn,
            "name": self.name,
            "status": self.status,
            "startDate": self.start_date,
            "itemCount": self.item_count,
        }
        if self.stop_date is not None:
            item["stopDate"] = self.stop_date
        return item

    def description(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "executionArn": self.arn,
            "stateMachineArn": self.state_machine_arn,
            "name": self.name,
            "status": self.status,
            "startDate": self.start_date,
            "input": unpack(self.packed_input),
            "inputDetails": {"included": True},
            "mapRunArn": self.map_run_arn,
        }
        if self.stop_date is not None:
            described["stopDate"] = self.stop_date
        if self.packed_output is not None:
            described.update({"output": unpack(self.packed_output), "outputDetails": {"included": True}})
        if self.error is not None:
            described["error"] = self.error
        if self.cause is not None:
            described["cause"] = self.cause
        return described


class ChildExecutions:
    """One map run's children, by index (the order they were dispatched in)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._children: dict[int, ChildExecution] = {}

    def add(self, index: int, child: ChildExecution) -> None:
        with self._lock:
            self._children[index] = child

    def get(self, arn: str) -> ChildExecution | None:
        with self._lock:
            return next((child for child in self._children.values() if child.arn == arn), None)

    def all(self) -> list[ChildExecution]:
        with self._lock:
            return [self._children[index] for index in sorted(self._children)]


def children_of(record: Any) -> ChildExecutions:
    with _attach_lock:
        children = getattr(record, CHILDREN_ATTRIBUTE, None)
        if children is None:
            children = ChildExecutions()
            setattr(record, CHILDREN_ATTRIBUTE, children)
        return children


def kept_children(record: MapRunRecord) -> tuple[dict[str, Any], ...]:
    """The map run's children as plain fields, for the journal (persistence/kept_map_runs.py)."""
    return tuple(asdict(child) for child in children_of(record).all())


def restore_children(record: Any, kept: tuple[dict[str, Any], ...]) -> None:
    """Puts children kept by ``kept_children`` back on a map run's record, under the index each was run as."""
    children = children_of(record)
    for fields in kept:
        children.add(int(fields["name"]), ChildExecution(**fields))


def _item_count(record: MapRunRecord, job: Job) -> int:
    batched = isinstance(record.item_counter, BatchItemCounter) and isinstance(job.job_input, dict)
    return len(job.job_input.get("Items", [])) if batched else 1


def _finish(child: ChildExecution, env: Environment, job: Job) -> None:
    state = env.program_state()
    if isinstance(state, ProgramEnded):
        child.finish("SUCCEEDED", output=job.job_output)
    elif isinstance(state, ProgramStopped):
        child.finish("ABORTED", error=state.error, cause=state.cause)
    elif isinstance(state, ProgramError) and state.error is not None:
        child.finish("FAILED", error=state.error.get("error"), cause=state.error.get("cause"))
    else:
        child.finish("FAILED")


def _page(children: list[ChildExecution], max_results: int | None, next_token: str | None) -> dict[str, Any]:
    size = DEFAULT_PAGE_SIZE if not max_results else min(int(max_results), MAX_PAGE_SIZE)
    start = 0
    if next_token:
        if not next_token.isdigit() or int(next_token) > len(children):
            raise InvalidToken(next_token)
        start = int(next_token)
    page = children[start : start + size]
    more = start + size < len(children)
    return {"executions": [child.list_item() for child in page], **({"nextToken": str(start + size)} if more else {})}


def install() -> Undo:
    original_eval_job = DistributedItemProcessorWorker._eval_job
    original_list = StepFunctionResponse.list_executions
    original_describe = StepFunctionResponse.describe_execution

    def eval_job(self: DistributedItemProcessorWorker, env: Environment, job: Job) -> None:
        record = self._map_run_record
        arn = child_execution_arn(record.map_run_arn, job.job_index)
        child = ChildExecution(
            arn=arn,
            name=str(job.job_index),
            state_machine_arn=record.map_state_machine_arn,
            map_run_arn=record.map_run_arn,
            item_count=_item_count(record, job),
            packed_input=pack(job.job_input),
        )
        children_of(record).add(job.job_index, child)
        try:
            original_eval_job(self, env, job)
        finally:
            _finish(child, env, job)
            if child.status != "SUCCEEDED":
                record.execution_counter.running.offset(-1)

    def list_executions(self: StepFunctionResponse) -> ActionResult:
        map_run_arn = self._get_param("mapRunArn")
        if not map_run_arn:
            return original_list(self)
        if self._get_param("stateMachineArn"):
            raise ValidationException("Specify either a stateMachineArn or a mapRunArn, not both")
        record = find_map_run(self.stepfunction_backend, map_run_arn)
        if record is None:
            raise ResourceNotFound(map_run_arn)
        children = children_of(record).all()
        status = self._get_param("statusFilter")
        if status:
            children = [child for child in children if child.status == status]
        children.sort(key=lambda child: child.start_date, reverse=True)
        return ActionResult(_page(children, self._get_int_param("maxResults"), self._get_param("nextToken")))

    def describe_execution(self: StepFunctionResponse) -> ActionResult:
        arn = str(self._get_param("executionArn") or "")
        map_run_arn = map_run_arn_of(arn)
        record = None if map_run_arn is None else find_map_run(self.stepfunction_backend, map_run_arn)
        child = None if record is None else children_of(record).get(arn)
        return original_describe(self) if child is None else ActionResult(child.description())

    return undo_all(
        [
            replace_attribute(DistributedItemProcessorWorker, "_eval_job", eval_job),
            replace_attribute(StepFunctionResponse, "list_executions", list_executions),
            replace_attribute(StepFunctionResponse, "describe_execution", describe_execution),
        ]
    )
