"""``python -m bench``: measure, print the tables, write bench/results/latest.json and docs/performance.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from bench import PROJECT_DIR
from bench.environments import quiet_engine_logs
from bench.report import print_report, write_json, write_markdown
from bench.runner import Settings, run_bench

DEFAULT_JSON = PROJECT_DIR / "bench" / "results" / "latest.json"
DEFAULT_MARKDOWN = PROJECT_DIR / "docs" / "performance.md"


def parse(argv: list[str]) -> tuple[Settings, Path, Path]:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=defaults.sizes, help="throughput run sizes (N)")
    parser.add_argument("--window", type=int, default=defaults.window, help="executions in flight")
    parser.add_argument(
        "--stock-budget", type=float, default=defaults.stock_budget_seconds, help="seconds per stock run (0: none)"
    )
    parser.add_argument(
        "--local-budget", type=float, default=defaults.local_budget_seconds, help="seconds per local run (0: none)"
    )
    parser.add_argument("--latency-runs", type=int, default=defaults.latency_runs)
    parser.add_argument("--cost-repeats", type=int, default=defaults.cost_repeats, help="runs of each path")
    parser.add_argument(
        "--expiry-seconds",
        type=int,
        default=defaults.expiry_seconds,
        help="ApprovalTimeoutSeconds for the expired path (never below the template's MinValue)",
    )
    parser.add_argument("--trace-memory", action="store_true", help="also trace allocations (slows the runs)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the JSON results go")
    parser.add_argument("--markdown", type=Path, default=DEFAULT_MARKDOWN, help="where the Markdown report goes")
    arguments = parser.parse_args(argv)
    settings = Settings(
        sizes=arguments.sizes,
        window=arguments.window,
        stock_budget_seconds=arguments.stock_budget,
        local_budget_seconds=arguments.local_budget,
        latency_runs=arguments.latency_runs,
        cost_repeats=arguments.cost_repeats,
        expiry_seconds=arguments.expiry_seconds,
        trace_memory=arguments.trace_memory,
    )
    return settings, arguments.json, arguments.markdown


def main(argv: list[str] | None = None) -> None:
    settings, json_path, markdown_path = parse(sys.argv[1:] if argv is None else argv)
    quiet_engine_logs()
    # The functions' output is discarded by the bench runtime; the console keeps the real stdout.
    console = Console(file=sys.__stdout__, stderr=False)
    with console.status("bench") as status:
        results = run_bench(settings, lambda message: status.update(f"bench: {message}"))
    print_report(results, console)
    write_json(results, json_path)
    write_markdown(results, markdown_path)
    console.print(f"Wrote {json_path} and {markdown_path}")


if __name__ == "__main__":
    main()
