"""``python -m bench.durability``: the cost of keeping state on disk, and how long a restart takes (issue 11).

- Throughput: the same workload as bench/throughput.py (submission → approval → notification, N executions,
  ``window`` in flight), run alternately with the state in memory (profile ``local``) and on disk with every
  acknowledgement fsynced (profile ``durable``), each run in a fresh process; the ratio of the medians is the
  cost of durability (target: the durable rate at least 75 % of the in-memory one).
- Restart: a state directory with B bookmarks and W executions waiting for a manager, stopped cleanly and by
  ``kill -9``; the time from a fresh process's start to ready (target: 10,000 and 1,000 within 10 s).

Results go to bench/results/durability.json; docs/performance.md shows them (bench/report.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import PROJECT_DIR
from bench.environments import Profile
from bench.machine import Machine
from bench.restart import measure as measure_restart
from bench.restart import median
from bench.throughput import measure as measure_throughput

RESULTS = PROJECT_DIR / "bench" / "results" / "durability.json"


def run(sizes: int, repeats: int, window: int, bookmarks: int, waiting: int, restart: bool = True) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {Profile.LOCAL.value: [], Profile.DURABLE.value: []}
    for _ in range(repeats):
        for profile in (Profile.LOCAL, Profile.DURABLE):
            result = measure_throughput(profile, sizes, window, 0.0, False, timeout=1800)
            runs[profile.value].append(asdict(result))
    medians = {
        name: statistics.median(run["executions_per_second"] for run in results) for name, results in runs.items()
    }
    restarts = json.loads(RESULTS.read_text(encoding="utf-8"))["restart"] if not restart else []
    for kill in (False, True) if restart else ():
        with tempfile.TemporaryDirectory(prefix="bench-restart-") as state:
            results = measure_restart(bookmarks, waiting, kill, Path(state), repeats=3)
            restarts.append({**asdict(median(results)), "ready_runs": [result.ready_seconds for result in results]})
    return {
        "machine": asdict(Machine.this()),
        "load_average": list(os.getloadavg()),
        "throughput": {
            "n": sizes,
            "window": window,
            "repeats": repeats,
            "runs": runs,
            "median_executions_per_second": medians,
            "durable_to_memory_ratio": round(medians["durable"] / medians["local"], 3) if medians["local"] else 0,
        },
        "restart": restarts,
    }


def _machine(results: dict[str, Any]) -> str:
    machine = results["machine"]
    load = ", ".join(f"{value:.1f}" for value in results.get("load_average", []))
    return (
        f"{machine['cpus']} CPUs ({machine['cpu_model']}), Python {machine['python']}, moto {machine['moto']}; "
        f"load average at the end {load} (the machine is shared)"
    )


_RESTART_HEADER = (
    "| stopped | bookmarks | waiting | ready (s), median | runs (s) | all resumed (s) | first decision (s) "
    "| restore (s) | journal records replayed | resumed | state (MB) |\n"
    "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
)
_COMPARISON_HEADER = "| code " + _RESTART_HEADER.replace("\n|", "\n| --- |", 1)
RESTART_TARGET_SECONDS = 10.0


def _restart_verdict(restarts: list[dict[str, Any]]) -> str:
    met = [r["stopped"] for r in restarts if r["ready_seconds"] <= RESTART_TARGET_SECONDS]
    missed = [r["stopped"] for r in restarts if r["ready_seconds"] > RESTART_TARGET_SECONDS]
    verdicts = [f"met after a {name} stop" for name in met] + [f"not met after a {name} stop" for name in missed]
    return "; ".join(verdicts) + "."


def _restart_row(r: dict[str, Any]) -> str:
    runs = " / ".join(f"{seconds:.1f}" for seconds in r.get("ready_runs", [r["ready_seconds"]]))
    resumed_at = r.get("all_resumed_seconds", r["ready_seconds"])
    decision = f"{r['first_decision_seconds']:.1f}" if r.get("first_decision_seconds") else "not measured"
    return (
        f"| {r['stopped']} | {r['bookmarks']:,} | {r['waiting']:,} | {r['ready_seconds']:.1f} | {runs} | "
        f"{resumed_at:.1f} | {decision} | {r['restore_seconds']:.1f} | {r['journal_records']:,} | {r['resumed']:,} | "
        f"{r['state_mb']:.0f} |"
    )


def section(results: dict[str, Any]) -> str:
    """The Durability section of docs/performance.md."""
    throughput = results["throughput"]
    medians = throughput["median_executions_per_second"]
    ratio = throughput["durable_to_memory_ratio"]
    rows = "\n".join(_restart_row(r) for r in results["restart"])
    comparison = "\n".join(f"| {r['code']} " + _restart_row(r) for r in results.get("restart_comparison", []))
    each = ", ".join(
        f"{name}: " + " / ".join(f"{run['executions_per_second']:.1f}" for run in runs)
        for name, runs in throughput["runs"].items()
    )
    return f"""## Durability

