"""JSONPath cache: moto's engine parses a JSONPath again each time it evaluates one (``extract_json`` for every
``.$`` field, ``ResultPath`` for every state), and jsonpath-ng builds a new PLY lexer and parser for every
parse: about 1 ms each, a few dozen per execution. A parsed path is an immutable tree (a match builds its own
``DatumInContext`` objects), so one parse per path text serves every execution."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from moto.stepfunctions.parser.asl.component.common.path import result_path
from moto.stepfunctions.parser.asl.utils import json_path

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

MAX_PATHS = 4096
# The engine modules that imported a jsonpath-ng ``parse`` by name (json_path: the extended parser, with
# filters; result_path: the plain one).
PATCHED_MODULES = (json_path, result_path)


def cached(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    return lru_cache(maxsize=MAX_PATHS)(parse)


def install() -> Undo:
    return undo_all([replace_attribute(module, "parse", cached(module.parse)) for module in PATCHED_MODULES])
