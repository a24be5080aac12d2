"""The local stack as a user starts it: ``bookmarks local`` in a subprocess, on free ports."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from bookmarks_flow.client import BookmarksClient, local_config, sign_in
from bookmarks_flow.local.demo_users import demo_user

PROJECT_DIR = Path(__file__).resolve().parents[2]
READY_TIMEOUT_SECONDS = 120  # a shared 2-core machine under load can take this long to restore


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningStack:
    api: str
    aws: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None
    ports: tuple[int, int] = (0, 0)

    def kill(self) -> None:
        """kill -9: no chance to write anything more."""
        self.process.kill()
        self.process.wait(timeout=10)

    def config(self) -> dict[str, str]:
        return local_config(self.api)

    def client(self, username: str) -> BookmarksClient:
        user = demo_user(username)
        return BookmarksClient(self.api, sign_in(self.config(), user.username, user.password))

    def token(self, username: str) -> str:
        return self.client(username).id_token

    def aws_client(self, service: str) -> Any:
        return boto3.client(  # type: ignore[call-overload]
            service,
            region_name="us-east-1",
            endpoint_url=self.aws,
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )


def start_stack(
    approval_timeout: int = 300,
    state_dir: Path | None = None,
    extra: tuple[str, ...] = (),
    ports: tuple[int, int] | None = None,
) -> RunningStack:
    """Without ``state_dir`` the stack is --ephemeral: tests never share state across runs by accident.
    A restart passes the ``ports`` of the stack it replaces: the links already mailed point there."""
    api_port, aws_port = ports or (free_port(), free_port())
    state = ["--state-dir", str(state_dir)] if state_dir is not None else ["--ephemeral"]
    command = [
        str(Path(sys.executable).parent / "bookmarks"),
        "local",
        "--api-port",
        str(api_port),
        "--aws-port",
        str(aws_port),
        "--approval-timeout",
        str(approval_timeout),
        "--project",
        str(PROJECT_DIR),
        *state,
        *extra,
    ]
    environment = {**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    output: list[str] = []
    ready: dict[str, Any] = {}

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if '{"ready"' in line:  # another thread's output may share the line, before or after (one pipe)
                ready.update(json.JSONDecoder().raw_decode(line[line.index('{"ready"') :])[0])

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while not ready and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if not ready:
        process.kill()
        raise AssertionError("the local stack did not start:\n" + "".join(output))
    return RunningStack(
        api=str(ready["api"]),
        aws=str(ready["aws"]),
        process=process,
        output=output,
        reader=reader,
        ports=(api_port, aws_port),
    )


def stop_stack(stack: RunningStack) -> None:
    """Ctrl-C, as a user stops it."""
    stack.process.send_signal(signal.SIGINT)
    try:
        stack.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        stack.process.kill()
        raise AssertionError("the local stack did not stop on Ctrl-C") from None
    if stack.reader is not None:
        stack.reader.join(timeout=5)


@contextmanager
def running_stack(approval_timeout: int = 300, state_dir: Path | None = None) -> Iterator[RunningStack]:
    stack = start_stack(approval_timeout, state_dir)
    try:
        yield stack
    finally:
        if stack.process.poll() is None:
            stop_stack(stack)
