"""What the console needs from a state machine definition: its states, at every nesting level, and their types."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any


def parse_definition(text: str) -> dict[str, Any]:
    """DescribeStateMachine returns the definition as text; an unreadable one is treated as empty, not as a crash."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def state_types(definition: Mapping[str, Any]) -> dict[str, str]:
    """State name → type, in definition order, including the states inside Map iterators and Parallel branches."""
    return dict(_walk(definition))


def _walk(machine: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    states = machine.get("States")
    if not isinstance(states, Mapping):
        return
    for name, state in states.items():
        if not isinstance(state, Mapping):
            continue
        yield str(name), str(state.get("Type", ""))
        for nested in (state.get("ItemProcessor"), state.get("Iterator")):
            if isinstance(nested, Mapping):
                yield from _walk(nested)
        branches = state.get("Branches")
        if isinstance(branches, list):
            for branch in branches:
                if isinstance(branch, Mapping):
                    yield from _walk(branch)
