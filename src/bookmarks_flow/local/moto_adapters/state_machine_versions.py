"""State machine versions as Step Functions publishes them: moto keeps versions (``publish=true`` on create or
update) but has no ``PublishStateMachineVersion`` action and no revision id, which CloudFormation's
``AWS::StepFunctions::StateMachineVersion`` (what SAM's ``AutoPublishAlias`` makes) needs.

https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html:
"PublishStateMachineVersion is an idempotent API. It doesn't create a duplicate state machine version if it
already exists for the current revision"; a ``revisionId`` that is not the current one is a ConflictException.
A revision id here is derived from what makes a revision (definition, role, logging, tracing, encryption), so it
changes when they do and is the same after a restart.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from moto.core.exceptions import AWSError
from moto.core.responses import ActionResult
from moto.stepfunctions.models import StateMachine
from moto.stepfunctions.responses import StepFunctionResponse

from bookmarks_flow.local.moto_adapters.patching import Undo, add_attribute, replace_attribute, undo_all

_REVISION_FIELDS = ("definition", "roleArn", "loggingConfiguration", "tracingConfiguration", "encryptionConfiguration")


class ConflictException(AWSError):  # type: ignore[misc]
    TYPE = "ConflictException"
    STATUS = 400


def revision_id(machine: Any) -> str:
    content = json.dumps([getattr(machine, field, None) for field in _REVISION_FIELDS], sort_keys=True, default=str)
    return str(uuid.UUID(hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]))


def publish(machine: StateMachine, expected_revision: str | None, description: str | None) -> Any:
    """The version of the machine's current revision, published now unless it already was."""
    current = revision_id(machine)
    if expected_revision is not None and expected_revision != current:
        raise ConflictException(
            f"Failed to publish the State Machine version for revision {expected_revision}. "
            f"The current State Machine revision is {current}."
        )
    existing = next((version for version in machine.versions.values() if revision_id(version) == current), None)
    if existing is not None:
        return existing
    machine.publish(description)
    return machine.latest_version


def install() -> Undo:
    original_describe = StepFunctionResponse._describe_state_machine

    def publish_state_machine_version(self: StepFunctionResponse) -> ActionResult:
        machine = self.stepfunction_backend.describe_state_machine(self._get_param("stateMachineArn"))
        version = publish(machine, self._get_param("revisionId"), self._get_param("description"))
        return ActionResult({"stateMachineVersionArn": version.arn, "creationDate": version.creation_date})

    def describe_state_machine(self: StepFunctionResponse, state_machine_arn: str) -> ActionResult:
        result = original_describe(self, state_machine_arn)
        machine = self.stepfunction_backend.describe_state_machine(state_machine_arn)
        described: dict[str, Any] = result.result  # type: ignore[assignment]
        described["revisionId"] = revision_id(machine)
        return result

    return undo_all(
        [
            add_attribute(StepFunctionResponse, "publish_state_machine_version", publish_state_machine_version),
            replace_attribute(StepFunctionResponse, "_describe_state_machine", describe_state_machine),
        ]
    )
