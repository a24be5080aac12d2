"""Execution name index: before every start, moto checks the name against every execution the state machine
ever had (``StateMachine._handle_name_input_idempotency`` walks ``executions``), so starting the N-th execution
costs time in proportion to N. This keeps a name -> execution map per state machine, brought up to date from the
end of ``executions`` (moto only appends to it), and runs moto's own check over the one execution with that
name: the idempotent return and ExecutionAlreadyExists stay moto's."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from moto.stepfunctions.models import StateMachine

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


@dataclass
class _Names:
    executions: list[Any]  # the list this index was built from
    seen: int = 0
    by_name: dict[str, Any] = field(default_factory=dict)


class NameIndex:
    def __init__(self) -> None:
        self._machines: weakref.WeakKeyDictionary[StateMachine, _Names] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def named(self, machine: StateMachine, name: str) -> Any | None:
        """The first execution of ``machine`` called ``name``, if any."""
        with self._lock:
            names = self._machines.get(machine)
            executions = machine.executions
            if names is None or names.executions is not executions or len(executions) < names.seen:
                names = self._machines[machine] = _Names(executions=executions)
            for execution in executions[names.seen :]:
                names.by_name.setdefault(execution.name, execution)
            names.seen = len(executions)
            return names.by_name.get(name)


class _OneExecution:
    """The state machine as moto's check sees it, with only the execution of that name."""

    def __init__(self, machine: StateMachine, execution: Any) -> None:
        self._machine = machine
        self.executions = [execution]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._machine, name)


def install(index: NameIndex | None = None) -> Undo:
    names = index or NameIndex()
    original = StateMachine._handle_name_input_idempotency

    def handle_name_input_idempotency(self: StateMachine, name: str, execution_input: str) -> Any:
        execution = names.named(self, name)
        if execution is None:
            return None
        return original(_OneExecution(self, execution), name, execution_input)

    return replace_attribute(StateMachine, "_handle_name_input_idempotency", handle_name_input_idempotency)
