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


_SHORT_ESCAPES = {"\b": "\\b", "\n": "\\n", "\t": "\\t", "\f": "\\f", "\r": "\\r"}
_BACKSLASHED = {"'", '"', "\\", "/"}


def _utf16_code_units(text: str) -> list[int]:
    encoded = text.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(encoded[index : index + 2], "big") for index in range(0, len(encoded), 2)]


def _escape_code_unit(unit: int) -> str:
    character = chr(unit)
    if unit > 0x7F:
        return f"\\u{unit:04X}"
    if unit < 0x20:
        return _SHORT_ESCAPES.get(character, f"\\u{unit:04X}")
    if character in _BACKSLASHED:
        return "\\" + character
    return character


class UtilVariable:
    def escapeJavaScript(self, value: Any) -> str:
        """As commons-lang's StringEscapeUtils.escapeJavaScript, which API Gateway's $util follows: every UTF-16
        code unit above 0x7f as ``\\uXXXX`` (upper-case hex), control characters as ``\\b \\n \\t \\f \\r``
        or ``\\u00XX``, and ``' " \\ /`` behind a backslash. ``\\'`` is not JSON: templates replace it with ``'``.
        tests/local/test_mapping_templates_in_velocity.py compares this with the Java original."""
        text = "" if value is None else str(value)
        return "".join(_escape_code_unit(unit) for unit in _utf16_code_units(text))

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
