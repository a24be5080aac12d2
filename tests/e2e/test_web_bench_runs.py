"""The web app's bench runs end to end at a tiny size on the session's stack and reports every figure it
promises. Speed is never asserted: the figures describe the machine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; the bench needs it")

from playwright.sync_api import Browser

from bench.web_app import SECTION_END, SECTION_START, markdown, run, write_section
from tests.support.stack_process import RunningStack


def test_the_web_bench_reports_first_load_search_latency_and_cost(
    stack: RunningStack, browser: Browser, tmp_path: Path
) -> None:
    """Uses the session's browser: when this file shares a worker with the browser tests, a second sync
    Playwright in the process fails ("using Playwright Sync API inside the asyncio loop")."""
    results = run(stack, bookmarks=30, repeats=2, browser=browser, rounds=2)

    assert results["first_load"]["requests"] >= 5
    assert results["first_load"]["transferred_bytes"] > results["first_load"]["static_gzip_bytes"] > 0
    assert {kind["name"] for kind in results["searches"]} >= {"newest, no words", "tag"}
    assert all(kind["latency"]["p95_ms"] > 0 for kind in results["searches"])
    assert len(results["rounds_p95_all_ms"]) == 2
    assert results["p95_all_ms"] in results["rounds_p95_all_ms"]
    cost = results["cost_per_1000_searches"]
    assert cost["total_most"] > cost["total_usual"] > 0
    assert cost["index_items_per_bookmark"] > 1
    document = tmp_path / "performance.md"
    document.write_text("# Performance\n\nthe rest\n", encoding="utf-8")
    write_section(document, markdown(results))
    write_section(document, markdown(results))
    text = document.read_text(encoding="utf-8")
    assert text.count(SECTION_START) == text.count(SECTION_END) == 1
    assert text.startswith("# Performance\n\nthe rest\n")
