"""Executions still running when a local environment stops are stopped with it, as they stop with a process.

Left running (waiting for a manager, between retries), their worker threads outlive moto's reset and later
write into the next environment of the same process, whose queues and tables have the same names: a test then
finds another test's dead letter in its queue. On AWS an execution belongs to its account; here it must not
outlive the environment that holds it. A durable stack has written its final snapshot before this runs, so
its waiting executions are still resumed at the next start.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from moto.stepfunctions.parser.api import ExecutionStatus
from moto.stepfunctions.parser.models import stepfunctions_parser_backends

STARTING_SECONDS = 2.0  # a worker thread that has just started builds its environment before it can be stopped


def _started(worker: Any) -> bool:
    deadline = time.monotonic() + STARTING_SECONDS
    while getattr(worker, "env", None) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return getattr(worker, "env", None) is not None


def stop_running_executions() -> int:
    stopped = 0
    now = datetime.datetime.now(datetime.UTC)
    for account in stepfunctions_parser_backends.values():
        for backend in account.values():
            for machine in backend.state_machines:
                for execution in list(machine.executions):
                    worker = execution.exec_worker
                    if execution.exec_status == ExecutionStatus.RUNNING and worker is not None and _started(worker):
                        execution.stop(stop_date=now, error=None, cause=None)
                        stopped += 1
    return stopped
