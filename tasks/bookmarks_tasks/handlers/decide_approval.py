"""GET /approvals/{approvalId} (the confirmation page) and POST /approvals/{approvalId} (the decision)."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Field, ValidationError

from bookmarks_tasks.aws.approvals_table import get_approval
from bookmarks_tasks.aws.link_secret import trusted_keys
from bookmarks_tasks.domain.approval_decision import InvalidDecision, make_decision
from bookmarks_tasks.domain.approval_links import LinkCheck, check_link
from bookmarks_tasks.domain.approval_page import (
    Page,
    confirmation_page,
    decided_page,
    message_page,
    security_headers,
)
from bookmarks_tasks.domain.media_type import UnsupportedMediaType, check_json_media_type
from bookmarks_tasks.handlers.rest_resolver import WholePathRestResolver
from bookmarks_tasks.handlers.settings import EnvironmentSettings
from bookmarks_tasks.services.decide_approval import Outcome, decide_approval

logger = Logger()
tracer = Tracer()
metrics = Metrics()
app = WholePathRestResolver()

LINK_ANSWERS = {
    LinkCheck.TAMPERED: (403, "This link is not valid", "The link was changed or was not issued by this service."),
    LinkCheck.EXPIRED: (410, "This link has expired", "The time to decide on this bookmark is over."),
}
DECISION_SHAPE = "Send JSON with decision, expires, kid, signature and an optional comment"


class Settings(EnvironmentSettings):
    approvals_table_name: str = Field(alias="APPROVALS_TABLE_NAME")
    approval_link_secret_arn: str = Field(alias="APPROVAL_LINK_SECRET_ARN")
    managers_group: str = Field(alias="MANAGERS_GROUP")
    escalation_group: str = Field(alias="ESCALATION_GROUP")
    user_pool_client_id: str = Field(alias="USER_POOL_CLIENT_ID")
    cognito_endpoint: str = Field(alias="COGNITO_ENDPOINT")


class DecisionRequest(BaseModel):
    decision: str = Field(max_length=16)
    comment: str = Field(default="", max_length=1000)
    expires: str = Field(max_length=12)
    # Absent in links issued before key ids (domain.approval_links says why those stay safe).
    kid: str = Field(default="", max_length=64)
    signature: str = Field(max_length=64)


def _page(page: Page, settings: Settings) -> Response[str]:
    return Response(
        status_code=page.status, headers=security_headers(page.nonce, settings.cognito_endpoint), body=page.body
    )


def _json(status: int, body: dict[str, Any]) -> Response[dict[str, Any]]:
    return Response(status_code=status, content_type="application/json", body=body)


def _check(approval_id: str, expires: str, kid: str, signature: str, settings: Settings) -> LinkCheck:
    keys = trusted_keys(settings.approval_link_secret_arn, kid)
    return check_link(approval_id, expires, kid, signature, keys, int(time.time()))


@app.get("/approvals/<approval_id>")
@tracer.capture_method
def show(approval_id: str) -> Response[str]:
    settings = Settings.from_environment()
    nonce = secrets.token_urlsafe(16)
    expires = app.current_event.get_query_string_value("expires") or ""
    kid = app.current_event.get_query_string_value("kid") or ""
    signature = app.current_event.get_query_string_value("signature") or ""
    # Looked up first: a well-formed link to an approval this stack never issued (or no longer has, after a
    # reset) is unknown, not forged. Approval ids are random, so this tells a forger nothing.
    record = get_approval(settings.approvals_table_name, approval_id)
    if record is None:
        return _page(
            message_page(404, "Unknown approval", "There is no approval request with this id.", nonce), settings
        )
    link = _check(approval_id, expires, kid, signature, settings)
    if link in LINK_ANSWERS:
        status, title, message = LINK_ANSWERS[link]
        return _page(message_page(status, title, message, nonce), settings)
    # HALF_APPROVED: one of two approvals given, the workflow is taking up the wait for the second.
    if record.get("status") not in ("PENDING", "HALF_APPROVED"):
        return _page(decided_page(record, nonce), settings)
    page = confirmation_page(
        record=record,
        expires=expires,
        kid=kid,
        signature=signature,
        client_id=settings.user_pool_client_id,
        cognito_endpoint=settings.cognito_endpoint,
        nonce=nonce,
    )
    return _page(page, settings)


def _claims() -> dict[str, Any]:
    authorizer = app.current_event.request_context.authorizer
    claims = authorizer.get("claims") if authorizer else None
    return dict(claims or {})


def _groups(claims: dict[str, Any]) -> set[str]:
    raw = claims.get("cognito:groups", "")
    if isinstance(raw, list):
        return {str(group) for group in raw}
    return {group for group in str(raw).replace("[", "").replace("]", "").replace(",", " ").split() if group}


def _correlate(record: dict[str, Any]) -> None:
    """The decision's lines carry the submission's correlation id, and this request's id beside it (the one in
    the API's access log line of the decision)."""
    submission = record.get("correlationId")
    if submission:
        logger.append_keys(requestId=app.current_event.request_context.request_id)
        logger.set_correlation_id(str(submission))
    logger.append_keys(bookmarkId=record.get("bookmarkId"))


