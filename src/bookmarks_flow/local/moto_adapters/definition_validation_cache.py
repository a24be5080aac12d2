"""Definition validation cache: moto validates a definition by parsing it whole with ANTLR on every
CreateStateMachine (``StepFunctionsParserBackend._validate_definition``), about 2 s of CPU for this project's
workflow, and every local environment creates the same state machine again. A definition that parsed once
parses again: this remembers, for the process, the definitions that were valid. An invalid one is parsed (and
refused) every time, as moto does.

Given the parsed-definition cache (LocalEnvironment gives it), the parse that validates a new definition is the
one its first execution would make: it goes into that cache, refused as moto refuses (``InvalidDefinition``, with
moto's messages), so each process parses a workflow once instead of twice (~1 s of CPU per `bookmarks local`)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from moto.stepfunctions.parser.api import InvalidDefinition
from moto.stepfunctions.parser.asl.parse.asl_parser import ASLParserException
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.parsed_definition_cache import ParsedDefinitions
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


def parse_into(programs: ParsedDefinitions, definition: str) -> None:
    """moto's ``_validate_definition`` (moto 5.2.5), its parse made through ``programs``."""
    try:
        programs.program(definition)
    except ASLParserException as asl_parser_exception:
        raise InvalidDefinition(message=repr(asl_parser_exception)) from None
    except Exception as exception:  # noqa: BLE001 - moto refuses whatever the parser raises, so does this
        exception_name = exception.__class__.__name__
        exception_args = list(exception.args)
        raise InvalidDefinition(
            message=f"Error={exception_name} Args={exception_args} in definition '{definition}'."
        ) from None


def install(valid: ValidDefinitions | None = None, programs: ParsedDefinitions | None = None) -> Undo:
    definitions = valid or _PROCESS_WIDE
    # The static method's descriptor, so that undo puts back a static method, not a plain function.
    descriptor = StepFunctionsParserBackend.__dict__["_validate_definition"]
    original = descriptor.__func__

    def validate_definition(definition: str) -> None:
        if definitions.known(definition):
            return
        if programs is None:
            original(definition)
        else:
            parse_into(programs, definition)
        definitions.add(definition)

    replace_attribute(StepFunctionsParserBackend, "_validate_definition", staticmethod(validate_definition))

    def undo() -> None:
        setattr(StepFunctionsParserBackend, "_validate_definition", descriptor)  # noqa: B010

    return undo
