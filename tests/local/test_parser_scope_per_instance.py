"""moto's ASL parser keeps one list of query-language scopes for the whole process; the adapter gives each parse
its own, so a JSONata definition being parsed in one thread never changes how another thread reads a JSONPath
definition."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from moto.stepfunctions.parser.asl.component.common.query_language import QueryLanguage, QueryLanguageMode
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor

from bookmarks_flow.local.moto_adapters import parser_scope_per_instance

JSONPATH_DEFINITION = json.dumps(
    {
        "StartAt": "Shape",
        "States": {"Shape": {"Type": "Pass", "Parameters": {"url.$": "$.url"}, "End": True}},
    }
)


@pytest.fixture
def adapter() -> Iterator[None]:
    undo = parser_scope_per_instance.install()
    yield
    undo()


def a_jsonata_parse_in_flight() -> Preprocessor:
    """A preprocessor half-way through a JSONata definition: its scope is open."""
    preprocessor = Preprocessor()
    getattr(preprocessor, parser_scope_per_instance.SHARED_ATTRIBUTE).append(
        QueryLanguage(query_language_mode=QueryLanguageMode.JSONata)
    )
    return preprocessor


def test_upstream_parsers_still_read_each_other_s_query_language_scope() -> None:
    in_flight = a_jsonata_parse_in_flight()
    try:
        with pytest.raises(ValueError, match="Unsupported declaration in QueryLanguage=JSONPath block"):
            AmazonStateLanguageParser.parse(JSONPATH_DEFINITION)
    finally:
        getattr(in_flight, parser_scope_per_instance.SHARED_ATTRIBUTE).clear()


def test_a_jsonpath_definition_parses_while_a_jsonata_one_is_being_parsed(adapter: None) -> None:
    in_flight = a_jsonata_parse_in_flight()

    program, _ = AmazonStateLanguageParser.parse(JSONPATH_DEFINITION)

    assert program is not None
    assert len(getattr(in_flight, parser_scope_per_instance.SHARED_ATTRIBUTE)) == 1
