"""The web app's reads: GET /search (approved bookmarks by words and tag), GET /me/bookmarks (the signed-in
person's suggestions in every status) and GET /approvals (for managers: what waits for a decision)."""

from __future__ import annotations

import time
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler.exceptions import BadRequestError, ForbiddenError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from bookmarks_tasks.aws.bookmark_queries import (
    SUBMITTER_INDEX_POSITION_KEYS,
    approved_with_words,
    bookmarks_of_submitter,
    newest_approved,
)
from bookmarks_tasks.aws.bookmark_words_table import WORD_POSITION_KEYS
from bookmarks_tasks.aws.bookmarks_table import STATUS_INDEX_POSITION_KEYS, InvalidStartPosition
from bookmarks_tasks.aws.link_secret import signing_key
from bookmarks_tasks.aws.waiting_approvals import WAITING_INDEX_POSITION_KEYS, waiting_approvals
from bookmarks_tasks.domain.bookmark_search import InvalidSearch, driving_word, search_tag, search_words
from bookmarks_tasks.domain.bookmark_view import present_bookmark
from bookmarks_tasks.domain.claims import groups_of, username_of
from bookmarks_tasks.domain.index_position import position_in_partition
from bookmarks_tasks.domain.page_token import UNUSABLE_PAGE_MESSAGE, InvalidPageToken, encode_page_token
from bookmarks_tasks.domain.query_parameters import InvalidParameter, bounded_whole_number
from bookmarks_tasks.domain.waiting_approval import present_waiting_approval
from bookmarks_tasks.handlers.rest_resolver import WholePathRestResolver
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()
app = WholePathRestResolver()

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class Settings(EnvironmentSettings):
    bookmarks_table_name: str = Field(alias="BOOKMARKS_TABLE_NAME")
    bookmark_words_table_name: str = Field(alias="BOOKMARK_WORDS_TABLE_NAME")
    approvals_table_name: str = Field(alias="APPROVALS_TABLE_NAME")
    approval_link_secret_arn: str = Field(alias="APPROVAL_LINK_SECRET_ARN")
    managers_group: str = Field(alias="MANAGERS_GROUP")
    # Empty means "the API that was called": the handler cannot name the API's URL in template.yaml, because
    # the API names this function (a dependency cycle).
    approval_base_url: str = Field(default="", alias="APPROVAL_BASE_URL")


def _query(name: str) -> str | None:
    return app.current_event.get_query_string_value(name)


def _paging(key_names: tuple[str, ...], partition_key: str, partition_value: str) -> tuple[int, dict[str, Any] | None]:
    """The page size and the start position in the index partition this route reads, or a 400 saying why not."""
    raw_limit = _query("limit")
    try:
        limit = DEFAULT_LIMIT if raw_limit is None else bounded_whole_number("limit", raw_limit, 1, MAX_LIMIT)
        start = position_in_partition(
            _query("nextToken"), key_names=key_names, partition_key=partition_key, partition_value=partition_value
        )
    except (InvalidParameter, InvalidPageToken) as error:
        raise BadRequestError(str(error)) from error
    return limit, start


def _page(items: list[dict[str, Any]], position: dict[str, Any] | None) -> dict[str, Any]:
    page: dict[str, Any] = {"items": items}
    if position:
        page["nextToken"] = encode_page_token(position)
    return page


def _claims() -> dict[str, Any]:
    authorizer = app.current_event.request_context.authorizer
    claims = authorizer.get("claims") if authorizer else None
    return dict(claims or {})


@app.get("/search")
@tracer.capture_method
def search() -> dict[str, Any]:
    settings = Settings.from_environment()
    try:
        words = search_words(_query("q"))
        tag = search_tag(_query("tag"))
    except InvalidSearch as error:
        raise BadRequestError(str(error)) from error
    try:
        if words:
            # A page token of a search with words is a position in the index of its driving word.
            limit, start = _paging(WORD_POSITION_KEYS, "word", driving_word(words))
            items, position = approved_with_words(
                settings.bookmarks_table_name,
                settings.bookmark_words_table_name,
                words=words,
                tag=tag,
                limit=limit,
                start=start,
            )
        else:
            limit, start = _paging(STATUS_INDEX_POSITION_KEYS, "status", "APPROVED")
            items, position = newest_approved(settings.bookmarks_table_name, tag=tag, limit=limit, start=start)
    except InvalidStartPosition as error:
        raise BadRequestError(UNUSABLE_PAGE_MESSAGE) from error
    return _page([present_bookmark(item) for item in items], position)


@app.get("/me/bookmarks")
@tracer.capture_method
def my_bookmarks() -> dict[str, Any]:
    settings = Settings.from_environment()
    username = username_of(_claims())
    if not username:
        raise ForbiddenError("The ID token names no user")
    limit, start = _paging(SUBMITTER_INDEX_POSITION_KEYS, "submitterUsername", username)
    try:
        items, position = bookmarks_of_submitter(settings.bookmarks_table_name, username, limit, start)
    except InvalidStartPosition as error:
        raise BadRequestError(UNUSABLE_PAGE_MESSAGE) from error
    return _page([present_bookmark(item) for item in items], position)


def _approval_base_url(settings: Settings) -> str:
    if settings.approval_base_url:
        return settings.approval_base_url
    context = app.current_event.request_context
    return f"https://{context.domain_name}/{context.stage}"


@app.get("/approvals")
@tracer.capture_method
def waiting() -> dict[str, Any]:
    settings = Settings.from_environment()
    if settings.managers_group not in groups_of(_claims()):
        raise ForbiddenError("Only managers see the suggestions that wait for a decision")
    limit, start = _paging(WAITING_INDEX_POSITION_KEYS, "status", "PENDING")
    now = time.time()
    try:
        items, position = waiting_approvals(settings.approvals_table_name, now=int(now), limit=limit, start=start)
    except InvalidStartPosition as error:
        raise BadRequestError(UNUSABLE_PAGE_MESSAGE) from error
    key = signing_key(settings.approval_link_secret_arn)
    base_url = _approval_base_url(settings)
    return _page([present_waiting_approval(item, base_url=base_url, key=key, now=now) for item in items], position)


@metrics.log_metrics
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
