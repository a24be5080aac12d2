"""Throughput: N submissions taken from submission through approval to the subscribers' notification.

Each run is a fresh process (``python -m bench.throughput``), so that its memory figures are its own, the
adapters of one profile never leak into the other, and a run's leftover threads end with it. A driver keeps
``window`` executions in flight, approves each as its approval e-mail arrives, empties the downstream queue,
and counts an execution done when its notification reaches the subscribers' mailbox.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from dataclasses import asdict, dataclass

from bench import PROJECT_DIR
from bench.environments import Profile, StampedMailbox, bench_environment, quiet_engine_logs, stamped_mailbox
from bench.workload import APPROVAL_REQUESTED, BOOKMARK_APPROVED, Workflow, submission

STALL_SECONDS = 60.0  # no progress at all for this long ends a run (and says so)
RESULT_MARK = "bench-result: "
PURGE_LIMIT_SWITCH = "MOTO_SQS_ENFORCE_STRICT_QUEUE_PURGE_BEHAVIOUR"
PURGE_EVERY = 20  # completions between two purges of the downstream queue
DRAIN_SECONDS = 60.0  # after a budget cap, how long in-flight executions get to finish (not counted in the rate)


@dataclass
class ThroughputResult:
    profile: str
    requested: int
    completed: int
    failed: int
    seconds: float
    executions_per_second: float
    capped_by_budget: bool
    early_ms_per_execution: float  # between 10 % and 20 % of the completions
    late_ms_per_execution: float  # between 80 % and 90 % of the completions
    rss_start_mb: float
    rss_end_mb: float
    rss_peak_mb: float
    rss_kb_per_execution: float
    traced_kb_per_execution: float | None
    threads_before: int
    threads_after: int
    stalled: bool


def _status_kb(field: str) -> float:
    """VmRSS / VmHWM of this process in kB (Linux); 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _ms_per_execution(done_at: list[float], low: float, high: float) -> float:
    """Mean time between completions from fraction ``low`` to ``high`` of them: away from the start (the window
    filling) and the end (the window draining), what one more execution costs at that point of the run."""
    first, last = int(len(done_at) * low), int(len(done_at) * high) - 1
    if last <= first:
        return 0.0
    return (done_at[last] - done_at[first]) / (last - first) * 1000


