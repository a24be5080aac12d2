"""Resolution of the CloudFormation intrinsic functions that a translated SAM template uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
NO_VALUE = object()


class UnresolvableReference(KeyError):
    pass


def references(value: Any) -> set[str]:
    """The names a value refers to through Ref, GetAtt and Sub (pseudo parameters included)."""
    found: set[str] = set()
    if isinstance(value, dict):
        if "Ref" in value and len(value) == 1:
            found.add(str(value["Ref"]))
        elif "Fn::GetAtt" in value and len(value) == 1:
            target = value["Fn::GetAtt"]
            found.add(str(target[0] if isinstance(target, list) else target.split(".")[0]))
        elif "Fn::Sub" in value and len(value) == 1:
            argument = value["Fn::Sub"]
            text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
            found |= {name.split(".")[0] for name in _SUB_VARIABLE.findall(text) if name not in variables}
            found |= references(variables)
        else:
            for item in value.values():
                found |= references(item)
    elif isinstance(value, list):
        for item in value:
            found |= references(item)
    return found


class Resolver:
    """Resolves against ``ref(name)`` and ``get_att(name, attribute)``, given by the provisioner."""

    def __init__(
        self,
        ref: Callable[[str], Any],
        get_att: Callable[[str, str], Any],
        condition: Callable[[str], bool] = lambda name: True,
    ) -> None:
        self._ref = ref
        self._get_att = get_att
        self._condition = condition

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [item for item in (self.resolve(item) for item in value) if item is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, argument),) = value.items()
            function = self._functions().get(key)
            if function is not None:
                return function(argument)
        return {key: item for key, item in ((k, self.resolve(v)) for k, v in value.items()) if item is not NO_VALUE}

    def _functions(self) -> Mapping[str, Callable[[Any], Any]]:
        return {
            "Ref": self._resolve_ref,
            "Fn::GetAtt": self._resolve_get_att,
            "Fn::Sub": self._resolve_sub,
            "Fn::Join": lambda argument: str(argument[0]).join(str(part) for part in self.resolve(argument[1])),
            "Fn::Select": lambda argument: self.resolve(argument[1])[int(self.resolve(argument[0]))],
            "Fn::Split": lambda argument: str(self.resolve(argument[1])).split(argument[0]),
            "Fn::If": self._resolve_if,
            "Fn::Equals": lambda argument: self.resolve(argument[0]) == self.resolve(argument[1]),
            "Fn::Not": lambda argument: not self.resolve(argument[0]),
            "Fn::And": lambda argument: all(self.resolve(item) for item in argument),
            "Fn::Or": lambda argument: any(self.resolve(item) for item in argument),
            "Condition": lambda name: self._condition(str(name)),
        }

    def _resolve_if(self, argument: Any) -> Any:
        name, when_true, when_false = argument
        return self.resolve(when_true if self._condition(str(name)) else when_false)

    def _resolve_ref(self, name: Any) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        return self._ref(str(name))

    def _resolve_get_att(self, argument: Any) -> Any:
        name, attribute = argument if isinstance(argument, list) else str(argument).split(".", 1)
        return self._get_att(str(name), str(self.resolve(attribute)))

    def _resolve_sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], self.resolve(argument[1]))

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(variables[name])
            if "." in name:
                resource, attribute = name.split(".", 1)
                return str(self._get_att(resource, attribute))
            return str(self._ref(name))

        return _SUB_VARIABLE.sub(replace, str(text)).replace("${!", "${")
