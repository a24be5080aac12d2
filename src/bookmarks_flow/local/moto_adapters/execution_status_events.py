"""Execution status events: Step Functions sends "Step Functions Execution Status Change" events (source
``aws.states``) to the account's default event bus when an execution starts and when it ends; moto sends none,
so a rule on failed executions could never fire locally. This puts them on moto's default bus, with the detail
fields AWS documents (executionArn, stateMachineArn, name, status, startDate, stopDate in epoch milliseconds,
input, output, error, cause). AWS itself sends them, so no principal's policy is involved."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from moto.events.models import events_backends
from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication, Execution

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

SOURCE = "aws.states"
DETAIL_TYPE = "Step Functions Execution Status Change"


def _epoch_milliseconds(moment: Any) -> int | None:
    if not isinstance(moment, datetime):
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return int(aware.timestamp() * 1000)


def _json_text(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else json.dumps(value)


def status_change_detail(execution: Execution) -> dict[str, Any]:
    return {
        "executionArn": str(execution.exec_arn),
        "stateMachineArn": str(execution.state_machine.arn),
        "name": execution.name,
        "status": str(getattr(execution.exec_status, "value", execution.exec_status)),
        "startDate": _epoch_milliseconds(execution.start_date),
        "stopDate": _epoch_milliseconds(execution.stop_date),
        "input": _json_text(execution.input_data),
        "output": _json_text(getattr(execution, "output", None)),
        "error": getattr(execution, "error", None),
        "cause": getattr(execution, "cause", None),
    }


def running_detail(execution: Execution) -> dict[str, Any]:
    """The RUNNING event describes the execution as it starts, whatever the worker thread has done since."""
    return {
        **status_change_detail(execution),
        "status": "RUNNING",
        "stopDate": None,
        "output": None,
        "error": None,
        "cause": None,
    }


def _send(execution: Execution, detail: dict[str, Any]) -> None:
    backend = events_backends[execution.account_id][execution.region_name]
    backend.put_events(
        [
            {
                "Source": SOURCE,
                "DetailType": DETAIL_TYPE,
                "Detail": json.dumps(detail),
                "Resources": [str(execution.exec_arn)],
            }
        ]
    )


def install() -> Undo:
    original_start = Execution.start
    original_terminated = BaseExecutionWorkerCommunication.terminated

    def start(self: Execution) -> None:
        if self.exec_worker is None:  # sent first: the execution may end before original_start returns
            _send(self, running_detail(self))
        original_start(self)

    def terminated(self: BaseExecutionWorkerCommunication) -> None:
        original_terminated(self)
        _send(self.execution, status_change_detail(self.execution))

    return undo_all(
        [
            replace_attribute(Execution, "start", start),
            replace_attribute(BaseExecutionWorkerCommunication, "terminated", terminated),
        ]
    )
