"""Ask A Manager: stores the task token under a random approval id and sends the signed approval link.

Every later wait of the same submission (after a reminder, the escalation or a first approval) puts its new
task token on the same approval record and sends the follow-up message with the same link; if a decision was
recorded while the previous token was timing out, the new token is completed with it at once.

Idempotent on the task token: a repeated delivery of the same invocation sends no second e-mail.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError
from pydantic import Field

from bookmarks_tasks.aws.approval_topic import publish_approval_request
from bookmarks_tasks.aws.approvals_table import (
    finish_decision,
    get_approval,
    mark_request_sent,
    renew_wait,
    save_pending_approval,
    take_over_pending_approval,
)
from bookmarks_tasks.aws.link_secret import signing_key
from bookmarks_tasks.aws.task_callback import send_decision
from bookmarks_tasks.domain.approval_decision import Decision, DecisionKind
from bookmarks_tasks.domain.approval_follow_up import compose_follow_up
from bookmarks_tasks.domain.approval_plan import ESCALATION
from bookmarks_tasks.domain.approval_request import compose_approval_request, new_approval_id
from bookmarks_tasks.handlers.events import RequestApprovalEvent
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class Settings(EnvironmentSettings):
    approvals_table_name: str = Field(alias="APPROVALS_TABLE_NAME")
    idempotency_table_name: str = Field(alias="IDEMPOTENCY_TABLE_NAME")
    approval_requests_topic_arn: str = Field(alias="APPROVAL_REQUESTS_TOPIC_ARN")
    escalation_requests_topic_arn: str = Field(alias="ESCALATION_REQUESTS_TOPIC_ARN")
    approval_link_secret_arn: str = Field(alias="APPROVAL_LINK_SECRET_ARN")
    approval_base_url: str = Field(alias="APPROVAL_BASE_URL")


class UnknownApproval(Exception):
    """A follow-up wait for an approval that has no record: a bug or a lost table, never a silent new request."""


def _recorded_decision(record: dict[str, Any]) -> Decision:
    return Decision(
        kind=DecisionKind(str(record["decision"])),
        decided_by=str(record.get("decidedBy", "")),
        decided_at=str(record.get("decidedAt", "")),
        comment=str(record.get("decisionComment", "")),
    )


def follow_up(event: RequestApprovalEvent, settings: Settings) -> dict[str, Any]:
    """The workflow waits again for the same approval."""
    approval_id = str(event.approvalId)
    record = get_approval(settings.approvals_table_name, approval_id)
    if record is None:
        raise UnknownApproval(approval_id)
    escalated_at = datetime.now(UTC).isoformat() if event.reason == ESCALATION else None
    deadline_at = int(time.time()) + event.waitSeconds
    renewed = renew_wait(
        settings.approvals_table_name, approval_id, event.taskToken, event.nextDeadline, deadline_at, escalated_at
    )
    if not renewed:
        decided = get_approval(settings.approvals_table_name, approval_id) or record
        decision = _recorded_decision(decided)
        send_decision(event.taskToken, decision)
        finish_decision(settings.approvals_table_name, approval_id, decision.kind.value)
        return {"approvalId": approval_id, "completedWith": decision.kind.value}
    message = compose_follow_up(
        reason=event.reason,
        approval_id=approval_id,
        bookmark_id=event.bookmarkId,
        bookmark=event.bookmark.to_domain(),
        submitter=event.submitter.to_domain(),
        now=int(time.time()),
        expires_at=int(record["expiresAt"]),
        base_url=settings.approval_base_url,
        key=signing_key(settings.approval_link_secret_arn),
    )
    escalated = event.reason == ESCALATION
    topic = settings.escalation_requests_topic_arn if escalated else settings.approval_requests_topic_arn
    publish_approval_request(
        topic_arn=topic,
        request=message.request,
        submitter_username=event.submitter.username,
        event_type=f"APPROVAL_{event.reason}",
    )
    return {"approvalId": approval_id, "reason": event.reason, "approvalLink": message.request.link}


def request_approval(event: RequestApprovalEvent, settings: Settings) -> dict[str, Any]:
    if event.reason != "REQUEST" and event.approvalId:
        return follow_up(event, settings)
    bookmark = event.bookmark.to_domain()
    submitter = event.submitter.to_domain()
    request = compose_approval_request(
        approval_id=event.approvalId or new_approval_id(),
        bookmark_id=event.bookmarkId,
        bookmark=bookmark,
        submitter=submitter,
        now=int(time.time()),
        timeout_seconds=event.timeoutSeconds,
        base_url=settings.approval_base_url,
        key=signing_key(settings.approval_link_secret_arn),
    )
    table = settings.approvals_table_name
    try:
        save_pending_approval(
            table_name=table,
            request=request,
            task_token=event.taskToken,
            execution_arn=event.executionArn,
            bookmark=bookmark,
            submitter=submitter,
            created_at=datetime.now(UTC).isoformat(),
            correlation_id=event.correlationId,
            approvals_needed=event.approvalsNeeded,
            next_deadline=event.nextDeadline,
            deadline_at=int(time.time()) + event.waitSeconds if event.waitSeconds else 0,
        )
        already_sent = False
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        # An earlier attempt of this wait saved it and died: this one takes it over (and its e-mail, if unsent).
        taken_over = take_over_pending_approval(table, request.approval_id, event.taskToken, event.executionArn)
        if taken_over is None:
            raise
        already_sent = taken_over
    if not already_sent:
        publish_approval_request(
            topic_arn=settings.approval_requests_topic_arn, request=request, submitter_username=submitter.username
        )
        mark_request_sent(table, request.approval_id, datetime.now(UTC).isoformat())
    # The result shows in the execution history (TaskSubmitted): the signed link, never the token.
    return {"approvalId": request.approval_id, "expiresAt": request.expires_at, "approvalLink": request.link}


@cache
def _idempotent(table_name: str) -> tuple[IdempotencyConfig, Callable[..., dict[str, Any]]]:
    """One persistence layer per table, as powertools recommends, built on first use."""
    persistence = DynamoDBPersistenceLayer(table_name=table_name)
    config = IdempotencyConfig(event_key_jmespath="taskToken", raise_on_no_idempotency_key=True)
    wrapped: Callable[..., dict[str, Any]] = idempotent_function(
        data_keyword_argument="event", persistence_store=persistence, config=config
    )(request_approval)
    return config, wrapped


@metrics.log_metrics
@logger.inject_lambda_context(correlation_id_path="correlationId", clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    request_event = parse(event=event, model=RequestApprovalEvent)
    logger.append_keys(bookmarkId=request_event.bookmarkId)
    settings = Settings.from_environment()
    config, idempotent_request = _idempotent(settings.idempotency_table_name)
    config.register_lambda_context(context)
    result = idempotent_request(event=request_event, settings=settings)
    metrics.add_metric(name="ApprovalsRequested", unit=MetricUnit.Count, value=1)
    logger.info("Approval requested", extra={"approvalId": result["approvalId"]})
    return result
