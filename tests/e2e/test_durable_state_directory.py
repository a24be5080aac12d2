"""The state directory as a user handles it (issue 11): one written by another version is refused with what to
do, and ``--reset`` asks first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from tests.support.stack_process import PROJECT_DIR, start_stack, stop_stack


def _bookmarks_local(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "bookmarks"), "local", "--project", str(PROJECT_DIR), *arguments]
    environment = {**os.environ, "COLUMNS": "300"}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment, check=False)


def test_a_state_directory_from_another_version_is_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "VERSION.json").write_text(json.dumps({"format": 1, "bookmarks-flow": "0.0.9", "moto": "5.0.0"}))

    run = _bookmarks_local("--state-dir", str(tmp_path), "--api-port", "0", "--aws-port", "0")

    assert run.returncode == 2
    message = " ".join(run.stdout.split())
    assert "bookmarks-flow 0.0.9" in message
    assert f"this is bookmarks-flow {version('bookmarks-flow')}" in message
    assert "bookmarks local --reset" in message


def test_reset_asks_first_and_empties_the_state_with_yes(tmp_path: Path) -> None:
    (tmp_path / "snapshot.bin").write_bytes(b"old state")

    declined = subprocess.run(
        [str(Path(sys.executable).parent / "bookmarks"), "local", "--state-dir", str(tmp_path), "--reset"],
        input="n\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert declined.returncode == 1
    assert (tmp_path / "snapshot.bin").exists()

    stack = start_stack(state_dir=tmp_path, extra=("--reset", "--yes"))
    try:
        assert stack.client("alice").bookmarks(status="APPROVED")["items"] == []
    finally:
        stop_stack(stack)
