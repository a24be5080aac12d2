"""Index The Imported Links: the word index items of one batch's imported bookmarks (state "Index The Imported
Links" of workflows/import_bookmarks.asl.json). An import records each bookmark with one conditional put, not the
approval's transaction, so its batch indexes them together: one invocation for up to 100 links."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Field

from bookmarks_tasks.aws.bookmark_words_table import index_bookmarks
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class Settings(EnvironmentSettings):
    bookmarks_table_name: str = Field(alias="BOOKMARKS_TABLE_NAME")
    bookmark_words_table_name: str = Field(alias="BOOKMARK_WORDS_TABLE_NAME")


class ClaimedLink(BaseModel):
    outcome: str
    bookmarkId: str | None = Field(default=None, max_length=200)


class IndexImportedEvent(BaseModel):
    """The batch's claim outcomes, as the state "Claim Each Link" leaves them."""

    claimed: list[ClaimedLink] = Field(max_length=1000)


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    request = parse(event=event, model=IndexImportedEvent)
    settings = Settings.from_environment()
    imported = [link.bookmarkId for link in request.claimed if link.outcome == "imported" and link.bookmarkId]
    written = index_bookmarks(settings.bookmarks_table_name, settings.bookmark_words_table_name, imported)
    metrics.add_metric(name="ImportedBookmarksIndexed", unit=MetricUnit.Count, value=len(imported))
    logger.info("Imported bookmarks indexed", extra={"bookmarks": len(imported), "indexItems": written})
    return {"bookmarks": len(imported), "indexItems": written}
