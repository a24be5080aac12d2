"""What the journal holds about executions: plain data, so that a record loads whatever the engine's state."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExecutionStarted:
    arn: str
    state_machine_arn: str
    name: str
    input: str
    start_date: datetime.datetime
    trace_header: str | None = None


@dataclass(frozen=True)
class HistoryEventAdded:
    arn: str
    event: dict[str, Any]


@dataclass(frozen=True)
class TaskTokenIssued:
    arn: str
    token: str


@dataclass(frozen=True)
class TaskOutcomeSent:
    """An acknowledged SendTaskSuccess/SendTaskFailure, in case the crash came before the engine recorded it."""

    token: str
    succeeded: bool
    output: str | None = None
    error: str | None = None
    cause: str | None = None


@dataclass(frozen=True)
class ExecutionEnded:
    arn: str
    status: str
    stop_date: datetime.datetime | None
    output: Any = None
    error: str | None = None
    cause: str | None = None


@dataclass(frozen=True)
class MapRunKept:
    """A Distributed Map run of an execution that has ended, as DescribeMapRun, ListMapRuns and its children's
    ListExecutions/DescribeExecution answer it (moto keeps map runs in the running engine only). ``arn`` is the
    execution's, as in the other records of an execution."""

    arn: str
    map_run_arn: str
    described: dict[str, Any]
    listed: dict[str, Any]
    children: tuple[dict[str, Any], ...] = ()


@dataclass
class ExecutionRecord:
    started: ExecutionStarted
    events: list[dict[str, Any]] = field(default_factory=list)
    # (number of events recorded when the token was issued, token)
    tokens: list[tuple[int, str]] = field(default_factory=list)
    ended: ExecutionEnded | None = None
    # A tuple, so that a record pickled before map runs were kept (a snapshot's) reads the class default.
    map_runs: tuple[MapRunKept, ...] = ()


@dataclass
class Executions:
    """Every execution as the journal tells it, by ARN, and the outcomes sent for task tokens."""

    by_arn: dict[str, ExecutionRecord] = field(default_factory=dict)
    outcomes: dict[str, TaskOutcomeSent] = field(default_factory=dict)

    def apply(self, record: Any) -> None:
        if isinstance(record, ExecutionStarted):
            self.by_arn.setdefault(record.arn, ExecutionRecord(record))
            return
        if isinstance(record, TaskOutcomeSent):
            self.outcomes[record.token] = record
            return
        execution = self.by_arn.get(record.arn)
        if execution is None:
            return
        if isinstance(record, MapRunKept):
            execution.map_runs = (*execution.map_runs, record)
        elif isinstance(record, HistoryEventAdded):
            execution.events.append(record.event)
        elif isinstance(record, TaskTokenIssued):
            execution.tokens.append((len(execution.events), record.token))
        elif isinstance(record, ExecutionEnded):
            execution.ended = record
            for _, token in execution.tokens:
                self.outcomes.pop(token, None)