def _wait_for_threads(baseline: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while threading.active_count() > baseline and time.monotonic() < deadline:
        time.sleep(0.05)
    return threading.active_count()


def _warm_up(workflow: Workflow, mailbox: StampedMailbox, name: str) -> None:
    """One execution before the clock starts: imports the handlers and fills the caches."""
    workflow.start(name, submission(0, name))
    deadline = time.monotonic() + STALL_SECONDS
    while time.monotonic() < deadline:
        for delivery in mailbox.take(timeout=1.0):
            if delivery.event_type == APPROVAL_REQUESTED:
                workflow.approve(delivery.body)
            elif delivery.event_type == BOOKMARK_APPROVED:
                while workflow.names_with_status("RUNNING") and time.monotonic() < deadline:
                    time.sleep(0.01)
                return
    raise RuntimeError("the warm-up execution did not reach its notification")


def _approve(workflow: Workflow, bodies: list[str]) -> list[str]:
    """Approves each; returns the ones to try again.

    Stock moto's SendTaskSuccess looks at every running execution and fails with AttributeError when one of them
    has not built its environment yet (it is still parsing its definition); the manager simply tries again.
    """
    retry: list[str] = []
    for body in bodies:
        try:
            workflow.approve(body)
        except AttributeError:
            retry.append(body)
    return retry


def run_throughput(
    profile: Profile, requested: int, window: int = 50, budget_seconds: float = 0.0, trace_memory: bool = False
) -> ThroughputResult:
    """Runs ``requested`` executions (fewer if ``budget_seconds`` runs out first) in this process."""
    # moto allows one PurgeQueue a minute, as AWS does; the bench empties the downstream queue far more often.
    saved = os.environ.get(PURGE_LIMIT_SWITCH)
    os.environ[PURGE_LIMIT_SWITCH] = "false"
    try:
        return _run(profile, requested, window, budget_seconds, trace_memory)
    finally:
        if saved is None:
            os.environ.pop(PURGE_LIMIT_SWITCH, None)
        else:
            os.environ[PURGE_LIMIT_SWITCH] = saved


def _run(profile: Profile, requested: int, window: int, budget_seconds: float, trace_memory: bool) -> ThroughputResult:
    run = f"{profile.value}-{requested}"
    with bench_environment(profile, {"ApprovalTimeoutSeconds": "3600"}) as environment:
        workflow = Workflow.of(environment)
        mailbox = stamped_mailbox(environment)
        _warm_up(workflow, mailbox, f"{run}-warm")

        threads_before = threading.active_count()
        if trace_memory:
            tracemalloc.start()
        traced_start = tracemalloc.get_traced_memory()[0] if trace_memory else 0
        rss_start = _status_kb("VmRSS")
        started_at = time.perf_counter()
        deadline = started_at + budget_seconds if budget_seconds > 0 else float("inf")
        started = completed = failed = 0
        purge_at = PURGE_EVERY
        done_at: list[float] = []
        approvals: list[str] = []  # approval e-mails not yet acted on
        failed_names: set[str] = set()
        capped = stalled = False
        last_progress = last_failure_check = started_at
        counted_until = 0.0

        while True:
            now = time.perf_counter()
            if not capped and now >= deadline and completed + failed < requested:
                capped, counted_until = True, now
            while not capped and started < requested and started - completed - failed < window:
                workflow.start(f"{run}-{started}", submission(started, run))
                started += 1
            for delivery in mailbox.take(timeout=0.2):
                if delivery.event_type == APPROVAL_REQUESTED:
                    approvals.append(delivery.body)
                elif delivery.event_type == BOOKMARK_APPROVED:
                    completed += 1
                    done_at.append(delivery.at)
                    last_progress = time.perf_counter()
            approvals = _approve(workflow, approvals)
            if completed >= purge_at:
                workflow.empty_downstream()
                purge_at = completed + PURGE_EVERY
            if completed + failed >= started and (capped or started >= requested):
                break
            now = time.perf_counter()
            if now - last_progress > 1.0 and now - last_failure_check > 1.0:
                # A failed execution sends no notification; list them (a full scan in moto) only when stuck.
                last_failure_check = now
                new_failures = workflow.names_with_status("FAILED") - failed_names
                failed_names |= new_failures
                failed += len(new_failures)
                if new_failures:
                    last_progress = now
            if now - last_progress > STALL_SECONDS or (capped and now - counted_until > DRAIN_SECONDS):
                stalled = True
                break

        finished_at = counted_until if capped else (done_at[-1] if done_at else time.perf_counter())
        done_at = [at for at in done_at if at <= finished_at]  # what finished after a cap is not counted
        counted = len(done_at)
        seconds = finished_at - started_at
        rss_end = _status_kb("VmRSS")
        traced_kb = None
        if trace_memory:
            traced_kb = (tracemalloc.get_traced_memory()[0] - traced_start) / 1024 / max(1, completed)
            tracemalloc.stop()
        deadline_running = time.monotonic() + 30
        while workflow.names_with_status("RUNNING") and time.monotonic() < deadline_running:
            time.sleep(0.05)
        threads_after = _wait_for_threads(threads_before, 10.0)
        return ThroughputResult(
            profile=profile.value,
            requested=requested,
            completed=counted,
            failed=failed,
            seconds=round(seconds, 3),
            executions_per_second=round(counted / seconds, 2) if seconds > 0 else 0.0,
            capped_by_budget=capped,
            early_ms_per_execution=round(_ms_per_execution(done_at, 0.1, 0.2), 2),
            late_ms_per_execution=round(_ms_per_execution(done_at, 0.8, 0.9), 2),
            rss_start_mb=round(rss_start / 1024, 1),
            rss_end_mb=round(rss_end / 1024, 1),
            rss_peak_mb=round(_status_kb("VmHWM") / 1024, 1),
            rss_kb_per_execution=round((rss_end - rss_start) / max(1, completed + failed), 2),
            traced_kb_per_execution=round(traced_kb, 2) if traced_kb is not None else None,
            threads_before=threads_before,
            threads_after=threads_after,
            stalled=stalled,
        )


def measure(
    profile: Profile, requested: int, window: int, budget_seconds: float, trace_memory: bool, timeout: float
) -> ThroughputResult:
    """One run in a fresh Python process; its last line of output is the result as JSON."""
    command = [
        sys.executable,
        "-m",
        "bench.throughput",
        "--profile",
        profile.value,
        "--n",
        str(requested),
        "--window",
        str(window),
        "--budget",
        str(budget_seconds),
    ]
    if trace_memory:
        command.append("--trace-memory")
    python_path = os.pathsep.join(filter(None, [str(PROJECT_DIR), os.environ.get("PYTHONPATH")]))
    environment = {**os.environ, "PYTHONPATH": python_path}
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        command, cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )
    lines = [line[len(RESULT_MARK) :] for line in completed.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"throughput run {profile.value} N={requested} failed:\n{completed.stderr[-3000:]}")
    return ThroughputResult(**json.loads(lines[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="One throughput run (bench/throughput.py); prints JSON.")
    parser.add_argument("--profile", choices=[p.value for p in Profile], required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--window", type=int, default=50)
    parser.add_argument("--budget", type=float, default=0.0)
    parser.add_argument("--trace-memory", action="store_true")
    arguments = parser.parse_args(argv)
    quiet_engine_logs()
    result = run_throughput(
        Profile(arguments.profile), arguments.n, arguments.window, arguments.budget, arguments.trace_memory
    )
    sys.stdout.write(RESULT_MARK + json.dumps(asdict(result)) + "\n")
    sys.stdout.flush()
    # Executions that a cap or a stall left behind run on daemon threads; nothing here must wait for them.
    os._exit(0)


if __name__ == "__main__":
    main()
