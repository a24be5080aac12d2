"""The definition validation cache: a definition that parsed once is not parsed again on CreateStateMachine; an
invalid one is still parsed and refused every time; undoing the adapter leaves moto as it was."""

from __future__ import annotations

import inspect
import json
import textwrap
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters import definition_validation_cache, parsed_definition_cache
from bookmarks_flow.local.moto_adapters.definition_validation_cache import ValidDefinitions
from bookmarks_flow.local.moto_adapters.parsed_definition_cache import ParsedDefinitions
from bookmarks_flow.local.moto_adapters.patching import replace_attribute
from tests.support.moto_machines import finish

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


def test_upstream_validation_is_still_one_parse_refused_with_these_messages() -> None:
    """parse_into repeats it around the parsed-definition cache: when moto changes it, parse_into must follow."""
    source = textwrap.dedent(inspect.getsource(StepFunctionsParserBackend._validate_definition))
    assert source.count("AmazonStateLanguageParser.parse(definition)") == 1
    assert "raise InvalidDefinition(message=repr(asl_parser_exception))" in source
    assert "message=f\"Error={exception_name} Args={exception_args} in definition '{definition}'.\"" in source


def _refusal(definition: str) -> str:
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}), pytest.raises(ClientError) as refused:
        _create("refused", definition)
    return str(refused.value)


def test_with_the_parse_cache_a_new_definition_is_parsed_once_for_its_validation_and_its_executions(
    parses: list[str],
) -> None:
    programs = ParsedDefinitions()
    undos = [
        definition_validation_cache.install(ValidDefinitions(), programs),
        parsed_definition_cache.install(programs),
    ]
    try:
        with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
            sfn = boto3.client("stepfunctions", region_name="us-east-1")
            arn = sfn.create_state_machine(name="one", definition=VALID, roleArn=ROLE)["stateMachineArn"]
            for name in ("a", "b"):
                execution = sfn.start_execution(stateMachineArn=arn, name=name, input="{}")
                assert finish(sfn, execution["executionArn"])["status"] == "SUCCEEDED"
    finally:
        for undo in reversed(undos):
            undo()

    assert parses == [VALID]
    assert programs.parses == 1


def test_with_the_parse_cache_an_invalid_definition_is_refused_as_moto_refuses_it_every_time(
    parses: list[str],
) -> None:
    stock = _refusal(INVALID)
    undo = definition_validation_cache.install(ValidDefinitions(), ParsedDefinitions())
    try:
        assert [_refusal(INVALID), _refusal(INVALID)] == [stock, stock]
    finally:
        undo()

    assert "ASLParserException" in stock
    assert parses == [INVALID] * 3
