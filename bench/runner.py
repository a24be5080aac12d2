"""Runs the whole bench in a bounded time and returns every figure as one JSON-ready document.

Order: latency and the cost paths share one local environment; the expired path gets its own (a short
approval timeout); then the throughput runs, each in its own process, local, local-no-iam and stock at every N.
Stock moto is slow, so each of its runs stops at a time budget and reports the rate it reached (labelled as
capped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from bench import PROJECT_DIR
from bench.cost_model import (
    COURSE,
    TUTORIAL,
    ModelledDesign,
    StackFacts,
    Usage,
    check_targets,
    measured_usage,
    median,
    our_api_usage,
    usage_table,
)
from bench.environments import Profile, bench_environment
from bench.latency import measure_latency
from bench.machine import Machine
from bench.paths import FOLLOW_UP_PARAMETERS, Path, PathRun, run_expired, run_follow_ups, run_paths, warm_up
from bench.prices import PRICES
from bench.throughput import measure
from bookmarks_flow.local.cfn_template import load_template

PER = 1000  # bookmarks the costs are quoted for
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    # A local execution now takes about 200 ms of this machine's time (12 transitions, IAM on every call): N = 5000
    # would pass run_timeout_seconds, so the largest default run is 2000 (about 7 minutes per local profile).
    sizes: list[int] = field(default_factory=lambda: [100, 1000, 2000])
    window: int = 50
    stock_budget_seconds: float = 45.0
    local_budget_seconds: float = 0.0  # 0: no cap
    latency_runs: int = 200
    cost_repeats: int = 3
    expiry_seconds: int = 2
    trace_memory: bool = False
    run_timeout_seconds: float = 900.0


def _approval_timeout_floor() -> int:
    """The template's MinValue for ApprovalTimeoutSeconds: the expired path never goes below it."""
    parameter = load_template(PROJECT_DIR / "template.yaml")["Parameters"]["ApprovalTimeoutSeconds"]
    return int(parameter.get("MinValue", 1))


def _cost_per_thousand(usage: Usage) -> dict[str, Any]:
    by_service = {name: round(value * PER, 5) for name, value in usage.costs(PRICES).items() if value}
    return {"total": round(usage.cost(PRICES) * PER, 5), "by_service": by_service}


def _comparison(design: ModelledDesign) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for path in Path:
        usage = design.paths[path]
        entry: dict[str, Any] = {"note": design.notes.get(path, "")}
        if usage is not None:
            entry |= {"usage": usage_table(usage), "cost_per_1000": _cost_per_thousand(usage)}
        paths[path.value] = entry
    return {"name": design.name, "source": design.source, "paths": paths}


def _cost(runs: list[PathRun], facts: StackFacts, expiry_seconds: int) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    approved = Usage()
    for path in Path:
        path_runs = [run for run in runs if run.path is path]
        if not path_runs:
            continue
        workflow = median([measured_usage(run, facts) for run in path_runs])
        approval_bytes = max(run.item_bytes.get("ApprovalsTable", 0) for run in path_runs)
        api = our_api_usage(path, approval_bytes)
        total = workflow + api
        if path is Path.APPROVED:
            approved = workflow
        paths[path.value] = {
            "runs": len(path_runs),
            "statuses": sorted({run.status for run in path_runs}),
            "workflow_measured": usage_table(workflow),
            "api_modelled": usage_table(api),
            "cost_per_1000_workflow": _cost_per_thousand(workflow),
            "cost_per_1000_total": _cost_per_thousand(total),
            "lambda_duration_x10_cost_per_1000": round(
                (total + Usage(lambda_gb_seconds=workflow.lambda_gb_seconds * 9)).cost(PRICES) * PER, 5
            ),
            "item_bytes": max((run.item_bytes for run in path_runs), key=lambda sizes: sum(sizes.values())),
        }
    targets = check_targets(approved, [run for run in runs if run.path is Path.APPROVED])
    return {
        "prices": PRICES.describe(),
        "per": PER,
        "expiry_seconds": expiry_seconds,
        "paths": paths,
        "comparisons": {"course": _comparison(COURSE), "tutorial": _comparison(TUTORIAL)},
        "targets": [asdict(check) for check in targets],
    }


def run_bench(settings: Settings, progress: Progress) -> dict[str, Any]:
    started = datetime.now(UTC)
    expiry = max(settings.expiry_seconds, _approval_timeout_floor())

    progress(f"latency: {settings.latency_runs} serial runs; cost model: {settings.cost_repeats} runs of each path")
    with bench_environment(Profile.LOCAL, {"ApprovalTimeoutSeconds": "300"}) as environment:
        latency = measure_latency(environment, settings.latency_runs)
        facts = StackFacts.of(environment)
        warm_up(environment)
        request_approval = next(f.name for f in environment.runtime.functions if "RequestApproval" in f.name)
        runs = run_paths(environment, settings.cost_repeats, fault_function=request_approval)
    progress(f"cost model: the expired path (ApprovalTimeoutSeconds={expiry})")
    with bench_environment(Profile.LOCAL, {"ApprovalTimeoutSeconds": str(expiry)}) as environment:
        warm_up(environment, expiring=True)
        runs += run_expired(environment, settings.cost_repeats)
    progress("cost model: reminder, escalation and two-person paths")
    with bench_environment(Profile.LOCAL, FOLLOW_UP_PARAMETERS) as environment:
        warm_up(environment)
        runs += run_follow_ups(environment, settings.cost_repeats)
    cost = _cost(runs, facts, expiry)

    throughput: list[dict[str, Any]] = []
    for size in settings.sizes:
        row: dict[str, Any] = {"n": size}
        for profile, budget in (
            (Profile.LOCAL, settings.local_budget_seconds),
            (Profile.LOCAL_NO_IAM, settings.local_budget_seconds),
            (Profile.STOCK, settings.stock_budget_seconds),
        ):
            progress(f"throughput: {profile.value}, N={size}" + (f", budget {budget:g} s" if budget else ""))
            result = measure(
                profile, size, settings.window, budget, settings.trace_memory, settings.run_timeout_seconds
            )
            row[profile.value] = asdict(result)
        stock_rate = row["stock"]["executions_per_second"]
        row["ratio"] = round(row["local"]["executions_per_second"] / stock_rate, 2) if stock_rate else None
        without_iam = row[Profile.LOCAL_NO_IAM.value]["executions_per_second"]
        row["iam_ratio"] = round(row["local"]["executions_per_second"] / without_iam, 2) if without_iam else None
        throughput.append(row)

    return {
        "generated": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
        "machine": asdict(Machine.this()),
        "settings": asdict(settings),
        "throughput": throughput,
        "latency": asdict(latency),
        "cost": cost,
    }
