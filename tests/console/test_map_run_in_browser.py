"""The map run page in headless Chromium while a real import runs: its status and counts follow the map run
without a reload, as AWS's Map Run page does while it processes items."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; browser tests need it")

from playwright.sync_api import Page, expect

from bench.bookmark_exports import chrome_export
from bookmarks_tasks.domain.imports.import_ids import execution_name_of
from tests.console.stack import ConsoleStack
from tests.support.workflow import wait_for

LINKS = 600


def _running_map_run(console: ConsoleStack, content: bytes) -> tuple[str, str]:
    """(the import's execution ARN, its map run's ARN) as soon as the map run has started."""
    import_id = console.running.client("maria").start_import(content)["importId"]
    machine = console.import_machine_arn
    execution = machine.replace(":stateMachine:", ":execution:") + ":" + execution_name_of(import_id)

    def started() -> Any:
        try:
            runs = console.sfn.list_map_runs(executionArn=execution)["mapRuns"]
        except console.sfn.exceptions.ExecutionDoesNotExist:
            return None
        return runs[0]["mapRunArn"] if runs else None

    return execution, str(wait_for(started, 60, "the import's map run", interval=0.05))


def test_the_map_run_page_follows_a_running_import_to_its_end_without_a_reload(
    console: ConsoleStack, page: Page
) -> None:
    execution, map_run = _running_map_run(console, chrome_export(LINKS, site="map-run-live.example").content)
    page.goto(console.execution_url(execution))
    page.locator("#map-runs a").click()
    expect(page.locator("#map-run-status")).to_contain_text("running")
    page.evaluate("window.loadedOnce = true")

    expect(page.locator("#map-run-status")).to_contain_text("succeeded", timeout=120_000)

    expect(page.locator('#itemCounts td[data-count="total"]')).to_have_text(str(LINKS))
    expect(page.locator('#itemCounts td[data-count="succeeded"]')).to_have_text(str(LINKS))
    expect(page.locator("#child-executions tr[data-child]")).to_have_count(LINKS // 100)
    assert page.evaluate("window.loadedOnce") is True
    assert re.search(re.escape(map_run.rsplit(":", 1)[-1]), page.content())
