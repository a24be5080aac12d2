"""API Gateway mapping templates (Velocity), rendered with airspeed and the variables API Gateway provides.

Covers what this project's templates use: ``$input.json``, ``$input.path``, ``$input.params``, ``$input.body``,
``$util.escapeJavaScript``/``parseJson``/``urlEncode``/``base64Encode``, ``$context`` with ``requestId``,
``authorizer.claims``, ``error`` and ``responseOverride.status``. JSONPath is the dotted subset (``$``,
``$.a.b``, ``$.a[0]``) that mapping templates use.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import quote

import airspeed

_STEP = re.compile(r"\.([A-Za-z0-9_$-]+)|\[(\d+)\]")


def select(document: Any, path: str) -> Any:
    if not path.startswith("$"):
        raise ValueError(f"not a JSONPath: {path}")
    value = document
    for name, index in _STEP.findall(path[1:]):
        if value is None:
            return None
        value = (
            value.get(name)
            if name and isinstance(value, dict)
            else (value[int(index)] if index and isinstance(value, list) and int(index) < len(value) else None)
        )
    return value


class InputVariable:
    def __init__(self, body: str, parameters: dict[str, dict[str, str]]) -> None:
        self.body = body
        self._parameters = parameters
        try:
            self._document: Any = json.loads(body) if body else None
        except json.JSONDecodeError:
            self._document = None

    def json(self, path: str) -> str:
        return json.dumps(select(self._document, path))

    def path(self, path: str) -> Any:
        return select(self._document, path)

    def params(self, name: str | None = None) -> Any:
        if name is None:
            return self._parameters
        for location in ("path", "querystring", "header"):
            values = self._parameters.get(location, {})
            for key, value in values.items():
                if key == name or (location == "header" and key.lower() == name.lower()):
                    return value
        return ""


class UtilVariable:
    def escapeJavaScript(self, value: Any) -> str:
        text = "" if value is None else str(value)
        escaped = json.dumps(text)[1:-1]  # backslashes, quotes, control characters
        return escaped.replace("'", "\\'")

    def parseJson(self, value: str) -> Any:
        return json.loads(value)

    def urlEncode(self, value: str) -> str:
        return quote(value, safe="")

    def base64Encode(self, value: str) -> str:
        return base64.b64encode(value.encode()).decode()


class ResponseOverride(dict[str, Any]):
    """``#set($context.responseOverride.status = 409)``: airspeed assigns into it as a mapping."""

    def __init__(self) -> None:
        super().__init__(status=None, header={})

    @property
    def status(self) -> int | None:
        value = self.get("status")
        return int(value) if value is not None else None


def render(template: str, *, input_variable: InputVariable, context: dict[str, Any]) -> str:
    return str(airspeed.Template(template).merge({"input": input_variable, "util": UtilVariable(), "context": context}))
