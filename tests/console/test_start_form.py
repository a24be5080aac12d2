"""What StartExecution would refuse is caught before sending, with a message that says how to fix it."""

from __future__ import annotations

from bookmarks_flow.console.start_form import validate_start


def test_valid_name_and_json_make_a_request() -> None:
    request, problems = validate_start("first", '{"a": 1}')

    assert problems == []
    assert request is not None
    assert (request.name, request.input) == ("first", '{"a": 1}')


def test_a_blank_name_gets_a_generated_one() -> None:
    request, _ = validate_start("  ", "{}")

    assert request is not None
    assert len(request.name) == 36


def test_invalid_json_is_reported_with_its_line_and_column() -> None:
    _, problems = validate_start("x", '{\n  "a": 1,\n}')

    assert problems == [
        "The input is not valid JSON: Expecting property name enclosed in double quotes at line 3, column 1."
    ]


def test_empty_input_is_reported_as_empty() -> None:
    _, problems = validate_start("x", "   ")

    assert problems == ["The input is empty. Enter a JSON document; {} is the empty object."]


def test_a_name_with_forbidden_characters_is_reported() -> None:
    _, problems = validate_start("my run", "{}")

    assert problems == ["The name contains characters Step Functions does not allow: space."]


def test_a_name_longer_than_eighty_characters_is_reported() -> None:
    _, problems = validate_start("n" * 81, "{}")

    assert problems == ["The name is 81 characters long; at most 80 are allowed."]


def test_input_over_the_payload_limit_is_reported() -> None:
    _, problems = validate_start("x", '"' + "a" * 262_144 + '"')

    assert problems == ["The input is 262,146 bytes; Step Functions accepts at most 262,144."]
