"""Write The Report: the import's report, from the map run's result files, stored beside the uploaded file
(state "Write The Report" of workflows/import_bookmarks.asl.json)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Field

from bookmarks_tasks.aws.import_files import REPORT_KEY, map_run_results, write_json
from bookmarks_tasks.domain.imports.import_report import import_report, summary_text
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class Settings(EnvironmentSettings):
    bucket: str = Field(alias="IMPORT_BUCKET_NAME")


class ResultWriterDetails(BaseModel):
    Bucket: str
    Key: str


class WriteImportReportEvent(BaseModel):
    importId: str = Field(pattern=r"^[0-9a-f]{64}$")
    importer: str
    results: ResultWriterDetails


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    settings = Settings.from_environment()
    request = parse(event=event, model=WriteImportReportEvent)
    logger.append_keys(importId=request.importId)
    report = import_report(map_run_results(request.results.Bucket, request.results.Key))
    key = REPORT_KEY.format(import_id=request.importId)
    write_json(settings.bucket, key, {"importId": request.importId, "importer": request.importer, **report})
    metrics.add_metric(name="BookmarksImported", unit=MetricUnit.Count, value=report["counts"]["imported"])
    logger.info("Import report written", extra={"counts": report["counts"]})
    return {
        "counts": report["counts"],
        "reportKey": key,
        "summary": summary_text(request.importId, request.importer, report["counts"]),
    }
