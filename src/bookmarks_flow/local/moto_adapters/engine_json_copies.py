"""The engine's copies of state data, made as copies of JSON: moto 5.2.5's Step Functions engine deep-copies a
state's input, its parameters, its result and its output with ``copy.deepcopy`` at every step (``States``,
``StringJsonPath``, ``ResultPath``, the task and Map frames, the history events). A Distributed Map batch of 100
links is copied about ten times per state, and ``deepcopy``'s memo and dispatch made those copies about a fifth of
a bulk import's time on this machine (py-spy, 2,000 links).

State data is JSON (it is read from and written to JSON: the execution's input, the tasks' payloads), so a copy
that rebuilds dicts and lists and shares the immutable strings, numbers, booleans and nulls is the same copy, about
three times faster. Anything else (the engine also copies its own objects: program state, context records) goes
to ``copy.deepcopy`` as before. The one difference is aliasing: ``deepcopy`` keeps two references to one dict as
two references to one copy; here they become two equal copies, which a JSON value cannot tell apart.
"""

from __future__ import annotations

import copy
import importlib
from typing import Any

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

# The engine modules that copy state data with ``copy.deepcopy`` (each ``import copy`` and calls it by that name).
ENGINE_MODULES = (
    "moto.stepfunctions.parser.asl.eval.states",
    "moto.stepfunctions.parser.asl.eval.environment",
    "moto.stepfunctions.parser.asl.eval.event.event_manager",
    "moto.stepfunctions.parser.asl.component.common.string.string_expression",
    "moto.stepfunctions.parser.asl.component.common.path.result_path",
    "moto.stepfunctions.parser.asl.component.state.exec.execute_state",
    "moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service",
    "moto.stepfunctions.parser.asl.component.state.exec.state_map.state_map",
    "moto.stepfunctions.parser.asl.component.state.exec.state_parallel.state_parallel",
)

_ATOMIC = frozenset((str, int, float, bool, type(None)))


def json_copy(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """A deep copy of a JSON value; what is not JSON is deep-copied by ``copy.deepcopy`` (``memo`` goes to it)."""
    kind = type(value)
    if kind is dict:
        return {key: item if type(item) in _ATOMIC else json_copy(item) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in _ATOMIC else json_copy(item) for item in value]
    if kind in _ATOMIC:
        return value
    return copy.deepcopy(value, memo)


class JsonCopies:
    """Stands for the ``copy`` module in the engine modules: they call only ``copy.deepcopy``."""

    deepcopy = staticmethod(json_copy)


def install() -> Undo:
    undos = []
    for name in ENGINE_MODULES:
        module = importlib.import_module(name)
        if getattr(module, "copy", None) is not copy:
            raise RuntimeError(f"{name} no longer imports the copy module: check engine_json_copies again")
        undos.append(replace_attribute(module, "copy", JsonCopies))
    return undo_all(undos)
