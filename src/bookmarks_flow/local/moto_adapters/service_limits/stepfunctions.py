"""Step Functions: execution names, and the 256 KiB of an execution's input and of SendTaskSuccess's output.

https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html: a name is 1-80
characters without whitespace, brackets, wildcards, ``"#%\\^|~`$&,;:/`` or control characters (U+0000-001F,
U+007F-009F); moto checks the listed ASCII characters and the length, not empty names or other whitespace.
https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html: 262,144 bytes for an execution's input
and a task's result (SendTaskSuccess ``output``); the API answers a longer one with a ValidationException.
The same page: an execution history holds at most 25,000 events, and an execution that reaches it fails. moto's
engine keeps adding events; here the execution fails (States.Runtime, the cause naming the limit) with its
25,000th event. moto's engine itself enforces 256 KiB for a state's input and output (States.DataLimitExceeded).
"""

from __future__ import annotations

from typing import Any

from moto.stepfunctions.exceptions import InvalidName, ValidationException
from moto.stepfunctions.parser.api import HistoryEventType
from moto.stepfunctions.parser.asl.eval.event.event_manager import EventManager
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

MAX_PAYLOAD_BYTES = 262_144
MAX_HISTORY_EVENTS = 25_000


class HistoryLimitExceeded(RuntimeError):
    def __init__(self) -> None:
        super().__init__(f"the execution history reached its limit of {MAX_HISTORY_EVENTS} events")


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

    add = EventManager.add_event

    def add_event(self: EventManager, context: Any, event_type: Any, *args: Any, **kwargs: Any) -> Any:
        # The engine turns the error into an ExecutionFailed event, which is let through as the last one.
        if len(self._history_event_list) >= MAX_HISTORY_EVENTS - 1 and event_type != HistoryEventType.ExecutionFailed:
            raise HistoryLimitExceeded()
        return add(self, context, event_type, *args, **kwargs)

    return undo_all(
        [
            replace_attribute(StepFunctionsParserBackend, "start_execution", start_execution),
            replace_attribute(StepFunctionsParserBackend, "send_task_success", send_task_success),
            replace_attribute(EventManager, "add_event", add_event),
        ]
    )
