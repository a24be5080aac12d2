"""Unnamed executions: moto names an execution ``None`` when StartExecution has no name, so a second
unnamed start fails with ExecutionAlreadyExists. AWS generates a UUID; so does this adapter."""

from __future__ import annotations

import uuid
from typing import Any

from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def install() -> Undo:
    original = StepFunctionsParserBackend.start_execution

    def start_execution(
        self: StepFunctionsParserBackend, state_machine_arn: str, name: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        return original(self, state_machine_arn, name or str(uuid.uuid4()), *args, **kwargs)

    return replace_attribute(StepFunctionsParserBackend, "start_execution", start_execution)
