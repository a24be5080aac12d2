"""The state machine pages: the list with recent status counts, one machine, and its executions page by page."""

from __future__ import annotations

import json
from typing import Any

from bookmarks_flow.console.context import Context
from bookmarks_flow.console.definition import parse_definition
from bookmarks_flow.console.graph import render_graph

EXECUTION_STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE")


def state_machines(context: Context) -> Any:
    rows = []
    for machine in context.api.state_machines():
        counts, sampled = context.api.recent_status_counts(machine["stateMachineArn"])
        rows.append({"machine": machine, "counts": counts, "sampled": sampled})
    return context.render("state_machines.html", rows=rows, statuses=EXECUTION_STATUSES)


def state_machine(context: Context, arn: str) -> Any:
    machine = context.api.describe_state_machine(arn)
    definition = parse_definition(str(machine.get("definition", "")))
    counts, sampled = context.api.recent_status_counts(arn)
    recent, _ = context.api.executions(arn, page_size=10)
    return context.render(
        "state_machine.html",
        machine=machine,
        definition=json.dumps(definition, indent=2, ensure_ascii=False) if definition else machine.get("definition"),
        graph=render_graph(definition) if definition else None,
        counts=counts,
        sampled=sampled,
        recent=recent,
        statuses=EXECUTION_STATUSES,
    )


def executions(context: Context, arn: str) -> Any:
    status = context.request.args.get("status", "")
    if status not in EXECUTION_STATUSES:
        status = ""
    next_token = context.request.args.get("next_token") or None
    page, following = context.api.executions(arn, status or None, next_token)
    return context.render(
        "executions.html",
        machine_arn=arn,
        machine_name=arn.rsplit(":", 1)[-1],
        executions=page,
        status=status,
        statuses=EXECUTION_STATUSES,
        next_token=following,
        first_page=next_token is None,
    )
