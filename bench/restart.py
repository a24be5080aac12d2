"""Restart: how long a stack with its state on disk takes to be ready again, with B bookmarks stored and W
executions waiting for a manager (issue 11: 10,000 and 1,000 within 10 s).

``build`` makes the state directory in one process: W real executions run to "Ask A Manager" (each with its
approval e-mail, token and pending approval), and the other B - W bookmarks are written to the table as
approved ones (with their URL claims), as many real executions would have left them, only faster. Then the
stack stops either cleanly (a final snapshot) or by ``kill -9`` (everything since the last snapshot is in the
journal). ``restart`` is a fresh process timed from its start to ready: imports, snapshot, journal replay, every
execution back in the engine as the AWS CLI sees it (a running one resumes as soon as anything reaches it), and
then until the background has resumed every waiting execution at its callback with its old task token.
``cli`` times the real ``bookmarks local`` on copies of a built state until its API answers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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
    all_resumed_seconds: float  # process start to every waiting execution back at its callback (background)
    restore_seconds: float  # snapshot + journal replay
    resumed: int
    journal_records: int
    state_mb: float
    # ready to the approval of the newest waiting execution (the last the background resume reaches) answered:
    # a link decides a waiting execution as soon as the stack is ready, resumed or not
    first_decision_seconds: float = 0.0


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
    that the measured restart counts the imports, as a user's restart does, and with the garbage collector off
    until started, as ``bookmarks local`` starts."""
    from bookmarks_flow.local.persistence.collector import after_start, pause_for_start

    pause_for_start()
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
    after_start()
    return store, environment


def _approval_requests(environment: Any) -> int:
    return sum(1 for m in environment.mailbox.messages() if m.attributes.get("eventType") == "APPROVAL_REQUESTED")


def _add_work(environment: Any, run: str, bookmarks: int, waiting: int) -> None:
    """``bookmarks - waiting`` approved bookmarks written to the table, and ``waiting`` real executions run to
    "Ask A Manager" (each with its approval e-mail); returns once their e-mails are sent (or stop coming)."""
    from bench.workload import Workflow, submission

    workflow = Workflow.of(environment)
    table = str(environment.stack.physical("BookmarksTable"))
    for batch in _bookmark_items(run, bookmarks - waiting, table):
        workflow.dynamodb.batch_write_item(RequestItems=batch)
    expected = _approval_requests(environment) + waiting
    for index in range(waiting):
        workflow.start(f"{run}-waiting-{index}", submission(index, f"{run}-waiting"))
        while _approval_requests(environment) < expected - waiting + index - 50:  # at most 50 in flight
            time.sleep(0.02)
    last, changed = -1, time.monotonic()
    while (count := _approval_requests(environment)) < expected and time.monotonic() - changed < 30:
        if count != last:
            last, changed = count, time.monotonic()
        time.sleep(0.5)


def build(state_dir: Path, bookmarks: int, waiting: int, kill: bool, tail: tuple[int, int]) -> None:
    """With ``kill``, the last ``tail`` (bookmarks, waiting) of them are added after a snapshot, so that the
    ``kill -9`` leaves a journal tail of known size to replay (without, the tail is whatever the last automatic
    snapshot left: anything from none to 4,000 records)."""
    store, environment = _durable_environment(state_dir)
    tail_bookmarks, tail_waiting = tail if kill else (0, 0)
    _add_work(environment, "restart", bookmarks - tail_bookmarks, waiting - tail_waiting)
    if kill:
        store.snapshot()
        _add_work(environment, "tail", tail_bookmarks, tail_waiting)
    sys.stdout.write(f"built: {_approval_requests(environment)} waiting\n")
    sys.stdout.flush()
    if kill:
        os.kill(os.getpid(), signal.SIGKILL)
    store.close()
    os._exit(0)


def _approve_newest_waiting(environment: Any) -> None:
    """What a manager's link does (its task token, SendTaskSuccess) for the newest approval e-mail."""
    from bench.workload import Workflow

    requests = [m for m in environment.mailbox.messages() if m.attributes.get("eventType") == "APPROVAL_REQUESTED"]
    Workflow.of(environment).approve(requests[-1].body)


def restart(state_dir: Path, bookmarks: int, waiting: int, stopped: str) -> RestartResult:
    store, environment = _durable_environment(state_dir)  # kept running while it is measured
    ready = time.perf_counter() - PROCESS_STARTED
    _approve_newest_waiting(environment)
    first_decision = time.perf_counter() - PROCESS_STARTED - ready
    if not store.wait_until_resumed(timeout=600):
        raise RuntimeError("the waiting executions were not resumed within 600 s")
    all_resumed = time.perf_counter() - PROCESS_STARTED
    size = sum(path.stat().st_size for path in state_dir.iterdir()) / 1024 / 1024
    return RestartResult(
        bookmarks=bookmarks,
        waiting=waiting,
        stopped=stopped,
        ready_seconds=round(ready, 2),
        all_resumed_seconds=round(all_resumed, 2),
        restore_seconds=round(store.report.seconds, 2),
        first_decision_seconds=round(first_decision, 2),
        resumed=store.report.resumed,
        journal_records=store.report.journal_records,
        state_mb=round(size, 1),
    )


