"""A Choice rule as the short condition a reader expects on the branch, e.g. ``$.validation.valid == true``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_COMPARISON = re.compile(
    r"^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$"
)
_SYMBOLS = {"Equals": "==", "LessThan": "<", "GreaterThan": ">", "LessThanEquals": "<=", "GreaterThanEquals": ">="}
_TYPE_TESTS = {"IsNull": "null", "IsString": "a string", "IsNumeric": "a number", "IsBoolean": "a boolean"}
_TYPE_TESTS |= {"IsTimestamp": "a timestamp"}
# Fields of a Choice rule that say where to go or what to keep, not what to test.
_NOT_A_TEST = {"Variable", "Next", "Comment", "Assign", "Output"}


def describe_rule(rule: Mapping[str, Any]) -> str:
    """The whole rule as one expression; JSONata rules are shown as written, without the ``{% %}``."""
    if "Condition" in rule:
        return _without_jsonata_braces(str(rule["Condition"]))
    if "And" in rule:
        return " and ".join(_operand(item) for item in rule["And"])
    if "Or" in rule:
        return " or ".join(_operand(item) for item in rule["Or"])
    if "Not" in rule:
        return f"not ({describe_rule(rule['Not'])})"
    variable = str(rule.get("Variable", "$"))
    tests = [f"{variable} {_test(key, value)}" for key, value in rule.items() if key not in _NOT_A_TEST]
    return " and ".join(tests) if tests else variable


def _operand(rule: Mapping[str, Any]) -> str:
    text = describe_rule(rule)
    return f"({text})" if any(key in rule for key in ("And", "Or")) else text


def _test(operator: str, value: Any) -> str:
    if operator == "IsPresent":
        return "is present" if value else "is not present"
    if operator in _TYPE_TESTS:
        return f"is {_TYPE_TESTS[operator]}" if value else f"is not {_TYPE_TESTS[operator]}"
    if operator.startswith("StringMatches"):
        return f"matches {_operand_value(value, operator.endswith('Path'))}"
    match = _COMPARISON.match(operator)
    if match:
        return f"{_SYMBOLS[match[2]]} {_operand_value(value, match[3] is not None)}"
    return f"{operator} {_operand_value(value, False)}"


def _operand_value(value: Any, is_path: bool) -> str:
    return str(value) if is_path else json.dumps(value)


def _without_jsonata_braces(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("{%") and stripped.endswith("%}"):
        return stripped[2:-2].strip()
    return stripped
