"""Validate Submission: checks and normalises the execution input (state "Validate Submission")."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from bookmarks_tasks.domain.approval_plan import ApprovalSettings, approval_plan, first_wait, parse_tags
from bookmarks_tasks.domain.correlation_id import correlation_id_of
from bookmarks_tasks.domain.submission import validate_submission
from bookmarks_tasks.domain.validation_state_result import validation_state_result
from bookmarks_tasks.handlers.events import ValidateSubmissionEvent
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class Settings(EnvironmentSettings):
    approval_timeout_seconds: int = Field(alias="APPROVAL_TIMEOUT_SECONDS", gt=0)
    approval_reminder_seconds: int = Field(alias="APPROVAL_REMINDER_SECONDS", ge=0)
    approval_max_reminders: int = Field(alias="APPROVAL_MAX_REMINDERS", ge=0)
    approval_escalation_seconds: int = Field(alias="APPROVAL_ESCALATION_SECONDS", ge=0)
    two_person_approval_tags: str = Field(alias="TWO_PERSON_APPROVAL_TAGS")

    def approval(self) -> ApprovalSettings:
        return ApprovalSettings(
            timeout_seconds=self.approval_timeout_seconds,
            reminder_seconds=self.approval_reminder_seconds,
            max_reminders=self.approval_max_reminders,
            escalation_seconds=self.approval_escalation_seconds,
            two_person_tags=parse_tags(self.two_person_approval_tags),
        )


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
    plan = approval_plan(Settings.from_environment().approval(), result.bookmark.tags)
    # The workflow carries the id on from here: the raw input, where it came from, is dropped.
    return {
        **validation_state_result(result),
        "correlationId": correlation_id,
        "approvalPlan": plan,
        "approvalWait": first_wait(plan),
    }
