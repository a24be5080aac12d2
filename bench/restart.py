"""Restart: how long a stack with its state on disk takes to be ready again, with B bookmarks stored and W
executions waiting for a manager (issue 11: 10,000 and 1,000 within 10 s).

``build`` makes the state directory in one process: W real executions run to "Ask A Manager" (each with its
approval e-mail, token and pending approval), and the other B - W bookmarks are written to the table as
approved ones (with their URL claims), as many real executions would have left them, only faster. Then the
stack stops either cleanly (a final snapshot) or by ``kill -9`` (everything since the last snapshot is in the
journal). ``restart`` is a fresh process timed from its start to ready: imports, snapshot, journal replay, and
every waiting execution resumed at its callback with its old task token.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PROCESS_STARTED = time.perf_counter()

RESULT_MARK = "bench-result: "


@dataclass
class RestartResult:
    bookmarks: int
    waiting: int
    stopped: str  # "clean" or "kill -9"
    ready_seconds: float  # process start to ready, as a user waits
    restore_seconds: float  # snapshot + journal replay
    resumed: int
    journal_records: int
    state_mb: float


def _bookmark_items(run: str, count: int, table: str) -> list[dict[str, object]]:
    requests: list[dict[str, object]] = []
    for index in range(count):
        bookmark_id = f"{run}-stored-{index}"
        url = f"https://example.com/{run}/stored/{index}"
        requests.append(
            {
                "PutRequest": {
                    "Item": {
                        "pk": {"S": f"BOOKMARK#{bookmark_id}"},
                        "bookmarkId": {"S": bookmark_id},
                        "status": {"S": "APPROVED"},
                        "url": {"S": url},
                        "normalizedUrl": {"S": url},
                        "title": {"S": f"Stored {index}"},
                        "submitterUsername": {"S": "alice"},
                        "createdAt": {"S": "2026-11-30T00:00:00.000Z"},
                    }
                }
            }
        )
        requests.append({"PutRequest": {"Item": {"pk": {"S": f"URL#{url}"}, "bookmarkId": {"S": bookmark_id}}}})
    return [{table: requests[start : start + 25]} for start in range(0, len(requests), 25)]


def _durable_environment(state_dir: Path) -> tuple[Any, Any]:
    """The stack as ``bookmarks local`` keeps it in ``state_dir``: (store, started environment). Imported late so
    that the measured restart counts the imports, as a user's restart does."""
    from bench import PROJECT_DIR
    from bench.environments import MeteredRuntime, quiet_engine_logs
    from bookmarks_flow.local.environment import LocalEnvironment
    from bookmarks_flow.local.persistence.store import DurableStore

    quiet_engine_logs()
    store = DurableStore(state_dir).open()
    environment = LocalEnvironment(
        PROJECT_DIR, {"ApprovalTimeoutSeconds": "86400"}, runtime=MeteredRuntime(), store=store
    ).start()
    store.begin(environment.stack, environment.mailbox)
    return store, environment


def build(state_dir: Path, bookmarks: int, waiting: int, kill: bool) -> None:
    from bench.workload import Workflow, submission

    store, environment = _durable_environment(state_dir)
    workflow = Workflow.of(environment)
    table = str(environment.stack.physical("BookmarksTable"))
    for batch in _bookmark_items("restart", bookmarks - waiting, table):
        workflow.dynamodb.batch_write_item(RequestItems=batch)
    for index in range(waiting):
        workflow.start(f"restart-waiting-{index}", submission(index, "restart-waiting"))
        while len(environment.mailbox.messages()) < index - 50:  # at most 50 in flight
            time.sleep(0.02)
    deadline = time.monotonic() + 600
    while len(workflow.names_with_status("RUNNING")) < waiting and time.monotonic() < deadline:
        time.sleep(0.5)
    approvals = [m for m in environment.mailbox.messages() if m.attributes.get("eventType") == "APPROVAL_REQUESTED"]
    while len(approvals) < waiting and time.monotonic() < deadline:
        time.sleep(0.5)
        approvals = [m for m in environment.mailbox.messages() if m.attributes.get("eventType") == "APPROVAL_REQUESTED"]
    sys.stdout.write(f"built: {len(approvals)} waiting\n")
    sys.stdout.flush()
    if kill:
        os.kill(os.getpid(), signal.SIGKILL)
    store.close()
    os._exit(0)


def restart(state_dir: Path, bookmarks: int, waiting: int, stopped: str) -> RestartResult:
    store, _environment = _durable_environment(state_dir)  # kept running while it is measured
    ready = time.perf_counter() - PROCESS_STARTED
    size = sum(path.stat().st_size for path in state_dir.iterdir()) / 1024 / 1024
    return RestartResult(
        bookmarks=bookmarks,
        waiting=waiting,
        stopped=stopped,
        ready_seconds=round(ready, 2),
        restore_seconds=round(store.report.seconds, 2),
        resumed=store.report.resumed,
        journal_records=store.report.journal_records,
        state_mb=round(size, 1),
    )


def measure(bookmarks: int, waiting: int, kill: bool, state_dir: Path) -> RestartResult:
    """Builds the state directory in one process and times the restart in another."""
    python_path = os.pathsep.join(filter(None, [str(Path(__file__).parents[1]), os.environ.get("PYTHONPATH")]))
    environment = {**os.environ, "PYTHONPATH": python_path}
    common = ["--state-dir", str(state_dir), "--bookmarks", str(bookmarks), "--waiting", str(waiting)]
    build_command = [sys.executable, "-m", "bench.restart", "build", *common, *(["--kill"] if kill else [])]
    subprocess.run(build_command, env=environment, check=False, timeout=3600)  # noqa: S603 - our own module
    restart_command = [sys.executable, "-m", "bench.restart", "restart", *common, *(["--kill"] if kill else [])]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        restart_command, env=environment, capture_output=True, text=True, check=False, timeout=600
    )
    lines = [line[len(RESULT_MARK) :] for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if not lines:
        raise RuntimeError(f"restart run failed:\n{done.stderr[-3000:]}")
    return RestartResult(**json.loads(lines[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("phase", choices=["build", "restart", "measure"])
    parser.add_argument("--state-dir", type=Path, required=True)
    parser.add_argument("--bookmarks", type=int, default=10_000)
    parser.add_argument("--waiting", type=int, default=1_000)
    parser.add_argument("--kill", action="store_true", help="stop the built stack with kill -9")
    arguments = parser.parse_args(argv)
    if arguments.phase == "build":
        build(arguments.state_dir, arguments.bookmarks, arguments.waiting, arguments.kill)
    elif arguments.phase == "restart":
        stopped = "kill -9" if arguments.kill else "clean"
        result = restart(arguments.state_dir, arguments.bookmarks, arguments.waiting, stopped)
        sys.stdout.write(RESULT_MARK + json.dumps(asdict(result)) + "\n")
        sys.stdout.flush()
        os._exit(0)
    else:
        result = measure(arguments.bookmarks, arguments.waiting, arguments.kill, arguments.state_dir)
        sys.stdout.write(json.dumps(asdict(result)) + "\n")


if __name__ == "__main__":
    main()
