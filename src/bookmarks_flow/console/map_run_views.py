"""A map run, as AWS's Map Run page shows it (https://docs.aws.amazon.com/step-functions/latest/dg/
concepts-examine-map-run.html): its status, the items and child executions by status, the tolerated failures,
the concurrency, where the results are written, and its child executions page by page.

A child that did not succeed is described (DescribeExecution answers for a map run's children, Express ones
included): its error and cause are what a person opens the page for. Express children have no event history on
AWS, so they link nowhere; their input is shown here, redacted like every value the console prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bookmarks_flow.console.context import Context
from bookmarks_flow.console.execution_page import current_definition
from bookmarks_flow.console.jsontext import pretty
from bookmarks_flow.console.map_run_results import map_state_name, result_location
from bookmarks_flow.console.redaction import Redactor

COUNTS = (
    ("pending", "Pending"),
    ("running", "Running"),
    ("succeeded", "Succeeded"),
    ("failed", "Failed"),
    ("timedOut", "Timed out"),
    ("aborted", "Aborted"),
    ("total", "Total"),
)
CHILD_STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")
_UNSUCCESSFUL = {"FAILED", "TIMED_OUT", "ABORTED"}
CHILDREN_PER_PAGE = 25


@dataclass(frozen=True)
class ChildRow:
    name: str
    status: str
    started: Any
    stopped: Any
    item_count: Any
    error: str | None = None
    cause: str | None = None
    input: str | None = None


def map_run(context: Context, arn: str) -> Any:
    run = context.api.describe_map_run(arn)
    parent = context.api.describe_execution(str(run["executionArn"]))
    history = context.api.history(str(run["executionArn"]))
    definition = current_definition(context, str(parent["stateMachineArn"]))
    status = context.request.args.get("status", "")
    status = status if status in CHILD_STATUSES else ""
    next_token = context.request.args.get("next_token") or None
    children, following = context.api.map_run_executions(arn, status or None, next_token, CHILDREN_PER_PAGE)
    return context.render(
        "map_run.html",
        run=run,
        parent=parent,
        state=map_state_name(history, arn) or arn.rsplit(":", 2)[-2].rsplit("/", 1)[-1],
        location=result_location(history, definition, arn),
        counts=COUNTS,
        children=[_row(context, child) for child in children],
        status=status,
        statuses=CHILD_STATUSES,
        next_token=following,
        first_page=next_token is None,
    )


def _row(context: Context, child: dict[str, Any]) -> ChildRow:
    row = ChildRow(
        str(child["name"]), str(child["status"]), child.get("startDate"), child.get("stopDate"), child.get("itemCount")
    )
    if row.status not in _UNSUCCESSFUL:
        return row
    described = context.api.describe_execution(str(child["executionArn"]))
    redactor = Redactor.from_values(described.get("input"), described.get("cause"))
    error, cause = described.get("error"), described.get("cause")
    return ChildRow(
        row.name,
        row.status,
        row.started,
        row.stopped,
        row.item_count,
        redactor.text(str(error)) if error else None,
        redactor.text(str(cause)) if cause else None,
        pretty(described.get("input"), redactor),
    )
