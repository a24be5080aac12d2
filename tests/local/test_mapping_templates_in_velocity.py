"""The API's mapping templates rendered by Apache Velocity (as API Gateway runs them) and by the local engine
(airspeed-ext) give identical, valid JSON for a corpus of messages, hostile ones included.

The Java runner (tests/support/velocity/VelocityRunner.java) is compiled at test time against Debian's
velocity 1.7 and commons-lang 2 jars; CI installs them (.ci/run: velocity, default-jdk-headless).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmarks_flow.local.api.vtl import InputVariable, render

PROJECT = Path(__file__).resolve().parents[2]
JARS = [Path("/usr/share/java") / name for name in ("velocity.jar", "commons-lang.jar", "commons-collections3.jar")]
HOSTILE = [
    'a"b',
    "it's",
    "back\\slash",
    "line\nbreak\r\ttab",
    "\u0000\u0007\u001f\u007f",
    "caf\u00e9 \u4e2d\u6587 \U0001f600",
    "</script><script>alert(1)</script>",
    '"}, "stateMachineArn": "arn:aws:states:::x", "x": {"',
    "$context.requestId ${util} #set($x = 1)",
    "\u2028\u2029",
    "url: does not match '^[Hh][Tt][Tt][Pp][Ss]?://[^\\x00-\\x20\\x7f]+$'",
]


def templates_with_messages() -> dict[str, str]:
    document = yaml.safe_load((PROJECT / "api" / "openapi.yaml").read_text())
    found = {}
    for kind, response in document["x-amazon-apigateway-gateway-responses"].items():
        template = response.get("responseTemplates", {}).get("application/json", "")
        if "validationErrorString" in template:
            found[kind] = template
    return found


@pytest.fixture(scope="module")
def velocity(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = [str(jar) for jar in JARS if not jar.exists()]
    if missing or shutil.which("javac") is None:
        reason = f"Apache Velocity needs {missing or 'javac'} (Debian: velocity, default-jdk-headless)"
        if os.environ.get("REQUIRE_VELOCITY") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    build = tmp_path_factory.mktemp("velocity")
    classpath = os.pathsep.join(str(jar) for jar in JARS)
    source = PROJECT / "tests" / "support" / "velocity" / "VelocityRunner.java"
    subprocess.run(["javac", "-cp", classpath, "-d", str(build), str(source)], check=True, capture_output=True)

    runner = subprocess.Popen(
        ["java", "-cp", os.pathsep.join([str(build), classpath]), "VelocityRunner"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert runner.stdin is not None
    assert runner.stdout is not None
    requests, answers = runner.stdin, runner.stdout

    def encoded(text: str) -> str:
        return base64.b64encode(text.encode("utf-8")).decode()

    def run(template: str, messages: list[str]) -> list[str]:
        rendered = []
        for message in messages:
            requests.write(f"{encoded(template)}\t{encoded(message)}\n")
            requests.flush()
            rendered.append(base64.b64decode(answers.readline()).decode("utf-8"))
        return rendered

    # One JVM for the module: starting Java for each of hypothesis's examples took most of the test's time.
    yield run
    requests.close()
    runner.wait(timeout=30)


def local(template: str, message: str) -> str:
    context = {
        "requestId": "request-1",
        "error": {"message": message, "messageString": f'"{message}"', "validationErrorString": message},
    }
    return render(template, input_variable=InputVariable("", {}), context=context)


def assert_same_valid_json(velocity: Any, messages: list[str]) -> None:
    for kind, template in templates_with_messages().items():
        expected = velocity(template, messages)
        for message, by_velocity in zip(messages, expected, strict=True):
            by_airspeed = local(template, message)
            assert by_airspeed == by_velocity, (kind, message)
            assert message in json.loads(by_velocity)["message"], (kind, message)


def test_the_document_has_templates_that_carry_request_text() -> None:
    assert set(templates_with_messages()) >= {"BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS"}


def test_hostile_messages_render_identically_as_valid_json(velocity: Any) -> None:
    assert_same_valid_json(velocity, HOSTILE)


@settings(max_examples=25, deadline=None)
@given(messages=st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=60), min_size=1, max_size=20))
def test_generated_messages_render_identically_as_valid_json(velocity: Any, messages: list[str]) -> None:
    assert_same_valid_json(velocity, messages)


def every_template() -> list[str]:
    document = yaml.safe_load((PROJECT / "api" / "openapi.yaml").read_text())
    found = [
        str(template)
        for response in document["x-amazon-apigateway-gateway-responses"].values()
        for template in response.get("responseTemplates", {}).values()
    ]
    for item in document["paths"].values():
        for operation in item.values():
            integration = operation.get("x-amazon-apigateway-integration", {}) if isinstance(operation, dict) else {}
            found += [str(template) for template in integration.get("requestTemplates", {}).values()]
            for response in integration.get("responses", {}).values():
                found += [str(template) for template in response.get("responseTemplates", {}).values()]
    return found


def test_no_template_follows_a_reference_with_a_hyphen() -> None:
    """Velocity reads ``$claims.sub-$key`` as a property named ``sub-``: use ``${claims.sub}-${key}``."""
    informal = re.compile(r"\$!?[A-Za-z][\w.]*-")
    assert [template for template in every_template() if informal.search(template)] == []