`bookmarks local` keeps its state on disk (a snapshot plus a journal of acknowledged changes, fsynced before
each acknowledgement leaves; see the README). Measured with `python -m bench.durability` on
{_machine(results)}.

**Cost of durability.** The throughput workload above (N = {throughput["n"]}, {throughput["window"]} in flight,
{throughput["repeats"]} runs of each, alternating): in memory {medians["local"]:.1f} executions/s, on disk
{medians["durable"]:.1f} executions/s (median), a ratio of **{ratio:.2f}** (target: at least 0.75). Each run: {each}.
On a machine this loaded the absolute rates are a fraction of the idle figures above and vary from run to run
by more than the cost measured; the ratio of alternating runs is what this shows. An earlier design that
fsynced after every request inside the process (each integration call of the engine) measured 0.54 on the
same machine; fsyncing once per answer that leaves the process (one fsync covers every record before it) is
what the ratio above measures.

**Restart.** From a fresh process's start to ready: imports, snapshot, journal replay, and every execution back
in the engine as the AWS CLI sees it (DescribeExecution, GetExecutionHistory, ListExecutions), a running one
pending without a thread. After ready, a background thread resumes the waiting executions one at a time, each
back at its callback with its old task token ("all resumed"); one that anything reaches first (its task token,
StopExecution) is resumed there and then. "First decision" keeps ready honest: right after ready, the approval
of the newest waiting execution (the last the background would reach) is sent as a manager's link sends it
(its task token from the approvals table, SendTaskSuccess), and timed until it is answered. Median of 3
restarts, each in a fresh process on a fresh copy of one built state directory
(`python -m bench.restart build --state-dir DIR [--kill]` once, then
`python -m bench.restart measure --state-dir DIR [--kill] --repeats 3`; the kill -9 state has a journal tail of
known size: the last 1,000 bookmarks and 40 of the waiting executions are added after the last snapshot):

{_RESTART_HEADER}
{rows}

{results.get("restart_measured", "")}

Before and after this change, alternating, on the same two state directories (one built state restarted and
stopped cleanly; the same with 1,000 bookmarks and 40 waiting executions added after its last snapshot, then
killed), 3 restarts each: before, every execution was resumed and back at its callback before ready, and the
garbage collector ran during the start. {results.get("restart_comparison_note", "")}

{_COMPARISON_HEADER}
{comparison}

Target: ready within 10 s: {_restart_verdict(results["restart"])} {results.get("restart_where", "")}

The bookmarks other than the waiting ones are written to the table directly (as approved items with their URL
claims), as real executions would have left them; the waiting ones are real executions at "Ask A Manager".
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="executions per throughput run")
    parser.add_argument("--repeats", type=int, default=3, help="throughput runs of each profile")
    parser.add_argument("--window", type=int, default=50)
    parser.add_argument("--bookmarks", type=int, default=10_000)
    parser.add_argument("--waiting", type=int, default=1_000)
    parser.add_argument("--no-restart", action="store_true", help="keep the restart figures of the last run")
    arguments = parser.parse_args(argv)
    results = run(
        arguments.n,
        arguments.repeats,
        arguments.window,
        arguments.bookmarks,
        arguments.waiting,
        not arguments.no_restart,
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(section(results))


if __name__ == "__main__":
    main()
