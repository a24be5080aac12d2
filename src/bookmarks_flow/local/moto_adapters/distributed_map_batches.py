"""Distributed Map batches: moto 5.2.5 has no ItemBatcher; this groups a Map's items as AWS does.

With an ItemBatcher each child execution gets ``{"Items": [...], "BatchInput": {...}}``: at most
``MaxItemsPerBatch`` items and at most ``MaxInputBytesPerBatch`` bytes of them, and the BatchInput evaluated
once against the Map state's input (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-
itembatcher.html). DescribeMapRun counts items, not child executions, in ``itemCounts``: a batch counts as its
number of items there, as on AWS. The ItemBatcher reaches the Map's iteration component through the
distributed_map_definition adapter (moto's grammar refuses the field); the ``...Path`` variants are not read
here and are refused, so that a definition never silently runs unbatched.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.distributed_iteration_component import (
    DistributedIterationComponent,
    DistributedIterationComponentEvalInput,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor.distributed_item_processor_worker import (  # noqa: E501
    DistributedItemProcessorWorker,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor.map_run_record import (
    Counter,
    ItemCounter,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.job import Job
from moto.stepfunctions.parser.asl.eval.environment import Environment

from bookmarks_flow.local.moto_adapters.distributed_map_definition import ITEM_BATCHER_ATTRIBUTE
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

# AWS's ceiling for a batch's items, whatever MaxInputBytesPerBatch says: a child execution's input limit.
MAX_BATCH_BYTES = 256 * 1024
UNSUPPORTED_FIELDS = ("MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath")
_current_batch = threading.local()


class UnsupportedItemBatcher(ValueError):
    pass


def _batch_size() -> int:
    return int(getattr(_current_batch, "size", 1))


class _ItemsCounter(Counter):  # type: ignore[misc]
    """Counts a batch job as its number of items: the worker thread running the job says how many."""

    def count(self, increment: int = 1) -> None:
        super().count(increment * _batch_size())

    def offset(self, offset: int) -> None:
        super().offset(offset * _batch_size())


class BatchItemCounter(ItemCounter):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        for name in ("aborted", "failed", "pending", "results_written", "running", "succeeded", "timed_out", "total"):
            object.__setattr__(self, name, _ItemsCounter())


def _template_value(template: Any, env: Environment) -> Any:
    """A Parameters-style template: ``"key.$"`` values are paths into the state input or (``$$``) context."""
    if isinstance(template, list):
        return [_template_value(value, env) for value in template]
    if not isinstance(template, dict):
        return template
    value: dict[str, Any] = {}
    for key, item in template.items():
        if key.endswith(".$") and isinstance(item, str):
            if item.startswith("$$"):
                value[key[:-2]] = env.states.get_context(item[1:])
            elif item.startswith("$"):
                value[key[:-2]] = env.states.get_input(item)
            else:
                raise UnsupportedItemBatcher(f"BatchInput {key!r}: only paths are read locally, not {item!r}")
        else:
            value[key] = _template_value(item, env)
    return value


def batches(items: list[Any], batcher: dict[str, Any], batch_input: Any) -> list[dict[str, Any]]:
    for field in UNSUPPORTED_FIELDS:
        if field in batcher:
            raise UnsupportedItemBatcher(f"ItemBatcher.{field} is not supported by the local stack")
    max_items = int(batcher.get("MaxItemsPerBatch", len(items) or 1))
    max_bytes = min(int(batcher.get("MaxInputBytesPerBatch", MAX_BATCH_BYTES)), MAX_BATCH_BYTES)
    grouped: list[list[Any]] = []
    size = 0
    for item in items:
        item_bytes = len(json.dumps(item, separators=(",", ":")).encode("utf-8"))
        if not grouped or len(grouped[-1]) >= max_items or size + item_bytes > max_bytes:
            grouped.append([])
            size = 0
        grouped[-1].append(item)
        size += item_bytes
    extra = {} if batch_input is None else {"BatchInput": batch_input}
    return [{"Items": group, **extra} for group in grouped]


def install() -> Undo:
    original_map_run = DistributedIterationComponent._map_run
    original_eval_job = DistributedItemProcessorWorker._eval_job

    def map_run(
        self: DistributedIterationComponent, env: Environment, eval_input: DistributedIterationComponentEvalInput
    ) -> None:
        batcher = getattr(self, ITEM_BATCHER_ATTRIBUTE, None)
        if batcher is not None:
            items = env.stack.pop()
            batch_input = _template_value(batcher["BatchInput"], env) if "BatchInput" in batcher else None
            env.stack.append(batches(list(items), batcher, batch_input))
            eval_input.map_run_record.item_counter = BatchItemCounter()
        original_map_run(self, env, eval_input)

    def eval_job(self: DistributedItemProcessorWorker, env: Environment, job: Job) -> None:
        batched = isinstance(self._map_run_record.item_counter, BatchItemCounter)
        _current_batch.size = len(job.job_input["Items"]) if batched else 1
        try:
            original_eval_job(self, env, job)
        finally:
            _current_batch.size = 1

    return undo_all(
        [
            replace_attribute(DistributedIterationComponent, "_map_run", map_run),
            replace_attribute(DistributedItemProcessorWorker, "_eval_job", eval_job),
        ]
    )
