"""The import's executions: started under a name from the file's content, and read back with their map run."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.aws.executions import execution_arn


def describe(state_machine_arn: str, name: str) -> dict[str, Any] | None:
    try:
        described: dict[str, Any] = client("stepfunctions").describe_execution(
            executionArn=execution_arn(state_machine_arn, name)
        )
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ExecutionDoesNotExist", "InvalidArn", "ValidationException"):
            return None
        raise
    return described


def map_run_item_counts(arn: str) -> dict[str, Any] | None:
    """The item counts of the execution's (only) map run; None before the Map has started."""
    runs = client("stepfunctions").list_map_runs(executionArn=arn).get("mapRuns", [])
    if not runs:
        return None
    counts: dict[str, Any] = client("stepfunctions").describe_map_run(mapRunArn=runs[0]["mapRunArn"])["itemCounts"]
    return counts
