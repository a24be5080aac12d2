"""StartExecution task parameters: a Task ``arn:aws:states:::states:startExecution`` names its parameters as the
ASL does, ``StateMachineArn``, ``Name`` and ``Input``
(https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html), and answers
``ExecutionArn`` and ``StartDate``. moto's engine hands them to boto3 as they are written, whose serializer
only knows the API's ``stateMachineArn``, ``name`` and ``input``: every such task fails with States.Runtime
(KeyError 'StateMachineArn'). This renames the parameters for the call and the answer's fields back, as AWS
does, and writes ``StartDate`` as an ISO-8601 string: moto's answer holds a datetime, which the engine cannot
serialise into the state's output. (Its exact format on AWS is not verified here; the import workflow, the one
user, discards the answer.)"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
    StateTaskServiceSfn,
)

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all


def _api_name(field: str) -> str:
    return field[:1].lower() + field[1:]


def _asl_name(field: str) -> str:
    return field[:1].upper() + field[1:]


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def install() -> Undo:
    original_parameters = StateTaskServiceSfn._normalise_parameters
    original_response = StateTaskServiceSfn._normalise_response

    def normalise_parameters(
        self: StateTaskServiceSfn,
        parameters: dict[str, Any],
        boto_service_name: str | None = None,
        service_action_name: str | None = None,
    ) -> None:
        original_parameters(self, parameters, boto_service_name, service_action_name)
        if service_action_name is None and self._get_boto_service_action() == "start_execution":
            renamed = {_api_name(field): value for field, value in parameters.items()}
            parameters.clear()
            parameters.update(renamed)

    def normalise_response(
        self: StateTaskServiceSfn,
        response: Any,
        boto_service_name: str | None = None,
        service_action_name: str | None = None,
    ) -> None:
        original_response(self, response, boto_service_name, service_action_name)
        started = service_action_name is None and self._get_boto_service_action() == "start_execution"
        if started and isinstance(response, dict):
            renamed = {_asl_name(field): _json_value(value) for field, value in response.items()}
            response.clear()
            response.update(renamed)

    return undo_all(
        [
            replace_attribute(StateTaskServiceSfn, "_normalise_parameters", normalise_parameters),
            replace_attribute(StateTaskServiceSfn, "_normalise_response", normalise_response),
        ]
    )
