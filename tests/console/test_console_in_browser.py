"""The console in headless Chromium against a real HTTP server: what a person sees and can do."""

from __future__ import annotations

import json
import os
import re
import time

import pytest

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; browser tests need it")

from playwright.sync_api import Page, expect

from bookmarks_flow.diagrams.palette import STATUS_LOOKS
from tests.console.stack import ConsoleStack, submission


def approval_link(console: ConsoleStack, arn: str) -> str:
    submitted = next(event for event in console.history(arn) if event["type"] == "TaskSubmitted")
    return str(json.loads(submitted["taskSubmittedEventDetails"]["output"])["Payload"]["approvalLink"])


def test_a_waiting_execution_marks_the_waiting_state_and_shows_the_approval_link_but_not_the_token(
    console: ConsoleStack, page: Page
) -> None:
    arn = console.start("waiting-for-approval")
    console.wait_for_event(arn, "TaskSubmitted")

    page.goto(console.execution_url(arn))

    expect(page.locator('#graph g.node[data-state="Ask A Manager"]')).to_have_class(re.compile(r"\bstatus-waiting\b"))
    expect(page.locator("#callback")).to_contain_text("Waiting for a callback")
    expect(page.locator("#callback a.approval-link")).to_have_attribute("href", approval_link(console, arn))
    assert console.task_token("waiting-for-approval") not in page.content()


def test_approving_turns_the_graph_green_and_the_status_succeeded_without_a_reload(
    console: ConsoleStack, page: Page
) -> None:
    arn = console.start("approved-live")
    console.wait_for_event(arn, "TaskSubmitted")
    page.goto(console.execution_url(arn))
    expect(page.locator("#execution-status")).to_contain_text("running")
    page.evaluate("window.loadedOnce = true")

    console.approve("approved-live")

    expect(page.locator("#execution-status")).to_contain_text("succeeded", timeout=20_000)
    approved = page.locator('#graph g.node[data-state="Bookmark Approved"]')
    expect(approved).to_have_class(re.compile(r"\bstatus-succeeded\b"))
    expect(page.locator('#graph g.node[data-state="Ask A Manager"]')).to_have_class(re.compile(r"\bstatus-succeeded\b"))
    assert approved.locator("path, polygon").first.get_attribute("fill") == STATUS_LOOKS["succeeded"].fill
    assert page.evaluate("window.loadedOnce") is True


def test_a_failed_execution_shows_the_failing_state_its_error_and_its_cause(
    fresh_console: ConsoleStack, page: Page
) -> None:
    console = fresh_console
    console.break_approval_requests()
    arn = console.start("approval-broken")
    console.wait_for_status(arn, "FAILED")

    page.goto(console.execution_url(arn))

    expect(page.locator('#graph g.node[data-state="Ask A Manager"]')).to_have_class(re.compile(r"\bstatus-caught\b"))
    expect(page.locator('#graph g.node[data-state="Submission Failed"]')).to_have_class(
        re.compile(r"\bstatus-failed\b")
    )
    expect(page.locator("#selected-state")).to_contain_text("Ask A Manager")
    expect(page.locator("#detail .error-name")).to_have_text("NotFoundException")
    expect(page.locator("#detail .state-error .cause")).to_contain_text("when calling the Publish operation")
    expect(page.locator("#detail table.attempts")).to_contain_text("failed")


def test_clicking_a_state_in_the_graph_shows_its_details(console: ConsoleStack, page: Page) -> None:
    arn = console.start("click-a-state")
    console.wait_for_event(arn, "TaskSubmitted")
    page.goto(console.execution_url(arn))
    expect(page.locator("#selected-state")).to_contain_text("Ask A Manager")  # the page has settled on its own
    page.wait_for_load_state("networkidle")

    page.locator('#graph g.node[data-state="Validate Submission"]').click()

    expect(page.locator("#selected-state")).to_contain_text("Validate Submission")
    expect(page.locator("#detail")).to_contain_text('"normalizedUrl": "https://example.com/click-a-state"')
    assert "state=Validate+Submission" in page.url


def test_starting_an_execution_from_the_console_opens_it(console: ConsoleStack, page: Page) -> None:
    page.goto(console.machine_url())
    page.get_by_role("link", name="Start execution").first.click()
    page.locator("#name").fill("started-in-the-console")
    page.locator("#input").fill(json.dumps(submission("https://example.com/from-console")))

    page.get_by_role("button", name="Start execution").click()

    expect(page.locator("h1")).to_contain_text("started-in-the-console")
    expect(page.locator("#detail")).to_contain_text("Ask A Manager", timeout=20_000)
    executions = console.sfn.list_executions(stateMachineArn=console.machine_arn)["executions"]
    assert [item["name"] for item in executions].count("started-in-the-console") == 1


def test_invalid_json_input_is_refused_with_a_clear_error(
    console: ConsoleStack, page: Page, browser_errors: list[str]
) -> None:
    before = console.sfn.list_executions(stateMachineArn=console.machine_arn)["executions"]
    page.goto(console.machine_url("/start"))
    page.locator("#input").fill('{"submission": {"url": "https://example.com/x",}}')

    page.get_by_role("button", name="Start execution").click()

    expect(page.locator("#start-problems")).to_contain_text("The input is not valid JSON")
    expect(page.locator("#start-problems")).to_contain_text("line 1, column 48")
    assert console.sfn.list_executions(stateMachineArn=console.machine_arn)["executions"] == before
    # The refused form comes back as 400 Bad Request, which Chromium logs; that one is expected.
    browser_errors[:] = [error for error in browser_errors if "status of 400" not in error]


def test_stopping_a_running_execution_asks_first_then_aborts_it(console: ConsoleStack, page: Page) -> None:
    # moto's engine ignores StopExecution while a task waits for its token, so this execution only waits.
    machine = console.create_waiting_machine()
    arn = str(console.sfn.start_execution(stateMachineArn=machine, name="to-be-stopped", input="{}")["executionArn"])
    page.goto(console.execution_url(arn))

    page.get_by_role("link", name="Stop execution…").click()
    expect(page.locator("h1")).to_contain_text("Stop execution to-be-stopped?")
    assert console.sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    page.get_by_role("button", name="Stop execution").click()

    expect(page.locator("#execution-status")).to_contain_text("aborted")
    assert console.sfn.describe_execution(executionArn=arn)["status"] == "ABORTED"


def test_the_history_table_filters_by_state(console: ConsoleStack, page: Page) -> None:
    arn = console.start("filtered-history")
    console.wait_for_event(arn, "TaskSubmitted")
    page.goto(console.execution_url(arn))

    page.locator("select[name=events_state]").select_option("Claim The URL")
    page.get_by_role("button", name="Filter").click()

    states = page.locator("table.events tbody td:nth-child(3)").all_inner_texts()
    assert states
    assert set(states) == {"Claim The URL"}


def test_a_running_page_stops_polling_once_the_execution_ends(console: ConsoleStack, page: Page) -> None:
    arn = console.start("polling-ends")
    console.wait_for_event(arn, "TaskSubmitted")
    page.goto(console.execution_url(arn))
    console.approve("polling-ends")
    expect(page.locator("#execution-status")).to_contain_text("succeeded", timeout=20_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    time.sleep(5)

    assert [url for url in requests if "/live" in url] == []
