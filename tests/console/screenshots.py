"""Screenshots of every console view, for the README and for looking at the pages as a person would.

    .venv/bin/python -m tests.console.screenshots [OUTPUT_DIR] [--all]

Writes ``console-execution.png`` (an execution waiting for its approval, as in the README) into OUTPUT_DIR
(default docs/images); with ``--all`` also every other view, full length, into OUTPUT_DIR/console/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.console.stack import PROJECT_DIR, ConsoleStack, serve_console, submission
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS


def _executions(console: ConsoleStack) -> dict[str, str]:
    approved = console.start("bm-approved", submission("https://example.com/approved", "Approved bookmark"))
    console.wait_for_event(approved, "TaskSubmitted")
    console.approve("bm-approved")
    console.wait_for_status(approved, "SUCCEEDED")
    waiting = console.start("bm-waiting", submission("https://docs.python.org/3/", "The Python documentation"))
    console.wait_for_event(waiting, "TaskSubmitted")
    console.break_approval_requests()
    failed = console.start("bm-failed", submission("https://example.com/broken", "Approval service down"))
    console.wait_for_status(failed, "FAILED")
    return {"approved": approved, "waiting": waiting, "failed": failed}


def _shoot(page: Page, url: str, path: Path, full_page: bool = False) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    print(f"wrote {path}")


def main(output: Path, all_views: bool) -> None:
    with serve_console(approval_timeout=3600) as console, sync_playwright() as playwright:
        executions = _executions(console)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 960})
        _shoot(page, console.execution_url(executions["waiting"]), output / "console-execution.png")
        if all_views:
            _shoot_all(page, console, executions, output / "console")
        browser.close()


def _shoot_all(page: Page, console: ConsoleStack, executions: dict[str, str], folder: Path) -> None:
    views = {
        "state-machines": console.url("/"),
        "state-machine": console.machine_url(),
        "executions": console.machine_url("/executions"),
        "start": console.machine_url("/start"),
        "execution-failed": console.execution_url(executions["failed"]),
        "execution-succeeded": console.execution_url(executions["approved"]),
        "stop": console.execution_url(executions["waiting"]) + "/stop",
    }
    for name, url in views.items():
        _shoot(page, url, folder / f"{name}.png", full_page=True)
    page.goto(console.machine_url("/start"))
    page.locator("#input").fill('{"submission": {"url": "https://example.com/x",}}')
    page.get_by_role("button", name="Start execution").click()
    page.screenshot(path=str(folder / "start-refused.png"), full_page=True)


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--all"]
    main(Path(arguments[0]) if arguments else PROJECT_DIR / "docs" / "images", "--all" in sys.argv[1:])
