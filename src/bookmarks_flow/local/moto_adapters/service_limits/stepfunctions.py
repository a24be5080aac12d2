"""Step Functions: execution names, and the 256 KiB of an execution's input and of SendTaskSuccess's output.

https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html: a name is 1-80
characters without whitespace, brackets, wildcards, ``"#%\\^|~`$&,;:/`` or control characters (U+0000-001F,
U+007F-009F); moto checks the listed ASCII characters and the length, not empty names or other whitespace.
https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html: 262,144 bytes for an execution's input
and a task's result (SendTaskSuccess ``output``); the API answers a longer one with a ValidationException.
"""

from __future__ import annotations

from typing import Any

from moto.stepfunctions.exceptions import InvalidName, ValidationException
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

MAX_PAYLOAD_BYTES = 262_144


def _too_long(field: str) -> ValidationException:
    return ValidationException(
        f"1 validation error detected: Value at '{field}' failed to satisfy constraint: "
        f"Member must have length less than or equal to {MAX_PAYLOAD_BYTES}"
    )


def _payload_bytes(text: str | None) -> int:
    return len((text or "").encode("utf-8", "surrogatepass"))


def install() -> Undo:
    start = StepFunctionsParserBackend.start_execution
    succeed = StepFunctionsParserBackend.send_task_success

    def start_execution(
        self: StepFunctionsParserBackend, state_machine_arn: str, name: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        if name is not None and (name == "" or any(character.isspace() for character in name)):
            raise InvalidName(f"Invalid Name: '{name}'")
        execution_input = kwargs.get("execution_input", args[0] if args else None)
        if _payload_bytes(execution_input) > MAX_PAYLOAD_BYTES:
            raise _too_long("input")
        return start(self, state_machine_arn, name, *args, **kwargs)

    def send_task_success(self: StepFunctionsParserBackend, task_token: Any, outcome: str) -> Any:
        if _payload_bytes(outcome) > MAX_PAYLOAD_BYTES:
            raise _too_long("output")
        return succeed(self, task_token, outcome)

    return undo_all(
        [
            replace_attribute(StepFunctionsParserBackend, "start_execution", start_execution),
            replace_attribute(StepFunctionsParserBackend, "send_task_success", send_task_success),
        ]
    )
