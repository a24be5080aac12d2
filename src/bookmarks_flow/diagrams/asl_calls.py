"""Which calls an ASL definition makes through each ``${Substitution}``, to label the state machine's edges."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from bookmarks_flow.diagrams.integrations import IntegrationPattern, parse_resource

_SUBSTITUTION = re.compile(r"\$\{([^}]+)\}")


def calls_by_substitution(definition: Mapping[str, Any]) -> dict[str, list[str]]:
    """E.g. ``BookmarksTableName`` → putItem, getItem: the actions of the Task states that use the substitution."""
    calls: dict[str, list[str]] = {}
    for state in _all_states(definition):
        if state.get("Type") != "Task" or "Resource" not in state:
            continue
        integration = parse_resource(str(state["Resource"]))
        action = integration.action
        if integration.pattern is IntegrationPattern.WAIT_FOR_TASK_TOKEN:
            action += " (waits for task token)"
        used = json.dumps([state["Resource"], state.get("Parameters"), state.get("Arguments")])
        for name in _SUBSTITUTION.findall(used):
            if action not in calls.setdefault(name, []):
                calls[name].append(action)
    return calls


def _all_states(machine: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for state in machine.get("States", {}).values():
        yield state
        for processor in (state.get("ItemProcessor"), state.get("Iterator")):
            if processor:
                yield from _all_states(processor)
        for branch in state.get("Branches", ()):
            yield from _all_states(branch)