@app.post("/approvals/<approval_id>")
@tracer.capture_method
def decide(approval_id: str) -> Response[dict[str, Any]]:
    settings = Settings.from_environment()
    content_type = app.current_event.headers.get("Content-Type", "")
    try:
        check_json_media_type(content_type)
    except UnsupportedMediaType as error:  # API Gateway validates only bodies of the modelled content type
        return _json(415, {"message": str(error)})
    try:
        request = DecisionRequest.model_validate(app.current_event.json_body)
    except ValidationError as error:
        wrong = sorted({str(detail["loc"][0]) for detail in error.errors() if detail["loc"]})
        return _json(400, {"message": f"{DECISION_SHAPE} ({', '.join(wrong) or 'the body'} is not right)"})
    except (ValueError, TypeError, RecursionError):
        return _json(400, {"message": DECISION_SHAPE})
    record = get_approval(settings.approvals_table_name, approval_id)
    if record is None:
        return _json(404, {"message": "There is no approval request with this id"})
    _correlate(record)
    link = _check(approval_id, request.expires, request.kid, request.signature, settings)
    if link in LINK_ANSWERS:
        status, title, message = LINK_ANSWERS[link]
        return _json(status, {"message": f"{title}: {message}"})
    claims = _claims()
    manager = str(claims.get("cognito:username", ""))
    groups = _groups(claims)
    escalated_to_me = settings.escalation_group in groups and bool(record.get("escalatedAt"))
    if settings.managers_group not in groups and not escalated_to_me:
        return _json(403, {"message": "Only managers (or, once escalated, the escalation group) can decide"})
    if record.get("submitterUsername") == manager:
        return _json(403, {"message": "You cannot decide on your own submission"})
    try:
        decision = make_decision(request.decision, manager, request.comment, datetime.now(UTC))
    except InvalidDecision as error:
        return _json(400, {"message": str(error)})
    result = decide_approval(settings.approvals_table_name, approval_id, decision)
    if result.outcome is Outcome.ALREADY_DECIDED:
        previous = {key: result.record.get(key) for key in ("decision", "decidedBy", "decidedAt")}
        return _json(
            409, {"message": f"Already {str(previous['decision']).lower()} by {previous['decidedBy']}", **previous}
        )
    if result.outcome is Outcome.SAME_MANAGER:
        return _json(409, {"message": "You already approved this bookmark: a second manager must approve it"})
    if result.outcome is Outcome.TASK_CLOSED:
        return _json(410, {"message": "The workflow is no longer waiting for this decision (it expired or ended)"})
    if result.outcome is Outcome.NOT_FOUND:
        return _json(404, {"message": "There is no approval request with this id"})
    metrics.add_metric(name=f"Decisions{decision.kind.value.title()}", unit=MetricUnit.Count, value=1)
    logger.info("Decision recorded", extra={"approvalId": approval_id, "decision": decision.kind.value})
    verb = "approved" if decision.kind.value == "APPROVED" else "rejected"
    message = f"Thank you: the bookmark is {verb}"
    if result.outcome is Outcome.FIRST_APPROVAL:
        message = "Thank you: your approval is the first of two; a second manager must approve it too"
    if result.outcome is Outcome.RECORDED:
        message = f"Thank you: your decision is recorded and the bookmark will be {verb} in a moment"
    return _json(
        202 if result.outcome is Outcome.RECORDED else 200,
        {
            "message": message,
            "approvalId": approval_id,
            "bookmarkId": record.get("bookmarkId"),
            "decision": decision.document(),
        },
    )


@app.not_found
def unknown(_: Exception) -> Response[Any]:
    """An approval id the routes cannot even match (odd characters): the same answer as an unknown one."""
    if app.current_event.http_method == "GET":
        settings = Settings.from_environment()
        nonce = secrets.token_urlsafe(16)
        return _page(
            message_page(404, "Unknown approval", "There is no approval request with this id.", nonce), settings
        )
    return _json(404, {"message": "There is no approval request with this id"})


@metrics.log_metrics
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
