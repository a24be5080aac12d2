"""POST /imports starts a bulk import (managers only); GET /imports/{importId} follows it to its report.

The import's id is the SHA-256 of the file and its execution is named from it: the same file twice is one
import (Step Functions answers a second start of a running execution with the same input as idempotent, and
ExecutionAlreadyExists once it has closed). An import that failed is run again under the next attempt's
name; its bookmark ids are the same (import id and line), so it claims what it had claimed and finishes the
rest. A file is refused (4xx, with the reason) before anything is stored or started.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from bookmarks_tasks.aws.executions import ExecutionAlreadyExists, start_execution
from bookmarks_tasks.aws.import_files import ITEMS_KEY, REPORT_KEY, read_json, write_json
from bookmarks_tasks.aws.imports import describe, map_run_item_counts
from bookmarks_tasks.domain.claims import groups_of, username_of
from bookmarks_tasks.domain.imports.import_file import ImportRefused, read_import_file
from bookmarks_tasks.domain.imports.import_ids import IMPORT_ID_PATTERN, execution_name_of, import_id_of
from bookmarks_tasks.domain.imports.import_progress import import_progress
from bookmarks_tasks.domain.imports.import_request import import_request
from bookmarks_tasks.domain.imports.repeated_links import without_repeats
from bookmarks_tasks.domain.imports.review_limit import check_review_size
from bookmarks_tasks.domain.json_body import InvalidBody, parse_json_body
from bookmarks_tasks.domain.media_type import UnsupportedMediaType, check_json_media_type
from bookmarks_tasks.handlers.rest_resolver import WholePathRestResolver
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()
app = WholePathRestResolver()
MAX_ATTEMPTS = 5
_RERUN = {"FAILED", "TIMED_OUT", "ABORTED"}


class Settings(EnvironmentSettings):
    bucket: str = Field(alias="IMPORT_BUCKET_NAME")
    state_machine_arn: str = Field(alias="IMPORT_STATE_MACHINE_ARN")
    managers_group: str = Field(alias="MANAGERS_GROUP")


def _answer(status: int, body: dict[str, Any]) -> Response[dict[str, Any]]:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body)


def _claims() -> dict[str, Any]:
    return app.current_event.request_context.authorizer.claims or {}


def _latest(settings: Settings, import_id: str) -> tuple[int, dict[str, Any] | None]:
    """The last attempt that exists (0 and None when the import was never started)."""
    latest: tuple[int, dict[str, Any] | None] = (0, None)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        described = describe(settings.state_machine_arn, execution_name_of(import_id, attempt))
        if described is None:
            break
        latest = (attempt, described)
    return latest


def _reviewed(execution: dict[str, Any]) -> bool:
    return bool(json.loads(execution.get("input") or "{}").get("review", False))


def _start(settings: Settings, import_id: str, document: str) -> str:
    attempt, existing = _latest(settings, import_id)
    if existing is not None and _reviewed(existing) != json.loads(document)["review"]:
        # Its links are already approved by the importer, or already waiting for a manager: the other way too
        # would record them twice.
        earlier = "with review" if _reviewed(existing) else "without review"
        raise ImportRefused(f"this file was already imported {earlier}; send it the same way, or change the file")
    if existing is not None and existing["status"] not in _RERUN:
        return str(existing["executionArn"])
    if attempt >= MAX_ATTEMPTS:
        raise ImportRefused(f"this file's import failed {MAX_ATTEMPTS} times; look at its report before another try")
    name = execution_name_of(import_id, attempt + 1)
    try:
        return start_execution(settings.state_machine_arn, name, document)
    except ExecutionAlreadyExists as started:  # another request started it a moment ago
        return started.execution_arn


def _refused(error: ImportRefused) -> Response[dict[str, Any]]:
    status = 413 if "larger than" in error.reason else 400
    return _answer(status, {"message": error.reason})


@app.post("/imports")
@tracer.capture_method
def start() -> Response[dict[str, Any]]:
    settings = Settings.from_environment()
    claims = _claims()
    if settings.managers_group not in groups_of(claims):
        return _answer(403, {"message": "Only managers import bookmarks"})
    event = app.current_event
    try:
        check_json_media_type(event.headers.get("Content-Type", ""))
    except UnsupportedMediaType as error:
        return _answer(415, {"message": str(error)})
    try:
        raw = event.decoded_body if event.is_base64_encoded else event.body
        request = import_request(parse_json_body(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw))
        parsed = read_import_file(request.content)
    except InvalidBody as error:
        return _answer(400, {"message": f"Invalid request body: {error}"})
    except ImportRefused as error:
        return _refused(error)
    import_id = import_id_of(request.content)
    logger.append_keys(importId=import_id)
    items = [line.as_item() for line in without_repeats(parsed.lines)]
    if request.review:
        try:
            check_review_size(len(items))
        except ImportRefused as error:
            return _refused(error)
    items_key = ITEMS_KEY.format(import_id=import_id)
    write_json(settings.bucket, items_key, items)
    importer = {"username": username_of(claims), "email": str(claims.get("email", ""))}
    document = json.dumps(
        {
            "importId": import_id,
            "itemsKey": items_key,
            "importer": importer,
            "links": len(items),
            "review": request.review,
        },
        sort_keys=True,
    )
    try:
        arn = _start(settings, import_id, document)
    except ImportRefused as error:
        return _answer(409, {"message": error.reason})
    logger.info("Import started", extra={"links": len(items), "format": parsed.format})
    return _answer(202, {"importId": import_id, "executionArn": arn, "format": parsed.format, "links": len(items)})


@app.get("/imports/<import_id>")
@tracer.capture_method
def progress(import_id: str) -> Response[dict[str, Any]]:
    settings = Settings.from_environment()
    if settings.managers_group not in groups_of(_claims()):
        return _answer(403, {"message": "Only managers follow imports"})
    if not IMPORT_ID_PATTERN.match(import_id):
        return _answer(404, {"message": "No import has this id"})
    _, execution = _latest(settings, import_id)
    if execution is None:
        return _answer(404, {"message": "No import has this id"})
    links = int(json.loads(execution.get("input") or "{}").get("links", 0))
    answer = import_progress(import_id, execution, links, map_run_item_counts(execution["executionArn"]))
    if execution["status"] == "SUCCEEDED":
        answer["report"] = read_json(settings.bucket, REPORT_KEY.format(import_id=import_id))
    return _answer(200, answer)


@metrics.log_metrics
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
