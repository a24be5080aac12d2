"""One execution: the full page, and the same fragments as JSON for the page's live updates."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.wrappers import Response

from bookmarks_flow.console.context import Context
from bookmarks_flow.console.execution_page import ExecutionPage, ExecutionQuery


def execution(context: Context, arn: str) -> Any:
    page = ExecutionPage.load(context, arn, ExecutionQuery.from_args(context.request.args))
    return context.render("execution.html", page=page, view=page.view, fragments=page.fragments())


def execution_live(context: Context, arn: str) -> Any:
    page = ExecutionPage.load(context, arn, ExecutionQuery.from_args(context.request.args))
    body = {
        "status": page.view.status,
        "running": page.view.running,
        "title": page.title,
        "selected": page.selected,
        "fragments": {name: fragment.as_json() for name, fragment in page.fragments().items()},
    }
    return Response(json.dumps(body), mimetype="application/json")
