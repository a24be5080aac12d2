"""Map runs outlive the engine that ran them: kept in the journal when their execution ends, and answered from
there after a restart, as AWS answers DescribeMapRun, ListMapRuns and ListExecutions(mapRunArn) for as long as
it keeps the parent execution. Without this, a restart left an import's execution with no map run to show
(moto keeps map runs only in the running execution's environment)."""

from __future__ import annotations

from typing import Any

from bookmarks_flow.local.moto_adapters.map_run_executions import kept_children, restore_children
from bookmarks_flow.local.persistence.records import MapRunKept


def map_runs_of(execution: Any) -> list[MapRunKept]:
    """The map runs an execution's environment holds, as records for the journal."""
    environment = getattr(getattr(execution, "exec_worker", None), "env", None)
    pool = getattr(environment, "map_run_record_pool_manager", None)
    if pool is None:
        return []
    return [
        MapRunKept(
            arn=execution.exec_arn,
            map_run_arn=record.map_run_arn,
            described=dict(record.describe()),
            listed=dict(record.list_item()),
            children=kept_children(record),
        )
        for record in pool.get_all()
    ]


class KeptMapRun:
    """Stands in for moto's MapRunRecord where the lookups read one (moto_adapters/map_run_lookups.py)."""

    def __init__(self, kept: MapRunKept) -> None:
        self.map_run_arn = kept.map_run_arn
        self._kept = kept
        restore_children(self, kept.children)

    def describe(self) -> dict[str, Any]:
        return dict(self._kept.described)

    def list_item(self) -> dict[str, Any]:
        return dict(self._kept.listed)


class KeptMapRuns:
    """Stands in for moto's MapRunRecordPoolManager of an execution restored as ended."""

    def __init__(self, kept: tuple[MapRunKept, ...]) -> None:
        self._runs = {run.map_run_arn: KeptMapRun(run) for run in kept}

    def get(self, map_run_arn: str) -> KeptMapRun | None:
        return self._runs.get(map_run_arn)

    def get_all(self) -> list[KeptMapRun]:
        return list(self._runs.values())
