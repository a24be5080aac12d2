"""Parsed definition cache: moto's engine parses the whole definition with ANTLR again for every execution
(``ExecutionWorker._get_evaluation_entrypoint``). For this project's 26-state workflow that is about 150 ms of
CPU per execution, more than everything else an execution does. This keeps one parsed program per definition.

Sharing is safe because a parsed program keeps an execution's state in the ``Environment`` it is evaluated
with (stack, heap, states, context object), not in its components; tests/local/test_performance_adapters.py
checks that this is still so. Two details are handled here:

- a component creates its heap key lazily (Retry counters live in the heap under it); two executions doing
  that at once could give one component two keys, so every key is created before the program is shared;
- a few components push a value they hold onto the stack by reference (a Pass state's ``Result``, literals);
  a later ResultPath may then write into it, so a definition where such a value is a dict or a list is
  parsed for each execution, as moto does.

LocalEnvironment shares ``PROCESS_WIDE`` between its environments (a test each, ~1 s of CPU saved per test that
starts an execution): every environment installs the same adapters, including the two that change what the
parser builds (distributed_map_definition, parser_scope_per_instance), so the same definition text always gives
the same program. ``install()`` alone keeps a cache of its own, for adapters combined in other ways.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from moto.stepfunctions.parser.asl.component.common.assign.assign_template_value_terminal import (
    AssignTemplateValueTerminalLit,
)
from moto.stepfunctions.parser.asl.component.common.jsonata.jsonata_template_value_terminal import (
    JSONataTemplateValueTerminalLit,
)
from moto.stepfunctions.parser.asl.component.common.payload.payloadvalue.payloadvaluelit.payload_value_lit import (
    PayloadValueLit,
)
from moto.stepfunctions.parser.asl.component.component import Component
from moto.stepfunctions.parser.asl.component.eval_component import EvalComponent
from moto.stepfunctions.parser.asl.component.state.state_pass.result import Result
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

# The components whose evaluation pushes one of their own attributes onto the stack (audited for moto 5.2.5).
BY_REFERENCE_VALUES: dict[type[Component], str] = {
    Result: "result_obj",
    PayloadValueLit: "val",
    AssignTemplateValueTerminalLit: "value",
    JSONataTemplateValueTerminalLit: "value",
}
MAX_DEFINITIONS = 64
_ENGINE_PACKAGE = "moto.stepfunctions.parser"


def all_components(root: Component) -> list[Component]:
    """Every component reachable from ``root`` through attributes (of components and of the engine's other
    objects, such as a state's ``continue_with``), lists, tuples and dict values."""
    found: list[Component] = []
    seen: set[int] = set()
    pending: list[Any] = [root]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
        elif type(value).__module__.startswith(_ENGINE_PACKAGE) and hasattr(value, "__dict__"):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, Component):
                found.append(value)
            pending.extend(vars(value).values())
    return found


def holds_mutable_literal(program: Component) -> bool:
    """True if evaluating ``program`` could hand one of its own dicts or lists to an execution."""
    for component in all_components(program):
        for component_type, attribute in BY_REFERENCE_VALUES.items():
            if isinstance(component, component_type) and isinstance(getattr(component, attribute, None), dict | list):
                return True
    return False


def prepare_for_sharing(program: Component) -> bool:
    """Creates every heap key now; returns whether ``program`` may serve more than one execution."""
    if holds_mutable_literal(program):
        return False
    for component in all_components(program):
        if isinstance(component, EvalComponent):
            _ = component.heap_key
    return True


class ParsedDefinitions:
    """Parsed programs by definition text; a definition is parsed once even when many executions start at once."""

    def __init__(self, max_definitions: int = MAX_DEFINITIONS) -> None:
        # None marks a definition whose program must not be shared.
        self._programs: OrderedDict[str, EvalComponent | None] = OrderedDict()
        self._parsing: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._max = max_definitions
        self.parses = 0

    def _lookup(self, definition: str) -> tuple[bool, EvalComponent | None]:
        with self._guard:
            if definition not in self._programs:
                return False, None
            self._programs.move_to_end(definition)
            return True, self._programs[definition]

    def program(self, definition: str) -> EvalComponent:
        known, program = self._lookup(definition)
        if not known:
            with self._guard:
                lock = self._parsing.setdefault(definition, threading.Lock())
            with lock:  # the other executions of a new definition wait for its first parse
                known, program = self._lookup(definition)
                if not known:
                    program = self._parse(definition)
                    shareable = prepare_for_sharing(program)
                    self._store(definition, program if shareable else None)
                    return program  # not yet shared with anyone: this execution may use it either way
        return program if program is not None else self._parse(definition)

    def _store(self, definition: str, program: EvalComponent | None) -> None:
        with self._guard:
            self._programs[definition] = program
            self._parsing.pop(definition, None)
            while len(self._programs) > self._max:
                self._programs.popitem(last=False)

    def _parse(self, definition: str) -> EvalComponent:
        self.parses += 1
        program: EvalComponent = AmazonStateLanguageParser.parse(definition)[0]
        return program


# The one LocalEnvironment installs: environments come and go (a test each), the definitions stay the same.
PROCESS_WIDE = ParsedDefinitions()


def install(cache: ParsedDefinitions | None = None) -> Undo:
    programs = cache or ParsedDefinitions()

    def get_evaluation_entrypoint(self: ExecutionWorker) -> EvalComponent:
        return programs.program(self._evaluation_details.state_machine_details.definition)

    return replace_attribute(ExecutionWorker, "_get_evaluation_entrypoint", get_evaluation_entrypoint)
