"""Versions and aliases of a state machine, which moto half-implements: it cannot publish a version of the current
revision (PublishStateMachineVersion) and refuses to start an execution through a version or an alias. For each
gap one test shows it upstream (it fails when moto closes it) and the others show the adapters close it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from bookmarks_flow.local.moto_adapters import qualified_executions, state_machine_versions
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.workflow import wait_for

ROLE = "arn:aws:iam::123456789012:role/workflow"


def _answering(result: str) -> str:
    answer = {"Type": "Pass", "Result": {"answer": result}, "End": True}
    return json.dumps({"StartAt": "Answer", "States": {"Answer": answer}})


@pytest.fixture
def sfn() -> Iterator[Any]:
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        yield boto3.client("stepfunctions", region_name="us-east-1")


@pytest.fixture
def adapters() -> Iterator[None]:
    undos: list[Undo] = [state_machine_versions.install(), qualified_executions.install()]
    yield
    for undo in reversed(undos):
        undo()


def _machine(sfn: Any) -> str:
    return str(sfn.create_state_machine(name="answers", definition=_answering("one"), roleArn=ROLE)["stateMachineArn"])


def _finished(sfn: Any, execution_arn: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        described: dict[str, Any] = sfn.describe_execution(executionArn=execution_arn)
        return described if described["status"] != "RUNNING" else None

    result: dict[str, Any] = wait_for(done, 10, f"{execution_arn} to finish")
    return result


def test_upstream_still_cannot_publish_a_version(sfn: Any) -> None:
    with pytest.raises(NotImplementedError):
        sfn.publish_state_machine_version(stateMachineArn=_machine(sfn))


def test_upstream_still_refuses_to_start_through_an_alias(sfn: Any) -> None:
    arn = sfn.create_state_machine(name="answers", definition=_answering("one"), roleArn=ROLE, publish=True)
    sfn.create_state_machine_alias(
        name="live", routingConfiguration=[{"stateMachineVersionArn": arn["stateMachineVersionArn"], "weight": 100}]
    )

    with pytest.raises(ClientError, match="StateMachineDoesNotExist"):
        sfn.start_execution(stateMachineArn=f"{arn['stateMachineArn']}:live", name="through-the-alias")


@pytest.mark.usefixtures("adapters")
def test_publishing_the_same_revision_twice_gives_the_same_version(sfn: Any) -> None:
    machine = _machine(sfn)
    revision = sfn.describe_state_machine(stateMachineArn=machine)["revisionId"]

    first = sfn.publish_state_machine_version(stateMachineArn=machine, revisionId=revision)
    again = sfn.publish_state_machine_version(stateMachineArn=machine)

    assert first["stateMachineVersionArn"] == again["stateMachineVersionArn"] == f"{machine}:1"


@pytest.mark.usefixtures("adapters")
def test_publishing_a_revision_that_is_no_longer_current_is_a_conflict(sfn: Any) -> None:
    machine = _machine(sfn)
    stale = sfn.describe_state_machine(stateMachineArn=machine)["revisionId"]
    sfn.update_state_machine(stateMachineArn=machine, definition=_answering("two"))

    with pytest.raises(ClientError, match="ConflictException"):
        sfn.publish_state_machine_version(stateMachineArn=machine, revisionId=stale)
    assert sfn.describe_state_machine(stateMachineArn=machine)["revisionId"] != stale


@pytest.mark.usefixtures("adapters")
def test_an_execution_through_an_alias_runs_its_version_and_records_both(sfn: Any) -> None:
    machine = _machine(sfn)
    version = sfn.publish_state_machine_version(stateMachineArn=machine)["stateMachineVersionArn"]
    alias = sfn.create_state_machine_alias(
        name="live", routingConfiguration=[{"stateMachineVersionArn": version, "weight": 100}]
    )["stateMachineAliasArn"]
    sfn.update_state_machine(stateMachineArn=machine, definition=_answering("two"))

    started = sfn.start_execution(stateMachineArn=alias, name="through-the-alias", input="{}")
    described = _finished(sfn, started["executionArn"])

    assert started["executionArn"].endswith(":execution:answers:through-the-alias")
    assert json.loads(described["output"]) == {"answer": "one"}
    assert (described["stateMachineArn"], described["stateMachineVersionArn"], described["stateMachineAliasArn"]) == (
        machine,
        version,
        alias,
    )


@pytest.mark.usefixtures("adapters")
def test_an_execution_of_the_state_machine_itself_runs_the_latest_revision_and_names_no_version(sfn: Any) -> None:
    machine = _machine(sfn)
    sfn.publish_state_machine_version(stateMachineArn=machine)
    sfn.update_state_machine(stateMachineArn=machine, definition=_answering("two"))

    described = _finished(sfn, sfn.start_execution(stateMachineArn=machine, name="unqualified")["executionArn"])

    assert json.loads(described["output"]) == {"answer": "two"}
    assert "stateMachineVersionArn" not in described


@pytest.mark.usefixtures("adapters")
def test_an_alias_that_does_not_exist_is_a_state_machine_that_does_not_exist(sfn: Any) -> None:
    machine = _machine(sfn)

    with pytest.raises(ClientError, match="StateMachineDoesNotExist"):
        sfn.start_execution(stateMachineArn=f"{machine}:missing", name="nowhere")
