"""The execution page as named fragments, so the full page and its live updates render from the same templates.

The live endpoint answers with the same fragments and a version hash for each; the page's script replaces only
those whose version changed, so an expanded event or a scrolled graph is left alone while nothing changes there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from bookmarks_flow.console.context import Context
from bookmarks_flow.console.definition import parse_definition
from bookmarks_flow.console.execution_view import EventRow, ExecutionView, VisitDetail, build_execution_view
from bookmarks_flow.console.graph import RenderedGraph, render_graph
from bookmarks_flow.console.map_run_results import map_state_name
from bookmarks_flow.console.pages import Fragment

EVENTS_PER_PAGE = 25
"""As in the AWS console."""
FRAGMENTS = ("summary", "io", "graph", "states", "detail", "history")
_ATTENTION_ORDER = ("failed", "waiting", "running")


@dataclass(frozen=True)
class ExecutionQuery:
    """The page's own query parameters: the selected state and the history table's filter and page."""

    state: str = ""
    events_type: str = ""
    events_state: str = ""
    events_page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ExecutionQuery:
        try:
            page = max(int(args.get("events_page", "1")), 1)
        except ValueError:
            page = 1
        return cls(args.get("state", ""), args.get("events_type", ""), args.get("events_state", ""), page)


@dataclass(frozen=True)
class EventsPage:
    rows: tuple[EventRow, ...]
    total: int
    filtered: int
    page: int
    pages: int
    first: int
    last: int


@dataclass(frozen=True)
class ExecutionPage:
    context: Context
    view: ExecutionView
    query: ExecutionQuery
    graph: RenderedGraph
    selected: str | None
    selected_by_default: bool
    map_runs: tuple[dict[str, Any], ...] = ()

    @classmethod
    def load(cls, context: Context, arn: str, query: ExecutionQuery) -> ExecutionPage:
        # Describe before reading the history: a finished status then always comes with the finished history.
        description = context.api.describe_execution(arn)
        history = context.api.history(arn)
        definition = current_definition(context, str(description["stateMachineArn"]))
        view = build_execution_view(description, history, definition)
        chosen = query.state if query.state in view.visits_by_state else None
        selected = chosen or attention_state(view)
        graph = (
            render_graph(definition, view.statuses)
            if definition
            else RenderedGraph(None, "The state machine's definition is not available (deleted, or unreadable).")
        )
        runs = context.api.map_runs(arn) if _has_distributed_map(definition) else []
        map_runs = tuple({**run, "state": map_state_name(history, str(run["mapRunArn"]))} for run in runs)
        return cls(context, view, query, graph, selected, chosen is None and selected is not None, map_runs)

    @property
    def title(self) -> str:
        return f"{self.view.name} ({self.view.status.replace('_', ' ').lower()})"

    @property
    def origin(self) -> str | None:
        """The state where the execution's error was first raised (it may have been caught and re-raised later)."""
        return error_origin(self.view)

    @property
    def selected_visits(self) -> tuple[VisitDetail, ...]:
        return self.view.visits_by_state.get(self.selected or "", ())

    @property
    def selected_type(self) -> str:
        return next((row.state_type for row in self.view.states if row.name == self.selected), "")

    def events(self) -> EventsPage:
        rows = [
            row
            for row in self.view.events
            if (not self.query.events_type or row.type == self.query.events_type)
            and (not self.query.events_state or row.state == self.query.events_state)
        ]
        pages = max((len(rows) + EVENTS_PER_PAGE - 1) // EVENTS_PER_PAGE, 1)
        page = min(self.query.events_page, pages)
        start = (page - 1) * EVENTS_PER_PAGE
        shown = tuple(rows[start : start + EVENTS_PER_PAGE])
        return EventsPage(shown, len(self.view.events), len(rows), page, pages, start + 1, start + len(shown))

    def link(self, **changes: Any) -> str:
        """This page's URL with some query parameters changed (the others kept), for filters, paging and selection."""
        values = {
            "state": self.query.state,
            "events_type": self.query.events_type,
            "events_state": self.query.events_state,
            "events_page": self.query.events_page if self.query.events_page > 1 else None,
        }
        values.update(changes)
        return self.context.url("execution", arn=self.view.arn, **values)

    def fragments(self) -> dict[str, Fragment]:
        return {
            name: Fragment.of(self.context.render_fragment(f"execution/_{name}.html", page=self, view=self.view))
            for name in FRAGMENTS
        }


def current_definition(context: Context, machine_arn: str) -> dict[str, Any]:
    """The current definition; an execution outlives a deleted state machine, so its page must not need one."""
    try:
        machine = context.api.describe_state_machine(machine_arn)
    except ClientError:
        return {}
    return parse_definition(str(machine.get("definition", "")))


def _has_distributed_map(definition: Any) -> bool:
    """Only a Distributed Map starts map runs: other pages are spared the ListMapRuns call."""
    if isinstance(definition, dict):
        if definition.get("Mode") == "DISTRIBUTED":
            return True
        return any(_has_distributed_map(value) for value in definition.values())
    if isinstance(definition, list):
        return any(_has_distributed_map(value) for value in definition)
    return False


def error_origin(view: ExecutionView) -> str | None:
    """The first state (in execution order) that ended a visit with the execution's own error and cause."""
    if view.error is None:
        return None
    for row in view.states:
        visits = view.visits_by_state.get(row.name, ())
        if any(visit.error == view.error and visit.cause == view.cause for visit in visits):
            return row.name
    return None


def attention_state(view: ExecutionView) -> str | None:
    """The state a person opening the page wants first: where the error came from, else what waits or runs."""
    origin = error_origin(view)
    if origin is not None:
        return origin
    for status in _ATTENTION_ORDER:
        for row in view.states:
            if row.status == status:
                return row.name
    return None
