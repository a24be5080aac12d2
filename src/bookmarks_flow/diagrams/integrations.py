"""What a Task state's ``Resource`` calls, so a diagram can say "DynamoDB putItem" instead of an ARN."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# arn:aws:states:::dynamodb:putItem, arn:aws:states:::lambda:invoke.waitForTaskToken, ...:ecs:runTask.sync:2
_OPTIMISED = re.compile(r"^arn:[^:]+:states:::(?P<service>[^:]+):(?P<action>[^.]+)(?:\.(?P<pattern>.+))?$")
# arn:aws:states:::aws-sdk:s3:getObject
_SDK = re.compile(r"^arn:[^:]+:states:::aws-sdk:(?P<service>[^:]+):(?P<action>[^.]+)(?:\.(?P<pattern>.+))?$")

# How AWS writes the services' names; an unknown one is shown as written in the ARN.
_SERVICE_NAMES = {
    "apigateway": "API Gateway",
    "athena": "Athena",
    "batch": "Batch",
    "bedrock": "Bedrock",
    "codebuild": "CodeBuild",
    "dynamodb": "DynamoDB",
    "ecs": "ECS",
    "eks": "EKS",
    "elasticmapreduce": "EMR",
    "events": "EventBridge",
    "glue": "Glue",
    "http": "HTTP",
    "lambda": "Lambda",
    "s3": "S3",
    "sagemaker": "SageMaker",
    "secretsmanager": "Secrets Manager",
    "sns": "SNS",
    "sqs": "SQS",
    "states": "Step Functions",
}


class IntegrationPattern(StrEnum):
    """How Step Functions waits for the call (the ARN's suffix)."""

    REQUEST_RESPONSE = "request-response"
    RUN_A_JOB = "sync"
    WAIT_FOR_TASK_TOKEN = "waitForTaskToken"  # noqa: S105 - an ARN suffix, not a credential


@dataclass(frozen=True)
class Integration:
    service: str
    action: str
    pattern: IntegrationPattern = IntegrationPattern.REQUEST_RESPONSE
    via_sdk: bool = False

    @property
    def label(self) -> str:
        """The short text a diagram puts on the state, e.g. ``SNS publish`` or ``ECS runTask (sync)``."""
        text = f"{self.service} {self.action}".strip()
        if self.via_sdk:
            text += " (SDK)"
        if self.pattern is IntegrationPattern.RUN_A_JOB:
            text += " (sync)"
        return text


def parse_resource(resource: str) -> Integration:
    """The integration a Task's ``Resource`` names; Lambda ARNs and substitutions read as a plain Lambda call."""
    for pattern, via_sdk in ((_SDK, True), (_OPTIMISED, False)):
        match = pattern.match(resource)
        if match:
            service = match["service"]
            return Integration(
                service=_SERVICE_NAMES.get(service, service),
                action=match["action"],
                pattern=_pattern_of(match["pattern"]),
                via_sdk=via_sdk,
            )
    if ":activity:" in resource:
        return Integration(service="Activity", action=resource.rsplit(":", 1)[-1])
    # A function ARN, or a ${Substitution} that CloudFormation turns into one: the legacy Lambda form.
    return Integration(service="Lambda", action="invoke")


def _pattern_of(suffix: str | None) -> IntegrationPattern:
    if suffix is None:
        return IntegrationPattern.REQUEST_RESPONSE
    if suffix.startswith("waitForTaskToken"):
        return IntegrationPattern.WAIT_FOR_TASK_TOKEN
    return IntegrationPattern.RUN_A_JOB
