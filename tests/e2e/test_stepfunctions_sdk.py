"""The AWS Step Functions Data Science SDK is a client of the local endpoint. It is not a dependency (a plain
install pulls sagemaker 3 and fails to import), so it gets a virtual environment of its own with sagemaker 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support.stack_process import PROJECT_DIR, RunningStack

SDK_VENV = PROJECT_DIR / ".venv-sfn-sdk"
SDK_PACKAGES = ("stepfunctions==2.3.0", "sagemaker==2.257.7")
PROBE = Path(__file__).resolve().parents[1] / "support" / "stepfunctions_sdk_probe.py"


@pytest.fixture(scope="module")
def sdk_python() -> Path:
    python = SDK_VENV / "bin" / "python"
    stamp = SDK_VENV / ".installed"
    if not (stamp.exists() and stamp.read_text() == " ".join(SDK_PACKAGES)):
        venv.EnvBuilder(with_pip=True, clear=True).create(SDK_VENV)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *SDK_PACKAGES],
            check=True,
            timeout=900,
        )
        stamp.write_text(" ".join(SDK_PACKAGES))
    return python


def test_the_data_science_sdk_lists_executions_and_events_of_the_local_state_machine(
    stack: RunningStack, sdk_python: Path
) -> None:
    accepted = stack.client("alice").submit("https://example.com/data-science-sdk")
    machine = stack.config()["stateMachineArn"]
    environment = {**os.environ, "SAGEMAKER_SUPPRESS_V2_WARNING": "1"}
    environment.pop("PYTHONPATH", None)

    result = subprocess.run(
        [str(sdk_python), str(PROBE), stack.aws, machine],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["name"] == machine.rsplit(":", 1)[-1]
    assert accepted["executionArn"] in report["executions"]
    assert report["events"][0] == "ExecutionStarted"
    assert sys.executable != str(sdk_python)
