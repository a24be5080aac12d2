"""Where a map run's ResultWriter puts its results, as the Map Run page shows it: the manifest the Map state
returned once it ended, else the folder the definition names (AWS writes under ``<Prefix>/<map run id>/``,
https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def result_location(
    history: Sequence[Mapping[str, Any]], definition: Mapping[str, Any], map_run_arn: str
) -> str | None:
    written = _written_manifest(history, map_run_arn)
    if written is not None:
        return written
    state = map_state_name(history, map_run_arn)
    writer = _find_state(definition, state).get("ResultWriter") if state else None
    parameters = writer.get("Parameters", {}) if isinstance(writer, dict) else {}
    bucket, prefix = parameters.get("Bucket"), parameters.get("Prefix", "")
    if not isinstance(bucket, str) or not isinstance(prefix, str):
        return None  # no ResultWriter, or a bucket/prefix chosen by a path at run time
    folder = f"{prefix.rstrip('/')}/" if prefix else ""
    return f"s3://{bucket}/{folder}{map_run_arn.rsplit(':', 1)[-1]}/"


def _written_manifest(history: Sequence[Mapping[str, Any]], map_run_arn: str) -> str | None:
    for event in history:
        output = event.get("stateExitedEventDetails", {}).get("output")
        if event.get("type") == "MapStateExited" and isinstance(output, str):
            details = _result_writer_details(_json(output), map_run_arn)
            if details is not None:
                return f"s3://{details.get('Bucket')}/{details.get('Key')}"
    return None


def _result_writer_details(value: Any, map_run_arn: str) -> dict[str, Any] | None:
    """``{"MapRunArn": ..., "ResultWriterDetails": {...}}`` wherever the state's ResultPath put it."""
    if isinstance(value, dict):
        details = value.get("ResultWriterDetails")
        if value.get("MapRunArn") == map_run_arn and isinstance(details, dict):
            return details
        values: Any = value.values()
    elif isinstance(value, list):
        values = value
    else:
        return None
    return next((found for item in values if (found := _result_writer_details(item, map_run_arn))), None)


def map_state_name(history: Sequence[Mapping[str, Any]], map_run_arn: str) -> str | None:
    """The Map state entered last before the map run started."""
    entered: str | None = None
    for event in history:
        if event.get("type") == "MapStateEntered":
            entered = event.get("stateEnteredEventDetails", {}).get("name")
        started = event.get("mapRunStartedEventDetails", {}).get("mapRunArn")
        if event.get("type") == "MapRunStarted" and started == map_run_arn:
            return entered
    return None


def _find_state(node: Any, name: str) -> dict[str, Any]:
    if isinstance(node, dict):
        states = node.get("States")
        if isinstance(states, dict) and isinstance(states.get(name), dict):
            return states[name]  # type: ignore[no-any-return]
        for value in node.values():
            found = _find_state(value, name)
            if found:
                return found
    return {}


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None
