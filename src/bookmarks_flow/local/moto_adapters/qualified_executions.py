"""Executions started through a version or an alias: moto's StartExecution refuses a qualified state machine ARN
(``...:stateMachine:name:live``), which is how the API starts every execution once the state machine has an alias.

As on AWS (https://docs.aws.amazon.com/step-functions/latest/dg/execution-alias-version-associate.html): a version
ARN runs that version; an alias ARN runs one of the versions it routes to, chosen by weight, and the execution
is associated with the alias and that version; the execution belongs to the state machine (its ARN is
``...:execution:name:id``) and DescribeExecution names ``stateMachineVersionArn`` and ``stateMachineAliasArn``.

moto's own StartExecution does the rest (idempotent names, the engine), given the version's snapshot of the
state machine for that one call (a thread-local answer to ``describe_state_machine``).
"""

from __future__ import annotations

import copy
import random
import threading
from typing import Any

from moto.core.responses import ActionResult
from moto.stepfunctions.exceptions import StateMachineDoesNotExist
from moto.stepfunctions.parser.models import StepFunctionsParserBackend
from moto.stepfunctions.responses import StepFunctionResponse

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all
from bookmarks_flow.local.state_machine_arns import split_qualifier

_SNAPSHOT_FIELDS = ("definition", "roleArn", "loggingConfiguration", "tracingConfiguration", "encryptionConfiguration")


def _qualified(backend: StepFunctionsParserBackend, arn: str) -> tuple[Any, Any, Any] | None:
    """(state machine, version, alias or None) for a version or alias ARN; None for an unqualified ARN."""
    source_arn, qualifier = split_qualifier(arn)
    if qualifier is None:
        return None
    machine = next((candidate for candidate in backend.state_machines if candidate.arn == source_arn), None)
    if machine is None:
        return None
    alias = None if qualifier.isdigit() else machine.aliases.get(qualifier)
    if alias is not None:
        routes = alias.routing_configuration
        # Traffic shifting, not security: which version a submission runs needs no unpredictability.
        chosen = random.choices(routes, weights=[int(route["weight"]) for route in routes])[0]  # noqa: S311
        qualifier = str(chosen["stateMachineVersionArn"]).rsplit(":", 1)[1]
    version = machine.versions.get(int(qualifier)) if qualifier.isdigit() else None
    if version is None:
        raise StateMachineDoesNotExist(f"State Machine Does Not Exist: '{arn}'")
    return machine, version, alias


def install() -> Undo:
    original_start = StepFunctionsParserBackend.start_execution
    original_describe_machine = StepFunctionsParserBackend.describe_state_machine
    original_describe_execution = StepFunctionResponse.describe_execution
    original_find_execution = StepFunctionsParserBackend.describe_execution
    starting = threading.local()
    # The execution moto's DescribeExecution found (its lookup scans the state machine's executions: once).
    found = threading.local()

    def find_execution(self: StepFunctionsParserBackend, execution_arn: str) -> Any:
        execution = original_find_execution(self, execution_arn)
        found.execution = execution
        return execution

    def describe_state_machine(self: StepFunctionsParserBackend, arn: str) -> Any:
        snapshot = getattr(starting, "snapshot", None)
        if snapshot is not None and snapshot.arn == arn:
            return snapshot
        return original_describe_machine(self, arn)

    def start_execution(self: StepFunctionsParserBackend, state_machine_arn: str, *args: Any, **kwargs: Any) -> Any:
        target = _qualified(self, state_machine_arn)
        if target is None:
            return original_start(self, state_machine_arn, *args, **kwargs)
        machine, version, alias = target
        snapshot = copy.copy(machine)  # shares the executions list and the backend with the state machine
        for field in _SNAPSHOT_FIELDS:
            setattr(snapshot, field, getattr(version, field))
        starting.snapshot = snapshot
        try:
            execution = original_start(self, machine.arn, *args, **kwargs)
        finally:
            starting.snapshot = None
        if not hasattr(execution, "state_machine_version_arn"):
            execution.state_machine_version_arn = version.arn
            execution.state_machine_alias_arn = alias.arn if alias is not None else None
        return execution

    def describe_execution(self: StepFunctionResponse) -> ActionResult:
        found.execution = None
        result = original_describe_execution(self)
        execution = found.execution
        described: dict[str, Any] = result.result  # type: ignore[assignment]
        for key, attribute in (
            ("stateMachineVersionArn", "state_machine_version_arn"),
            ("stateMachineAliasArn", "state_machine_alias_arn"),
        ):
            if getattr(execution, attribute, None):
                described[key] = getattr(execution, attribute)
        return result

    return undo_all(
        [
            replace_attribute(StepFunctionsParserBackend, "describe_state_machine", describe_state_machine),
            replace_attribute(StepFunctionsParserBackend, "start_execution", start_execution),
            replace_attribute(StepFunctionsParserBackend, "describe_execution", find_execution),
            replace_attribute(StepFunctionResponse, "describe_execution", describe_execution),
        ]
    )
