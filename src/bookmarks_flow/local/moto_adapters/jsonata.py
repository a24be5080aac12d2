"""JSONata: moto ships the JSONata evaluator as a stub (it expects a JVM), so every JSONata state fails with
States.Runtime. This backs it with the pure-Python jsonata-python package."""

from __future__ import annotations

from typing import Any

import jsonata as jsonata_python
from moto.stepfunctions.parser.asl.jsonata import jsonata as engine_jsonata

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def evaluate(expression: str) -> Any:
    try:
        return jsonata_python.Jsonata(expression).evaluate(None)
    except Exception as error:
        raise engine_jsonata.JSONataException("UNKNOWN", str(error)) from error


def install() -> Undo:
    return replace_attribute(engine_jsonata, "_eval_jsonata", evaluate)
