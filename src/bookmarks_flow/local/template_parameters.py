"""Template parameters as ``sam deploy`` takes them and CloudFormation checks them.

``--parameter-overrides`` is one string of ``Name=Value`` pairs separated by spaces, values quoted when they hold
spaces, or the ``ParameterKey=Name,ParameterValue=Value`` form (both are what ``sam deploy --parameter-overrides``
accepts). CloudFormation refuses a stack whose parameter values break their declaration: a name the template does
not declare, a ``Number`` that is not a number or lies outside ``MinValue``/``MaxValue``, a value outside
``AllowedValues``, not matching ``AllowedPattern``, or outside ``MinLength``/``MaxLength``
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html); so does the
local stack, before it creates anything.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from typing import Any


class ParameterError(ValueError):
    """A parameter value CloudFormation would refuse, or an override that cannot be read."""


def parse_overrides(text: str) -> dict[str, str]:
    try:
        tokens = shlex.split(text)
    except ValueError as error:
        raise ParameterError(f"--parameter-overrides cannot be read: {error}") from error
    values: dict[str, str] = {}
    for token in tokens:
        if token.startswith("ParameterKey="):
            key, separator, value = token.removeprefix("ParameterKey=").partition(",ParameterValue=")
        else:
            key, separator, value = token.partition("=")
        if not separator or not key:
            raise ParameterError(f"--parameter-overrides: {token!r} is not Name=Value")
        values[key] = value
    return values


def _number(name: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ParameterError(f"Parameter '{name}' must be a number") from None


def _check(name: str, spec: Mapping[str, Any], value: str) -> None:
    if spec.get("Type") == "Number":
        number = _number(name, value)
        if "MinValue" in spec and number < float(spec["MinValue"]):
            raise ParameterError(f"Parameter '{name}' must be a number not less than {spec['MinValue']}")
        if "MaxValue" in spec and number > float(spec["MaxValue"]):
            raise ParameterError(f"Parameter '{name}' must be a number not greater than {spec['MaxValue']}")
    allowed = [str(option) for option in spec.get("AllowedValues", [])]
    if allowed and value not in allowed:
        raise ParameterError(f"Parameter '{name}' must be one of AllowedValues: {', '.join(allowed)}")
    pattern = spec.get("AllowedPattern")
    if pattern is not None and not re.fullmatch(str(pattern), value):
        raise ParameterError(f"Parameter '{name}' must match pattern {pattern}")
    if "MinLength" in spec and len(value) < int(spec["MinLength"]):
        raise ParameterError(f"Parameter '{name}' must contain at least {spec['MinLength']} characters")
    if "MaxLength" in spec and len(value) > int(spec["MaxLength"]):
        raise ParameterError(f"Parameter '{name}' must contain at most {spec['MaxLength']} characters")


def parameter_values(declared: Mapping[str, Mapping[str, Any]], overrides: Mapping[str, str]) -> dict[str, str]:
    """Every declared parameter's value: the override, else the default; refused as CloudFormation refuses it."""
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        raise ParameterError(
            f"Parameters: [{', '.join(unknown)}] do not exist in the template "
            f"(it declares {', '.join(sorted(declared))})"
        )
    values: dict[str, str] = {}
    for name, spec in declared.items():
        value = overrides.get(name, spec.get("Default"))
        if value is None:
            raise ParameterError(f"Parameters: [{name}] must have values")
        values[name] = str(value)
        _check(name, spec, values[name])
    return values
