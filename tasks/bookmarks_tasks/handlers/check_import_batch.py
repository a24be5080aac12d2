"""Check The Batch: one batch of an import's lines, checked by the single-submission rules (state "Check The
Batch" of workflows/import_bookmarks.asl.json)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Field

from bookmarks_tasks.domain.imports.import_batch import check_batch

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class ImportBatchInput(BaseModel):
    importId: str = Field(pattern=r"^[0-9a-f]{64}$")
    importer: dict[str, Any]


class ImportBatchEvent(BaseModel):
    """The child execution's input as the Map's ItemBatcher builds it."""

    Items: list[Any] = Field(max_length=1000)
    BatchInput: ImportBatchInput


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    batch = parse(event=event, model=ImportBatchEvent)
    logger.append_keys(importId=batch.BatchInput.importId)
    checked = check_batch(batch.Items, batch.BatchInput.importId, batch.BatchInput.importer)
    metrics.add_metric(name="ImportLinesChecked", unit=MetricUnit.Count, value=len(batch.Items))
    logger.info("Batch checked", extra={"valid": len(checked["valid"]), "decided": len(checked["decided"])})
    return checked
