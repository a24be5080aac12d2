"""POST /bookmarks: start the submission's workflow, exactly once per (caller, Idempotency-Key).

A Lambda rather than API Gateway's direct StartExecution integration, because only code can tell a retry from
a reuse once the execution has closed: Step Functions then answers ExecutionAlreadyExists whatever the input,
and a mapping template cannot read the original input back (DescribeExecution does).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from bookmarks_tasks.aws.executions import ExecutionAlreadyExists, execution_input, start_execution
from bookmarks_tasks.domain.idempotency_key import HEADER, InvalidIdempotencyKey, execution_name
from bookmarks_tasks.domain.json_body import InvalidBody, parse_json_body
from bookmarks_tasks.domain.media_type import UnsupportedMediaType, check_json_media_type
from bookmarks_tasks.domain.submission_input import same_submission, submission_input
from bookmarks_tasks.domain.url_credentials import CREDENTIALS_REFUSED, submits_credentials
from bookmarks_tasks.handlers.rest_resolver import WholePathRestResolver
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()
app = WholePathRestResolver()


class Settings(EnvironmentSettings):
    state_machine_arn: str = Field(alias="SUBMIT_BOOKMARK_STATE_MACHINE_ARN")


def _answer(status: int, body: dict[str, Any]) -> Response[dict[str, Any]]:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body)


def _accepted(arn: str) -> Response[dict[str, Any]]:
    return _answer(202, {"bookmarkId": arn.rsplit(":", 1)[-1], "status": "SUBMITTED", "executionArn": arn})


@app.post("/bookmarks")
@tracer.capture_method
def submit() -> Response[dict[str, Any]]:
    settings = Settings.from_environment()
    event = app.current_event
    try:
        check_json_media_type(event.headers.get("Content-Type", ""))
    except UnsupportedMediaType as error:
        return _answer(415, {"message": str(error)})
    try:
        raw = event.decoded_body if event.is_base64_encoded else event.body
        submission = parse_json_body(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    except InvalidBody as error:
        return _answer(400, {"message": f"Invalid request body: {error}"})
    if submits_credentials(submission):
        return _answer(400, {"message": CREDENTIALS_REFUSED})
    claims = event.request_context.authorizer.claims or {}
    key = event.headers.get(HEADER)
    try:
        name = execution_name(str(claims.get("sub", "")), key)
    except InvalidIdempotencyKey as error:
        return _answer(400, {"message": str(error)})
    username, email = str(claims.get("cognito:username", "")), str(claims.get("email", ""))
    document = submission_input(submission, username, email, event.request_context.request_id)
    logger.append_keys(bookmarkId=name)
    try:
        started = _accepted(start_execution(settings.state_machine_arn, name, document))
        logger.info("Submission started")
        return started
    except ExecutionAlreadyExists as existing:
        stored = execution_input(existing.execution_arn)
        if stored is not None and same_submission(stored, submission):
            return _accepted(existing.execution_arn)
        return _answer(409, {"message": f"This {HEADER} was already used for a different submission"})


@metrics.log_metrics
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