def _command(phase: str, state_dir: Path, bookmarks: int, waiting: int, kill: bool) -> list[str]:
    common = ["--state-dir", str(state_dir), "--bookmarks", str(bookmarks), "--waiting", str(waiting)]
    return [sys.executable, "-m", "bench.restart", phase, *common, *(["--kill"] if kill else [])]


def _environment() -> dict[str, str]:
    python_path = os.pathsep.join(filter(None, [str(Path(__file__).parents[1]), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": python_path}


def measure(bookmarks: int, waiting: int, kill: bool, state_dir: Path, repeats: int = 1) -> list[RestartResult]:
    """Builds the state directory once (unless it already holds a state) and times ``repeats`` restarts in
    fresh processes, each on a fresh copy of it (a restart changes its directory)."""
    if not (state_dir / "snapshot.bin").exists():
        build_command = _command("build", state_dir, bookmarks, waiting, kill)
        subprocess.run(build_command, env=_environment(), check=False, timeout=3600)  # noqa: S603 - our module
    results = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-restart-") as scratch:
            copy = Path(scratch) / "state"
            shutil.copytree(state_dir, copy)
            done = subprocess.run(  # noqa: S603 - our own interpreter and module
                _command("restart", copy, bookmarks, waiting, kill),
                env=_environment(),
                capture_output=True,
                text=True,
                check=False,
                timeout=900,
            )
        lines = [line[len(RESULT_MARK) :] for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
        if not lines:
            raise RuntimeError(f"restart run failed:\n{done.stderr[-3000:]}")
        results.append(RestartResult(**json.loads(lines[-1])))
    return results


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def measure_cli(state_dir: Path, repeats: int) -> list[float]:
    """What a user waits for: ``bookmarks local`` started on a fresh copy of the state until its API answers
    (GET /_local/config), the API server and everything else the command starts included."""
    import requests

    from bench import PROJECT_DIR

    bookmarks = Path(sys.executable).parent / "bookmarks"
    seconds = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-restart-cli-") as scratch:
            copy = Path(scratch) / "state"
            shutil.copytree(state_dir, copy)
            api_port, aws_port = _free_port(), _free_port()
            command = [str(bookmarks), "local", "--project", str(PROJECT_DIR), "--state-dir", str(copy)]
            command += ["--api-port", str(api_port), "--aws-port", str(aws_port)]
            started = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
            try:
                while time.perf_counter() - started < 300 and process.poll() is None:
                    try:
                        if requests.get(f"http://127.0.0.1:{api_port}/_local/config", timeout=5).ok:
                            break
                    except requests.RequestException:
                        time.sleep(0.05)
                else:
                    raise RuntimeError("bookmarks local did not answer within 300 s")
                seconds.append(round(time.perf_counter() - started, 2))
            finally:
                process.kill()
                process.wait(timeout=30)
    return seconds


def median(results: list[RestartResult]) -> RestartResult:
    """The run with the median ready time (the other figures are that run's)."""
    return sorted(results, key=lambda result: result.ready_seconds)[len(results) // 2]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("phase", choices=["build", "restart", "measure", "cli"])
    parser.add_argument("--state-dir", type=Path, required=True)
    parser.add_argument("--bookmarks", type=int, default=10_000)
    parser.add_argument("--waiting", type=int, default=1_000)
    parser.add_argument("--kill", action="store_true", help="stop the built stack with kill -9")
    parser.add_argument("--repeats", type=int, default=3, help="restarts measured, each on a copy of the state")
    parser.add_argument(
        "--tail",
        type=int,
        nargs=2,
        default=[1000, 40],
        metavar=("BOOKMARKS", "WAITING"),
        help="with --kill: how many of them are added after the last snapshot (the journal tail)",
    )
    arguments = parser.parse_args(argv)
    if arguments.phase == "build":
        build(arguments.state_dir, arguments.bookmarks, arguments.waiting, arguments.kill, tuple(arguments.tail))
    elif arguments.phase == "restart":
        stopped = "kill -9" if arguments.kill else "clean"
        result = restart(arguments.state_dir, arguments.bookmarks, arguments.waiting, stopped)
        sys.stdout.write(RESULT_MARK + json.dumps(asdict(result)) + "\n")
        sys.stdout.flush()
        os._exit(0)
    elif arguments.phase == "cli":
        runs = measure_cli(arguments.state_dir, arguments.repeats)
        sys.stdout.write(json.dumps({"cli_ready_runs": runs, "median": sorted(runs)[len(runs) // 2]}) + "\n")
    else:
        arguments_ = (arguments.bookmarks, arguments.waiting, arguments.kill, arguments.state_dir, arguments.repeats)
        results = measure(*arguments_)
        for result in results:
            sys.stdout.write(json.dumps(asdict(result)) + "\n")
        sys.stdout.write("median: " + json.dumps(asdict(median(results))) + "\n")


if __name__ == "__main__":
    main()
