"""The console over HTTP against the local environment: what leaves the server never carries a task token."""

from __future__ import annotations

import json
import urllib.request

from tests.console.stack import ConsoleStack, submission


def fetch(url: str) -> tuple[str, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), dict(response.headers)


def waiting_execution(console: ConsoleStack, name: str, title: str = "X") -> str:
    arn = console.start(name, submission(url=f"https://example.com/{name}", title=title))
    console.wait_for_event(arn, "TaskSubmitted")
    return arn


def test_the_execution_page_never_contains_the_task_token(console: ConsoleStack) -> None:
    arn = waiting_execution(console, "token-page")

    page, _ = fetch(console.execution_url(arn))

    assert console.task_token("token-page") not in page
    assert "[redacted task token]" in page


def test_the_live_update_never_contains_the_task_token(console: ConsoleStack) -> None:
    arn = waiting_execution(console, "token-live")

    body, headers = fetch(console.execution_url(arn) + "/live")

    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["running"] is True
    assert console.task_token("token-live") not in body


def test_the_exported_history_is_every_event_without_the_task_token(console: ConsoleStack) -> None:
    arn = waiting_execution(console, "token-export")

    body, headers = fetch(console.execution_url(arn) + "/history.json")

    document = json.loads(body)
    scheduled = [event for event in document["events"] if event["type"] == "TaskScheduled"]
    assert headers["Content-Disposition"] == 'attachment; filename="token-export-history.json"'
    assert len(document["events"]) == len(console.history(arn))
    assert scheduled[-1]["taskScheduledEventDetails"]["parameters"]["Payload"]["taskToken"] == "[redacted task token]"
    assert console.task_token("token-export") not in body


def test_execution_input_is_html_escaped(console: ConsoleStack) -> None:
    arn = waiting_execution(console, "escaped", title="<img src=x onerror=alert(1)>")

    page, _ = fetch(console.execution_url(arn))

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
