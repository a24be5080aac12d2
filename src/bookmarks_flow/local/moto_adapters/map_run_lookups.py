"""Map run lookups: moto 5.2.5's ListMapRuns and DescribeMapRun read ``execution.exec_worker.env`` of every
execution, which is None from StartExecution until the execution's thread has begun (and ``exec_worker`` is
None for an execution restored from a snapshot): a call in that moment fails with an AttributeError, a 500.

AWS answers ListMapRuns of an execution whose Map has not started with an empty list, and DescribeMapRun of an
unknown map run with ResourceNotFound; this reads past executions that have no environment yet. moto's own
ResourceNotFound for an unknown map run is built without its message, which raises a TypeError (a 500).
"""

from __future__ import annotations

from typing import Any

from moto.stepfunctions.exceptions import ResourceNotFound
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all


def _records(execution: Any) -> Any:
    worker = getattr(execution, "exec_worker", None)
    env = getattr(worker, "env", None)
    # An execution restored as ended holds the map runs kept in the journal (persistence/kept_map_runs.py).
    return getattr(env, "map_run_record_pool_manager", None)


def find_map_run(backend: StepFunctionsParserBackend, map_run_arn: str) -> Any:
    """The map run's record, or None: looked up in the executions that have begun."""
    for execution in backend._get_executions():
        records = _records(execution)
        record = records.get(map_run_arn) if records is not None else None
        if record is not None:
            return record
    return None


def install() -> Undo:
    def describe_map_run(self: StepFunctionsParserBackend, map_run_arn: str) -> dict[str, Any]:
        record = find_map_run(self, map_run_arn)
        if record is not None:
            described: dict[str, Any] = record.describe()
            return described
        raise ResourceNotFound(map_run_arn)

    def list_map_runs(self: StepFunctionsParserBackend, execution_arn: str) -> dict[str, Any]:
        records = _records(self.describe_execution(execution_arn=execution_arn))
        return {"mapRuns": [record.list_item() for record in (records.get_all() if records is not None else [])]}

    return undo_all(
        [
            replace_attribute(StepFunctionsParserBackend, "describe_map_run", describe_map_run),
            replace_attribute(StepFunctionsParserBackend, "list_map_runs", list_map_runs),
        ]
    )
