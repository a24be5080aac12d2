"""How the local stack serves the web app: its files under a strict CSP, config.json from the stack's outputs,
and a same-origin Cognito endpoint that passes only what a browser needs."""

from __future__ import annotations

import json
from collections.abc import Mapping

import requests
from jsonschema import Draft4Validator
from playwright.sync_api import Page

from tests.support.stack_process import PROJECT_DIR, RunningStack

TARGET = "AWSCognitoIdentityProviderService."


def cognito(
    stack: RunningStack, action: str, body: Mapping[str, object], extra: Mapping[str, str] | None = None
) -> requests.Response:
    return requests.post(
        f"{stack.api}/_local/cognito/",
        data=json.dumps(body),
        headers={"X-Amz-Target": TARGET + action, "Content-Type": "application/x-amz-json-1.1", **(extra or {})},
        timeout=30,
    )


SIGN_IN_AS_ALICE = {"AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "alice", "PASSWORD": "x"}}


def test_the_app_is_served_at_the_root_under_a_strict_content_security_policy(stack: RunningStack) -> None:
    response = requests.get(f"{stack.api}/", timeout=30)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'none'" in policy


def test_config_json_names_the_stacks_pool_and_client(stack: RunningStack) -> None:
    config = requests.get(f"{stack.api}/config.json", timeout=30).json()
    local = stack.config()

    assert config["userPoolId"] == local["userPoolId"]
    assert config["userPoolClientId"] == local["userPoolClientId"]
    assert config["apiUrl"] == stack.api
    assert config["cognitoEndpoint"] == f"{stack.api}/_local/cognito/"


def test_files_outside_the_app_folder_are_not_served(stack: RunningStack) -> None:
    for path in ("/assets/../../pyproject.toml", "/assets/%2e%2e/%2e%2e/pyproject.toml", "/template.yaml"):
        response = requests.get(f"{stack.api}{path}", timeout=30)
        assert response.status_code in (403, 404), path
        assert "setuptools" not in response.text


def test_the_same_origin_cognito_endpoint_signs_a_demo_user_in(stack: RunningStack) -> None:
    body = {
        "AuthFlow": "USER_PASSWORD_AUTH",
        "ClientId": stack.config()["userPoolClientId"],
        "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Alice-demo-password-1"},
    }

    answer = cognito(stack, "InitiateAuth", body)

    assert answer.status_code == 200
    assert "IdToken" in answer.json()["AuthenticationResult"]


def test_the_same_origin_cognito_endpoint_refuses_another_web_origin(stack: RunningStack) -> None:
    body = {**SIGN_IN_AS_ALICE, "ClientId": stack.config()["userPoolClientId"]}

    answer = cognito(stack, "InitiateAuth", body, {"Origin": "https://evil.example"})

    assert answer.status_code == 403
    assert "another web origin" in answer.json()["message"]


def test_the_same_origin_cognito_endpoint_answers_the_apps_own_origin(stack: RunningStack) -> None:
    body = {**SIGN_IN_AS_ALICE, "ClientId": stack.config()["userPoolClientId"]}

    answer = cognito(stack, "InitiateAuth", body, {"Origin": stack.api})

    assert answer.status_code == 400  # Cognito's own answer to a wrong password, not a refusal of the origin
    assert "another web origin" not in answer.text


def test_the_same_origin_cognito_endpoint_refuses_administrative_calls(stack: RunningStack) -> None:
    answer = cognito(stack, "AdminCreateUser", {"UserPoolId": stack.config()["userPoolId"], "Username": "mallory"})

    assert answer.status_code == 400
    assert "not available from the browser" in answer.json()["message"]


SAMPLES: list[dict[str, object]] = [
    {"url": "https://example.com/"},
    {"url": "HTTP://example.com/a?b=c"},
    {"url": "ftp://example.com/"},
    {"url": "https://exa mple.com/"},
    {"url": "https://example.com/\u007f"},
    {"url": ""},
    {"title": "no url"},
    {"url": "https://example.com/", "title": "é" * 200},
    {"url": "https://example.com/", "title": "é" * 201},
    {"url": "https://example.com/", "title": "😀" * 200},
    {"url": "https://example.com/", "title": "bell\u0007"},
    {"url": "https://example.com/", "description": "two\nlines\tand a tab"},
    {"url": "https://example.com/", "tags": ["ok", "Fine-2"]},
    {"url": "https://example.com/", "tags": ["-leading"]},
    {"url": "https://example.com/", "tags": ["x" * 33]},
    {"url": "https://example.com/", "tags": [f"t{n}" for n in range(11)]},
    {"url": "https://example.com/", "tags": "python"},
    {"url": "https://example.com/", "submitter": "mallory"},
    {"url": "https://example.com/" + "a" * 2048},
]


def test_the_app_and_the_api_agree_on_which_suggestions_are_valid(stack: RunningStack, page: Page) -> None:
    schema = json.loads((PROJECT_DIR / "web" / "assets" / "submission.schema.json").read_text(encoding="utf-8"))
    api_verdicts = [Draft4Validator(schema).is_valid(sample) for sample in SAMPLES]
    page.goto(f"{stack.api}/")

    app_verdicts = page.evaluate(
        """async (samples) => {
            const { submissionSchema, validate } = await import('/assets/schema.js');
            const schema = await submissionSchema();
            return samples.map((sample) => validate(schema, sample).length === 0);
        }""",
        SAMPLES,
    )

    assert app_verdicts == api_verdicts
    assert True in api_verdicts
    assert False in api_verdicts
