"""Definition validation cache: moto validates a definition by parsing it whole with ANTLR on every
CreateStateMachine (``StepFunctionsParserBackend._validate_definition``), about 2 s of CPU for this project's
workflow, and every local environment creates the same state machine again. A definition that parsed once
parses again: this remembers, for the process, the definitions that were valid. An invalid one is parsed (and
refused) every time, as moto does."""

from __future__ import annotations

import threading
from collections import OrderedDict

from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

MAX_DEFINITIONS = 64


class ValidDefinitions:
    def __init__(self) -> None:
        self._valid: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def known(self, definition: str) -> bool:
        with self._lock:
            if definition in self._valid:
                self._valid.move_to_end(definition)
                return True
            return False

    def add(self, definition: str) -> None:
        with self._lock:
            self._valid[definition] = None
            while len(self._valid) > MAX_DEFINITIONS:
                self._valid.popitem(last=False)


# One for the process: environments come and go (a test each), the definition stays the same.
_PROCESS_WIDE = ValidDefinitions()


def install(valid: ValidDefinitions | None = None) -> Undo:
    definitions = valid or _PROCESS_WIDE
    # The static method's descriptor, so that undo puts back a static method, not a plain function.
    descriptor = StepFunctionsParserBackend.__dict__["_validate_definition"]
    original = descriptor.__func__

    def validate_definition(definition: str) -> None:
        if definitions.known(definition):
            return
        original(definition)
        definitions.add(definition)

    replace_attribute(StepFunctionsParserBackend, "_validate_definition", staticmethod(validate_definition))

    def undo() -> None:
        setattr(StepFunctionsParserBackend, "_validate_definition", descriptor)  # noqa: B010

    return undo
