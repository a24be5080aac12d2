"""Choice rules as the conditions written on the branches."""

from __future__ import annotations

from bookmarks_flow.diagrams.conditions import describe_rule


def test_a_boolean_comparison_reads_as_double_equals() -> None:
    assert describe_rule({"Variable": "$.validation.valid", "BooleanEquals": True}) == "$.validation.valid == true"


def test_string_values_are_quoted() -> None:
    assert describe_rule({"Variable": "$.decision", "StringEquals": "APPROVED"}) == '$.decision == "APPROVED"'


def test_numeric_operators_read_as_symbols() -> None:
    assert describe_rule({"Variable": "$.count", "NumericGreaterThanEquals": 3}) == "$.count >= 3"


def test_a_path_comparison_shows_the_path_unquoted() -> None:
    assert describe_rule({"Variable": "$.a", "TimestampLessThanPath": "$.b"}) == "$.a < $.b"


def test_is_present_reads_as_words() -> None:
    assert describe_rule({"Variable": "$.claim", "IsPresent": False}) == "$.claim is not present"


def test_and_or_and_not_combine_with_parentheses() -> None:
    rule = {
        "And": [
            {"Variable": "$.a", "IsNull": False},
            {"Or": [{"Variable": "$.b", "StringMatches": "x*"}, {"Not": {"Variable": "$.c", "IsString": True}}]},
        ]
    }
    assert describe_rule(rule) == '$.a is not null and ($.b matches "x*" or not ($.c is a string))'


def test_a_jsonata_condition_is_shown_without_its_braces() -> None:
    assert describe_rule({"Condition": "{% $states.input.ok %}", "Next": "X"}) == "$states.input.ok"
