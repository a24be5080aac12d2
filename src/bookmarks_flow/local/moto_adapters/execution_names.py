"""Execution names: AWS refuses a name with white space, brackets, wildcards or ``"#%\\^|~`$&,;:/`` (and over
80 characters) with InvalidName; moto's engine backend starts the execution anyway. This applies moto's own
name check, which its older backend already has, before starting."""

from __future__ import annotations

from typing import Any

from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def install() -> Undo:
    original = StepFunctionsParserBackend.start_execution

    def start_execution(
        self: StepFunctionsParserBackend, state_machine_arn: str, name: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        if name is not None:
            self._validate_name(name)
        return original(self, state_machine_arn, name, *args, **kwargs)

    return replace_attribute(StepFunctionsParserBackend, "start_execution", start_execution)
