"""The restart figures in docs/performance.md: the median of repeated runs, each run shown, and the verdict
against the 10 s target computed from the figures, not written by hand."""

from __future__ import annotations

from typing import Any

from bench.durability import section
from bench.restart import RestartResult, median


def _result(ready: float, stopped: str = "clean") -> RestartResult:
    return RestartResult(
        bookmarks=10_000,
        waiting=1_000,
        stopped=stopped,
        ready_seconds=ready,
        all_resumed_seconds=ready + 5,
        restore_seconds=3.0,
        resumed=1_000,
        journal_records=0,
        state_mb=24.0,
    )


def _results(restart: list[dict[str, Any]]) -> dict[str, Any]:
    throughput = {
        "n": 1,
        "window": 1,
        "repeats": 1,
        "runs": {},
        "median_executions_per_second": {"local": 1.0, "durable": 1.0},
        "durable_to_memory_ratio": 1.0,
    }
    machine = {"cpus": 2, "cpu_model": "test", "python": "3.11", "moto": "5"}
    return {"machine": machine, "load_average": [1.0], "throughput": throughput, "restart": restart}


def test_the_median_run_is_the_middle_one_by_ready_time() -> None:
    assert median([_result(12.0), _result(9.0), _result(30.0)]).ready_seconds == 12.0


def test_the_restart_table_shows_every_run_and_the_verdict_follows_the_figures() -> None:
    rows = [
        {**_result(9.1).__dict__, "ready_runs": [9.0, 10.0, 9.1]},
        {**_result(12.0, "kill -9").__dict__, "ready_runs": [13.2, 11.7, 12.0]},
    ]

    text = section(_results(rows))

    assert "| clean | 10,000 | 1,000 | 9.1 | 9.0 / 10.0 / 9.1 | 14.1 |" in text
    assert "met after a clean stop; not met after a kill -9 stop." in text
