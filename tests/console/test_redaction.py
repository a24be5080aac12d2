"""Task tokens never reach the page: not under their key, not nested in JSON text, not quoted in prose."""

from __future__ import annotations

import json

from bookmarks_flow.console.redaction import REDACTED, Redactor, find_tokens, is_token_key

TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAb2y-a-very-long-task-token"


def test_camel_case_and_pascal_case_token_keys_are_token_keys() -> None:
    assert is_token_key("taskToken")
    assert is_token_key("TaskToken")


def test_a_path_to_the_token_is_not_a_token_key() -> None:
    assert not is_token_key("taskToken.$")


def test_a_token_under_its_key_is_replaced() -> None:
    assert Redactor().value({"taskToken": TOKEN, "bookmarkId": "b1"}) == {"taskToken": REDACTED, "bookmarkId": "b1"}


def test_a_token_in_a_nested_list_is_replaced() -> None:
    redacted = Redactor().value({"items": [{"TaskToken": TOKEN}]})

    assert redacted == {"items": [{"TaskToken": REDACTED}]}


def test_a_token_inside_json_text_is_replaced_and_the_text_stays_json() -> None:
    parameters = json.dumps({"FunctionName": "f", "Payload": {"taskToken": TOKEN, "bookmarkId": "b1"}})

    redacted = Redactor().text(parameters)

    assert json.loads(redacted) == {"FunctionName": "f", "Payload": {"taskToken": REDACTED, "bookmarkId": "b1"}}


def test_a_known_token_quoted_in_prose_is_replaced() -> None:
    redactor = Redactor([TOKEN])

    assert redactor.text(f"Task token {TOKEN} is invalid") == f"Task token {REDACTED} is invalid"


def test_tokens_are_found_inside_json_text_of_events() -> None:
    event = {"taskScheduledEventDetails": {"parameters": json.dumps({"Payload": {"taskToken": TOKEN}})}}

    assert find_tokens(event) == {TOKEN}


def test_a_redactor_learns_tokens_from_values_and_redacts_them_elsewhere() -> None:
    redactor = Redactor.from_values({"Payload": {"taskToken": TOKEN}})

    assert TOKEN not in redactor.text(json.dumps({"cause": f"token {TOKEN} expired"}))


def test_short_known_tokens_are_not_searched_for_in_prose() -> None:
    assert Redactor(["ab"]).text("a cab and a crab") == "a cab and a crab"


def test_values_without_tokens_are_unchanged() -> None:
    value = {"submission": {"url": "https://example.com/x", "tags": ["python"]}, "count": 3, "ok": True}

    assert Redactor([TOKEN]).value(value) == value


def test_text_that_is_not_json_is_returned_as_is() -> None:
    assert Redactor().text("{not json") == "{not json"
