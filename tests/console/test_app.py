"""The WSGI app's own rules, against a stand-in Step Functions client: mounting, headers, CSRF, input checks."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client
from werkzeug.wrappers import Response

from bookmarks_flow.console import create_console_app

MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:demo"
START = f"/_local/console/state-machines/{MACHINE_ARN}/start"


class FakeStepFunctions:
    """Just enough of the API for the pages that list and start; records what was started, pages like the API."""

    def __init__(self) -> None:
        self.started: list[dict[str, Any]] = []
        self.executions: list[dict[str, Any]] = []

    def list_state_machines(self, **_: Any) -> dict[str, Any]:
        created = datetime(2026, 11, 23, tzinfo=UTC)
        return {
            "stateMachines": [
                {"stateMachineArn": MACHINE_ARN, "name": "demo", "type": "STANDARD", "creationDate": created}
            ]
        }

    def list_executions(self, maxResults: int = 100, nextToken: str = "0", **_: Any) -> dict[str, Any]:
        offset = int(nextToken)
        page: dict[str, Any] = {"executions": self.executions[offset : offset + maxResults]}
        if offset + maxResults < len(self.executions):
            page["nextToken"] = str(offset + maxResults)
        return page

    def start_execution(self, **kwargs: Any) -> dict[str, Any]:
        self.started.append(kwargs)
        return {"executionArn": f"arn:aws:states:us-east-1:123456789012:execution:demo:{kwargs['name']}"}


def client(fake: FakeStepFunctions | None = None) -> Client:
    stand_in = fake or FakeStepFunctions()
    return Client(create_console_app(lambda: stand_in))


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def test_the_console_answers_under_its_mount_path() -> None:
    response = client().get("/_local/console/")

    assert response.status_code == 200
    assert "demo" in response.get_data(as_text=True)


def test_paths_outside_the_mount_are_not_found() -> None:
    assert client().get("/somewhere-else").status_code == 404


def test_the_console_also_works_behind_a_dispatcher_that_strips_the_mount() -> None:
    stand_in = FakeStepFunctions()
    mounted = DispatcherMiddleware(Response("api", 200), {"/_local/console": create_console_app(lambda: stand_in)})

    response = Client(mounted).get("/_local/console/")

    assert response.status_code == 200
    assert 'href="/_local/console/state-machines/' in response.get_data(as_text=True)


def test_every_link_stays_under_the_mount_path() -> None:
    page = client().get("/_local/console/").get_data(as_text=True)

    links = re.findall(r'(?:href|src|action)="([^"]*)"', page)

    assert links
    assert all(link.startswith("/_local/console/") or link == "data:," for link in links)


def test_pages_carry_the_security_headers() -> None:
    headers = client().get("/_local/console/").headers

    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_not_found_responses_carry_the_security_headers_too() -> None:
    assert client().get("/_local/console/no-such-page").headers["X-Frame-Options"] == "DENY"


def test_the_script_is_served_from_the_console_itself() -> None:
    response = client().get("/_local/console/static/console.js")

    assert response.status_code == 200
    assert response.mimetype in ("text/javascript", "application/javascript")


def test_a_start_without_the_csrf_token_is_refused_and_starts_nothing() -> None:
    fake = FakeStepFunctions()

    response = client(fake).post(START, data={"name": "x", "input": "{}"})

    assert response.status_code == 403
    assert fake.started == []


def test_a_cross_site_start_is_refused_even_with_the_token() -> None:
    fake = FakeStepFunctions()
    browser = client(fake)
    token = csrf_token(browser.get(START).get_data(as_text=True))

    response = browser.post(
        START, data={"csrf_token": token, "name": "x", "input": "{}"}, headers={"Sec-Fetch-Site": "cross-site"}
    )

    assert response.status_code == 403
    assert fake.started == []


def test_a_valid_start_redirects_to_the_new_execution() -> None:
    fake = FakeStepFunctions()
    browser = client(fake)
    token = csrf_token(browser.get(START).get_data(as_text=True))

    response = browser.post(START, data={"csrf_token": token, "name": "first", "input": '{"a": 1}'})

    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        "/_local/console/executions/arn:aws:states:us-east-1:123456789012:execution:demo:first"
    )
    assert fake.started == [{"stateMachineArn": MACHINE_ARN, "name": "first", "input": '{"a": 1}'}]


def test_invalid_json_is_shown_back_with_the_reason_and_not_sent() -> None:
    fake = FakeStepFunctions()
    browser = client(fake)
    token = csrf_token(browser.get(START).get_data(as_text=True))

    response = browser.post(START, data={"csrf_token": token, "name": "x", "input": '{"a": }'})

    assert response.status_code == 400
    assert "The input is not valid JSON: Expecting value at line 1, column 7." in response.get_data(as_text=True)
    assert fake.started == []


def test_the_refused_input_is_escaped_when_shown_back() -> None:
    browser = client()
    token = csrf_token(browser.get(START).get_data(as_text=True))

    page = browser.post(START, data={"csrf_token": token, "input": "</textarea><script>x()</script>"}).get_data(
        as_text=True
    )

    assert "<script>x()" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;x()" in page


def test_the_executions_list_pages_with_the_next_token() -> None:
    fake = FakeStepFunctions()
    fake.executions = [
        {
            "executionArn": f"arn:aws:states:us-east-1:123456789012:execution:demo:run-{number:02d}",
            "name": f"run-{number:02d}",
            "status": "SUCCEEDED",
            "startDate": datetime(2026, 11, 23, 12, 0, 59 - number, tzinfo=UTC),
        }
        for number in range(30)
    ]
    browser = client(fake)
    first = browser.get(f"/_local/console/state-machines/{MACHINE_ARN}/executions").get_data(as_text=True)
    older = re.search(r'href="([^"]*next_token=25[^"]*)">Older', first)
    assert older is not None

    second = browser.get(older.group(1).replace("&amp;", "&")).get_data(as_text=True)

    assert "run-24" in first
    assert "run-25" not in first
    assert re.findall(r">run-(\d\d)<", second) == ["25", "26", "27", "28", "29"]
