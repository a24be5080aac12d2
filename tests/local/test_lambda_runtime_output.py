"""A function's log holds what its invocation printed, and nothing another thread of the process printed meanwhile
(the runtime points the process's one ``sys.stdout`` at the function while it runs)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bookmarks_flow.local.lambda_runtime import LocalFunction, LocalLambdaRuntime

HANDLER = """
import pathlib
import time


def handler(event, context):
    print("printed by the function")
    pathlib.Path(event["started"]).touch()
    deadline = time.monotonic() + 10
    while not pathlib.Path(event["go_on"]).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return {}
"""


def wait_for_file(path: Path) -> None:
    deadline = time.monotonic() + 10
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert path.exists()


def test_what_another_thread_prints_during_an_invocation_stays_out_of_the_function_s_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "printing_probe.py").write_text(HANDLER, encoding="utf-8")
    function = LocalFunction(
        name="PrintingProbe",
        arn="arn:aws:lambda:us-east-1:123456789012:function:PrintingProbe",
        code_dir=tmp_path,
        handler="printing_probe.handler",
        environment={},
    )
    runtime = LocalLambdaRuntime()
    logged: list[tuple[str, str]] = []
    runtime.add_line_listener(lambda name, line: logged.append((name, line)))
    started, go_on = tmp_path / "started", tmp_path / "go-on"
    payload = f'{{"started": "{started}", "go_on": "{go_on}"}}'.encode()
    invocation = threading.Thread(target=runtime.invoke, args=(function, payload))
    invocation.start()
    wait_for_file(started)

    print("printed by another thread of the process")
    go_on.touch()
    invocation.join(10)

    assert logged == [("PrintingProbe", "printed by the function")]
    assert "printed by another thread of the process" in capsys.readouterr().out
