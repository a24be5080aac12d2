"""What the console changes or hands out: start an execution, stop one, export a history. Forms are POST + CSRF."""

from __future__ import annotations

import re
from typing import Any

from botocore.exceptions import ClientError
from werkzeug.wrappers import Response

from bookmarks_flow.console.context import Context
from bookmarks_flow.console.history_export import export_document
from bookmarks_flow.console.jsontext import dumps, pretty
from bookmarks_flow.console.redaction import Redactor
from bookmarks_flow.console.start_form import new_execution_name, validate_start


def start(context: Context, arn: str) -> Any:
    if context.request.method == "POST":
        return _start_submitted(context, arn)
    input_text, copied_from = _suggested_input(context, arn, context.request.args.get("copy"))
    return context.render(
        "start.html",
        machine_arn=arn,
        machine_name=arn.rsplit(":", 1)[-1],
        name=new_execution_name(),
        input_text=input_text,
        problems=[],
        copied_from=copied_from,
    )


def _start_submitted(context: Context, arn: str) -> Any:
    name = context.request.form.get("name", "")
    input_text = context.request.form.get("input", "")
    request, problems = validate_start(name, input_text)
    if request is not None:
        try:
            execution_arn = context.api.start_execution(arn, request.name, request.input)
        except ClientError as error:
            problems = [f"Step Functions refused: {error.response.get('Error', {}).get('Message', error)}"]
        else:
            return context.redirect(context.url("execution", arn=execution_arn))
    return context.render(
        "start.html",
        http_status=400,
        machine_arn=arn,
        machine_name=arn.rsplit(":", 1)[-1],
        name=name,
        input_text=input_text,
        problems=problems,
        copied_from=None,
    )


def _suggested_input(context: Context, machine_arn: str, from_arn: str | None) -> tuple[str, str | None]:
    """The input of the execution asked for, else of the latest one: a realistic start to edit."""
    if not from_arn:
        latest, _ = context.api.executions(machine_arn, page_size=1)
        from_arn = latest[0]["executionArn"] if latest else None
    if not from_arn:
        return "{}", None
    description = context.api.describe_execution(from_arn)
    text = pretty(description.get("input"), Redactor.from_values(description.get("input")))
    return text or "{}", str(description.get("name", ""))


def stop(context: Context, arn: str) -> Any:
    """GET asks for confirmation; POST stops (only a running execution) and returns to the execution."""
    description = context.api.describe_execution(arn)
    if context.request.method != "POST":
        return context.render("stop.html", execution=description)
    if description.get("status") == "RUNNING":
        form = context.request.form
        context.api.stop_execution(arn, form.get("error", "").strip(), form.get("cause", "").strip())
    return context.redirect(context.url("execution", arn=arn))


def export_history(context: Context, arn: str) -> Any:
    description = context.api.describe_execution(arn)
    document = export_document(description, context.api.history(arn))
    filename = re.sub(r"[^A-Za-z0-9._-]", "_", str(description.get("name") or "execution")) + "-history.json"
    return Response(
        dumps(document),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
