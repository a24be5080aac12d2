"""Claim And Record The Links: one batch's valid links claim their URLs and are recorded approved by the importing
manager (state "Claim And Record The Links" of workflows/import_bookmarks.asl.json). One invocation per batch,
with a transaction per 50 links, where a state per link cost moto's engine a state transition, a thread and a
DynamoDB request each (and an Express child on AWS two state transitions' worth of duration)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Field

from bookmarks_tasks.aws.import_claims import claim_and_record
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class Settings(EnvironmentSettings):
    bookmarks_table_name: str = Field(alias="BOOKMARKS_TABLE_NAME")


class Bookmark(BaseModel):
    url: str
    normalizedUrl: str = Field(min_length=1, max_length=2048)
    title: str
    description: str
    tags: list[str]


class Submitter(BaseModel):
    username: str = Field(min_length=1)
    email: str


class ValidLink(BaseModel):
    """A line "Check The Batch" found valid."""

    line: int = Field(ge=1)
    bookmarkId: str = Field(min_length=1, max_length=200)
    bookmark: Bookmark
    submitter: Submitter


class RecordBatchEvent(BaseModel):
    links: list[ValidLink] = Field(max_length=1000)
    importId: str = Field(pattern=r"^[0-9a-f]{64}$")
    executionArn: str = Field(min_length=1)
    recordedAt: str = Field(min_length=1)


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    request = parse(event=event, model=RecordBatchEvent)
    settings = Settings.from_environment()
    logger.append_keys(importId=request.importId)
    claimed = claim_and_record(
        settings.bookmarks_table_name,
        [link.model_dump() for link in request.links],
        request.importId,
        request.executionArn,
        request.recordedAt,
    )
    imported = sum(1 for link in claimed if link["outcome"] == "imported")
    metrics.add_metric(name="ImportedLinksRecorded", unit=MetricUnit.Count, value=imported)
    logger.info("Batch recorded", extra={"imported": imported, "duplicate": len(claimed) - imported})
    return {"claimed": claimed}
