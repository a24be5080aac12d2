"""The engine's copies of state data are JSON copies: the same values, sharing no dict or list with what they copy,
and the engine runs a workflow to the same output and history with them as without. One test fails when moto stops
copying state data with ``copy.deepcopy`` in the modules the adapter patches (then check the adapter again)."""

from __future__ import annotations

import copy
import importlib
import inspect
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bookmarks_flow.local.moto_adapters import engine_json_copies
from bookmarks_flow.local.moto_adapters.engine_json_copies import ENGINE_MODULES, JsonCopies, json_copy
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import finish, machine

LINK: dict[str, Any] = {
    "line": 3,
    "bookmark": {"url": "https://a.example/", "tags": ["x", "y"], "stars": 4.5, "old": None},
}
SHAPING = {
    "StartAt": "Shape",
    "States": {
        "Shape": {
            "Type": "Pass",
            "Parameters": {"links.$": "$.links", "first.$": "$.links[0].bookmark", "name.$": "$$.Execution.Name"},
            "ResultPath": "$.shaped",
            "Next": "Each",
        },
        "Each": {
            "Type": "Map",
            "ItemsPath": "$.shaped.links",
            "MaxConcurrency": 1,
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Tag",
                "States": {"Tag": {"Type": "Pass", "Result": "seen", "ResultPath": "$.bookmark.state", "End": True}},
            },
            "ResultPath": "$.tagged",
            "OutputPath": "$.tagged",
            "End": True,
        },
    },
}


def _containers(value: Any) -> list[int]:
    if isinstance(value, dict):
        return [id(value), *(i for item in value.values() for i in _containers(item))]
    if isinstance(value, list):
        return [id(value), *(i for item in value for i in _containers(item))]
    return []


def _run(sfn: Any, name: str) -> tuple[Any, list[dict[str, Any]]]:
    arn = machine(sfn, SHAPING, name=name)
    started = sfn.start_execution(stateMachineArn=arn, name="run", input=json.dumps({"links": [LINK, LINK]}))
    output = json.loads(finish(sfn, started["executionArn"])["output"])
    events = sfn.get_execution_history(executionArn=started["executionArn"], maxResults=1000)["events"]
    return output, [{k: v for k, v in e.items() if k not in ("timestamp",)} for e in events]


def test_a_json_copy_is_equal_and_shares_no_dict_or_list_with_its_source() -> None:
    value = {"links": [LINK, {"n": 1, "ok": True}], "empty": {}}

    copied = json_copy(value)

    assert copied == value
    assert not set(_containers(copied)) & set(_containers(value))


def test_what_is_not_json_is_deep_copied_as_before() -> None:
    moment = datetime(2026, 11, 30, tzinfo=UTC)
    value: dict[str, Any] = {"when": moment, "pair": (["a"], 1), "words": {"b", "a"}}

    copied = json_copy(value)

    assert copied == value
    assert copied["pair"][0] is not value["pair"][0]
    assert copied["words"] is not value["words"]


def test_upstream_engine_modules_still_copy_state_data_with_copy_deepcopy() -> None:
    """The adapter replaces each module's ``copy``; a module that stops calling ``copy.deepcopy`` by that name (a
    ``from copy import deepcopy``, say) would silently go back to the slow copies."""
    for name in ENGINE_MODULES:
        module = importlib.import_module(name)
        assert module.copy is copy, name
        assert "copy.deepcopy(" in inspect.getsource(module), name


def test_installed_the_engine_modules_copy_with_json_copies(adapter: Callable[[Undo], None]) -> None:
    adapter(engine_json_copies.install())

    assert all(importlib.import_module(name).copy is JsonCopies for name in ENGINE_MODULES)


def test_a_workflow_gives_the_same_output_and_history_with_the_adapter(
    sfn: Any, adapter: Callable[[Undo], None]
) -> None:
    stock = _run(sfn, "stock")
    adapter(engine_json_copies.install())

    adapted = _run(sfn, "adapted")

    assert adapted[0] == stock[0] == [{**LINK, "bookmark": {**LINK["bookmark"], "state": "seen"}}] * 2
    assert json.dumps(adapted[1], default=str).replace("adapted", "stock") == json.dumps(stock[1], default=str)
