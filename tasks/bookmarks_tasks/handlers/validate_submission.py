"""Validate Submission: checks and normalises the execution input (state "Validate Submission")."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext

from bookmarks_tasks.domain.correlation_id import correlation_id_of
from bookmarks_tasks.domain.submission import validate_submission
from bookmarks_tasks.domain.validation_state_result import validation_state_result
from bookmarks_tasks.handlers.events import ValidateSubmissionEvent

logger = Logger()
tracer = Tracer()
metrics = Metrics()


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    request = parse(event=event, model=ValidateSubmissionEvent)
    correlation_id = correlation_id_of(request.input, request.bookmarkId)
    logger.set_correlation_id(correlation_id)
    logger.append_keys(bookmarkId=request.bookmarkId)
    result = validate_submission(request.input)
    if result.valid:
        metrics.add_metric(name="SubmissionsValid", unit=MetricUnit.Count, value=1)
        logger.info("Submission valid")
    else:
        metrics.add_metric(name="SubmissionsInvalid", unit=MetricUnit.Count, value=1)
        logger.info("Submission rejected", extra={"reasons": result.reasons})
    # The workflow carries the id on from here: the raw input, where it came from, is dropped.
    return {**validation_state_result(result), "correlationId": correlation_id}
