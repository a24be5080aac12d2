"""Context object start time: moto puts a ``datetime`` into ``$$.Execution.StartTime`` where AWS puts an
ISO 8601 string, so passing it to an integration fails with "datetime is not JSON serializable"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moto.stepfunctions.parser.backend.execution import Execution

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def aws_timestamp(moment: datetime) -> str:
    """The context object's format: ``2026-11-23T18:09:24.527Z`` (UTC, milliseconds)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def install() -> Undo:
    original = Execution.get_start_execution_details

    def get_start_execution_details(self: Execution) -> Any:
        details = original(self)
        if isinstance(details.start_time, datetime):
            details.start_time = aws_timestamp(details.start_time)
        return details

    return replace_attribute(Execution, "get_start_execution_details", get_start_execution_details)
