"""GET /bookmarks and GET /bookmarks/{bookmarkId}."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler.exceptions import BadRequestError, NotFoundError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from bookmarks_tasks.aws.bookmarks_table import (
    STATUS_INDEX_POSITION_KEYS,
    InvalidStartPosition,
    bookmarks_by_status,
    get_bookmark,
)
from bookmarks_tasks.aws.executions import execution_status
from bookmarks_tasks.domain.bookmark_view import present_bookmark, submitted_bookmark
from bookmarks_tasks.domain.page_token import (
    UNUSABLE_PAGE_MESSAGE,
    InvalidPageToken,
    decode_page_token,
    encode_page_token,
)
from bookmarks_tasks.domain.query_parameters import InvalidParameter, bounded_whole_number
from bookmarks_tasks.handlers.rest_resolver import WholePathRestResolver
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()
app = WholePathRestResolver()

STATUSES = ("PENDING_APPROVAL", "APPROVED", "REJECTED", "DUPLICATE", "INVALID", "EXPIRED", "FAILED")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class Settings(EnvironmentSettings):
    bookmarks_table_name: str = Field(alias="BOOKMARKS_TABLE_NAME")
    state_machine_arn: str = Field(alias="SUBMIT_BOOKMARK_STATE_MACHINE_ARN")


@app.get("/bookmarks/<bookmark_id>")
@tracer.capture_method
def get_one(bookmark_id: str) -> dict[str, Any]:
    settings = Settings.from_environment()
    record = get_bookmark(settings.bookmarks_table_name, bookmark_id)
    if record is not None:
        return present_bookmark(record)
    if execution_status(settings.state_machine_arn, bookmark_id) == "RUNNING":
        return submitted_bookmark(bookmark_id)
    raise NotFoundError(f"No bookmark {bookmark_id}")


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    try:
        return bounded_whole_number("limit", raw, 1, MAX_LIMIT)
    except InvalidParameter as error:
        raise BadRequestError(str(error)) from error


@app.get("/bookmarks")
@tracer.capture_method
def list_page() -> dict[str, Any]:
    settings = Settings.from_environment()
    status = app.current_event.get_query_string_value("status") or "APPROVED"
    if status not in STATUSES:
        raise BadRequestError(f"status must be one of {', '.join(STATUSES)}")
    token = app.current_event.get_query_string_value("nextToken")
    try:
        start = decode_page_token(token, STATUS_INDEX_POSITION_KEYS) if token else None
    except InvalidPageToken as error:
        raise BadRequestError(str(error)) from error
    if start and start["status"]["S"] != status:
        raise BadRequestError(f"{UNUSABLE_PAGE_MESSAGE} (it belongs to the list of {start['status']['S'][:40]})")
    tag = app.current_event.get_query_string_value("tag")
    limit = _limit(app.current_event.get_query_string_value("limit"))
    try:
        items, position = bookmarks_by_status(
            settings.bookmarks_table_name, status, limit, tag.lower() if tag else None, start
        )
    except InvalidStartPosition as error:
        raise BadRequestError(UNUSABLE_PAGE_MESSAGE) from error
    page: dict[str, Any] = {"items": [present_bookmark(item) for item in items]}
    if position:
        page["nextToken"] = encode_page_token(position)
    return page


@metrics.log_metrics
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
