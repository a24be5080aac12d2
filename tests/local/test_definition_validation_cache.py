"""The definition validation cache: a definition that parsed once is not parsed again on CreateStateMachine; an
invalid one is still parsed and refused every time; undoing the adapter leaves moto as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser

from bookmarks_flow.local.moto_adapters import definition_validation_cache
from bookmarks_flow.local.moto_adapters.definition_validation_cache import ValidDefinitions
from bookmarks_flow.local.moto_adapters.patching import replace_attribute

ROLE = "arn:aws:iam::123456789012:role/workflow"
VALID = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
INVALID = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Nope", "End": True}}})


@pytest.fixture
def parses() -> Iterator[list[str]]:
    """Every definition moto's ASL parser is asked to parse."""
    seen: list[str] = []
    original = AmazonStateLanguageParser.parse

    def parse(definition: str) -> Any:
        seen.append(definition)
        return original(definition)

    undo = replace_attribute(AmazonStateLanguageParser, "parse", staticmethod(parse))
    yield seen
    # replace_attribute put back the plain function; the parser's parse is a static method.
    undo()
    AmazonStateLanguageParser.parse = staticmethod(original)  # type: ignore[method-assign]


def _create(name: str, definition: str) -> None:
    boto3.client("stepfunctions", region_name="us-east-1").create_state_machine(
        name=name, definition=definition, roleArn=ROLE
    )


def test_a_valid_definition_is_parsed_once_for_many_state_machines(parses: list[str]) -> None:
    undo = definition_validation_cache.install(ValidDefinitions())
    try:
        with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
            for name in ("one", "two", "three"):
                _create(name, VALID)
    finally:
        undo()

    assert parses == [VALID]


def test_an_invalid_definition_is_refused_every_time(parses: list[str]) -> None:
    undo = definition_validation_cache.install(ValidDefinitions())
    try:
        with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
            for name in ("one", "two"):
                with pytest.raises(ClientError, match="ASLParserException"):
                    _create(name, INVALID)
    finally:
        undo()

    assert parses == [INVALID, INVALID]


def test_undoing_the_adapter_validates_as_moto_does_again(parses: list[str]) -> None:
    definition_validation_cache.install(ValidDefinitions())()

    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        _create("one", VALID)
        _create("two", VALID)

    assert parses == [VALID, VALID]
