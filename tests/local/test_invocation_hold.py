"""Invocations held at the door of the local Lambda runtime: the ones a test holds wait, as behind a slow start,
and every other invocation runs meanwhile (a held one has not taken its turn)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.local.lambda_runtime import LocalFunction, LocalLambdaRuntime

HANDLER = """
def handler(event, context):
    return {"answered": event["name"]}
"""


@pytest.fixture
def echo(tmp_path: Path) -> LocalFunction:
    (tmp_path / "echo_probe.py").write_text(HANDLER, encoding="utf-8")
    return LocalFunction(
        name="EchoProbe",
        arn="arn:aws:lambda:us-east-1:123456789012:function:EchoProbe",
        code_dir=tmp_path,
        handler="echo_probe.handler",
        environment={},
    )


def invoke_in_background(runtime: LocalLambdaRuntime, function: LocalFunction, name: str) -> dict[str, Any]:
    """Starts the invocation in a thread; the dict gets its answer under "answer" once it returns."""
    outcome: dict[str, Any] = {}

    def invocation() -> None:
        outcome["answer"] = json.loads(runtime.invoke(function, json.dumps({"name": name}).encode()).payload)

    outcome["thread"] = threading.Thread(target=invocation)
    outcome["thread"].start()
    return outcome


def test_a_held_invocation_runs_once_released_and_the_others_run_meanwhile(echo: LocalFunction) -> None:
    runtime = LocalLambdaRuntime()
    with runtime.hold_invocations("EchoProbe", lambda event: event.get("name") == "held") as hold:
        held = invoke_in_background(runtime, echo, "held")
        assert hold.wait_until_holding(10)

        other = runtime.invoke(echo, json.dumps({"name": "other"}).encode())

        assert json.loads(other.payload) == {"answered": "other"}
        assert "answer" not in held
    held["thread"].join(10)
    assert held["answer"] == {"answered": "held"}


def test_nothing_is_held_when_no_invocation_matches(echo: LocalFunction) -> None:
    runtime = LocalLambdaRuntime()
    with runtime.hold_invocations("EchoProbe", lambda event: event.get("name") == "held") as hold:
        answer = runtime.invoke(echo, json.dumps({"name": "other"}).encode())

        assert json.loads(answer.payload) == {"answered": "other"}
        assert not hold.wait_until_holding(0.05)
