"""Which resources of a template a property value refers to.

Ref, GetAtt and Sub are the usual way; a resource that is given a fixed physical name can also be named inside an
ARN string instead (the template does this for the state machine to avoid a dependency cycle), so such names
count as references too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from bookmarks_flow.diagrams.resource_types import OWN_NAME_PROPERTIES
from bookmarks_flow.local.intrinsics import references

# Shorter names would match words by accident.
_SHORTEST_NAME = 6


class ReferenceFinder:
    def __init__(self, resources: Mapping[str, Mapping[str, Any]]) -> None:
        self._resources = resources
        self._names: dict[str, re.Pattern[str]] = {}
        for logical_id, resource in resources.items():
            name = _own_name(resource)
            if name is not None and len(name) >= _SHORTEST_NAME:
                self._names[logical_id] = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(name)}(?![A-Za-z0-9_-])")

    def targets(self, value: Any) -> list[str]:
        """The logical ids of the resources ``value`` refers to, sorted (parameters and pseudo parameters left out)."""
        found = {name for name in references(value) if name in self._resources}
        texts = list(_strings(value))
        for logical_id, pattern in self._names.items():
            if any(pattern.search(text) for text in texts):
                found.add(logical_id)
        return sorted(found)


def _own_name(resource: Mapping[str, Any]) -> str | None:
    key = OWN_NAME_PROPERTIES.get(str(resource.get("Type")))
    value = resource.get("Properties", {}).get(key) if key else None
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("Fn::Sub"), str):
        return str(value["Fn::Sub"])
    return None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a value, Sub templates included, so a name inside an ARN can be found."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
