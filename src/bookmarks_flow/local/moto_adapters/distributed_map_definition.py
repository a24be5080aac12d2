"""Distributed Map definition: moto 5.2.5's ASL grammar refuses three things AWS accepts in a Distributed Map.

- ``ItemBatcher`` is not in the grammar at all (a syntax error);
- ``"ExecutionType": "EXPRESS"`` in ``ProcessorConfig`` is a syntax error (only ``STANDARD`` is);
- an integer ``ToleratedFailurePercentage`` (``5``) is a syntax error; only ``5.0`` parses.

AWS takes all three (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html,
"ItemBatcher", "ProcessorConfig", "ToleratedFailurePercentage": "an integer from 0 to 100"). This adapter
rewrites only what moto's parser sees: the stored definition, as DescribeStateMachine returns it, is the one
given. The ItemBatcher it takes out is kept on the parsed Map's iteration component, where the
distributed_map_batches adapter applies it. Children run alike whatever their type in moto's engine, so an
Express child is parsed as Standard; an Express child cannot wait for a task token on AWS, and this project's
item processors do not.
"""

from __future__ import annotations

import json
from typing import Any

from moto.stepfunctions.parser.asl.component.component import Component
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.distributed_iteration_component import (
    DistributedIterationComponent,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.state_map import StateMap
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser

from bookmarks_flow.local.moto_adapters.parsed_definition_cache import all_components
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_static_method

ITEM_BATCHER_ATTRIBUTE = "bookmarks_item_batcher"


def _map_states(states: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every Map state of a States object, nested ones (in item processors and branches) included."""
    found: list[tuple[str, dict[str, Any]]] = []
    for name, state in states.items():
        if not isinstance(state, dict):
            continue
        if state.get("Type") == "Map":
            found.append((name, state))
        for processor_key in ("ItemProcessor", "Iterator"):
            processor = state.get(processor_key)
            if isinstance(processor, dict) and isinstance(processor.get("States"), dict):
                found.extend(_map_states(processor["States"]))
        for branch in state.get("Branches", []) if isinstance(state.get("Branches"), list) else []:
            if isinstance(branch, dict) and isinstance(branch.get("States"), dict):
                found.extend(_map_states(branch["States"]))
    return found


def rewrite(definition: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """The definition moto's grammar takes, and each Map state's ItemBatcher by state name."""
    try:
        document = json.loads(definition)
    except ValueError:
        return definition, {}
    if not isinstance(document, dict) or not isinstance(document.get("States"), dict):
        return definition, {}
    batchers: dict[str, dict[str, Any]] = {}
    changed = False
    for name, state in _map_states(document["States"]):
        if isinstance(state.get("ItemBatcher"), dict):
            batchers[name] = state.pop("ItemBatcher")
            changed = True
        config = (state.get("ItemProcessor") or {}).get("ProcessorConfig")
        if isinstance(config, dict) and config.get("ExecutionType") == "EXPRESS":
            config["ExecutionType"] = "STANDARD"
            changed = True
        percentage = state.get("ToleratedFailurePercentage")
        if isinstance(percentage, int) and not isinstance(percentage, bool):
            state["ToleratedFailurePercentage"] = float(percentage)
            changed = True
    return (json.dumps(document) if changed else definition), batchers


def install() -> Undo:
    original = AmazonStateLanguageParser.parse

    def parse(definition: str) -> Any:
        rewritten, batchers = rewrite(definition)
        program, tree = original(rewritten)
        if batchers:
            for component in all_components(program):
                if isinstance(component, StateMap) and component.name in batchers:
                    iteration: Component = component.iteration_component
                    if isinstance(iteration, DistributedIterationComponent):
                        setattr(iteration, ITEM_BATCHER_ATTRIBUTE, batchers[component.name])
        return program, tree

    return replace_static_method(AmazonStateLanguageParser, "parse", parse)
